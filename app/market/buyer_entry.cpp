#include "market/buyer_entry.h"

#include "market/image_ref.h"

#include <algorithm>
#include <array>
#include <vector>

namespace oiso::market {

namespace {

// The fields of a copied listing. A level holding one of them directly is the older flat
// shape; a child with one of these names is a field, never a push entry.
constexpr std::array<std::string_view, 4> kListingFields = {"img_path", "name", "price",
                                                            "item_key"};

bool isListingField(std::string_view key)
{
    return std::find(kListingFields.begin(), kListingFields.end(), key) != kListingFields.end();
}

bool hasListingFields(const protocol::Node& node)
{
    return std::any_of(kListingFields.begin(), kListingFields.end(),
                       [&node](std::string_view field) { return node.child(field) != nullptr; });
}

// What the web app reads back with plain indexing: every key present, a string where nothing
// is known, so its templates never meet a missing key.
protocol::Node listingNode(const Item& item)
{
    protocol::Node price = priceToNode(item.price);
    if (price.isNull())
        price = protocol::Node::string({});
    protocol::Node images = imagePathsToNode(item.imagePaths);
    if (images.isNull())
        images = protocol::Node::string({});
    return protocol::Node::object({{"img_path", std::move(images)},
                                   {"name", protocol::Node::string(item.name.toStdString())},
                                   {"price", std::move(price)},
                                   {"item_key", protocol::Node::string(item.key.toStdString())}});
}

} // namespace

std::optional<BuyerChatEntry> buyerEntryFromNode(const QString& itemKey,
                                                 const protocol::Node& level)
{
    if (level.isNull())
        return std::nullopt;
    BuyerChatEntry entry;
    entry.itemKey = itemKey;
    entry.raw = level;

    // The push entries in key order (their creation order), then the level itself when it holds
    // the fields directly. A primitive level (a bare marker) gives a row with only its key.
    // In the flat shape an object child is only an entry when it holds listing fields itself;
    // otherwise it is an unknown field of the flat record.
    const bool flat = hasListingFields(level);
    std::vector<const protocol::Node*> records;
    for (const auto& [key, child] : level.children()) {
        if (!child.isObject() || isListingField(key) || (flat && !hasListingFields(child)))
            continue;
        if (entry.pushKey.isEmpty())
            entry.pushKey = QString::fromStdString(key);
        records.push_back(&child);
    }
    if (flat)
        records.push_back(&level);

    for (const protocol::Node* record : records) {
        if (entry.name.isEmpty())
            entry.name = textField(*record, "name");
        if (!entry.price.won && entry.price.text.isEmpty())
            entry.price = priceFromNode(recordField(*record, "price"));
        if (entry.imagePaths.isEmpty())
            entry.imagePaths = imagePathsFromNode(recordField(*record, "img_path"));
    }
    return entry;
}

protocol::Node buyerEntryNode(const Item& item)
{
    return listingNode(item);
}

std::optional<Purchase> purchaseFromNode(const QString& pushKey, const protocol::Node& node)
{
    if (node.isNull())
        return std::nullopt;
    Purchase purchase;
    purchase.pushKey = pushKey;
    purchase.itemKey = textField(node, "item_key");
    purchase.name = textField(node, "name");
    purchase.price = priceFromNode(recordField(node, "price"));
    purchase.imagePaths = imagePathsFromNode(recordField(node, "img_path"));
    purchase.raw = node;
    return purchase;
}

protocol::Node purchaseNode(const Item& item)
{
    return listingNode(item);
}

} // namespace oiso::market
