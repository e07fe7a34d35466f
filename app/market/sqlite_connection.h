#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <memory>
#include <unordered_map>

namespace oiso::market::detail {

// SQLite's primary result codes for "this file is not a sound database" (sqlite3.h; Qt does not
// expose the header).
inline constexpr int kSqliteCorrupt = 11; // SQLITE_CORRUPT
inline constexpr int kSqliteNotADb = 26;  // SQLITE_NOTADB

// One QSQLITE connection owned by one object (internal to the market core's stores).
//
// Qt keeps connections in a process-wide registry by name, so every instance gets a unique name
// and removes it again in close() — after its prepared statements and its QSqlDatabase handle
// are gone, which is the order QSqlDatabase::removeDatabase needs to close the file without
// "connection still in use" warnings. A connection is used only on the thread that opened it.
class SqliteConnection {
public:
    explicit SqliteConnection(const QString& purpose);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    // Opens (creating) the file; false with lastError() when the driver or the file refuses.
    // SQLite reads nothing yet: a garbage file shows up only at the first statement.
    bool open(const QString& filePath);
    void close(); // statements first, then the handle, then the registry entry
    bool isOpen() const;
    QString lastError() const { return m_error; }
    // The SQLite result code of the last failure (0 when it was not SQLite's, or none).
    int lastErrorCode() const { return m_errorCode; }
    // The last failure says the file's content is damaged or not a database at all, as opposed
    // to the file being unreachable, locked or on a full disk.
    bool lastErrorMeansDamage() const
    {
        const int primary = m_errorCode & 0xff;
        return primary == kSqliteCorrupt || primary == kSqliteNotADb;
    }

    // One statement without parameters (DDL, pragmas). False with lastError() on failure.
    bool exec(const QString& sql);
    // The first column of the first row of a parameterless statement; invalid on failure or no
    // row (lastError() tells them apart: it is empty for no row).
    QVariant scalar(const QString& sql);

    // A statement prepared once and kept for the connection's life. `sql` must be a string
    // literal (its address is the cache key). Null when preparing failed (lastError()).
    QSqlQuery* statement(const char* sql);
    // Executes a prepared statement with its bound values; false with lastError().
    bool run(QSqlQuery& query);
    // statement(sql) with `values` bound in order, executed: the query to read rows from, or
    // null with lastError().
    QSqlQuery* execute(const char* sql, std::initializer_list<QVariant> values);

    bool begin();  // BEGIN IMMEDIATE: takes the write lock now, so a commit cannot be refused
    bool commit(); // false (and rolled back) when the commit failed
    void rollback();

private:
    void recordError(const QString& what, const QString& detail);
    void recordError(const QString& what, const QSqlError& error);

    QString m_name;
    QSqlDatabase m_db;
    std::unordered_map<const char*, std::unique_ptr<QSqlQuery>> m_statements;
    QString m_error;
    int m_errorCode = 0;
};

// Runs its body's writes as one transaction: rolled back unless commit() succeeded.
class Transaction {
public:
    explicit Transaction(SqliteConnection& db)
        : m_db(db)
        , m_active(db.begin())
    {
    }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    bool commit()
    {
        const bool ok = m_active && m_db.commit();
        m_active = false;
        return ok;
    }

private:
    SqliteConnection& m_db;
    bool m_active;
};

// Deletes a database file and the files SQLite keeps beside it (-wal, -shm, -journal).
// True when none of them is left.
bool removeDatabaseFiles(const QString& filePath);

// The first problem PRAGMA quick_check reported (it lists one per damaged page), for a log line.
QString quickCheckSummary(const QString& report);

// A bound text value that is never SQL NULL (Qt binds a null QString as NULL).
inline QVariant textValue(const QString& text)
{
    return text.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(text);
}

} // namespace oiso::market::detail
