#pragma once

#include "database.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace oiso::server {

// The databases of one server, one per namespace (`?ns=` or the Host's first label), each in
// its own folder under `<data>/databases/`. Opened on first use.
class DatabaseRegistry {
public:
    static constexpr const char* kDefaultNamespace = "oiso";
    static constexpr std::size_t kMaxNamespaces = 32;

    explicit DatabaseRegistry(QString dataDirectory);
    ~DatabaseRegistry();

    // The database for a namespace name; nullptr with *error (and *status) when the name is
    // invalid, there are too many, or its files cannot be opened.
    Database* database(const QString& ns, int* status, QString* error);

    // The namespace a request addresses: `ns` when given, else the first label of a Firebase
    // host name (<db>.firebaseio.com), else the default namespace.
    static QString namespaceFor(const std::string* nsParameter, const QByteArray& hostHeader);

    void syncAll();

private:
    QString m_dataDirectory;
    std::mutex m_mutex;
    std::map<QString, std::unique_ptr<Database>> m_databases;
};

} // namespace oiso::server
