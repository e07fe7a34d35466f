#pragma once
// Helpers shared by the market core's tests: UTF-8 text, trees with server-value placeholders,
// the image base, and the fixed moment the fixtures' times count from.

#include "common/protocol_test_helpers.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <cstdlib>
#include <ctime>
#include <optional>

namespace oiso::test {

inline QString q(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// JSON that may hold {".sv": …} placeholders, as the writers produce.
inline protocol::Node jsonWithServerValues(const QByteArray& text)
{
    auto node = protocol::parseJson(text, nullptr, {.allowServerValues = true});
    if (!node)
        qFatal("bad test JSON: %s", text.constData());
    return *node;
}

inline const QUrl& imageBase()
{
    static const QUrl base(QStringLiteral("http://127.0.0.1:9000"));
    return base;
}

// 2024-05-01 13:22:10 in Korea (04:22:10 UTC); the fixtures' times count from it.
inline constexpr qint64 kBaseMs = 1714537330000;
inline constexpr qint64 kMinuteMs = 60000;
inline constexpr qint64 kNone = -1; // a column value for "no time" / "no won amount"

inline qint64 orNone(std::optional<qint64> value)
{
    return value.value_or(kNone);
}

// Korean wall-clock text must be read as Korean time whatever zone the machine is in, so the
// tests run in a zone far from it.
inline void runFarFromKorea()
{
    qputenv("TZ", "America/Los_Angeles");
#ifdef Q_OS_UNIX
    tzset();
#endif
}

} // namespace oiso::test
