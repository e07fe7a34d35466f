#pragma once

#include <QRandomGenerator>

#include <algorithm>

namespace oiso::rtdb {

// Capped exponential backoff with jitter: the n-th delay is a random value between half and all
// of min(initial * 2^n, cap), so many clients that lost the same server do not come back in
// lockstep, and a client never waits longer than the cap.
class Backoff {
public:
    Backoff(int initialMs, int capMs)
        : m_initialMs(initialMs)
        , m_capMs(capMs)
    {
    }

    int nextDelayMs()
    {
        const qint64 ceiling =
            std::min<qint64>(qint64(m_initialMs) << std::min(m_attempt, 20), m_capMs);
        ++m_attempt;
        const qint64 low = ceiling / 2;
        return int(low + QRandomGenerator::global()->bounded(ceiling - low + 1));
    }
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    void setInitialMs(int ms) { m_initialMs = std::max(1, ms); }
    int capMs() const { return m_capMs; }

private:
    int m_initialMs;
    int m_capMs;
    int m_attempt = 0;
};

} // namespace oiso::rtdb
