#include "outbox_store.h"

#include "outbox_file.h"
#include "sqlite_connection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>

namespace oiso::market {

namespace {

Q_LOGGING_CATEGORY(lcOutboxStore, "oiso.market.outbox")

using detail::textValue;

#define OISO_OUTBOX_COLUMNS "id, room, key, sender, text, created_ms, state, attempts, error"

// States are stored as words ('pending', 'sent', 'failed'; see outbox_file.cpp).
OutboxEntry::State stateFromName(const QString& name)
{
    if (name == QLatin1String("sent"))
        return OutboxEntry::State::Sent;
    if (name == QLatin1String("failed"))
        return OutboxEntry::State::Failed;
    return OutboxEntry::State::Pending;
}

OutboxEntry entryFromRow(const QSqlQuery& query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.room = query.value(1).toString();
    entry.key = query.value(2).toString();
    entry.senderId = query.value(3).toString();
    entry.text = query.value(4).toString();
    entry.createdMs = query.value(5).toLongLong();
    entry.state = stateFromName(query.value(6).toString());
    entry.attempts = query.value(7).toInt();
    entry.error = query.value(8).toString();
    return entry;
}

} // namespace

struct OutboxStore::Private {
    QSqlQuery* run(const char* sql, std::initializer_list<QVariant> values);
    std::vector<OutboxEntry> entries(QSqlQuery* query);
    bool changedOne(const char* sql, std::initializer_list<QVariant> values);

    detail::SqliteConnection db{QStringLiteral("outbox")};
    bool open = false;
    QString error;
};

QSqlQuery* OutboxStore::Private::run(const char* sql, std::initializer_list<QVariant> values)
{
    if (!open)
        return nullptr;
    if (QSqlQuery* query = db.execute(sql, values))
        return query;
    error = db.lastError();
    qCWarning(lcOutboxStore).noquote() << error;
    return nullptr;
}

std::vector<OutboxEntry> OutboxStore::Private::entries(QSqlQuery* query)
{
    std::vector<OutboxEntry> result;
    if (!query)
        return result;
    while (query->next())
        result.push_back(entryFromRow(*query));
    query->finish();
    return result;
}

bool OutboxStore::Private::changedOne(const char* sql, std::initializer_list<QVariant> values)
{
    QSqlQuery* query = run(sql, values);
    return query && query->numRowsAffected() > 0;
}

OutboxStore::OutboxStore(const QString& filePath)
    : d(std::make_unique<Private>())
{
    QString notice;
    d->open = detail::openOutboxFile(d->db, filePath, &notice, &d->error);
    if (d->open) {
        d->error = notice;
        // FULL: every commit is fsynced before it returns, so an enqueued message survives a
        // power cut as well as the app being killed (NORMAL in WAL mode risks the last ones).
        if (!d->db.exec(QStringLiteral("PRAGMA synchronous=FULL"))) {
            d->error = d->db.lastError();
            d->db.close();
            d->open = false;
        }
    }
    if (!d->error.isEmpty())
        qCWarning(lcOutboxStore).noquote() << d->error;
}

OutboxStore::~OutboxStore() = default;

bool OutboxStore::isOpen() const
{
    return d->open;
}

QString OutboxStore::errorString() const
{
    return d->error;
}

bool OutboxStore::enqueue(OutboxEntry& entry)
{
    if (!d->open)
        return false; // errorString() already says why
    if (entry.room.isEmpty() || entry.key.isEmpty()) {
        d->error = QCoreApplication::translate("oiso::market::OutboxStore",
                                               "A message needs a room and a key.");
        return false;
    }
    if (entry.createdMs == 0)
        entry.createdMs = QDateTime::currentMSecsSinceEpoch();
    // One autocommit statement: with synchronous=FULL it is on disk when exec() returns.
    QSqlQuery* query = d->run(
        "INSERT INTO outbox(room, key, sender, text, created_ms, state, attempts, error) "
        "VALUES(?, ?, ?, ?, ?, 'pending', 0, '')",
        {entry.room, entry.key, textValue(entry.senderId), textValue(entry.text), entry.createdMs});
    if (!query)
        return false;
    entry.id = query->lastInsertId().toLongLong();
    entry.state = OutboxEntry::State::Pending;
    entry.attempts = 0;
    entry.error.clear();
    return true;
}

std::vector<OutboxEntry> OutboxStore::pending() const
{
    return d->entries(d->run(
        "SELECT " OISO_OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending' ORDER BY id", {}));
}

std::vector<OutboxEntry> OutboxStore::unsent(const QString& room) const
{
    return d->entries(d->run("SELECT " OISO_OUTBOX_COLUMNS " FROM outbox "
                             "WHERE room = ? AND state <> 'sent' ORDER BY id",
                             {room}));
}

std::optional<OutboxEntry> OutboxStore::entry(const QString& key) const
{
    std::vector<OutboxEntry> found =
        d->entries(d->run("SELECT " OISO_OUTBOX_COLUMNS " FROM outbox WHERE key = ?", {key}));
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

int OutboxStore::countForRoom(const QString& room) const
{
    QSqlQuery* query = d->run("SELECT count(*) FROM outbox WHERE room = ?", {room});
    if (!query || !query->next())
        return 0;
    const int count = query->value(0).toInt();
    query->finish();
    return count;
}

bool OutboxStore::markSent(const QString& key)
{
    return d->changedOne("UPDATE outbox SET state = 'sent', error = '' WHERE key = ?", {key});
}

bool OutboxStore::markFailed(const QString& key, const QString& error)
{
    return d->changedOne(
        "UPDATE outbox SET state = 'failed', error = ? WHERE key = ? AND state <> 'sent'",
        {textValue(error), key});
}

bool OutboxStore::recordAttempt(const QString& key, const QString& error)
{
    return d->changedOne("UPDATE outbox SET attempts = attempts + 1, error = ? "
                         "WHERE key = ? AND state <> 'sent'",
                         {textValue(error), key});
}

bool OutboxStore::retry(const QString& key)
{
    return d->changedOne("UPDATE outbox SET state = 'pending', attempts = 0, error = '' "
                         "WHERE key = ? AND state = 'failed'",
                         {key});
}

bool OutboxStore::remove(const QString& key)
{
    return d->changedOne("DELETE FROM outbox WHERE key = ? AND state <> 'sent'", {key});
}

void OutboxStore::pruneSent(qint64 olderThanMs)
{
    d->run("DELETE FROM outbox WHERE state = 'sent' AND created_ms < ?", {olderThanMs});
}

} // namespace oiso::market
