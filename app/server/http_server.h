#pragma once

#include "http_types.h"

#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace oiso::server {

// An open Server-Sent-Events response. Thread-safe: send() may be called from any thread; the
// bytes are written in the order of the calls.
class EventStream {
public:
    virtual ~EventStream() = default;
    virtual void send(const QByteArray& eventBytes) = 0;
    // Sends `eventBytes` at `when` (unless the stream is gone by then), then ends the stream.
    virtual void sendFinalEventAt(std::chrono::steady_clock::time_point when,
                                  QByteArray eventBytes) = 0;
    virtual void close() = 0;
};

// How a handler answers a request: exactly once with respond(), from any thread, or by turning
// the connection into an event stream.
class Responder {
public:
    virtual ~Responder() = default;
    virtual void respond(HttpResponse response) = 0;
    // Sends the event-stream response headers. `onClosed` runs once, on a server thread, when
    // the stream ends for any reason (client gone, close(), server stopping).
    virtual std::shared_ptr<EventStream> startEventStream(std::function<void()> onClosed) = 0;
};

using RequestHandler = std::function<void(HttpRequest, std::shared_ptr<Responder>)>;

struct HttpServerOptions {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    int threads = 2;
    std::chrono::seconds keepAliveInterval{30}; // idle event streams get a keep-alive event
    std::size_t maxBodyBytes = 64 * 1024 * 1024;
};

// HTTP/1.1 front end on Boost.Beast: keep-alive, pipelining-safe sequential handling per
// connection, chunked event streams, many concurrent clients on a few threads of its own.
class HttpServer {
public:
    HttpServer(HttpServerOptions options, RequestHandler handler);
    ~HttpServer(); // stop()

    bool start(QString* error); // binds and starts the threads
    void stop();                // closes the listener and every connection, joins the threads
    quint16 port() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace oiso::server
