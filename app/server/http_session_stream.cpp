// The event-stream half of HttpSession: the chunked Server-Sent-Events response, its keep-alive
// and final events, and the path every stream event takes. With a hundred streams on a location
// each write becomes a hundred of these, so events are sent right from the database's delivery
// thread, in one gathered, non-blocking send per delivery round, with no hop through the strand
// (docs/benchmarks.md). Only a full socket buffer involves the strand, to wait for room.
#include "http_session.h"

#include <boost/asio/post.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>

#include <cstdio>
#include <span>
#include <sstream>

namespace oiso::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// A client that reads its event stream slower than events arrive is cut off past this backlog.
constexpr std::size_t kMaxQueuedStreamBytes = 64 * 1024 * 1024;

constexpr char kCrLf[] = "\r\n";
constexpr char kLastChunk[] = "0\r\n\r\n"; // ends the chunked body

class SessionEventStream final : public EventStream {
public:
    explicit SessionEventStream(std::weak_ptr<HttpSession> session)
        : m_session(std::move(session))
    {
    }
    void send(const QByteArray& eventBytes) override
    {
        if (auto session = m_session.lock())
            session->sendEvents(eventBytes);
    }
    void sendFinalEventAt(std::chrono::steady_clock::time_point when,
                          QByteArray eventBytes) override
    {
        if (auto session = m_session.lock()) {
            net::post(session->executor(), [session, when, bytes = eventBytes.toStdString()] {
                session->scheduleFinalEvent(when, bytes);
            });
        }
    }
    void close() override
    {
        // Events sent before this call are queued or sent already, so the end comes after them.
        if (auto session = m_session.lock())
            net::post(session->executor(), [session] { session->endEventStream(); });
    }

private:
    std::weak_ptr<HttpSession> m_session;
};

} // namespace

std::shared_ptr<EventStream> makeSessionEventStream(std::weak_ptr<HttpSession> session)
{
    return std::make_shared<SessionEventStream>(std::move(session));
}

void HttpSession::beginEventStream(std::function<void()> onClosed)
{
    m_onStreamClosed = std::move(onClosed);
    if (m_closed) {
        if (auto callback = std::exchange(m_onStreamClosed, nullptr))
            callback();
        return;
    }
    http::response<http::empty_body> header{http::status::ok, m_httpVersion};
    header.set(http::field::content_type, "text/event-stream; charset=utf-8");
    header.set(http::field::cache_control, "no-cache");
    header.set(http::field::access_control_allow_origin, "*");
    header.chunked(true);
    header.keep_alive(false); // the stream ends with the connection
    std::ostringstream serialised;
    serialised << header.base();
    Then next = Then::Nothing;
    std::chrono::steady_clock::time_point keepAliveDue;
    {
        std::lock_guard lock(m_streamMutex);
        m_streamBegun = true;
        m_streamHeader = QByteArray::fromStdString(serialised.str());
        // Sends must never block the delivery thread; a full socket buffer makes them wait on
        // the strand instead (onRoom). Asynchronous operations are unaffected by this flag.
        beast::error_code ignored;
        m_stream.socket().non_blocking(true, ignored);
        m_lastEventAt = std::chrono::steady_clock::now();
        keepAliveDue = m_lastEventAt + m_options.keepAliveInterval;
        next = flushLocked(); // the header, and the events that came before it
    }
    then(next);
    if (m_closed)
        return; // (a re-armed timer would keep the closed session for a keep-alive interval)
    armKeepAlive(keepAliveDue);
    watchForDisconnect();
}

void HttpSession::sendEvents(QByteArray bytes)
{
    Then next = Then::Nothing;
    {
        std::lock_guard lock(m_streamMutex);
        if (m_streamClosed || m_streamEnding || bytes.isEmpty())
            return; // (an empty chunk would end the body)
        if (!queueLocked(std::move(bytes)))
            next = Then::Close;
        else if (m_streamBegun)
            next = flushLocked();
    }
    if (next != Then::Nothing) {
        // Not on the strand here: what is left to do goes there.
        net::post(m_stream.get_executor(), [self = shared_from_this(), next] { self->then(next); });
    }
}

bool HttpSession::queueLocked(QByteArray bytes)
{
    m_queuedBytes += std::size_t(bytes.size());
    if (m_queuedBytes > kMaxQueuedStreamBytes) {
        // The client does not keep up; it reconnects and gets a fresh snapshot. Nothing more is
        // written from here on; the caller has the strand close the connection.
        m_streamClosed = true;
        return false;
    }
    m_queued.push_back(std::move(bytes));
    m_lastEventAt = std::chrono::steady_clock::now();
    return true;
}

HttpSession::Then HttpSession::flushLocked()
{
    for (;;) {
        if (m_streamClosed)
            return Then::Nothing;
        if (m_waitingForRoom)
            return Then::Nothing; // onRoom() goes on
        if (m_nextBuffer < m_buffers.size()) {
            beast::error_code ec;
            if (!sendLocked(ec)) {
                if (ec != net::error::would_block && ec != net::error::try_again)
                    return Then::Close;
                m_waitingForRoom = true;
                return Then::WaitForRoom;
            }
            m_queuedBytes -= std::min(m_queuedBytes, m_sendingBytes);
            m_sendingBytes = 0;
            m_sending.clear();
            m_buffers.clear();
            m_nextBuffer = 0;
            if (m_lastChunkSent)
                return Then::Close; // the stream is over
        }
        // Everything waiting goes out in one gathered send, without copying: the header (the
        // first time), every queued event as one chunk, and the last chunk when the stream
        // ends. A send per event would cost a system call and a wake-up of the reader each.
        if (!m_streamHeader.isEmpty()) {
            m_sending.push_back(std::exchange(m_streamHeader, {}));
            m_buffers.emplace_back(m_sending.back().constData(),
                                   std::size_t(m_sending.back().size()));
        }
        if (!m_queued.empty()) {
            std::size_t size = 0;
            for (const QByteArray& event : m_queued)
                size += std::size_t(event.size());
            const int length = std::snprintf(m_chunkHeader, sizeof m_chunkHeader, "%zx\r\n", size);
            m_buffers.emplace_back(m_chunkHeader, std::size_t(length));
            for (const QByteArray& event : m_queued)
                m_buffers.emplace_back(event.constData(), std::size_t(event.size()));
            m_buffers.emplace_back(kCrLf, sizeof kCrLf - 1);
            m_sendingBytes = size;
            if (m_sending.empty()) {
                m_sending.swap(m_queued); // both keep their capacity
            } else {
                m_sending.insert(m_sending.end(), std::make_move_iterator(m_queued.begin()),
                                 std::make_move_iterator(m_queued.end()));
                m_queued.clear();
            }
        }
        if (m_streamEnding && !m_lastChunkSent) {
            m_buffers.emplace_back(kLastChunk, sizeof kLastChunk - 1);
            m_lastChunkSent = true;
        }
        if (m_buffers.empty())
            return Then::Nothing;
    }
}

bool HttpSession::sendLocked(beast::error_code& ec)
{
    // Straight from the calling thread: the socket is non-blocking, and every other use of it
    // is under the same lock once the stream has begun.
    auto& socket = m_stream.socket();
    while (m_nextBuffer < m_buffers.size()) {
        std::size_t sent =
            socket.write_some(std::span(m_buffers).subspan(m_nextBuffer), ec); // ≤ 64 at a time
        if (ec)
            return false;
        while (sent > 0) {
            net::const_buffer& buffer = m_buffers[m_nextBuffer];
            if (sent < buffer.size()) {
                buffer += sent;
                break;
            }
            sent -= buffer.size();
            ++m_nextBuffer;
        }
    }
    return true;
}

void HttpSession::then(Then next)
{
    if (next == Then::Close)
        return close();
    if (next == Then::WaitForRoom) {
        std::lock_guard lock(m_streamMutex);
        if (!m_streamClosed) {
            m_stream.socket().async_wait(
                net::socket_base::wait_write,
                [self = shared_from_this()](beast::error_code ec) { self->onRoom(ec); });
        }
    }
}

void HttpSession::onRoom(beast::error_code ec)
{
    if (ec)
        return close();
    Then next = Then::Nothing;
    {
        std::lock_guard lock(m_streamMutex);
        m_waitingForRoom = false;
        next = flushLocked();
    }
    then(next);
}

void HttpSession::scheduleFinalEvent(std::chrono::steady_clock::time_point when, std::string bytes)
{
    if (m_closed)
        return;
    m_finalEventTimer.expires_at(when);
    m_finalEventTimer.async_wait([self = shared_from_this(),
                                  bytes = QByteArray::fromStdString(bytes)](beast::error_code ec) {
        if (ec || self->m_closed)
            return;
        bool queued = false;
        {
            std::lock_guard lock(self->m_streamMutex);
            if (!self->m_streamBegun || self->m_streamClosed || self->m_streamEnding)
                return;
            queued = self->queueLocked(bytes);
        }
        if (!queued)
            return self->close();
        self->endEventStream();
    });
}

void HttpSession::endEventStream()
{
    Then next = Then::Nothing;
    {
        std::lock_guard lock(m_streamMutex);
        if (!m_streamBegun || m_streamClosed || m_streamEnding)
            return;
        m_streamEnding = true;
        next = flushLocked();
    }
    then(next);
}

void HttpSession::armKeepAlive(std::chrono::steady_clock::time_point when)
{
    // One timer per stream, re-armed only when it fires: re-arming it for every event would
    // cost a cancellation per event on busy streams.
    m_keepAliveTimer.expires_at(when);
    m_keepAliveTimer.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec || self->m_closed)
            return;
        const auto interval = self->m_options.keepAliveInterval;
        Then next = Then::Nothing;
        std::chrono::steady_clock::time_point due;
        {
            std::lock_guard lock(self->m_streamMutex);
            if (self->m_streamClosed || self->m_streamEnding)
                return; // the stream is over
            if (std::chrono::steady_clock::now() - self->m_lastEventAt >= interval) {
                next = self->queueLocked(QByteArrayLiteral("event: keep-alive\ndata: null\n\n"))
                           ? self->flushLocked()
                           : Then::Close;
            }
            due = self->m_lastEventAt + interval;
        }
        self->then(next);
        if (!self->m_closed)
            self->armKeepAlive(due);
    });
}

void HttpSession::watchForDisconnect()
{
    // Nothing more is expected from a streaming client; a completed read means it went away.
    std::lock_guard lock(m_streamMutex);
    if (m_streamClosed)
        return;
    m_stream.async_read_some(net::buffer(m_discard),
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                 if (self->m_closed)
                                     return;
                                 if (ec)
                                     return self->close();
                                 self->watchForDisconnect();
                             });
}

} // namespace oiso::server
