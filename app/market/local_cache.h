#pragma once

#include "chat_message.h"
#include "item.h"
#include "protocol/node.h"

#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace oiso::market {

// Which of the user's lists a cached entry belongs to.
enum class ListKind { Selling, Buying, Purchased };

// What the chat list needs of one room, straight from the cache.
struct RoomDigest {
    std::optional<ChatMessage> newest;
    int unread = 0;      // messages from others after the read mark, at most the cap asked for
    QStringList senders; // distinct sender ids of the cached messages
};

// Room facts of ours, cached with the room.
struct RoomMeta {
    QStringList members;       // room_members/<item> as last read
    QString readKey;           // the user's read mark (chat_summary/<me>/<item>/read)
    bool readKeyDirty = false; // set locally, not yet written to the server
};

// The local cache (SQLite, WAL): items, room messages, the user's lists and read marks, so the
// chat list and any room appear from disk at once on start and offline, then reconcile with the
// server. It is disposable: a file that cannot be opened or fails its check is deleted and built
// again (wasRebuilt()), never fatal — what must never be lost (the outbox, drafts) lives in
// another file (OutboxStore, DraftStore).
//
// Lives on one thread (SQLite connection per instance). Every call is one short statement or
// one transaction; reads for the screens use indexes so they stay in the low milliseconds with
// 100k messages in a room and 1,000 rooms (docs/benchmarks.md).
class LocalCache {
public:
    explicit LocalCache(const QString& filePath);
    ~LocalCache();
    LocalCache(const LocalCache&) = delete;
    LocalCache& operator=(const LocalCache&) = delete;

    // Open also when the file could not be used at all (a read-only folder): the cache then lives
    // in memory for this session and errorString() says so. False only without SQLite.
    bool isOpen() const;
    bool wasRebuilt() const;     // the file was damaged or of another schema, and was recreated
    QString errorString() const; // why it was rebuilt or is in memory, or the last failure
    QString filePath() const;

    // Items, kept as their raw record: item() is itemFromNode(key, raw), so only what `raw`
    // holds comes back.
    void storeItems(const std::vector<Item>& items); // upsert, one transaction
    std::optional<Item> item(const QString& key) const;

    // The user's lists: the raw value of each entry, by key (selling: item/<key>; buying:
    // buyer_chatlist/<me>/<itemKey>; purchased: buylist/<me>/<pushKey>).
    void replaceList(const QString& owner, ListKind kind,
                     const std::map<QString, protocol::Node>& entries);
    void storeListEntry(const QString& owner, ListKind kind, const QString& key,
                        const protocol::Node& value); // null removes
    std::map<QString, protocol::Node> list(const QString& owner, ListKind kind) const;

    // Messages of a room, by key (upsert; one transaction per call). Keys compare as bytes (push
    // ids: creation order). The sender, text and timestamp come back as stored, `raw` too, and
    // the rest as messageFromNode derives it from `raw`.
    void storeMessages(const QString& room, const std::vector<ChatMessage>& messages);
    void removeMessages(const QString& room, const QStringList& keys);
    // The newest `limit` messages, oldest first.
    std::vector<ChatMessage> latestMessages(const QString& room, int limit) const;
    // The `limit` messages just before `beforeKey` (exclusive), oldest first.
    std::vector<ChatMessage> messagesBefore(const QString& room, const QString& beforeKey,
                                            int limit) const;
    std::optional<ChatMessage> newestMessage(const QString& room) const;
    int messageCount(const QString& room) const;

    void storeRoomMeta(const QString& room, const RoomMeta& meta);
    RoomMeta roomMeta(const QString& room) const;

    // For the chat list: one digest per room asked for, in one pass over the indexes. Unread
    // counts messages whose sender is not `me` with keys after the room's read mark, up to `cap`.
    std::map<QString, RoomDigest> roomDigests(const QStringList& rooms, const QString& me,
                                              int unreadCap = 100) const;

    // Bounded growth: keeps at most `maxMessages` messages in all, dropping the oldest of the
    // rooms opened least recently first, but never a room's newest `keepPerRoom`.
    void enforceLimits(int maxMessages = 200'000, int keepPerRoom = 200);
    void noteRoomOpened(const QString& room); // for enforceLimits' order

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace oiso::market
