#pragma once

#include "price.h"
#include "protocol/node.h"

#include <QString>
#include <QStringList>

namespace oiso::market {

// item/<itemKey> = {seller, name, category, price, place, status, description, img_path, date}.
// Read tolerantly (DESIGN §3): a missing or wrongly typed field is empty, never an error; the
// record as read stays in `raw`, so nothing unknown is lost when it is written back.
struct Item {
    QString key;
    QString seller; // a login id
    QString name;
    QString category;
    Price price;
    QString place;
    QString status; // as stored: 판매중 / 예약중 / 판매완료, or anything else
    QString description;
    QStringList imagePaths;
    QString date;
    protocol::Node raw;

    bool isSold() const; // status says 판매완료 (or "sold")
};

// Any node gives an Item (a primitive or null gives one with only the key).
Item itemFromNode(const QString& key, const protocol::Node& node);

// The text of a primitive field: strings as they are, numbers without a trailing ".0", booleans
// as "true"/"false"; empty for null and objects. Shared by every record type.
QString textField(const protocol::Node& record, std::string_view field);

// The value of one field of a record; null when it is absent or the record is not an object.
const protocol::Node& recordField(const protocol::Node& record, std::string_view field);

} // namespace oiso::market
