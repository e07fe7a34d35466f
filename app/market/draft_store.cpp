#include "outbox_store.h"

#include "outbox_file.h"
#include "sqlite_connection.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>

namespace oiso::market {

namespace {
Q_LOGGING_CATEGORY(lcDrafts, "oiso.market.drafts")
} // namespace

struct DraftStore::Private {
    QSqlQuery* run(const char* sql, std::initializer_list<QVariant> values);

    detail::SqliteConnection db{QStringLiteral("drafts")};
    bool open = false;
    QString error;
};

QSqlQuery* DraftStore::Private::run(const char* sql, std::initializer_list<QVariant> values)
{
    if (!open)
        return nullptr;
    if (QSqlQuery* query = db.execute(sql, values))
        return query;
    error = db.lastError();
    qCWarning(lcDrafts).noquote() << error;
    return nullptr;
}

DraftStore::DraftStore(const QString& filePath)
    : d(std::make_unique<Private>())
{
    QString notice;
    d->open = detail::openOutboxFile(d->db, filePath, &notice, &d->error);
    if (d->open) {
        d->error = notice;
        // NORMAL, unlike the outbox: a draft is saved again and again while the user types, and
        // in WAL mode NORMAL still survives the app being killed; only a power cut can cost the
        // last few keystrokes, which is not worth an fsync per save.
        if (!d->db.exec(QStringLiteral("PRAGMA synchronous=NORMAL"))) {
            d->error = d->db.lastError();
            d->db.close();
            d->open = false;
        }
    }
    if (!d->error.isEmpty())
        qCWarning(lcDrafts).noquote() << d->error;
}

DraftStore::~DraftStore() = default;

bool DraftStore::isOpen() const
{
    return d->open;
}

QString DraftStore::errorString() const
{
    return d->error;
}

bool DraftStore::save(const QString& room, const QString& text)
{
    if (room.isEmpty())
        return false;
    if (text.isEmpty())
        return d->run("DELETE FROM drafts WHERE room = ?", {room}) != nullptr;
    return d->run("INSERT OR REPLACE INTO drafts(room, text, updated_ms) VALUES(?, ?, ?)",
                  {room, text, QDateTime::currentMSecsSinceEpoch()}) != nullptr;
}

QString DraftStore::draft(const QString& room) const
{
    QSqlQuery* query = d->run("SELECT text FROM drafts WHERE room = ?", {room});
    if (!query || !query->next())
        return {};
    const QString text = query->value(0).toString();
    query->finish();
    return text;
}

std::vector<std::pair<QString, QString>> DraftStore::all() const
{
    std::vector<std::pair<QString, QString>> drafts;
    QSqlQuery* query = d->run("SELECT room, text FROM drafts ORDER BY room", {});
    if (!query)
        return drafts;
    while (query->next())
        drafts.emplace_back(query->value(0).toString(), query->value(1).toString());
    query->finish();
    return drafts;
}

} // namespace oiso::market
