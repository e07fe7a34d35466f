#pragma once

#include "protocol/path.h"
#include "protocol/query.h"

#include <QString>
#include <QUrl>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oiso::rtdb {

// Where a database lives (reference §1.1), and how its REST URLs are formed:
//   https://<db>.firebaseio.com                     (us-central1)
//   https://<db>.<region>.firebasedatabase.app      (other regions)
//   http://127.0.0.1:9000 (optionally ?ns=<db>)     (the embedded server, or oiso-server on a LAN)
// Hosted Firebase hosts must use https; plain http is accepted only for other hosts (our own
// server), so a typo cannot silently send tokens in the clear to Google's front ends.
class DatabaseLocation {
public:
    static std::optional<DatabaseLocation> parse(const QString& url, QString* error = nullptr);

    QUrl baseUrl() const { return m_base; } // scheme, host and port only
    QString ns() const { return m_ns; }     // empty when the host names the database
    bool isHostedFirebase() const { return m_hosted; }
    QString displayString() const;

    // The REST URL of `path` with `.json`, every segment percent-encoded, the namespace and the
    // given parameters (names and values unencoded; values are encoded here, so a JSON value like
    // "a+b" or "가" survives intact).
    QUrl restUrl(const protocol::Path& path,
                 const std::vector<std::pair<QString, QString>>& parameters = {}) const;

    friend bool operator==(const DatabaseLocation&, const DatabaseLocation&) = default;

private:
    QUrl m_base;
    QString m_ns;
    bool m_hosted = false;
};

// Query parameters of a query, JSON-encoded as the REST API wants (`orderBy="$key"`, §3.1).
std::vector<std::pair<QString, QString>> queryParameters(const protocol::Query& query);

} // namespace oiso::rtdb
