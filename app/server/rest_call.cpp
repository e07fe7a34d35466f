#include "rest_call.h"

#include "auth_service.h"
#include "database_registry.h"

#include <QDateTime>

namespace oiso::server {

std::optional<RestCall> RestCall::prepare(const HttpRequest& request, DatabaseRegistry& databases,
                                          const AuthService& auth, int* status, QString* error)
{
    RestCall call;
    *status = 400;
    const std::string_view location =
        std::string_view(request.path).substr(0, request.path.size() - 5); // drop ".json"
    auto path = protocol::parsePath(location, error);
    if (!path)
        return std::nullopt;
    call.path = std::move(*path);

    if (const std::string* print = request.queryValue("print")) {
        if (*print == "pretty") {
            call.pretty = true;
        } else if (*print == "silent") {
            call.silent = true;
        } else {
            *error = QStringLiteral("print must be \"pretty\" or \"silent\"");
            return std::nullopt;
        }
    }
    if (const std::string* format = request.queryValue("format"))
        call.exportFormat = *format == "export";

    auto query = protocol::Query::fromParameters(request.query, error);
    if (!query)
        return std::nullopt;
    call.query = std::move(*query);

    // Credentials (reference §7.1): auth=<ID token> is a user; a bearer token or access_token
    // "owner" is the administrator, as with the official emulator.
    const QByteArray authorization = request.header("authorization");
    const std::string* accessToken = request.queryValue("access_token");
    if (!authorization.isEmpty() || accessToken) {
        const QByteArray bearer =
            accessToken ? QByteArray::fromStdString(*accessToken) : authorization.mid(7).trimmed();
        if ((!accessToken && !authorization.startsWith("Bearer ")) || bearer != "owner") {
            *status = 401;
            *error = QStringLiteral("Could not parse auth token.");
            return std::nullopt;
        }
        call.admin = true;
    }
    if (const std::string* token = request.queryValue("auth"); token && !token->empty()) {
        const auto claims = auth.verifyIdToken(QByteArray::fromStdString(*token), error);
        if (!claims) {
            *status = 401;
            return std::nullopt;
        }
        call.uid = claims->uid;
        const qint64 expiresAt = claims->claims.value(QStringLiteral("exp")).toInteger();
        const qint64 secondsLeft = expiresAt - QDateTime::currentSecsSinceEpoch();
        call.tokenExpiry = std::chrono::steady_clock::now() + std::chrono::seconds(secondsLeft);
    }

    const QString ns =
        DatabaseRegistry::namespaceFor(request.queryValue("ns"), request.header("host"));
    call.database = databases.database(ns, status, error);
    if (!call.database)
        return std::nullopt;
    return call;
}

} // namespace oiso::server
