#pragma once

#include <QString>

namespace oiso::market::detail {

class SqliteConnection;

// The cache file's schema, in PRAGMA user_version. A file of any other version is rebuilt, so
// changing a table means only raising this number (the cache is disposable: no migrations).
inline constexpr int kCacheSchemaVersion = 1;

struct CacheOpening {
    bool open = false;
    bool rebuilt = false; // an existing file was unusable and was replaced
    QString message;      // why it was rebuilt, or why only memory could be used
};

// Opens the cache at `filePath` on `db`: checks an existing file (its schema version, and with
// `checkPages` every page: PRAGMA quick_check) and creates the schema in a new one. An unusable
// file is deleted with its -wal/-shm and built again; when no file can be written at all the
// cache lives in memory for this session. Never fails for a bad file, only when SQLite itself
// is unavailable.
CacheOpening openCacheDatabase(SqliteConnection& db, const QString& filePath, bool checkPages);

} // namespace oiso::market::detail
