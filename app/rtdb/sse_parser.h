#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace oiso::rtdb {

// One dispatched Server-Sent Event. Fields stay UTF-8 bytes: the JSON decoder downstream reads
// UTF-8 directly, and the parser only ever cuts at line terminators, so a multi-byte character is
// never split.
struct SseEvent {
    QByteArray type = QByteArrayLiteral("message"); // the `event:` field, "message" when absent
    QByteArray data;                                // the `data:` lines joined with '\n'
    QByteArray id; // the last `id:` seen on this stream (it persists across events, as in SSE)

    friend bool operator==(const SseEvent&, const SseEvent&) = default;
};

// An incremental text/event-stream parser (reference §6.2, WHATWG "event stream interpretation").
// Bytes arrive in arbitrary pieces; feed() returns the events that became complete.
//
// * Lines end with "\n", "\r\n" or a lone "\r". A "\r" that ends one chunk is taken as a line end
//   at once, and a "\n" starting the next chunk is then skipped as its second half, so CRLF split
//   across reads never produces an extra empty line (which would dispatch an event early).
// * An incomplete line stays buffered, partial UTF-8 included, until its terminator arrives.
// * An empty line dispatches the pending event when it has data or a type; otherwise nothing.
// * Comment lines (":…") are ignored but counted as activity for liveness watchdogs.
// * A line, or one event's data, longer than the bound puts the parser into an error state
//   instead of growing without limit; feed() then returns nothing until reset().
class SseParser {
public:
    static constexpr qsizetype kDefaultMaxLineBytes = qsizetype(64) * 1024 * 1024;

    explicit SseParser(qsizetype maxLineBytes = kDefaultMaxLineBytes);

    std::vector<SseEvent> feed(QByteArrayView bytes);

    // Prepares for a new connection: drops buffered bytes, a half-received event (a final event
    // without its blank line is discarded, §6.2) and the error state. The last event id and the
    // retry hint are kept, as an EventSource keeps them across reconnections.
    void reset();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // The server's `retry:` hint in milliseconds, for the reconnection backoff.
    std::optional<std::int64_t> retryMs() const { return m_retryMs; }
    QByteArray lastEventId() const { return m_lastEventId; }

    // Grows with every complete line (blank lines and comments included), so a watchdog can tell
    // whether anything arrived since it last looked without caring what it was.
    std::uint64_t activity() const { return m_activity; }
    std::uint64_t commentCount() const { return m_comments; }

private:
    void processLine(QByteArrayView line, std::vector<SseEvent>& out);
    void processField(QByteArrayView name, QByteArrayView value);
    void dispatch(std::vector<SseEvent>& out);
    void fail(const QString& message);

    qsizetype m_maxLineBytes;
    QByteArray m_pending;        // bytes of the current incomplete line
    bool m_skipLf = false;       // the previous chunk ended with '\r': a leading '\n' belongs to it
    bool m_atStreamStart = true; // a UTF-8 byte order mark may open the stream
    QByteArray m_type;
    QByteArray m_data;
    bool m_hasData = false; // "data:" with an empty value still counts as data
    QByteArray m_lastEventId;
    std::optional<std::int64_t> m_retryMs;
    std::uint64_t m_activity = 0;
    std::uint64_t m_comments = 0;
    QString m_error;
};

} // namespace oiso::rtdb
