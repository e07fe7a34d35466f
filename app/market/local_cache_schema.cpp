// The cache file: opening, checking, rebuilding and the schema.
#include "local_cache_schema.h"

#include "sqlite_connection.h"

#include <QDir>
#include <QFileInfo>

namespace oiso::market::detail {

namespace {

// Keys (item keys, push ids, login ids) compare with BINARY collation: byte order, which for
// push ids is creation order. Message rows are clustered by (room, key) (WITHOUT ROWID), so a
// room's newest page is one contiguous range of the table.
//
// rooms.message_count and room_senders are kept by triggers, so every path that adds or drops
// messages (stores, removals, enforceLimits) keeps them exact, and the chat list reads them
// without scanning a room.
constexpr const char* kSchema[] = {
    R"(CREATE TABLE items(
        key TEXT NOT NULL COLLATE BINARY PRIMARY KEY,
        raw BLOB NOT NULL) WITHOUT ROWID)",
    R"(CREATE TABLE list_entries(
        owner TEXT NOT NULL COLLATE BINARY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL COLLATE BINARY,
        raw BLOB NOT NULL,
        PRIMARY KEY(owner, kind, key)) WITHOUT ROWID)",
    R"(CREATE TABLE messages(
        room TEXT NOT NULL COLLATE BINARY,
        key TEXT NOT NULL COLLATE BINARY,
        sender TEXT NOT NULL COLLATE BINARY,
        text TEXT NOT NULL,
        ts INTEGER,
        raw BLOB NOT NULL,
        PRIMARY KEY(room, key)) WITHOUT ROWID)",
    // opened: a sequence number (not a clock) of noteRoomOpened, 0 for never.
    R"(CREATE TABLE rooms(
        room TEXT NOT NULL COLLATE BINARY PRIMARY KEY,
        members TEXT NOT NULL DEFAULT '[]',
        read_key TEXT NOT NULL COLLATE BINARY DEFAULT '',
        read_dirty INTEGER NOT NULL DEFAULT 0,
        opened INTEGER NOT NULL DEFAULT 0,
        message_count INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID)",
    R"(CREATE TABLE room_senders(
        room TEXT NOT NULL COLLATE BINARY,
        sender TEXT NOT NULL COLLATE BINARY,
        n INTEGER NOT NULL,
        PRIMARY KEY(room, sender)) WITHOUT ROWID)",
    R"(CREATE TRIGGER message_added AFTER INSERT ON messages BEGIN
        INSERT OR IGNORE INTO rooms(room) VALUES(new.room);
        UPDATE rooms SET message_count = message_count + 1 WHERE room = new.room;
        INSERT OR IGNORE INTO room_senders(room, sender, n) VALUES(new.room, new.sender, 0);
        UPDATE room_senders SET n = n + 1 WHERE room = new.room AND sender = new.sender;
    END)",
    R"(CREATE TRIGGER message_removed AFTER DELETE ON messages BEGIN
        UPDATE rooms SET message_count = message_count - 1 WHERE room = old.room;
        UPDATE room_senders SET n = n - 1 WHERE room = old.room AND sender = old.sender;
        DELETE FROM room_senders WHERE room = old.room AND sender = old.sender AND n <= 0;
    END)",
    // An upsert that changes a message's sender (an edited record) moves its count.
    R"(CREATE TRIGGER message_sender_changed AFTER UPDATE OF sender ON messages
        WHEN old.sender IS NOT new.sender BEGIN
        UPDATE room_senders SET n = n - 1 WHERE room = old.room AND sender = old.sender;
        DELETE FROM room_senders WHERE room = old.room AND sender = old.sender AND n <= 0;
        INSERT OR IGNORE INTO room_senders(room, sender, n) VALUES(new.room, new.sender, 0);
        UPDATE room_senders SET n = n + 1 WHERE room = new.room AND sender = new.sender;
    END)",
};

bool configure(SqliteConnection& db)
{
    // The cache can be rebuilt from the server, so NORMAL is enough: in WAL mode a crash of the
    // app loses nothing, and a power cut at most the last transactions.
    db.scalar(QStringLiteral("PRAGMA journal_mode=WAL")); // answers "memory" for in-memory
    return db.exec(QStringLiteral("PRAGMA synchronous=NORMAL")) &&
           db.exec(QStringLiteral("PRAGMA temp_store=MEMORY")) &&
           db.exec(QStringLiteral("PRAGMA cache_size=-8192")); // KiB: a big room's pages
}

bool createSchema(SqliteConnection& db)
{
    Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    for (const char* statement : kSchema) {
        if (!db.exec(QString::fromUtf8(statement)))
            return false;
    }
    return db.exec(QStringLiteral("PRAGMA user_version=%1").arg(kCacheSchemaVersion)) &&
           transaction.commit();
}

enum class FileState { Usable, Empty, Unusable };

// What an opened file holds. quick_check reads every page (not the cross-checks of
// integrity_check), so a damaged or foreign file is caught here, before any screen reads it.
FileState inspect(SqliteConnection& db, bool checkPages, QString* why)
{
    if (checkPages) {
        const QVariant check = db.scalar(QStringLiteral("PRAGMA quick_check"));
        if (check.toString() != QLatin1String("ok")) {
            *why = check.isValid() ? quickCheckSummary(check.toString()) : db.lastError();
            return FileState::Unusable;
        }
    }
    const QVariant version = db.scalar(QStringLiteral("PRAGMA user_version"));
    if (!version.isValid()) {
        *why = db.lastError();
        return FileState::Unusable;
    }
    if (version.toInt() == kCacheSchemaVersion)
        return FileState::Usable;
    if (version.toInt() == 0 &&
        db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master")).toInt() == 0)
        return FileState::Empty;
    if (version.toInt() == 0)
        *why = QStringLiteral("tables without a schema version: not a cache file");
    else
        *why = QStringLiteral("schema version %1, this build uses %2")
                   .arg(version.toInt())
                   .arg(kCacheSchemaVersion);
    return FileState::Unusable;
}

bool openAndPrepare(SqliteConnection& db, const QString& filePath, bool checkPages, QString* why)
{
    if (!db.open(filePath)) {
        *why = db.lastError();
        return false;
    }
    switch (inspect(db, checkPages, why)) {
    case FileState::Usable:
        if (configure(db))
            return true;
        *why = db.lastError();
        return false;
    case FileState::Empty:
        if (configure(db) && createSchema(db))
            return true;
        *why = db.lastError();
        return false;
    case FileState::Unusable:
        return false;
    }
    return false;
}

} // namespace

CacheOpening openCacheDatabase(SqliteConnection& db, const QString& filePath, bool checkPages)
{
    CacheOpening result;
    QDir().mkpath(QFileInfo(filePath).absolutePath());
    QString why;
    if (openAndPrepare(db, filePath, checkPages, &why)) {
        result.open = true;
        return result;
    }
    db.close();
    const bool existed = QFileInfo::exists(filePath);
    if (removeDatabaseFiles(filePath) && openAndPrepare(db, filePath, false, &why)) {
        result.open = true;
        result.rebuilt = existed;
        result.message =
            QStringLiteral("The cache %1 was unusable (%2) and was rebuilt").arg(filePath, why);
        return result;
    }
    // Nowhere to write (a read-only or missing folder): a cache in memory still lets this
    // session work; the next start tries the file again.
    const QString fileProblem = why;
    db.close();
    if (openAndPrepare(db, QStringLiteral(":memory:"), false, &why)) {
        result.open = true;
        result.message =
            QStringLiteral("The cache %1 cannot be used (%2); keeping it in memory for now")
                .arg(filePath, fileProblem);
        return result;
    }
    db.close();
    result.message = QStringLiteral("No cache: %1").arg(why);
    return result;
}

} // namespace oiso::market::detail
