#pragma once
// The event streams of oiso-server-bench's PUT phase: many SSE streams on one location, read by
// one thread, each checking that it receives every writer's messages exactly once, in order.

#include "load_bench_failures.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace oiso::bench {

// The key of a writer's n-th message: zero-padded so keys increase with n, and carrying the
// writer, so a stream can tell which writer's order an event belongs to.
std::string messageKey(int sequence, int writer);
bool parseMessageKey(std::string_view key, int* sequence, int* writer);

// One stream: reads the chunked SSE response (event text may span chunks and reads) and checks
// every event. Used by StreamWatchers' thread only, except the progress accessors.
class StreamWatcher {
public:
    using Clock = std::chrono::steady_clock;
    StreamWatcher(int index, int writers, std::atomic<int>& initialised, Failures& failures);

    // Progress, read by other threads while the stream runs.
    long received() const { return m_received.load(std::memory_order_relaxed); }
    bool failed() const { return m_failed.load(); }
    // The rest only once the watchers have stopped.
    const std::vector<int>& nextSequences() const { return m_next; }
    std::uint64_t orderHash() const { return m_orderHash; }
    Clock::time_point lastEventAt() const { return m_lastEventAt; }

private:
    friend class StreamWatchers;
    enum class State { Header, ChunkSize, ChunkData, ChunkEnd, Done };

    bool consume(const char* data, std::size_t size); // false: stop reading this stream
    bool readHeader(const char*& data, const char* end);
    void splitEvents();
    void handleEvent(std::string_view block);
    void fail(const std::string& text);

    int m_fd = -1;
    int m_index;
    int m_writers;
    std::atomic<int>& m_initialised;
    Failures& m_failures;
    State m_state = State::Header;
    std::string m_header;   // the response header so far
    std::string m_sizeLine; // a chunk-size line so far
    std::size_t m_chunkLeft = 0;
    int m_chunkEndLeft = 0; // bytes of the CRLF after a chunk's data still to come
    std::string m_text;     // received event text not yet split into events
    long m_count = 0;
    bool m_initialisedSeen = false;
    bool m_closing = false;
    std::atomic<bool> m_failed{false};
    std::atomic<long> m_received{0};
    std::vector<int> m_next; // per writer: the sequence number due next
    std::uint64_t m_orderHash = 14695981039346656037ull;
    Clock::time_point m_lastEventAt;
};

// All streams, on one thread of plain non-blocking sockets and epoll: the server should be the
// busy one, and the load generator's own cost per event is part of the figures (it shares the
// cores), so a wake-up reads everything a stream has and takes one system call.
class StreamWatchers {
public:
    StreamWatchers(int streams, int writers, Failures& failures);
    ~StreamWatchers(); // stop()

    // Connects every stream to host:port (IPv4), sends the requests and starts reading.
    bool start(const std::string& address, unsigned short port, const std::string& hostHeader,
               const std::string& target);
    int initialised() const { return m_initialised.load(); }
    // Stops reading (the server's sends then fill the sockets and wait) and starts again.
    void setPaused(bool paused);
    void stop(); // closes the streams from the client side and ends the thread

    const std::vector<std::unique_ptr<StreamWatcher>>& streams() const { return m_streams; }

private:
    void run();

    Failures& m_failures;
    std::atomic<int> m_initialised{0};
    std::vector<std::unique_ptr<StreamWatcher>> m_streams;
    int m_epoll = -1;
    std::mutex m_pauseMutex;
    std::condition_variable m_unpaused;
    bool m_paused = false; // guarded by m_pauseMutex
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

} // namespace oiso::bench
