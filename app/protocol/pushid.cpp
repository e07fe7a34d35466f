#include "pushid.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace oiso::protocol {

std::string PushIdGenerator::next()
{
    return next(QDateTime::currentMSecsSinceEpoch());
}

std::string PushIdGenerator::next(std::int64_t nowMs)
{
    QMutexLocker lock(&m_mutex);
    if (nowMs > m_lastMs) {
        for (auto& digit : m_random)
            digit = static_cast<std::uint8_t>(QRandomGenerator::system()->bounded(64));
        m_lastMs = nowMs;
    } else {
        // Same millisecond, or the clock went back: keep the last time and count up, so keys
        // stay in creation order.
        int i = static_cast<int>(m_random.size()) - 1;
        while (i >= 0 && m_random[static_cast<std::size_t>(i)] == 63) {
            m_random[static_cast<std::size_t>(i)] = 0;
            --i;
        }
        if (i >= 0) {
            ++m_random[static_cast<std::size_t>(i)];
        } else {
            ++m_lastMs; // 2^72 keys in one millisecond: borrow the next millisecond
        }
    }
    std::string id(20, '-');
    std::int64_t t = m_lastMs;
    for (int i = 7; i >= 0; --i) {
        id[static_cast<std::size_t>(i)] = kAlphabet[static_cast<std::size_t>(t % 64)];
        t /= 64;
    }
    for (std::size_t i = 0; i < m_random.size(); ++i)
        id[8 + i] = kAlphabet[m_random[i]];
    return id;
}

std::int64_t PushIdGenerator::timestampOf(std::string_view pushId)
{
    if (pushId.size() != 20)
        return -1;
    std::int64_t t = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        const auto pos = kAlphabet.find(pushId[i]);
        if (pos == std::string_view::npos)
            return -1;
        t = t * 64 + static_cast<std::int64_t>(pos);
    }
    return t;
}

} // namespace oiso::protocol
