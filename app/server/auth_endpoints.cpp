#include "auth_endpoints.h"

#include "auth_service.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>
#include <string_view>

namespace oiso::server {

namespace {

constexpr std::string_view kIdentityToolkitPrefix = "/identitytoolkit.googleapis.com/";
constexpr std::string_view kSecureTokenPrefix = "/securetoken.googleapis.com/";

enum class Endpoint { SignUp, SignIn, Lookup, Token };

std::optional<Endpoint> endpointFor(const std::string& path)
{
    if (path == "/identitytoolkit.googleapis.com/v1/accounts:signUp")
        return Endpoint::SignUp;
    if (path == "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword")
        return Endpoint::SignIn;
    if (path == "/identitytoolkit.googleapis.com/v1/accounts:lookup")
        return Endpoint::Lookup;
    if (path == "/securetoken.googleapis.com/v1/token")
        return Endpoint::Token;
    return std::nullopt;
}

HttpResponse errorBody(int status, const QString& message, const QString& reason)
{
    const QJsonObject detail{{QStringLiteral("message"), message},
                             {QStringLiteral("domain"), QStringLiteral("global")},
                             {QStringLiteral("reason"), reason}};
    const QJsonObject error{{QStringLiteral("code"), status},
                            {QStringLiteral("message"), message},
                            {QStringLiteral("errors"), QJsonArray{detail}}};
    return jsonResponse(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
                                    .toJson(QJsonDocument::Compact));
}

HttpResponse badRequest(const QString& message)
{
    return errorBody(400, message, QStringLiteral("invalid"));
}

HttpResponse authErrorResponse(const AuthError& error)
{
    // Storage failures are the server's fault, not the request's.
    if (error.message.startsWith(QLatin1String("INTERNAL_ERROR")))
        return errorBody(500, error.message, QStringLiteral("backendError"));
    return badRequest(error.message);
}

HttpResponse ok(const QJsonObject& body)
{
    return jsonResponse(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse preflight(const HttpRequest& request)
{
    HttpResponse response;
    response.status = 204;
    const QByteArray requested = request.header("access-control-request-headers");
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
    response.setHeader("Access-Control-Allow-Headers",
                       requested.isEmpty()
                           ? QByteArrayLiteral("Content-Type, X-Goog-Api-Key, X-Client-Version, "
                                               "X-Firebase-Locale, X-Firebase-GMPID")
                           : requested);
    response.setHeader("Access-Control-Max-Age", "86400");
    return response;
}

// The emulator accepts snake_case and camelCase alike; everything is looked up in camelCase.
QString camelCase(const QString& name)
{
    QString out;
    out.reserve(name.size());
    bool upperNext = false;
    for (const QChar c : name) {
        if (c == QLatin1Char('_') && !out.isEmpty()) {
            upperNext = true;
            continue;
        }
        out.append(upperNext ? c.toUpper() : c);
        upperNext = false;
    }
    return out;
}

QJsonObject parseForm(const QByteArray& body)
{
    QJsonObject fields;
    for (const QByteArray& pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const auto decode = [](QByteArray text) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(text.replace('+', ' ')));
        };
        const QString key = camelCase(decode(pair.left(eq < 0 ? pair.size() : eq)));
        if (!fields.contains(key)) // the first occurrence wins, as with query parameters
            fields.insert(key, decode(eq < 0 ? QByteArray() : pair.mid(eq + 1)));
    }
    return fields;
}

std::optional<QJsonObject> parseBody(const HttpRequest& request, QString* error)
{
    const QByteArray body = request.body.trimmed();
    if (body.isEmpty())
        return QJsonObject();
    const QByteArray contentType = request.header("content-type").toLower();
    const bool form = contentType.contains("application/x-www-form-urlencoded");
    if (form || (!contentType.contains("json") && !body.startsWith('{')))
        return parseForm(body);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("INVALID_JSON_PAYLOAD : Invalid JSON payload received. %1")
                     .arg(parseError.error == QJsonParseError::NoError
                              ? QStringLiteral("The body must be a JSON object.")
                              : parseError.errorString());
        return std::nullopt;
    }
    QJsonObject fields;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it)
        fields.insert(camelCase(it.key()), it.value());
    return fields;
}

// A text field; absent or null reads as empty (the service reports MISSING_*), any other
// non-string is rejected the way Google's API front end rejects a mistyped field.
std::optional<QString> textField(const QJsonObject& fields, const QString& name, QString* error)
{
    const QJsonValue value = fields.value(name);
    if (value.isString())
        return value.toString();
    if (value.isUndefined() || value.isNull())
        return QString();
    *error = QStringLiteral("INVALID_JSON_PAYLOAD : Invalid value at '%1' (TYPE_STRING)").arg(name);
    return std::nullopt;
}

HttpResponse signUp(AuthService& auth, const QString& email, const QString& password)
{
    const auto result = auth.signUp(email, password);
    if (const auto* error = std::get_if<AuthError>(&result))
        return authErrorResponse(*error);
    const auto& tokens = std::get<AuthTokens>(result);
    return ok({{QStringLiteral("kind"), QStringLiteral("identitytoolkit#SignupNewUserResponse")},
               {QStringLiteral("idToken"), tokens.idToken},
               {QStringLiteral("email"), tokens.email},
               {QStringLiteral("refreshToken"), tokens.refreshToken},
               {QStringLiteral("expiresIn"), QString::number(tokens.expiresIn)},
               {QStringLiteral("localId"), tokens.localId}});
}

HttpResponse signIn(AuthService& auth, const QString& email, const QString& password)
{
    const auto result = auth.signIn(email, password);
    if (const auto* error = std::get_if<AuthError>(&result))
        return authErrorResponse(*error);
    const auto& tokens = std::get<AuthTokens>(result);
    return ok({{QStringLiteral("kind"), QStringLiteral("identitytoolkit#VerifyPasswordResponse")},
               {QStringLiteral("localId"), tokens.localId},
               {QStringLiteral("email"), tokens.email},
               {QStringLiteral("displayName"), QString()},
               {QStringLiteral("idToken"), tokens.idToken},
               {QStringLiteral("registered"), true},
               {QStringLiteral("refreshToken"), tokens.refreshToken},
               {QStringLiteral("expiresIn"), QString::number(tokens.expiresIn)}});
}

HttpResponse lookup(AuthService& auth, const QString& idToken)
{
    const auto result = auth.lookup(idToken);
    if (const auto* error = std::get_if<AuthError>(&result))
        return authErrorResponse(*error);
    return ok({{QStringLiteral("kind"), QStringLiteral("identitytoolkit#GetAccountInfoResponse")},
               {QStringLiteral("users"), QJsonArray{std::get<QJsonObject>(result)}}});
}

HttpResponse token(AuthService& auth, const QString& grantType, const QString& refreshToken)
{
    if (grantType.isEmpty())
        return badRequest(QStringLiteral("MISSING_GRANT_TYPE"));
    if (grantType != QLatin1String("refresh_token"))
        return badRequest(QStringLiteral("INVALID_GRANT_TYPE"));
    const auto result = auth.refresh(refreshToken);
    if (const auto* error = std::get_if<AuthError>(&result))
        return authErrorResponse(*error);
    const auto& tokens = std::get<AuthTokens>(result);
    return ok({{QStringLiteral("access_token"), tokens.idToken},
               {QStringLiteral("expires_in"), QString::number(tokens.expiresIn)},
               {QStringLiteral("token_type"), QStringLiteral("Bearer")},
               {QStringLiteral("refresh_token"), tokens.refreshToken},
               {QStringLiteral("id_token"), tokens.idToken},
               {QStringLiteral("user_id"), tokens.localId},
               {QStringLiteral("project_id"), auth.projectNumber()}});
}

} // namespace

bool isAuthRequest(const HttpRequest& request)
{
    return request.path.starts_with(kIdentityToolkitPrefix) ||
           request.path.starts_with(kSecureTokenPrefix);
}

HttpResponse handleAuthRequest(AuthService& auth, const HttpRequest& request)
{
    const auto endpoint = endpointFor(request.path);
    if (!endpoint) {
        return errorBody(404,
                         QStringLiteral("NOT_FOUND : No such endpoint: ") +
                             QString::fromStdString(request.path),
                         QStringLiteral("notFound"));
    }
    if (request.method == "OPTIONS")
        return preflight(request);
    if (request.method != "POST") {
        HttpResponse response = errorBody(405, QStringLiteral("METHOD_NOT_ALLOWED : Use POST"),
                                          QStringLiteral("methodNotAllowed"));
        response.setHeader("Allow", "POST, OPTIONS");
        return response;
    }

    QString error;
    const auto fields = parseBody(request, &error);
    if (!fields)
        return badRequest(error);
    const auto text = [&](const char* name) {
        return textField(*fields, QString::fromLatin1(name), &error);
    };
    switch (*endpoint) {
    case Endpoint::SignUp:
    case Endpoint::SignIn: {
        const auto email = text("email");
        const auto password = text("password");
        if (!email || !password)
            return badRequest(error);
        return *endpoint == Endpoint::SignUp ? signUp(auth, *email, *password)
                                             : signIn(auth, *email, *password);
    }
    case Endpoint::Lookup: {
        const auto idToken = text("idToken");
        return idToken ? lookup(auth, *idToken) : badRequest(error);
    }
    case Endpoint::Token: {
        const auto grantType = text("grantType");
        const auto refreshToken = text("refreshToken");
        if (!grantType || !refreshToken)
            return badRequest(error);
        return token(auth, *grantType, *refreshToken);
    }
    }
    return badRequest(QStringLiteral("INVALID_REQUEST"));
}

} // namespace oiso::server
