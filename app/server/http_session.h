#pragma once

#include "http_server.h"

#include <QByteArray>

#include <boost/asio/buffer.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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
// reach it through post(). Requests are handled one after another (the next request is read once
// the response is written), so pipelined requests are answered in order.
//
// The event-stream half (http_session_stream.cpp) is the exception: its writes come straight from
// the database's delivery thread, so that stream events cost no hop through the strand and never
// queue up in front of requests on the io threads. That state is guarded by m_streamMutex.
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
    void scheduleFinalEvent(std::chrono::steady_clock::time_point when, std::string bytes);
    void endEventStream();

    // Any thread: sends complete events on the stream, in call order, after its header. Never
    // blocks: what the socket cannot take now waits, up to the slow-consumer limit.
    void sendEvents(QByteArray bytes);

    boost::asio::any_io_executor executor() { return m_stream.get_executor(); }

private:
    // What a stream write leaves to the strand.
    enum class Then { Nothing, WaitForRoom, Close };

    void readHeader();
    void onHeader(boost::beast::error_code ec);
    void readBody();
    void onRequest(boost::beast::error_code ec);
    void answerAndClose(int status, const char* message);
    bool queueLocked(QByteArray bytes); // false: over the limit, the stream is to be closed
    Then flushLocked();
    bool sendLocked(boost::beast::error_code& ec);
    void then(Then next);
    void onRoom(boost::beast::error_code ec);
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
    std::function<void()> m_onStreamClosed;
    boost::asio::steady_timer m_keepAliveTimer;
    boost::asio::steady_timer m_finalEventTimer;
    char m_discard[512];

    // The event stream, guarded by m_streamMutex; so is every use of the socket once the stream
    // has begun (a send from another thread must never meet a closed or reused descriptor).
    // The vectors are swapped and cleared, not reallocated, from one send to the next.
    std::mutex m_streamMutex;
    bool m_streamBegun = false;        // the header is queued; events before it wait
    bool m_streamEnding = false;       // endEventStream(): the last chunk follows what is queued
    bool m_streamClosed = false;       // nothing more is written
    bool m_lastChunkSent = false;      // it is part of the send under way (or sent)
    bool m_waitingForRoom = false;     // the socket was full; the strand waits until it is writable
    QByteArray m_streamHeader;         // the response header, until it is sent
    std::vector<QByteArray> m_queued;  // events for the next send
    std::vector<QByteArray> m_sending; // the bytes the send under way points into
    std::vector<boost::asio::const_buffer> m_buffers; // what is left of it
    std::size_t m_nextBuffer = 0;
    char m_chunkHeader[24];
    std::size_t m_queuedBytes = 0;  // queued and under way, against the slow-consumer limit
    std::size_t m_sendingBytes = 0; // of those, under way
    std::chrono::steady_clock::time_point m_lastEventAt;
};

// The EventStream handed to request handlers for a session turned into an event stream.
std::shared_ptr<EventStream> makeSessionEventStream(std::weak_ptr<HttpSession> session);

} // namespace oiso::server
