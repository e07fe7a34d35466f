#include "sqlite_connection.h"

#include <QFile>
#include <QSqlError>
#include <QStringList>

#include <atomic>

namespace oiso::market::detail {

namespace {
std::atomic<quint64> g_connectionSerial{0};
} // namespace

SqliteConnection::SqliteConnection(const QString& purpose)
    : m_name(QStringLiteral("oiso-%1-%2").arg(purpose).arg(++g_connectionSerial))
{
}

SqliteConnection::~SqliteConnection()
{
    close();
}

bool SqliteConnection::open(const QString& filePath)
{
    close();
    m_error.clear();
    m_errorCode = 0;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    if (!m_db.isValid()) {
        recordError(QStringLiteral("The Qt SQLite driver (QSQLITE) is not available"), QString());
        return false;
    }
    m_db.setDatabaseName(filePath);
    if (!m_db.open()) {
        recordError(QStringLiteral("Cannot open %1").arg(filePath), m_db.lastError());
        return false;
    }
    return true;
}

void SqliteConnection::close()
{
    m_statements.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_name))
        QSqlDatabase::removeDatabase(m_name);
}

bool SqliteConnection::isOpen() const
{
    return m_db.isOpen();
}

bool SqliteConnection::exec(const QString& sql)
{
    if (!isOpen()) {
        recordError(sql, QStringLiteral("the database is not open"));
        return false;
    }
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    recordError(sql, query.lastError());
    return false;
}

QVariant SqliteConnection::scalar(const QString& sql)
{
    m_error.clear();
    m_errorCode = 0;
    if (!isOpen()) {
        recordError(sql, QStringLiteral("the database is not open"));
        return {};
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        recordError(sql, query.lastError());
        return {};
    }
    if (!query.next()) {
        if (query.lastError().isValid())
            recordError(sql, query.lastError());
        return {};
    }
    return query.value(0);
}

QSqlQuery* SqliteConnection::statement(const char* sql)
{
    auto found = m_statements.find(sql);
    if (found != m_statements.end())
        return found->second.get();
    if (!isOpen()) {
        recordError(QString::fromUtf8(sql), QStringLiteral("the database is not open"));
        return nullptr;
    }
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true); // rows are read once, in order: no client-side row cache
    if (!query->prepare(QString::fromUtf8(sql))) {
        recordError(QString::fromUtf8(sql), query->lastError());
        return nullptr;
    }
    return m_statements.emplace(sql, std::move(query)).first->second.get();
}

bool SqliteConnection::run(QSqlQuery& query)
{
    if (query.exec())
        return true;
    recordError(query.lastQuery(), query.lastError());
    return false;
}

QSqlQuery* SqliteConnection::execute(const char* sql, std::initializer_list<QVariant> values)
{
    QSqlQuery* query = statement(sql);
    if (!query)
        return nullptr;
    int position = 0;
    for (const QVariant& value : values)
        query->bindValue(position++, value);
    return run(*query) ? query : nullptr;
}

bool SqliteConnection::begin()
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool SqliteConnection::commit()
{
    // Statements still positioned on a row would keep a read snapshot open across the commit.
    for (auto& [sql, query] : m_statements)
        query->finish();
    if (exec(QStringLiteral("COMMIT")))
        return true;
    rollback();
    return false;
}

void SqliteConnection::rollback()
{
    if (!isOpen())
        return;
    for (auto& [sql, query] : m_statements)
        query->finish();
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK")); // fails harmlessly when SQLite already rolled back
}

void SqliteConnection::recordError(const QString& what, const QString& detail)
{
    m_error = detail.isEmpty() ? what : what + QStringLiteral(": ") + detail;
    m_errorCode = 0;
}

void SqliteConnection::recordError(const QString& what, const QSqlError& error)
{
    recordError(what, error.text());
    m_errorCode = error.nativeErrorCode().toInt(); // the (extended) SQLite result code
}

QString quickCheckSummary(const QString& report)
{
    QStringList problems = report.split(u'\n', Qt::SkipEmptyParts);
    problems.removeIf([](const QString& line) { return line.startsWith(QLatin1String("***")); });
    if (problems.isEmpty())
        return QStringLiteral("quick_check: %1").arg(report);
    if (problems.size() == 1)
        return QStringLiteral("quick_check: %1").arg(problems.front());
    return QStringLiteral("quick_check: %1 (and %2 more)")
        .arg(problems.front())
        .arg(problems.size() - 1);
}

bool removeDatabaseFiles(const QString& filePath)
{
    bool allGone = true;
    for (const auto* suffix : {"", "-wal", "-shm", "-journal"}) {
        const QString name = filePath + QLatin1String(suffix);
        if (QFile::exists(name) && !QFile::remove(name))
            allGone = false;
    }
    return allGone;
}

} // namespace oiso::market::detail
