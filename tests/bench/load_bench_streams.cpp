#include "load_bench_streams.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace oiso::bench {

std::string messageKey(int sequence, int writer)
{
    char key[32];
    std::snprintf(key, sizeof key, "%08d_%02d", sequence, writer);
    return key;
}

bool parseMessageKey(std::string_view key, int* sequence, int* writer)
{
    if (key.size() != 11 || key[8] != '_')
        return false;
    int values[2] = {0, 0};
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (i == 8)
            continue;
        if (key[i] < '0' || key[i] > '9')
            return false;
        int& value = values[i < 8 ? 0 : 1];
        value = value * 10 + (key[i] - '0');
    }
    *sequence = values[0];
    *writer = values[1];
    return true;
}

// ---------------------------------------------------------------------------------------------

StreamWatcher::StreamWatcher(int index, int writers, std::atomic<int>& initialised,
                             Failures& failures)
    : m_index(index)
    , m_writers(writers)
    , m_initialised(initialised)
    , m_failures(failures)
    , m_next(static_cast<std::size_t>(writers), 0)
{
}

bool StreamWatcher::consume(const char* data, std::size_t size)
{
    const char* end = data + size;
    const long before = m_count;
    while (data < end) {
        switch (m_state) {
        case State::Header:
            if (!readHeader(data, end))
                return false;
            break;
        case State::ChunkSize: {
            // "<hex size>[;extensions]\r\n"
            const char* newline = std::find(data, end, '\n');
            m_sizeLine.append(data, newline);
            if (newline == end)
                return true; // the rest of the line comes with the next read
            data = newline + 1;
            std::size_t chunk = 0;
            std::size_t digits = 0;
            for (const char c : m_sizeLine) {
                const int value = c >= '0' && c <= '9'   ? c - '0'
                                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                         : -1;
                if (value < 0)
                    break;
                chunk = chunk * 16 + std::size_t(value);
                ++digits;
            }
            const bool wellFormed = digits > 0 && m_sizeLine.ends_with('\r');
            m_sizeLine.clear();
            if (!wellFormed) {
                fail("stream broke: a bad chunk header");
                return false;
            }
            if (chunk == 0) {
                m_state = State::Done;
                fail("the server ended the stream");
                return false;
            }
            m_chunkLeft = chunk;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const std::size_t take = std::min(m_chunkLeft, std::size_t(end - data));
            m_text.append(data, take);
            data += take;
            m_chunkLeft -= take;
            if (m_chunkLeft == 0) {
                m_state = State::ChunkEnd;
                m_chunkEndLeft = 2;
            }
            break;
        }
        case State::ChunkEnd:
            if (*data != (m_chunkEndLeft == 2 ? '\r' : '\n')) {
                fail("stream broke: a chunk without its CRLF");
                return false;
            }
            ++data;
            if (--m_chunkEndLeft == 0)
                m_state = State::ChunkSize;
            break;
        case State::Done:
            return false;
        }
    }
    splitEvents();
    if (m_count != before) {
        m_lastEventAt = Clock::now();
        m_received.store(m_count, std::memory_order_relaxed);
    }
    return true;
}

bool StreamWatcher::readHeader(const char*& data, const char* end)
{
    const std::size_t had = m_header.size();
    m_header.append(data, end);
    const std::size_t blank = m_header.find("\r\n\r\n", had >= 3 ? had - 3 : 0);
    if (blank == std::string::npos) {
        data = end;
        if (m_header.size() > 64 * 1024) {
            fail("no response header: it never ends");
            return false;
        }
        return true;
    }
    data = end - (m_header.size() - (blank + 4)); // the body starts right after the blank line
    std::string header = m_header.substr(0, blank + 2);
    std::transform(header.begin(), header.end(), header.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    const bool ok = header.starts_with("http/1.1 200 ") || header.starts_with("http/1.0 200 ");
    const bool chunked = header.find("\r\ntransfer-encoding: chunked\r\n") != std::string::npos;
    if (!ok || !chunked) {
        fail("not a chunked 200 stream");
        return false;
    }
    m_header.clear();
    m_state = State::ChunkSize;
    return true;
}

void StreamWatcher::splitEvents()
{
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = m_text.find("\n\n", start);
        if (end == std::string::npos)
            break;
        handleEvent(std::string_view(m_text).substr(start, end - start));
        start = end + 2;
    }
    m_text.erase(0, start);
}

void StreamWatcher::handleEvent(std::string_view block)
{
    std::string_view type;
    std::string_view data;
    while (!block.empty()) {
        const std::size_t newline = block.find('\n');
        std::string_view line = block.substr(0, newline);
        block = newline == std::string_view::npos ? std::string_view() : block.substr(newline + 1);
        const std::size_t colon = line.find(':');
        std::string_view field = line.substr(0, colon);
        std::string_view value =
            colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
        if (value.starts_with(' '))
            value.remove_prefix(1);
        if (field == "event")
            type = value;
        else if (field == "data")
            data = value; // the server sends one data line per event
    }
    if (type == "keep-alive")
        return;
    if (type != "put")
        return fail("unexpected \"" + std::string(type) + "\" event");
    // {"path":"/<key>","data":…}: the server writes the path first, as the service does.
    constexpr std::string_view prefix = "{\"path\":\"/";
    if (!data.starts_with(prefix))
        return fail("a put without a path: " + std::string(data.substr(0, 80)));
    data.remove_prefix(prefix.size());
    const std::size_t quote = data.find('"');
    const std::string_view key = data.substr(0, quote);
    if (!m_initialisedSeen) {
        if (!key.empty())
            return fail("the first event was not a put at /");
        m_initialisedSeen = true;
        m_initialised.fetch_add(1);
        return;
    }
    int sequence = 0;
    int writer = 0;
    if (!parseMessageKey(key, &sequence, &writer) || writer >= m_writers ||
        !data.substr(quote).starts_with("\",\"data\":{"))
        return fail("an event for an unexpected location: " + std::string(key));
    int& next = m_next[static_cast<std::size_t>(writer)];
    if (sequence != next) {
        fail("writer " + std::to_string(writer) + "'s message " + std::to_string(sequence) +
             " arrived when " + std::to_string(next) + " was due");
    }
    next = std::max(next, sequence + 1);
    // All streams must see the same (commit) order; a hash of the sequence shows it.
    m_orderHash =
        (m_orderHash ^ (std::uint64_t(writer) << 32 | std::uint64_t(sequence))) * 1099511628211ull;
    ++m_count;
}

void StreamWatcher::fail(const std::string& text)
{
    if (m_closing)
        return;
    m_failed = true;
    m_failures.add("stream " + std::to_string(m_index) + ": " + text);
}

// ---------------------------------------------------------------------------------------------

StreamWatchers::StreamWatchers(int streams, int writers, Failures& failures)
    : m_failures(failures)
{
    for (int i = 0; i < streams; ++i)
        m_streams.push_back(std::make_unique<StreamWatcher>(i, writers, m_initialised, failures));
}

StreamWatchers::~StreamWatchers()
{
    stop();
    for (auto& stream : m_streams) {
        if (stream->m_fd >= 0)
            ::close(stream->m_fd);
    }
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool StreamWatchers::start(const std::string& address, unsigned short port,
                           const std::string& hostHeader, const std::string& target)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    if (m_epoll < 0 || ::inet_pton(AF_INET, address.c_str(), &server.sin_addr) != 1) {
        m_failures.add("streams: cannot use the address " + address);
        return false;
    }
    const std::string request = "GET " + target + " HTTP/1.1\r\nHost: " + hostHeader +
                                "\r\nAccept: text/event-stream\r\n\r\n";
    for (auto& stream : m_streams) {
        // Blocking while connecting and asking (both instant on loopback), non-blocking after.
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        stream->m_fd = fd;
        const int one = 1;
        if (fd < 0 ||
            ::connect(fd, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0 ||
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 ||
            ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()) ||
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
            stream->fail(std::string("cannot connect: ") + std::strerror(errno));
            return false;
        }
        epoll_event interest{};
        interest.events = EPOLLIN;
        interest.data.ptr = stream.get();
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &interest) != 0) {
            stream->fail(std::string("cannot watch the stream: ") + std::strerror(errno));
            return false;
        }
    }
    m_thread = std::thread([this] { run(); });
    return true;
}

void StreamWatchers::setPaused(bool paused)
{
    {
        std::lock_guard lock(m_pauseMutex);
        m_paused = paused;
    }
    m_unpaused.notify_all();
}

void StreamWatchers::stop()
{
    if (!m_thread.joinable())
        return;
    m_stopping = true;
    setPaused(false);
    m_thread.join();
    for (auto& stream : m_streams) {
        stream->m_closing = true; // what the server says from now on is not its failure
        if (stream->m_fd >= 0) {
            ::shutdown(stream->m_fd, SHUT_RDWR);
            ::close(stream->m_fd);
            stream->m_fd = -1;
        }
    }
}

void StreamWatchers::run()
{
    // One buffer for all streams: a stream's unfinished event and chunk state are its own.
    std::vector<char> buffer(256 * 1024);
    epoll_event ready[128];
    while (!m_stopping.load(std::memory_order_relaxed)) {
        {
            std::unique_lock lock(m_pauseMutex);
            m_unpaused.wait(lock, [this] { return !m_paused; });
        }
        const int count = ::epoll_wait(m_epoll, ready, 128, 10);
        for (int i = 0; i < count; ++i) {
            auto* stream = static_cast<StreamWatcher*>(ready[i].data.ptr);
            bool keep = true;
            for (;;) {
                const ssize_t got = ::recv(stream->m_fd, buffer.data(), buffer.size(), 0);
                if (got > 0) {
                    keep = stream->consume(buffer.data(), std::size_t(got));
                    if (!keep || std::size_t(got) < buffer.size())
                        break; // (a short read took all there was)
                    continue;
                }
                if (got < 0 && errno == EINTR)
                    continue;
                if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                    break;
                stream->fail(got == 0 ? std::string("stream broke: end of stream")
                                      : "stream broke: " + std::string(std::strerror(errno)));
                keep = false;
                break;
            }
            if (!keep)
                ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, stream->m_fd, nullptr);
        }
    }
}

} // namespace oiso::bench
