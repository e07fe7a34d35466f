#pragma once
// Shared by the files that implement LocalCache (items and lists; messages and digests).

#include "local_cache.h"
#include "sqlite_connection.h"

#include "protocol/json.h"

#include <QByteArray>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace oiso::market {

struct LocalCache::Private {
    explicit Private(const QString& path)
        : filePath(path)
    {
    }

    // The prepared statement for `sql` with `values` bound in order, executed; null when the
    // cache is not open or SQLite refused (the reason goes to errorString()).
    QSqlQuery* run(const char* sql, std::initializer_list<QVariant> values);
    void noteFailure();

    QString filePath;
    detail::SqliteConnection db{QStringLiteral("cache")};
    bool open = false;
    bool rebuilt = false;
    bool failed = false; // a statement failed in this session
    QString error;
};

namespace detail {

// Records are kept as the JSON the server sent (UTF-8, compact), so they come back exactly.
inline QByteArray rawJson(const protocol::Node& node)
{
    return protocol::toJson(node);
}

// A stored record; nullopt when the bytes are not JSON (a damaged row is treated as absent).
inline std::optional<protocol::Node> parseRaw(const QVariant& value)
{
    return protocol::parseJson(value.toByteArray());
}

// The columns a message query selects, in this order, for messageFromRow.
#define OISO_MESSAGE_COLUMNS "key, sender, text, ts, raw"

// The message in OISO_MESSAGE_COLUMNS starting at column `first`. The stored columns are what
// was given to storeMessages and win over the record (a local echo may carry none); the record
// supplies everything else the mapping derives, and comes back as `raw`.
ChatMessage messageFromRow(const QSqlQuery& query, int first);

} // namespace detail
} // namespace oiso::market
