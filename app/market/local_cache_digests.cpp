// LocalCache: the chat list's digests of many rooms at once.
#include "local_cache.h"

#include "local_cache_private.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace oiso::market {

namespace {

using detail::textValue;

// Two statements for every room asked, however many (the start-up list asks for all of them):
// per statement SQLite costs microseconds and Qt's bind/step/convert round trip about as much
// again, so one statement per room and fact would be most of the list's start-up time.
// The rooms travel as one JSON array (json_each). Per room, every look-up is an index seek:
// newest = max(key) of the (room, key) primary key; unread = a forward range from the read mark
// stopped at the cap, so a room far behind costs no more than one with `cap` new messages;
// senders = the trigger-kept room_senders rows.
constexpr const char* kNewestAndUnread =
    "WITH asked(room) AS (SELECT DISTINCT value FROM json_each(?)) "
    "SELECT asked.room, n.key, n.sender, n.text, n.ts, n.raw, " // OISO_MESSAGE_COLUMNS
    "(SELECT count(*) FROM (SELECT 1 FROM messages u WHERE u.room = asked.room AND u.key > "
    "coalesce((SELECT read_key FROM rooms r WHERE r.room = asked.room), '') AND u.sender <> ? "
    "LIMIT ?)) "
    "FROM asked LEFT JOIN messages n ON n.room = asked.room "
    "AND n.key = (SELECT max(m.key) FROM messages m WHERE m.room = asked.room)";
constexpr const char* kSenders = "WITH asked(room) AS (SELECT DISTINCT value FROM json_each(?)) "
                                 "SELECT s.room, s.sender FROM asked JOIN room_senders s "
                                 "ON s.room = asked.room ORDER BY s.room, s.sender";

// The same, one room at a time: as cheap for a few rooms (a chat window asks for its own), and
// the way for an SQLite built without its JSON functions.
constexpr std::size_t kBatchFrom = 4;
constexpr const char* kOneNewest =
    "SELECT " OISO_MESSAGE_COLUMNS " FROM messages WHERE room = ? ORDER BY key DESC LIMIT 1";
constexpr const char* kOneUnread =
    "SELECT count(*) FROM (SELECT 1 FROM messages WHERE room = ? AND key > "
    "coalesce((SELECT read_key FROM rooms WHERE room = ?), '') AND sender <> ? LIMIT ?)";
constexpr const char* kOneSenders =
    "SELECT sender FROM room_senders WHERE room = ? ORDER BY sender";

} // namespace

std::map<QString, RoomDigest> LocalCache::roomDigests(const QStringList& rooms, const QString& me,
                                                      int unreadCap) const
{
    std::map<QString, RoomDigest> digests;
    for (const QString& room : rooms)
        digests.try_emplace(room);
    if (digests.empty() || !d->open)
        return digests;
    const int cap = std::max(0, unreadCap);

    if (digests.size() >= kBatchFrom && d->db.statement(kNewestAndUnread) &&
        d->db.statement(kSenders)) {
        const QString asked = QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(rooms)).toJson(QJsonDocument::Compact));
        if (QSqlQuery* query = d->run(kNewestAndUnread, {asked, textValue(me), cap})) {
            while (query->next()) {
                if (query->value(1).isNull())
                    continue; // nothing cached: nothing unread, nobody talking
                RoomDigest& digest = digests[query->value(0).toString()];
                digest.newest = detail::messageFromRow(*query, 1);
                digest.unread = query->value(6).toInt();
            }
            query->finish();
        }
        if (QSqlQuery* query = d->run(kSenders, {asked})) {
            while (query->next())
                digests[query->value(0).toString()].senders.append(query->value(1).toString());
            query->finish();
        }
        return digests;
    }

    for (auto& [room, digest] : digests) {
        if (QSqlQuery* query = d->run(kOneNewest, {room}); query && query->next()) {
            digest.newest = detail::messageFromRow(*query, 0);
            query->finish();
        }
        if (!digest.newest)
            continue;
        if (QSqlQuery* query = d->run(kOneUnread, {room, room, textValue(me), cap});
            query && query->next()) {
            digest.unread = query->value(0).toInt();
            query->finish();
        }
        if (QSqlQuery* query = d->run(kOneSenders, {room})) {
            while (query->next())
                digest.senders.append(query->value(0).toString());
            query->finish();
        }
    }
    return digests;
}

} // namespace oiso::market
