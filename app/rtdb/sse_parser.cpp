#include "sse_parser.h"

#include <utility>

namespace oiso::rtdb {

namespace {

constexpr QByteArrayView kByteOrderMark("\xEF\xBB\xBF");

// Index of the first '\r' or '\n' at or after `from`, or bytes.size().
qsizetype findLineEnd(QByteArrayView bytes, qsizetype from)
{
    const char* begin = bytes.data();
    for (qsizetype i = from; i < bytes.size(); ++i) {
        if (begin[i] == '\n' || begin[i] == '\r')
            return i;
    }
    return bytes.size();
}

// `retry:` takes ASCII digits only (anything else is ignored, as in the SSE spec).
std::optional<std::int64_t> parseRetry(QByteArrayView value)
{
    constexpr qsizetype kMaxDigits = 15; // far beyond any sane delay, far below int64 overflow
    if (value.isEmpty() || value.size() > kMaxDigits)
        return std::nullopt;
    std::int64_t ms = 0;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        ms = ms * 10 + (c - '0');
    }
    return ms;
}

} // namespace

SseParser::SseParser(qsizetype maxLineBytes)
    : m_maxLineBytes(maxLineBytes)
{
}

std::vector<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    std::vector<SseEvent> out;
    if (hasError())
        return out;
    qsizetype pos = 0;
    if (m_skipLf && !bytes.isEmpty()) {
        if (bytes.front() == '\n')
            pos = 1;
        m_skipLf = false;
    }
    while (pos < bytes.size()) {
        const qsizetype end = findLineEnd(bytes, pos);
        const QByteArrayView piece = bytes.sliced(pos, end - pos);
        if (m_pending.size() + piece.size() > m_maxLineBytes) {
            fail(QStringLiteral("Event stream line longer than %1 bytes").arg(m_maxLineBytes));
            return out;
        }
        if (end == bytes.size()) {
            m_pending.append(piece); // the rest of this line comes with a later read
            break;
        }
        if (m_pending.isEmpty()) {
            processLine(piece, out);
        } else {
            m_pending.append(piece);
            const QByteArray line = std::exchange(m_pending, QByteArray());
            processLine(line, out);
        }
        if (hasError())
            return out;
        pos = end + 1;
        if (bytes[end] == '\r') {
            if (pos == bytes.size())
                m_skipLf = true; // its '\n', if any, is the first byte of the next read
            else if (bytes[pos] == '\n')
                ++pos;
        }
    }
    return out;
}

void SseParser::reset()
{
    m_pending.clear();
    m_skipLf = false;
    m_atStreamStart = true;
    m_type.clear();
    m_data.clear();
    m_hasData = false;
    m_error.clear();
}

void SseParser::processLine(QByteArrayView line, std::vector<SseEvent>& out)
{
    ++m_activity;
    if (m_atStreamStart) {
        m_atStreamStart = false;
        if (line.startsWith(kByteOrderMark))
            line = line.sliced(kByteOrderMark.size());
    }
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        processField(line, {}); // a line without a colon is a field name with an empty value
        return;
    }
    QByteArrayView value = line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1); // exactly one optional space
    processField(line.first(colon), value);
}

void SseParser::processField(QByteArrayView name, QByteArrayView value)
{
    if (name == "event") {
        m_type = value.toByteArray();
    } else if (name == "data") {
        if (m_data.size() + value.size() + 1 > m_maxLineBytes) {
            fail(
                QStringLiteral("Event stream event data longer than %1 bytes").arg(m_maxLineBytes));
            return;
        }
        if (m_hasData)
            m_data += '\n';
        m_data += value;
        m_hasData = true;
    } else if (name == "id") {
        if (!value.contains('\0')) // the SSE spec ignores ids holding NUL
            m_lastEventId = value.toByteArray();
    } else if (name == "retry") {
        if (const auto ms = parseRetry(value))
            m_retryMs = ms;
    }
    // Any other field name is ignored.
}

void SseParser::dispatch(std::vector<SseEvent>& out)
{
    if (m_hasData || !m_type.isEmpty()) {
        SseEvent event;
        if (!m_type.isEmpty())
            event.type = std::exchange(m_type, QByteArray());
        event.data = std::exchange(m_data, QByteArray());
        event.id = m_lastEventId;
        out.push_back(std::move(event));
    }
    m_type.clear();
    m_data.clear();
    m_hasData = false;
}

void SseParser::fail(const QString& message)
{
    m_error = message;
    // Release what the oversized input had claimed; nothing more is accepted until reset().
    m_pending = QByteArray();
    m_data = QByteArray();
    m_type.clear();
    m_hasData = false;
}

} // namespace oiso::rtdb
