#include "market/item.h"

#include "market/image_ref.h"
#include "protocol/json.h"

#include <cmath>

namespace oiso::market {

bool Item::isSold() const
{
    // The web app writes 판매완료; some rows were typed by hand, with a space or in English.
    QString compact = status.simplified();
    compact.remove(u' ');
    return compact == QStringLiteral("판매완료") ||
           compact.compare(QLatin1String("sold"), Qt::CaseInsensitive) == 0;
}

Item itemFromNode(const QString& key, const protocol::Node& node)
{
    Item item;
    item.key = key;
    item.seller = textField(node, "seller");
    item.name = textField(node, "name");
    item.category = textField(node, "category");
    item.price = priceFromNode(recordField(node, "price"));
    item.place = textField(node, "place");
    item.status = textField(node, "status");
    item.description = textField(node, "description");
    item.imagePaths = imagePathsFromNode(recordField(node, "img_path"));
    item.date = textField(node, "date");
    item.raw = node;
    return item;
}

QString textField(const protocol::Node& record, std::string_view field)
{
    const protocol::Node& value = recordField(record, field);
    switch (value.type()) {
    case protocol::Node::Type::String:
        return QString::fromStdString(value.stringValue());
    case protocol::Node::Type::Number:
        // The database's own rendering: integers exact up to 2^53 with no ".0", others in their
        // shortest round-trip form. Non-finite values cannot come from JSON; show nothing.
        if (!std::isfinite(value.numberValue()))
            return {};
        return QString::fromLatin1(protocol::toJson(value));
    case protocol::Node::Type::Bool:
        return value.boolValue() ? QStringLiteral("true") : QStringLiteral("false");
    case protocol::Node::Type::Null:
    case protocol::Node::Type::Object:
        break;
    }
    return {};
}

const protocol::Node& recordField(const protocol::Node& record, std::string_view field)
{
    static const protocol::Node null;
    const protocol::Node* value = record.child(field);
    return value ? *value : null;
}

} // namespace oiso::market
