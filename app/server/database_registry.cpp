#include "database_registry.h"

#include <QDir>
#include <QRegularExpression>

namespace oiso::server {

DatabaseRegistry::DatabaseRegistry(QString dataDirectory)
    : m_dataDirectory(std::move(dataDirectory))
{
}

DatabaseRegistry::~DatabaseRegistry() = default;

Database* DatabaseRegistry::database(const QString& ns, int* status, QString* error)
{
    static const QRegularExpression validName(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!validName.match(ns).hasMatch()) {
        *status = 403;
        *error = QStringLiteral("Invalid Firebase database name");
        return nullptr;
    }
    std::lock_guard lock(m_mutex);
    if (auto it = m_databases.find(ns); it != m_databases.end())
        return it->second.get();
    if (m_databases.size() >= kMaxNamespaces) {
        *status = 403;
        *error = QStringLiteral("This server holds its maximum number of databases");
        return nullptr;
    }
    const QString directory = QDir(m_dataDirectory).filePath(QStringLiteral("databases/") + ns);
    auto database = std::make_unique<Database>(ns, directory);
    if (!database->open(error)) {
        *status = 500;
        return nullptr;
    }
    return m_databases.emplace(ns, std::move(database)).first->second.get();
}

QString DatabaseRegistry::namespaceFor(const std::string* nsParameter, const QByteArray& hostHeader)
{
    if (nsParameter && !nsParameter->empty())
        return QString::fromStdString(*nsParameter);
    // Only a Firebase-style host name carries the database name in its first label. Any other
    // host (an IP, localhost, a LAN machine name) addresses the default database, so clients
    // reaching one server under different names still share one database.
    const QString host =
        QString::fromLatin1(hostHeader).trimmed().toLower().section(QLatin1Char(':'), 0, 0);
    if (host.endsWith(QLatin1String(".firebaseio.com")) ||
        host.endsWith(QLatin1String(".firebasedatabase.app")))
        return host.section(QLatin1Char('.'), 0, 0);
    return QString::fromLatin1(kDefaultNamespace);
}

void DatabaseRegistry::syncAll()
{
    std::lock_guard lock(m_mutex);
    for (auto& [name, database] : m_databases)
        database->sync();
}

} // namespace oiso::server
