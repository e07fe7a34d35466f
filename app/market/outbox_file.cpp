#include "outbox_file.h"

#include "sqlite_connection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace oiso::market::detail {

namespace {

// Raised only with a migration from every earlier version: this file is never rebuilt.
constexpr int kSchemaVersion = 1;

// AUTOINCREMENT: ids are never reused, even after the newest entry was removed, so id order is
// always writing order. State is stored as a word so the file explains itself to anyone
// recovering a kept copy with the sqlite3 shell.
constexpr const char* kSchema[] = {
    R"(CREATE TABLE IF NOT EXISTS outbox(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        room TEXT NOT NULL COLLATE BINARY,
        key TEXT NOT NULL COLLATE BINARY UNIQUE,
        sender TEXT NOT NULL,
        text TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK(state IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX IF NOT EXISTS outbox_by_room ON outbox(room, id)",
    "CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox(state, id)",
    R"(CREATE TABLE IF NOT EXISTS drafts(
        room TEXT NOT NULL COLLATE BINARY PRIMARY KEY,
        text TEXT NOT NULL,
        updated_ms INTEGER NOT NULL))",
};

// The store's own context, as its user-facing texts belong to it (a free tr() would file them
// under the namespace for lupdate and look them up under another name at run time).
struct OutboxFileText {
    Q_DECLARE_TR_FUNCTIONS(oiso::market::OutboxStore)
};

bool createSchema(SqliteConnection& db)
{
    Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    // Checked again inside the write lock: the other store's connection may have just made it.
    if (db.scalar(QStringLiteral("PRAGMA user_version")).toInt() == kSchemaVersion)
        return transaction.commit();
    for (const char* statement : kSchema) {
        if (!db.exec(QString::fromUtf8(statement)))
            return false;
    }
    return db.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion)) &&
           transaction.commit();
}

enum class Verdict { Ours, Damaged, Unavailable };

struct Inspection {
    Verdict verdict = Verdict::Ours;
    QString problem;
};

// Whether the opened file is ours (or new). Only content that SQLite calls damaged, or a file
// that is not one of ours, counts as damage: a locked, unreadable or full disk is a reason to
// fail now and try again later, never to move the user's unsent messages out of the way.
Inspection inspect(SqliteConnection& db)
{
    const auto failure = [&db] {
        return Inspection{db.lastErrorMeansDamage() ? Verdict::Damaged : Verdict::Unavailable,
                          db.lastError()};
    };
    const QVariant check = db.scalar(QStringLiteral("PRAGMA quick_check"));
    if (!check.isValid())
        return failure();
    if (check.toString() != QLatin1String("ok"))
        return {Verdict::Damaged, quickCheckSummary(check.toString())};
    const QVariant version = db.scalar(QStringLiteral("PRAGMA user_version"));
    if (!version.isValid())
        return failure();
    if (version.toInt() == kSchemaVersion)
        return {};
    const QVariant tables = db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!tables.isValid())
        return failure();
    if (version.toInt() == 0 && tables.toInt() == 0)
        return {}; // a new file
    return {Verdict::Damaged, QStringLiteral("schema version %1, this build knows %2")
                                  .arg(version.toInt())
                                  .arg(kSchemaVersion)};
}

// Renames the file (and the -wal/-journal that belong to it) to a free `.damaged-<time>` name;
// the name used, or empty when the file could not be moved.
QString moveAside(const QString& filePath)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString aside = filePath + QStringLiteral(".damaged-") + stamp;
    for (int n = 2; QFileInfo::exists(aside); ++n)
        aside = filePath + QStringLiteral(".damaged-%1-%2").arg(stamp).arg(n);
    if (!QFile::rename(filePath, aside))
        return {};
    for (const auto* suffix : {"-wal", "-journal"}) {
        const QString companion = filePath + QLatin1String(suffix);
        if (QFileInfo::exists(companion))
            QFile::rename(companion, aside + QLatin1String(suffix));
    }
    QFile::remove(filePath + QStringLiteral("-shm")); // an index of the -wal, rebuilt on open
    return aside;
}

Inspection openChecked(SqliteConnection& db, const QString& filePath)
{
    if (!db.open(filePath))
        return {Verdict::Unavailable, db.lastError()};
    Inspection inspection = inspect(db);
    if (inspection.verdict != Verdict::Ours)
        return inspection;
    // WAL: a commit is one append (and, with synchronous=FULL, one fsync) instead of a rollback
    // journal's several writes, and the two stores' connections never block each other's reads.
    if (db.scalar(QStringLiteral("PRAGMA journal_mode=WAL")).toString() != QLatin1String("wal") ||
        !createSchema(db))
        return {db.lastErrorMeansDamage() ? Verdict::Damaged : Verdict::Unavailable,
                db.lastError()};
    return inspection;
}

} // namespace

bool openOutboxFile(SqliteConnection& db, const QString& filePath, QString* notice, QString* error)
{
    notice->clear();
    error->clear();
    if (!QDir().mkpath(QFileInfo(filePath).absolutePath())) {
        *error = OutboxFileText::tr("The folder of %1 cannot be created.").arg(filePath);
        return false;
    }
    const Inspection first = openChecked(db, filePath);
    if (first.verdict == Verdict::Ours)
        return true;
    db.close();
    if (first.verdict == Verdict::Unavailable) {
        *error = OutboxFileText::tr("%1 cannot be opened (%2).").arg(filePath, first.problem);
        return false;
    }
    const QString aside = moveAside(filePath);
    if (aside.isEmpty()) {
        *error = OutboxFileText::tr("%1 is damaged (%2) and cannot be moved aside.")
                     .arg(filePath, first.problem);
        return false;
    }
    const Inspection fresh = openChecked(db, filePath);
    if (fresh.verdict != Verdict::Ours) {
        db.close();
        *error = OutboxFileText::tr("%1 cannot be created (%2).").arg(filePath, fresh.problem);
        return false;
    }
    *notice = OutboxFileText::tr(
                  "The file of unsent messages and drafts was damaged (%1). It was kept as %2 and "
                  "a new one was started.")
                  .arg(first.problem, aside);
    return true;
}

} // namespace oiso::market::detail
