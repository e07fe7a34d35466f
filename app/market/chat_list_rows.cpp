#include "chat_list_rows.h"

#include "image_ref.h"
#include "local_cache.h"
#include "message_order.h"
#include "outbox_store.h"

#include <algorithm>

namespace oiso::market {

namespace {

// The newer of the cache's newest message and the summary's (which may not be fetched yet).
std::optional<ChatMessage> newerOf(const std::optional<ChatMessage>& cached,
                                   const std::optional<ChatMessage>& summarised)
{
    if (!cached)
        return summarised;
    if (!summarised)
        return cached;
    return messageKeyLess(cached->key, summarised->key) ? summarised : cached;
}

void addConversation(ChatListRow& row, const ChatListData& data, const RoomDigest* digest,
                     const std::map<QString, QString>& drafts, const LocalCache& cache)
{
    const auto summary = data.summaries.find(row.itemKey);
    const std::optional<ChatMessage> summarised =
        summary != data.summaries.end() ? summary->second.last : std::nullopt;
    row.lastMessage = newerOf(digest ? digest->newest : std::nullopt, summarised);
    row.unread = digest ? digest->unread : 0;
    // A summary newer than anything fetched yet, from someone else, after my read mark: at
    // least one unread until the room's messages arrive and count exactly.
    if (summarised && summarised->senderId != data.me &&
        (!digest || !digest->newest || messageKeyLess(digest->newest->key, summarised->key))) {
        const QString readKey = summary->second.readKey.isEmpty()
                                    ? cache.roomMeta(row.itemKey).readKey
                                    : summary->second.readKey;
        if (readKey.isEmpty() || messageKeyLess(readKey, summarised->key))
            row.unread = std::max(row.unread + 1, 1);
    }
    if (const auto draft = drafts.find(row.itemKey); draft != drafts.end())
        row.draft = draft->second;
}

qint64 rowTime(const ChatListRow& row)
{
    return row.lastMessage && row.lastMessage->timestampMs ? *row.lastMessage->timestampMs : -1;
}

void sortNewestFirst(std::vector<ChatListRow>& rows)
{
    std::stable_sort(rows.begin(), rows.end(), [](const ChatListRow& a, const ChatListRow& b) {
        const qint64 ta = rowTime(a);
        const qint64 tb = rowTime(b);
        if (ta != tb)
            return ta > tb;
        return messageKeyLess(b.key, a.key); // newer item keys first
    });
}

} // namespace

std::vector<ChatListRow> buildRows(ListKind kind, const ChatListData& data, const LocalCache& cache,
                                   const DraftStore& drafts)
{
    std::map<QString, QString> draftTexts;
    for (auto& [room, text] : drafts.all())
        draftTexts.emplace(room, text);

    std::vector<ChatListRow> rows;
    QStringList rooms;
    if (kind == ListKind::Selling) {
        for (const auto& [key, item] : data.selling)
            rooms.append(key);
    } else if (kind == ListKind::Buying) {
        for (const auto& [key, entry] : data.buying)
            rooms.append(key);
    }
    const std::map<QString, RoomDigest> digests =
        rooms.isEmpty() ? std::map<QString, RoomDigest>() : cache.roomDigests(rooms, data.me);
    auto digestOf = [&](const QString& room) -> const RoomDigest* {
        const auto it = digests.find(room);
        return it == digests.end() ? nullptr : &it->second;
    };

    switch (kind) {
    case ListKind::Selling:
        for (const auto& [key, item] : data.selling) {
            ChatListRow row;
            row.section = kind;
            row.key = row.itemKey = key;
            row.name = item.name;
            row.price = item.price;
            row.status = item.status;
            row.seller = item.seller;
            row.imageUrl = firstImageUrl(item.imagePaths, data.imageBase);
            const RoomDigest* digest = digestOf(key);
            addConversation(row, data, digest, draftTexts, cache);
            // Buyers: everyone who wrote in the room or joined it, but me (the seller).
            QStringList buyers = cache.roomMeta(key).members;
            if (digest)
                buyers += digest->senders;
            buyers.removeDuplicates();
            buyers.removeAll(data.me);
            buyers.removeAll(QString());
            row.buyers = int(buyers.size());
            rows.push_back(std::move(row));
        }
        break;
    case ListKind::Buying:
        for (const auto& [key, entry] : data.buying) {
            ChatListRow row;
            row.section = kind;
            row.key = row.itemKey = key;
            // The item itself when known (its status, a changed price); the entry's copy else.
            const std::optional<Item> item = cache.item(key);
            row.name = item && !item->name.isEmpty() ? item->name : entry.name;
            row.price = item && (item->price.won || !item->price.text.isEmpty()) ? item->price
                                                                                 : entry.price;
            row.status = item ? item->status : QString();
            row.seller = item ? item->seller : QString();
            const QStringList images =
                item && !item->imagePaths.isEmpty() ? item->imagePaths : entry.imagePaths;
            row.imageUrl = firstImageUrl(images, data.imageBase);
            addConversation(row, data, digestOf(key), draftTexts, cache);
            row.purchased = std::any_of(data.purchases.begin(), data.purchases.end(),
                                        [&](const auto& p) { return p.second.itemKey == key; });
            rows.push_back(std::move(row));
        }
        break;
    case ListKind::Purchased:
        for (const auto& [pushKey, purchase] : data.purchases) {
            ChatListRow row;
            row.section = kind;
            row.key = pushKey;
            row.itemKey = purchase.itemKey;
            const std::optional<Item> item =
                purchase.itemKey.isEmpty() ? std::nullopt : cache.item(purchase.itemKey);
            row.name = purchase.name.isEmpty() && item ? item->name : purchase.name;
            row.price = purchase.price;
            row.status = item ? item->status : QString();
            row.seller = item ? item->seller : QString();
            row.imageUrl = firstImageUrl(
                purchase.imagePaths.isEmpty() && item ? item->imagePaths : purchase.imagePaths,
                data.imageBase);
            row.purchased = true;
            rows.push_back(std::move(row));
        }
        break;
    }
    sortNewestFirst(rows);
    return rows;
}

} // namespace oiso::market
