#pragma once

#include "http_server.h"

#include <QByteArray>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <string>

namespace oiso::server {

class HttpSession;

// Lets the server find its open connections when it stops.
class SessionRegistry {
public:
    virtual ~SessionRegistry() = default;
    virtual void add(const std::shared_ptr<HttpSession>& session) = 0;
    virtual void remove(HttpSession* session) = 0;
};

// One client connection. Every member is used only on the connection's strand; other threads
// reach it through post(). Requests are handled one after another (the next request is read
// once the response is written), so pipelined requests are answered in order.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    struct Options {
        std::chrono::seconds keepAliveInterval;
        std::size_t maxBodyBytes;
    };

    HttpSession(boost::asio::ip::tcp::socket socket, const RequestHandler& handler, Options options,
                SessionRegistry& registry);
    ~HttpSession();

    void start();
    std::future<void> shutdown(); // closes the connection; the future is ready once closed

    // Called by the responder objects (through post onto the strand).
    void writeResponse(HttpResponse response);
    void beginEventStream(std::function<void()> onClosed);
    void queueEvent(QByteArray bytes);
    void scheduleFinalEvent(std::chrono::steady_clock::time_point when, std::string bytes);
    void endEventStream();

    boost::asio::any_io_executor executor() { return m_stream.get_executor(); }

private:
    enum class Pending { Raw, Chunk, LastChunk };
    struct Write {
        Pending kind;
        QByteArray bytes; // implicitly shared: one event's bytes serve every stream unchanged
    };

    void readHeader();
    void onHeader(boost::beast::error_code ec);
    void readBody();
    void onRequest(boost::beast::error_code ec);
    void answerAndClose(int status, const char* message);
    void enqueue(Write write);
    void writeNext();
    void armKeepAlive(std::chrono::steady_clock::time_point when);
    void watchForDisconnect();
    void close();

    boost::beast::tcp_stream m_stream;
    boost::beast::flat_buffer m_buffer;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> m_parser;
    const RequestHandler& m_handler;
    Options m_options;
    SessionRegistry& m_registry;

    bool m_keepAlive = true;
    unsigned m_httpVersion = 11;
    bool m_closed = false;
    bool m_streaming = false;
    bool m_endAfterWrites = false;
    std::deque<Write> m_writes;
    std::size_t m_queuedBytes = 0;
    bool m_writing = false;
    std::function<void()> m_onStreamClosed;
    std::chrono::steady_clock::time_point m_lastEventAt;
    boost::asio::steady_timer m_keepAliveTimer;
    boost::asio::steady_timer m_finalEventTimer;
    char m_discard[512];
};

} // namespace oiso::server
