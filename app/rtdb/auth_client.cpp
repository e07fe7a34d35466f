#include "rtdb/auth_client.h"

#include "rtdb/http_exchange.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrlQuery>

namespace oiso::rtdb {

namespace {

QUrl appendPath(QUrl base, const QString& suffix)
{
    QString path = base.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    base.setPath(path + suffix);
    return base;
}

// Reads a grant from either answer shape: camelCase from identitytoolkit, snake_case from
// securetoken (where the JS SDK reads access_token; id_token is the same token).
TokenGrant parseGrant(const QJsonObject& object)
{
    auto pick = [&object](std::initializer_list<const char*> names) {
        for (const char* name : names) {
            const QJsonValue value = object.value(QLatin1String(name));
            if (value.isString())
                return value.toString();
        }
        return QString();
    };
    TokenGrant grant;
    grant.idToken = pick({"idToken", "access_token", "id_token"});
    grant.refreshToken = pick({"refreshToken", "refresh_token"});
    grant.uid = pick({"localId", "user_id"});
    grant.email = pick({"email"});
    const QJsonValue expires = object.contains(QLatin1String("expiresIn"))
                                   ? object.value(QLatin1String("expiresIn"))
                                   : object.value(QLatin1String("expires_in"));
    // A string per the docs (§13 pitfall 22); accept a number too.
    grant.expiresInSeconds = expires.isString() ? expires.toString().toInt() : expires.toInt();
    return grant;
}

} // namespace

AuthEndpoints AuthEndpoints::google(const QString& apiKey)
{
    return {QUrl(QStringLiteral("https://identitytoolkit.googleapis.com/v1")),
            QUrl(QStringLiteral("https://securetoken.googleapis.com/v1/token")), apiKey};
}

AuthEndpoints AuthEndpoints::underServer(const QUrl& serverBase, const QString& apiKey)
{
    return {appendPath(serverBase, QStringLiteral("/identitytoolkit.googleapis.com/v1")),
            appendPath(serverBase, QStringLiteral("/securetoken.googleapis.com/v1/token")), apiKey};
}

AuthClient::AuthClient(QNetworkAccessManager& manager, AuthEndpoints endpoints, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_endpoints(std::move(endpoints))
{
}

QUrl AuthClient::withKey(QUrl url) const
{
    if (!m_endpoints.apiKey.isEmpty()) {
        QUrlQuery query(url);
        query.addQueryItem(QStringLiteral("key"),
                           QString::fromLatin1(QUrl::toPercentEncoding(m_endpoints.apiKey)));
        url.setQuery(query);
    }
    return url;
}

void AuthClient::post(const QUrl& url, const QByteArray& contentType, const QByteArray& body,
                      QObject* context,
                      std::function<void(int, const QByteArray&, const AuthError&)> done)
{
    HttpRequestSpec spec;
    spec.method = "POST";
    spec.url = withKey(url);
    spec.body = body;
    spec.headers = {{"Content-Type", contentType}};
    spec.timeoutMs = m_timeoutMs;
    auto* exchange = new HttpExchange(m_manager, std::move(spec), this);
    connect(exchange, &HttpExchange::finished, context,
            [done = std::move(done)](const HttpResult& result) {
                AuthError error;
                if (result.error.kind == RtdbError::Kind::Timeout) {
                    error.code = AuthError::Code::Timeout;
                } else if (result.error) {
                    error.code = AuthError::Code::Network;
                    error.detail = result.error.serverMessage;
                } else if (result.status != 200) {
                    error = AuthError::fromResponse(result.status, result.body);
                }
                done(result.status, result.body, error);
            });
    exchange->start();
}

namespace {

void finishGrant(int status, const QByteArray& body, AuthError error,
                 const AuthClient::GrantCallback& done)
{
    Q_UNUSED(status);
    TokenGrant grant;
    if (!error) {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        grant = parseGrant(document.object());
        if (!document.isObject() || grant.idToken.isEmpty() || grant.refreshToken.isEmpty() ||
            grant.expiresInSeconds <= 0) {
            error.code = AuthError::Code::Malformed;
            error.detail = QStringLiteral("the answer lacks idToken, refreshToken or expiresIn");
            grant = {};
        }
    }
    done(grant, error);
}

QByteArray credentialsBody(const QString& email, const QString& password)
{
    const QJsonObject object{{QStringLiteral("email"), email},
                             {QStringLiteral("password"), password},
                             {QStringLiteral("returnSecureToken"), true}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

void AuthClient::signUp(const QString& email, const QString& password, QObject* context,
                        GrantCallback done)
{
    post(appendPath(m_endpoints.identityToolkit, QStringLiteral("/accounts:signUp")),
         "application/json", credentialsBody(email, password), context,
         [done = std::move(done)](int status, const QByteArray& body, const AuthError& error) {
             finishGrant(status, body, error, done);
         });
}

void AuthClient::signIn(const QString& email, const QString& password, QObject* context,
                        GrantCallback done)
{
    post(appendPath(m_endpoints.identityToolkit, QStringLiteral("/accounts:signInWithPassword")),
         "application/json", credentialsBody(email, password), context,
         [done = std::move(done)](int status, const QByteArray& body, const AuthError& error) {
             finishGrant(status, body, error, done);
         });
}

void AuthClient::refresh(const QString& refreshToken, QObject* context, GrantCallback done)
{
    const QByteArray body =
        "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(refreshToken);
    post(m_endpoints.secureToken, "application/x-www-form-urlencoded", body, context,
         [done = std::move(done)](int status, const QByteArray& answer, const AuthError& error) {
             finishGrant(status, answer, error, done);
         });
}

} // namespace oiso::rtdb
