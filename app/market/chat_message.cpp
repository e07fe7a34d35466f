#include "market/chat_message.h"

#include "market/item.h"
#include "protocol/pushid.h"
#include "rtdb/rtdb_client.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

namespace oiso::market {

namespace {

// Epoch values below 10^11 (year 5138 in seconds, March 1973 in milliseconds) are seconds:
// Python's time.time() wrote those.
constexpr double kSecondsBelow = 1e11;
// JavaScript's Date range; beyond it a value is garbage, and keeping below it keeps the
// double→integer conversion defined.
constexpr double kMaxMs = 8.64e15;
// Any 20 characters of the push-id alphabet decode to a time, so a key only counts as a push id
// when its time is plausible: 2010-01-01 to 2100-01-01.
constexpr qint64 kEarliestPushIdMs = 1262304000000;
constexpr qint64 kLatestPushIdMs = 4102444800000;

std::optional<qint64> fromEpochNumber(double value)
{
    // Zero, negative and sub-second values are the placeholders of broken writers, not moments;
    // the push-id fallback gives a better time for them.
    if (!std::isfinite(value) || value < 1)
        return std::nullopt;
    const double ms = value < kSecondsBelow ? value * 1000 : value;
    if (ms > kMaxMs)
        return std::nullopt;
    return static_cast<qint64>(std::round(ms));
}

// The web app runs in Korea and wrote wall-clock text without a zone.
const QTimeZone& koreanTime()
{
    static const QTimeZone zone = [] {
        const QTimeZone seoul(QByteArrayLiteral("Asia/Seoul"));
        // Systems without a time-zone database still know the fixed offset (no DST since 1988).
        return seoul.isValid() ? seoul : QTimeZone(9 * 3600);
    }();
    return zone;
}

std::optional<QTimeZone> zoneFromDesignator(const QString& designator)
{
    if (designator.isEmpty())
        return koreanTime();
    if (designator.compare(QLatin1String("Z"), Qt::CaseInsensitive) == 0)
        return QTimeZone(0);
    const int sign = designator.startsWith(u'-') ? -1 : 1;
    const QString digits = designator.mid(1).remove(u':');
    const int hours = digits.left(2).toInt();
    const int minutes = digits.size() > 2 ? digits.mid(2).toInt() : 0;
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    return QTimeZone(sign * (hours * 3600 + minutes * 60));
}

// "yyyy-MM-dd HH:mm[:ss[.fff…]]", "yyyy.MM.dd HH:mm", "yyyy/MM/dd", ISO 8601 with or without a
// zone, and the Korean JavaScript locale form "2024. 5. 1. 오후 1:22:10". Without a zone the
// text is Korean time.
std::optional<qint64> fromDateText(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral(
            R"(^([0-9]{4})\s*[-./]\s*([0-9]{1,2})\s*[-./]\s*([0-9]{1,2})\.?)"
            R"((?:(?:\s+|T)(?:(오전|오후|AM|PM)\s*)?([0-9]{1,2}):([0-9]{2}))"
            R"((?::([0-9]{2})(?:[.,]([0-9]+))?)?\s*(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    int hour = match.captured(5).toInt();
    const QString meridiem = match.captured(4).toUpper();
    if (!meridiem.isEmpty()) {
        if (hour < 1 || hour > 12)
            return std::nullopt;
        const bool afternoon =
            meridiem == QStringLiteral("오후") || meridiem == QLatin1String("PM");
        hour = hour % 12 + (afternoon ? 12 : 0);
    }
    // Fractions of a second beyond milliseconds (Python writes microseconds) are cut off.
    const int ms = match.captured(8).leftJustified(3, u'0', true).toInt();
    const QTime time(hour, match.captured(6).toInt(), match.captured(7).toInt(), ms);
    const auto zone = zoneFromDesignator(match.captured(9));
    if (!date.isValid() || !time.isValid() || !zone || !zone->isValid())
        return std::nullopt;
    const QDateTime moment(date, time, *zone);
    if (!moment.isValid())
        return std::nullopt;
    return moment.toMSecsSinceEpoch();
}

// What JavaScript's Date.toUTCString() / toString() and e-mail style formatters write:
// "Wed, 01 May 2024 04:22:10 GMT", "Wed May 01 2024 13:22:10 GMT+0900 (한국 표준시)". Qt's RFC
// 2822 parser wants a numeric zone and no trailing comment, and reads a missing zone as UTC.
std::optional<qint64> fromRfc2822Text(QString text)
{
    static const QRegularExpression comment(QStringLiteral(R"(\s*\([^()]*\)$)"));
    static const QRegularExpression namedZone(
        QStringLiteral(R"(\s(?:GMT|UTC|UT)([+-][0-9]{4})?$)"));
    static const QRegularExpression numericZone(QStringLiteral("[+-][0-9]{4}$"));
    text.remove(comment);
    const QRegularExpressionMatch zone = namedZone.match(text);
    if (zone.hasMatch()) {
        const QString offset = zone.captured(1);
        text.replace(zone.capturedStart(), zone.capturedLength(),
                     offset.isEmpty() ? QStringLiteral(" +0000") : QStringLiteral(" ") + offset);
    }
    QDateTime moment = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!moment.isValid())
        return std::nullopt;
    // Like all zoneless text here, it is Korean time.
    if (!numericZone.match(text).hasMatch())
        moment = QDateTime(moment.date(), moment.time(), koreanTime());
    return moment.toMSecsSinceEpoch();
}

std::optional<qint64> fromText(const QString& stored)
{
    const QString text = stored.trimmed();
    static const QRegularExpression numeric(QStringLiteral(R"(^[0-9]+(\.[0-9]+)?$)"));
    if (numeric.match(text).hasMatch())
        return fromEpochNumber(text.toDouble());
    if (auto ms = fromDateText(text))
        return ms;
    return fromRfc2822Text(text);
}

std::optional<qint64> pushIdTime(const QString& key)
{
    const std::int64_t ms = protocol::PushIdGenerator::timestampOf(key.toStdString());
    if (ms < kEarliestPushIdMs || ms >= kLatestPushIdMs)
        return std::nullopt;
    return ms;
}

} // namespace

ChatMessage messageFromNode(const QString& key, const protocol::Node& node)
{
    ChatMessage message;
    message.key = key;
    message.senderId = textField(node, "id");
    message.text = textField(node, "msg");
    message.timestampMs = parseTimestamp(recordField(node, "timestamp"));
    if (!message.timestampMs)
        message.timestampMs = pushIdTime(key);
    message.raw = node;
    return message;
}

std::optional<qint64> parseTimestamp(const protocol::Node& value)
{
    switch (value.type()) {
    case protocol::Node::Type::Number:
        return fromEpochNumber(value.numberValue());
    case protocol::Node::Type::String:
        return fromText(QString::fromStdString(value.stringValue()));
    case protocol::Node::Type::Null:
    case protocol::Node::Type::Bool:
    case protocol::Node::Type::Object: // e.g. an unresolved {".sv": "timestamp"}
        break;
    }
    return std::nullopt;
}

protocol::Node newMessageNode(const QString& senderId, const QString& text)
{
    return protocol::Node::object({{"id", protocol::Node::string(senderId.toStdString())},
                                   {"msg", protocol::Node::string(text.toStdString())},
                                   {"timestamp", rtdb::RtdbClient::serverTimestamp()}});
}

} // namespace oiso::market
