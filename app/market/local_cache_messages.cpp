// LocalCache: room messages and the cache's bounded growth.
#include "local_cache.h"

#include "local_cache_private.h"

#include <algorithm>

namespace oiso::market {

namespace {

using detail::textValue;

// Rows come newest first (a backwards index range); screens want them oldest first.
std::vector<ChatMessage> readNewestFirst(QSqlQuery* query)
{
    std::vector<ChatMessage> messages;
    if (!query)
        return messages;
    while (query->next())
        messages.push_back(detail::messageFromRow(*query, 0));
    query->finish();
    std::reverse(messages.begin(), messages.end());
    return messages;
}

} // namespace

ChatMessage detail::messageFromRow(const QSqlQuery& query, int first)
{
    const QString key = query.value(first).toString();
    std::optional<protocol::Node> raw = parseRaw(query.value(first + 4));
    ChatMessage message = messageFromNode(key, raw ? *raw : protocol::Node());
    message.senderId = query.value(first + 1).toString();
    message.text = query.value(first + 2).toString();
    const QVariant timestamp = query.value(first + 3);
    message.timestampMs =
        timestamp.isNull() ? std::nullopt : std::optional<qint64>(timestamp.toLongLong());
    message.raw = raw ? std::move(*raw) : protocol::Node();
    return message;
}

void LocalCache::storeMessages(const QString& room, const std::vector<ChatMessage>& messages)
{
    if (room.isEmpty())
        return;
    detail::Transaction transaction(d->db);
    for (const ChatMessage& message : messages) {
        if (message.key.isEmpty())
            continue;
        const QVariant timestamp =
            message.timestampMs ? QVariant(*message.timestampMs) : QVariant();
        // An upsert (not INSERT OR REPLACE, which deletes first): the triggers that keep the
        // room's count and senders see an update as an update. A row stored again unchanged
        // (every reconcile re-reads the newest page) is not rewritten.
        if (!d->run("INSERT INTO messages(room, key, sender, text, ts, raw) "
                    "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(room, key) DO UPDATE SET "
                    "sender = excluded.sender, text = excluded.text, ts = excluded.ts, "
                    "raw = excluded.raw WHERE raw IS NOT excluded.raw OR "
                    "sender IS NOT excluded.sender OR text IS NOT excluded.text OR "
                    "ts IS NOT excluded.ts",
                    {room, message.key, textValue(message.senderId), textValue(message.text),
                     timestamp, detail::rawJson(message.raw)}))
            return;
    }
    transaction.commit();
}

void LocalCache::removeMessages(const QString& room, const QStringList& keys)
{
    detail::Transaction transaction(d->db);
    for (const QString& key : keys) {
        if (!d->run("DELETE FROM messages WHERE room = ? AND key = ?", {room, key}))
            return;
    }
    transaction.commit();
}

std::vector<ChatMessage> LocalCache::latestMessages(const QString& room, int limit) const
{
    if (limit <= 0)
        return {};
    return readNewestFirst(d->run("SELECT " OISO_MESSAGE_COLUMNS " FROM messages "
                                  "WHERE room = ? ORDER BY key DESC LIMIT ?",
                                  {room, limit}));
}

std::vector<ChatMessage> LocalCache::messagesBefore(const QString& room, const QString& beforeKey,
                                                    int limit) const
{
    if (limit <= 0)
        return {};
    return readNewestFirst(d->run("SELECT " OISO_MESSAGE_COLUMNS " FROM messages "
                                  "WHERE room = ? AND key < ? ORDER BY key DESC LIMIT ?",
                                  {room, textValue(beforeKey), limit}));
}

std::optional<ChatMessage> LocalCache::newestMessage(const QString& room) const
{
    std::vector<ChatMessage> newest = latestMessages(room, 1);
    if (newest.empty())
        return std::nullopt;
    return std::move(newest.front());
}

int LocalCache::messageCount(const QString& room) const
{
    QSqlQuery* query = d->run("SELECT message_count FROM rooms WHERE room = ?", {room});
    if (!query || !query->next())
        return 0;
    const int count = query->value(0).toInt();
    query->finish();
    return count;
}

void LocalCache::enforceLimits(int maxMessages, int keepPerRoom)
{
    maxMessages = std::max(0, maxMessages);
    keepPerRoom = std::max(0, keepPerRoom);
    QSqlQuery* total = d->run("SELECT coalesce(sum(message_count), 0) FROM rooms", {});
    if (!total || !total->next())
        return;
    qint64 excess = total->value(0).toLongLong() - maxMessages;
    total->finish();
    if (excess <= 0)
        return;

    // Rooms with something to give, least recently opened (never opened: 0) first.
    std::vector<std::pair<QString, qint64>> candidates;
    if (QSqlQuery* rooms = d->run("SELECT room, message_count - ? FROM rooms "
                                  "WHERE message_count > ? ORDER BY opened, room",
                                  {keepPerRoom, keepPerRoom})) {
        while (rooms->next())
            candidates.emplace_back(rooms->value(0).toString(), rooms->value(1).toLongLong());
        rooms->finish();
    }
    detail::Transaction transaction(d->db);
    for (const auto& [room, spare] : candidates) {
        if (excess <= 0)
            break;
        const qint64 drop = std::min(spare, excess);
        if (!d->run("DELETE FROM messages WHERE room = ? AND key IN "
                    "(SELECT key FROM messages WHERE room = ? ORDER BY key LIMIT ?)",
                    {room, room, drop}))
            return;
        excess -= drop;
    }
    transaction.commit();
}

} // namespace oiso::market
