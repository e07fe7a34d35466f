#pragma once

#include "protocol/node.h"

#include <QString>

#include <optional>

namespace oiso::market {

// An item's price as the web app stored it: a number, or text such as "15,000", "12000원" or
// "15,000 원". `won` is set when it could be read as a whole number of won; `text` keeps what was
// stored when it could not (shown as it is rather than hidden).
struct Price {
    std::optional<qint64> won;
    QString text;

    friend bool operator==(const Price&, const Price&) = default;
};

// Never fails: a missing or unreadable price gives an empty Price (shown as a placeholder).
Price priceFromNode(const protocol::Node& node);

// "15,000원" — the same in every language, as the market writes prices. Text that was not a
// number is returned as stored; no price at all gives an empty string.
QString formatPrice(const Price& price);

// The number written back for a price (buyer_chatlist / buylist copies): the won amount when
// known, the stored text otherwise, null when neither.
protocol::Node priceToNode(const Price& price);

} // namespace oiso::market
