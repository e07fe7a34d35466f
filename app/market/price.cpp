#include "market/price.h"

#include "protocol/json.h"

#include <algorithm>
#include <cmath>

namespace oiso::market {

namespace {

// Larger amounts are not prices anyone typed, and past 2^53 a double no longer holds whole
// numbers exactly, so such values are shown as stored instead of as a rounded amount.
constexpr qint64 kMaxWon = qint64(1) << 53;

std::optional<qint64> wonFromNumber(double value)
{
    // Checked before the cast: converting a NaN, an infinity or an out-of-range double to an
    // integer is undefined behaviour. Negative and fractional amounts are not whole won.
    if (!std::isfinite(value) || value < 0 || value > double(kMaxWon) || value != std::trunc(value))
        return std::nullopt;
    return static_cast<qint64>(value);
}

bool isAsciiDigits(QStringView text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

std::optional<qint64> wonFromText(QString text)
{
    // What people and the web app typed: "15,000", "12000원", "15,000 원", "₩15,000", and
    // Python's str() of a float, "15000.0". Spaces of every kind go first.
    text.removeIf([](QChar c) { return c.isSpace(); });
    if (text.startsWith(u'₩') || text.startsWith(u'￦'))
        text.remove(0, 1);
    if (text.endsWith(u'원'))
        text.chop(1);
    text.remove(u',');
    // Only "." with one or two zeros: "15.000" is a thousands separator in some locales, and
    // reading it as 15 would be worse than showing it as written.
    for (const auto suffix : {QLatin1String(".0"), QLatin1String(".00")}) {
        if (text.endsWith(suffix)) {
            text.chop(suffix.size());
            break;
        }
    }
    // 16 digits already exceed kMaxWon; the length check keeps toLongLong from overflowing.
    if (!isAsciiDigits(text) || text.size() > 16)
        return std::nullopt;
    const qint64 won = text.toLongLong();
    if (won > kMaxWon)
        return std::nullopt;
    return won;
}

QString groupThousands(quint64 magnitude)
{
    QString digits = QString::number(magnitude);
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, u',');
    return digits;
}

} // namespace

Price priceFromNode(const protocol::Node& node)
{
    Price price;
    switch (node.type()) {
    case protocol::Node::Type::Number:
        price.won = wonFromNumber(node.numberValue());
        // A number that is not a whole amount (negative, fractional, huge) is shown as the
        // database renders it; a non-finite one cannot come from JSON and is dropped.
        if (!price.won && std::isfinite(node.numberValue()))
            price.text = QString::fromLatin1(protocol::toJson(node));
        break;
    case protocol::Node::Type::String: {
        const QString stored = QString::fromStdString(node.stringValue()).trimmed();
        if (stored.isEmpty())
            break;
        price.won = wonFromText(stored);
        if (!price.won)
            price.text = stored;
        break;
    }
    case protocol::Node::Type::Null:
    case protocol::Node::Type::Bool:
    case protocol::Node::Type::Object:
        break;
    }
    return price;
}

QString formatPrice(const Price& price)
{
    if (!price.won)
        return price.text;
    const qint64 won = *price.won;
    // The magnitude in unsigned arithmetic, so even the most negative qint64 has one.
    const quint64 magnitude = won < 0 ? quint64(0) - quint64(won) : quint64(won);
    return (won < 0 ? QStringLiteral("-") : QString()) + groupThousands(magnitude) +
           QStringLiteral("원");
}

protocol::Node priceToNode(const Price& price)
{
    if (price.won)
        return protocol::Node::number(double(*price.won));
    if (!price.text.isEmpty())
        return protocol::Node::string(price.text.toStdString());
    return {};
}

} // namespace oiso::market
