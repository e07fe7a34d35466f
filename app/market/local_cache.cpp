// LocalCache: opening, items, the user's lists and room facts. Messages and the chat list's
// digests are in local_cache_messages.cpp.
#include "local_cache.h"

#include "local_cache_private.h"
#include "local_cache_schema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace oiso::market {

namespace {

Q_LOGGING_CATEGORY(lcCache, "oiso.market.cache")

using detail::textValue;

QString kindName(ListKind kind)
{
    switch (kind) {
    case ListKind::Selling:
        return QStringLiteral("selling");
    case ListKind::Buying:
        return QStringLiteral("buying");
    case ListKind::Purchased:
        return QStringLiteral("purchased");
    }
    return {};
}

QString membersJson(const QStringList& members)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(members)).toJson(QJsonDocument::Compact));
}

QStringList membersFromJson(const QString& text)
{
    QStringList members;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const auto& value : array)
        members.append(value.toString());
    return members;
}

} // namespace

QSqlQuery* LocalCache::Private::run(const char* sql, std::initializer_list<QVariant> values)
{
    if (!open)
        return nullptr;
    QSqlQuery* query = db.execute(sql, values);
    if (!query)
        noteFailure();
    return query;
}

void LocalCache::Private::noteFailure()
{
    // The cache is disposable: a failed statement costs a cached answer, never the app. A file
    // that went bad is caught by the next start's quick_check and rebuilt.
    error = db.lastError();
    failed = true; // the next start reads every page first (the in-use marker stays)
    qCWarning(lcCache).noquote() << error;
}

namespace {

// Present while a cache file is open. Reading every page (quick_check) costs ~20 ms per 100k
// messages on the GUI thread before the first paint, so it is done only when this marker says the
// last session did not close the file (a crash, a kill, a power cut) or met an SQLite error.
QString inUseMarker(const QString& filePath)
{
    return filePath + QStringLiteral(".in-use");
}

void touch(const QString& path)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.close();
}

} // namespace

LocalCache::LocalCache(const QString& filePath)
    : d(std::make_unique<Private>(filePath))
{
    const QString marker = inUseMarker(filePath);
    const bool closedCleanly = !QFile::exists(marker);
    const detail::CacheOpening opening = detail::openCacheDatabase(d->db, filePath, !closedCleanly);
    if (opening.open)
        touch(marker);
    d->open = opening.open;
    d->rebuilt = opening.rebuilt;
    d->error = opening.message;
    if (!opening.message.isEmpty())
        qCWarning(lcCache).noquote() << opening.message;
}

LocalCache::~LocalCache()
{
    const bool healthy = d->open && !d->failed;
    d->db.close();
    if (healthy)
        QFile::remove(inUseMarker(d->filePath));
}

bool LocalCache::isOpen() const
{
    return d->open;
}

bool LocalCache::wasRebuilt() const
{
    return d->rebuilt;
}

QString LocalCache::errorString() const
{
    return d->error;
}

QString LocalCache::filePath() const
{
    return d->filePath;
}

void LocalCache::storeItems(const std::vector<Item>& items)
{
    detail::Transaction transaction(d->db);
    for (const Item& item : items) {
        if (item.key.isEmpty())
            continue;
        if (!d->run("INSERT INTO items(key, raw) VALUES(?, ?) ON CONFLICT(key) DO UPDATE "
                    "SET raw = excluded.raw WHERE raw IS NOT excluded.raw",
                    {item.key, detail::rawJson(item.raw)}))
            return;
    }
    transaction.commit();
}

std::optional<Item> LocalCache::item(const QString& key) const
{
    QSqlQuery* query = d->run("SELECT raw FROM items WHERE key = ?", {key});
    if (!query || !query->next())
        return std::nullopt;
    std::optional<protocol::Node> raw = detail::parseRaw(query->value(0));
    query->finish();
    if (!raw)
        return std::nullopt;
    return itemFromNode(key, *raw);
}

void LocalCache::replaceList(const QString& owner, ListKind kind,
                             const std::map<QString, protocol::Node>& entries)
{
    detail::Transaction transaction(d->db);
    if (!d->run("DELETE FROM list_entries WHERE owner = ? AND kind = ?",
                {textValue(owner), kindName(kind)}))
        return;
    for (const auto& [key, value] : entries) {
        if (key.isEmpty() || value.isNull())
            continue;
        if (!d->run("INSERT OR REPLACE INTO list_entries(owner, kind, key, raw) VALUES(?, ?, ?, ?)",
                    {textValue(owner), kindName(kind), key, detail::rawJson(value)}))
            return;
    }
    transaction.commit();
}

void LocalCache::storeListEntry(const QString& owner, ListKind kind, const QString& key,
                                const protocol::Node& value)
{
    if (key.isEmpty())
        return;
    if (value.isNull()) {
        d->run("DELETE FROM list_entries WHERE owner = ? AND kind = ? AND key = ?",
               {textValue(owner), kindName(kind), key});
        return;
    }
    d->run("INSERT OR REPLACE INTO list_entries(owner, kind, key, raw) VALUES(?, ?, ?, ?)",
           {textValue(owner), kindName(kind), key, detail::rawJson(value)});
}

std::map<QString, protocol::Node> LocalCache::list(const QString& owner, ListKind kind) const
{
    std::map<QString, protocol::Node> entries;
    QSqlQuery* query = d->run("SELECT key, raw FROM list_entries WHERE owner = ? AND kind = ?",
                              {textValue(owner), kindName(kind)});
    if (!query)
        return entries;
    while (query->next()) {
        if (std::optional<protocol::Node> raw = detail::parseRaw(query->value(1)))
            entries.emplace(query->value(0).toString(), std::move(*raw));
    }
    query->finish();
    return entries;
}

void LocalCache::storeRoomMeta(const QString& room, const RoomMeta& meta)
{
    // An upsert, not a replace: the row also holds the message count and the opened order.
    d->run("INSERT INTO rooms(room, members, read_key, read_dirty) VALUES(?, ?, ?, ?) "
           "ON CONFLICT(room) DO UPDATE SET members = excluded.members, "
           "read_key = excluded.read_key, read_dirty = excluded.read_dirty",
           {room, membersJson(meta.members), textValue(meta.readKey), int(meta.readKeyDirty)});
}

RoomMeta LocalCache::roomMeta(const QString& room) const
{
    RoomMeta meta;
    QSqlQuery* query =
        d->run("SELECT members, read_key, read_dirty FROM rooms WHERE room = ?", {room});
    if (!query || !query->next())
        return meta;
    meta.members = membersFromJson(query->value(0).toString());
    meta.readKey = query->value(1).toString();
    meta.readKeyDirty = query->value(2).toInt() != 0;
    query->finish();
    return meta;
}

void LocalCache::noteRoomOpened(const QString& room)
{
    // A sequence rather than a clock: two rooms opened in the same millisecond still have an
    // order, and a clock set back cannot make a fresh room look old.
    detail::Transaction transaction(d->db);
    if (d->run("INSERT OR IGNORE INTO rooms(room) VALUES(?)", {room}) &&
        d->run("UPDATE rooms SET opened = (SELECT coalesce(max(opened), 0) + 1 FROM rooms) "
               "WHERE room = ?",
               {room}))
        transaction.commit();
}

} // namespace oiso::market
