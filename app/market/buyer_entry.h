#pragma once

#include "item.h"
#include "price.h"
#include "protocol/node.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace oiso::market {

// buyer_chatlist/<loginId>/<itemKey>/<pushKey> = {img_path, name, price, item_key}: the item
// copied when the buyer first wrote in its room. Note the extra push level: normally one entry,
// but the web app may have added several; they count as one row.
struct BuyerChatEntry {
    QString itemKey; // the key under buyer_chatlist/<loginId> (authoritative over item_key)
    QString pushKey; // the first entry's key
    QString name;
    Price price;
    QStringList imagePaths;
    protocol::Node raw; // the whole <itemKey> level as read
};

// `level` is the value at buyer_chatlist/<loginId>/<itemKey>. Entries are read in key order;
// the first non-empty value of each field wins. A level holding the fields directly (no push
// level, an older shape) is read too. nullopt only when the level is null.
std::optional<BuyerChatEntry> buyerEntryFromNode(const QString& itemKey,
                                                 const protocol::Node& level);

// The entry written for an item: {img_path, name, price, item_key}, as the web app writes it.
// Every key is present ("" where nothing is known), as the web app indexes them directly.
protocol::Node buyerEntryNode(const Item& item);

// buylist/<loginId>/<pushKey> = {name, price, img_path, item_key}.
struct Purchase {
    QString pushKey;
    QString itemKey; // from item_key; empty when missing
    QString name;
    Price price;
    QStringList imagePaths;
    protocol::Node raw;
};

// nullopt only when the node is null; a primitive gives a row with only its push key.
std::optional<Purchase> purchaseFromNode(const QString& pushKey, const protocol::Node& node);

// {name, price, img_path, item_key} for an item, as the web app writes a purchase.
protocol::Node purchaseNode(const Item& item);

} // namespace oiso::market
