#pragma once

#include "http_types.h"
#include "protocol/path.h"
#include "protocol/query.h"

#include <QString>

#include <chrono>
#include <optional>

namespace oiso::server {

class AuthService;
class Database;
class DatabaseRegistry;

// What every `/<path>.json` request shares, checked once: the location, the database, the
// output options, the query and the caller's credential.
struct RestCall {
    Database* database = nullptr;
    protocol::Path path;
    protocol::Query query;
    bool pretty = false;       // print=pretty
    bool silent = false;       // print=silent: 204, no body
    bool exportFormat = false; // format=export
    bool admin = false;        // Authorization: Bearer owner
    QString uid;               // from a verified auth= ID token
    // When the auth= token expires (streams then get auth_revoked).
    std::optional<std::chrono::steady_clock::time_point> tokenExpiry;

    static std::optional<RestCall> prepare(const HttpRequest& request, DatabaseRegistry& databases,
                                           const AuthService& auth, int* status, QString* error);
};

} // namespace oiso::server
