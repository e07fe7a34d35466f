#pragma once

#include <QMutex>
#include <QString>

#include <array>
#include <cstdint>

namespace oiso::protocol {

// Chronologically sortable 20-character keys (reference §8): 8 characters of milliseconds since
// the epoch and 12 random ones. Within one generator keys are strictly increasing, even when the
// clock repeats a millisecond or steps backwards: then the previous random part is incremented.
// Thread-safe.
class PushIdGenerator {
public:
    static constexpr std::string_view kAlphabet =
        "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    std::string next(std::int64_t nowMs);
    std::string next(); // uses the system clock

    // The millisecond time encoded in a push id, or -1 when it is not one.
    static std::int64_t timestampOf(std::string_view pushId);

private:
    QMutex m_mutex;
    std::int64_t m_lastMs = -1;
    std::array<std::uint8_t, 12> m_random{};
};

} // namespace oiso::protocol
