#pragma once

#include <QString>

namespace oiso::market::detail {

class SqliteConnection;

// The file of the user's own words (profile.sqlite: the outbox and the drafts, each class on its
// own connection). Unlike the cache it is never deleted: a file that cannot be read as ours —
// not SQLite, failing PRAGMA quick_check, or of a schema version this build does not know — is
// renamed aside to `<file>.damaged-<yyyyMMdd-HHmmss>` (its -wal with it, since it may hold the
// last commits) and a new one started; `*notice` then names the kept file for the user.
//
// A file that merely cannot be reached now (locked, unreadable, a full disk) is left alone.
//
// Opens `db` in WAL mode with both tables present. False with `*error` (translated) when no usable
// file could be opened or made.
bool openOutboxFile(SqliteConnection& db, const QString& filePath, QString* notice, QString* error);

} // namespace oiso::market::detail
