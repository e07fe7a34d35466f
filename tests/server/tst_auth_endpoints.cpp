#include "server/auth_endpoints.h"
#include "server/auth_service.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace oiso::server;

namespace {

const std::string kSignUp = "/identitytoolkit.googleapis.com/v1/accounts:signUp";
const std::string kSignIn = "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword";
const std::string kLookup = "/identitytoolkit.googleapis.com/v1/accounts:lookup";
const std::string kToken = "/securetoken.googleapis.com/v1/token";

HttpRequest makeRequest(const std::string& path, QByteArray body, QByteArray contentType,
                        QByteArray method = "POST")
{
    HttpRequest request;
    request.method = std::move(method);
    request.path = path;
    request.query = {{"key", "AIzaSyEXAMPLE"}};
    request.body = std::move(body);
    if (!contentType.isEmpty())
        request.headers["content-type"] = std::move(contentType);
    return request;
}

HttpRequest jsonRequest(const std::string& path, const QJsonObject& body)
{
    return makeRequest(path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                       "application/json");
}

HttpRequest formRequest(const std::string& path, QByteArray body)
{
    return makeRequest(path, std::move(body), "application/x-www-form-urlencoded");
}

QByteArray headerOf(const HttpResponse& response, const QByteArray& name)
{
    for (const auto& [key, value] : response.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject bodyOf(const HttpResponse& response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QStringList sortedKeys(const QJsonObject& object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QJsonObject expectedError(int code, const QString& message, const QString& reason)
{
    const QJsonObject detail{{QStringLiteral("message"), message},
                             {QStringLiteral("domain"), QStringLiteral("global")},
                             {QStringLiteral("reason"), reason}};
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                  {QStringLiteral("message"), message},
                                                  {QStringLiteral("errors"), QJsonArray{detail}}}}};
}

QString errorMessage(const HttpResponse& response)
{
    return bodyOf(response)
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

QJsonObject credentials(const QString& email, const QString& password)
{
    return {{QStringLiteral("email"), email},
            {QStringLiteral("password"), password},
            {QStringLiteral("returnSecureToken"), true}};
}

} // namespace

class TestAuthEndpoints : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<AuthService> m_auth;
    QString m_uid;
    QString m_refreshToken;
    QString m_idToken;

    HttpResponse call(const HttpRequest& request) { return handleAuthRequest(*m_auth, request); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_auth = std::make_unique<AuthService>(m_dir.path());
        QString error;
        QVERIFY2(m_auth->open(&error), qPrintable(error));
    }

    void signUpWithJson()
    {
        const HttpResponse response = call(jsonRequest(
            kSignUp, credentials(QStringLiteral("Ana@Example.com"), QStringLiteral("s3cret-pw"))));
        QCOMPARE(response.status, 200);
        QCOMPARE(headerOf(response, "Content-Type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(headerOf(response, "Access-Control-Allow-Origin"), QByteArray("*"));
        const QJsonObject body = bodyOf(response);
        QCOMPARE(sortedKeys(body),
                 (QStringList{QStringLiteral("email"), QStringLiteral("expiresIn"),
                              QStringLiteral("idToken"), QStringLiteral("kind"),
                              QStringLiteral("localId"), QStringLiteral("refreshToken")}));
        QCOMPARE(body.value(QStringLiteral("kind")).toString(),
                 QStringLiteral("identitytoolkit#SignupNewUserResponse"));
        QCOMPARE(body.value(QStringLiteral("email")).toString(), QStringLiteral("ana@example.com"));
        QCOMPARE(body.value(QStringLiteral("expiresIn")), QJsonValue(QStringLiteral("3600")));
        QCOMPARE(body.value(QStringLiteral("localId")).toString().size(), 28);
        m_uid = body.value(QStringLiteral("localId")).toString();
        m_refreshToken = body.value(QStringLiteral("refreshToken")).toString();
        m_idToken = body.value(QStringLiteral("idToken")).toString();
        const auto claims = m_auth->verifyIdToken(m_idToken.toLatin1(), nullptr);
        QVERIFY(claims);
        QCOMPARE(claims->uid, m_uid);
    }

    void signUpErrorBodies()
    {
        const HttpResponse exists = call(jsonRequest(
            kSignUp, credentials(QStringLiteral("ANA@example.com"), QStringLiteral("s3cret-pw"))));
        QCOMPARE(exists.status, 400);
        QCOMPARE(bodyOf(exists),
                 expectedError(400, QStringLiteral("EMAIL_EXISTS"), QStringLiteral("invalid")));
        QCOMPARE(headerOf(exists, "Content-Type"), QByteArray("application/json; charset=utf-8"));

        const QString weak =
            QStringLiteral("WEAK_PASSWORD : Password should be at least 6 characters");
        const HttpResponse weakResponse =
            call(formRequest(kSignUp, "email=new%40example.com&password=12345"));
        QCOMPARE(weakResponse.status, 400);
        QCOMPARE(bodyOf(weakResponse), expectedError(400, weak, QStringLiteral("invalid")));

        QCOMPARE(errorMessage(call(jsonRequest(kSignUp, {}))), QStringLiteral("MISSING_EMAIL"));
        QCOMPARE(errorMessage(call(formRequest(kSignUp, "email=nope&password=123456"))),
                 QStringLiteral("INVALID_EMAIL"));
        QCOMPARE(errorMessage(call(formRequest(kSignUp, "email=x%40example.com"))),
                 QStringLiteral("MISSING_PASSWORD"));
    }

    void signInWithFormAndApiKeyHeader()
    {
        HttpRequest request = formRequest(
            kSignIn, "email=ana%40example.com&password=s3cret-pw&returnSecureToken=true");
        request.query.clear();
        request.headers["x-goog-api-key"] = "any-value";
        const HttpResponse response = call(request);
        QCOMPARE(response.status, 200);
        const QJsonObject body = bodyOf(response);
        QCOMPARE(sortedKeys(body),
                 (QStringList{QStringLiteral("displayName"), QStringLiteral("email"),
                              QStringLiteral("expiresIn"), QStringLiteral("idToken"),
                              QStringLiteral("kind"), QStringLiteral("localId"),
                              QStringLiteral("refreshToken"), QStringLiteral("registered")}));
        QCOMPARE(body.value(QStringLiteral("kind")).toString(),
                 QStringLiteral("identitytoolkit#VerifyPasswordResponse"));
        QCOMPARE(body.value(QStringLiteral("localId")).toString(), m_uid);
        QCOMPARE(body.value(QStringLiteral("email")).toString(), QStringLiteral("ana@example.com"));
        QCOMPARE(body.value(QStringLiteral("displayName")), QJsonValue(QString()));
        QCOMPARE(body.value(QStringLiteral("registered")), QJsonValue(true));
        QCOMPARE(body.value(QStringLiteral("expiresIn")), QJsonValue(QStringLiteral("3600")));
        QVERIFY(body.value(QStringLiteral("refreshToken")).toString() != m_refreshToken);
    }

    void signInErrors()
    {
        const HttpResponse wrong = call(jsonRequest(
            kSignIn, credentials(QStringLiteral("ana@example.com"), QStringLiteral("bad-pw"))));
        QCOMPARE(wrong.status, 400);
        QCOMPARE(bodyOf(wrong), expectedError(400, QStringLiteral("INVALID_LOGIN_CREDENTIALS"),
                                              QStringLiteral("invalid")));
        QCOMPARE(
            errorMessage(call(jsonRequest(
                kSignIn, credentials(QStringLiteral("ghost@example.com"), QStringLiteral("x"))))),
            QStringLiteral("INVALID_LOGIN_CREDENTIALS"));
        QCOMPARE(errorMessage(call(formRequest(kSignIn, "email=ana%40example.com"))),
                 QStringLiteral("MISSING_PASSWORD"));
    }

    void formDecodingOfPlusAndPercent()
    {
        const HttpResponse up =
            call(formRequest(kSignUp, "email=bob%2Btest%40example.com&password=pass+word%21"));
        QCOMPARE(up.status, 200);
        QCOMPARE(bodyOf(up).value(QStringLiteral("email")).toString(),
                 QStringLiteral("bob+test@example.com"));
        const HttpResponse in =
            call(jsonRequest(kSignIn, credentials(QStringLiteral("bob+test@example.com"),
                                                  QStringLiteral("pass word!"))));
        QCOMPARE(in.status, 200);
    }

    void refreshWithFormSnakeCase()
    {
        const QByteArray form =
            "grant_type=refresh_token&refresh_token=" + m_refreshToken.toUtf8().toPercentEncoding();
        const HttpResponse response = call(formRequest(kToken, form));
        QCOMPARE(response.status, 200);
        const QJsonObject body = bodyOf(response);
        QCOMPARE(sortedKeys(body),
                 (QStringList{QStringLiteral("access_token"), QStringLiteral("expires_in"),
                              QStringLiteral("id_token"), QStringLiteral("project_id"),
                              QStringLiteral("refresh_token"), QStringLiteral("token_type"),
                              QStringLiteral("user_id")}));
        QCOMPARE(body.value(QStringLiteral("expires_in")), QJsonValue(QStringLiteral("3600")));
        QCOMPARE(body.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(body.value(QStringLiteral("refresh_token")).toString(), m_refreshToken);
        QCOMPARE(body.value(QStringLiteral("user_id")).toString(), m_uid);
        QCOMPARE(body.value(QStringLiteral("access_token")),
                 body.value(QStringLiteral("id_token")));
        const QString projectNumber = body.value(QStringLiteral("project_id")).toString();
        QCOMPARE(projectNumber.size(), 12);
        bool numeric = false;
        projectNumber.toLongLong(&numeric);
        QVERIFY(numeric);
        QCOMPARE(projectNumber, m_auth->projectNumber());
        const auto claims = m_auth->verifyIdToken(
            body.value(QStringLiteral("id_token")).toString().toLatin1(), nullptr);
        QVERIFY(claims);
        QCOMPARE(claims->uid, m_uid);
    }

    void refreshWithJsonCamelAndSnakeCase()
    {
        const HttpResponse camel = call(
            jsonRequest(kToken, {{QStringLiteral("grantType"), QStringLiteral("refresh_token")},
                                 {QStringLiteral("refreshToken"), m_refreshToken}}));
        QCOMPARE(camel.status, 200);
        QCOMPARE(bodyOf(camel).value(QStringLiteral("user_id")).toString(), m_uid);
        const HttpResponse snake = call(
            jsonRequest(kToken, {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                 {QStringLiteral("refresh_token"), m_refreshToken}}));
        QCOMPARE(snake.status, 200);
        QCOMPARE(bodyOf(snake).value(QStringLiteral("user_id")).toString(), m_uid);
        // No Content-Type: the body's shape decides.
        const HttpResponse untyped = call(makeRequest(
            kToken, "grant_type=refresh_token&refresh_token=" + m_refreshToken.toUtf8(), {}));
        QCOMPARE(untyped.status, 200);
    }

    void refreshErrors()
    {
        QCOMPARE(errorMessage(call(formRequest(kToken, "refresh_token=abc"))),
                 QStringLiteral("MISSING_GRANT_TYPE"));
        QCOMPARE(errorMessage(call(formRequest(kToken, "grant_type=password&refresh_token=abc"))),
                 QStringLiteral("INVALID_GRANT_TYPE"));
        QCOMPARE(errorMessage(call(formRequest(kToken, "grant_type=refresh_token"))),
                 QStringLiteral("MISSING_REFRESH_TOKEN"));
        const HttpResponse invalid =
            call(formRequest(kToken, "grant_type=refresh_token&refresh_token=AMf-vBxnope"));
        QCOMPARE(invalid.status, 400);
        QCOMPARE(bodyOf(invalid), expectedError(400, QStringLiteral("INVALID_REFRESH_TOKEN"),
                                                QStringLiteral("invalid")));
    }

    void lookupShapes()
    {
        const HttpResponse response =
            call(jsonRequest(kLookup, {{QStringLiteral("idToken"), m_idToken}}));
        QCOMPARE(response.status, 200);
        const QJsonObject body = bodyOf(response);
        QCOMPARE(sortedKeys(body), (QStringList{QStringLiteral("kind"), QStringLiteral("users")}));
        QCOMPARE(body.value(QStringLiteral("kind")).toString(),
                 QStringLiteral("identitytoolkit#GetAccountInfoResponse"));
        const QJsonArray users = body.value(QStringLiteral("users")).toArray();
        QCOMPARE(users.size(), 1);
        const QJsonObject user = users.first().toObject();
        QCOMPARE(user.value(QStringLiteral("localId")).toString(), m_uid);
        QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("ana@example.com"));
        QCOMPARE(user.value(QStringLiteral("emailVerified")), QJsonValue(false));
        QVERIFY(!user.contains(QStringLiteral("passwordHash")));
        QVERIFY(user.value(QStringLiteral("passwordUpdatedAt")).isDouble());
        for (const char* key : {"createdAt", "lastLoginAt"}) {
            const QJsonValue value = user.value(QString::fromLatin1(key));
            QVERIFY2(value.isString(), key);
            bool numeric = false;
            QVERIFY(value.toString().toLongLong(&numeric) > 1600000000000LL);
            QVERIFY(numeric);
        }

        const HttpResponse snake = call(formRequest(kLookup, "id_token=" + m_idToken.toLatin1()));
        QCOMPARE(snake.status, 200);
        QCOMPARE(bodyOf(snake), body);

        const HttpResponse invalid =
            call(jsonRequest(kLookup, {{QStringLiteral("idToken"), QStringLiteral("x.y.z")}}));
        QCOMPARE(invalid.status, 400);
        QCOMPARE(bodyOf(invalid),
                 expectedError(400, QStringLiteral("INVALID_ID_TOKEN"), QStringLiteral("invalid")));
    }

    void malformedBodies()
    {
        const HttpResponse broken = call(makeRequest(kSignUp, "{\"email\": ", "application/json"));
        QCOMPARE(broken.status, 400);
        QVERIFY(errorMessage(broken).startsWith(QLatin1String("INVALID_JSON_PAYLOAD : ")));
        const QJsonObject error = bodyOf(broken).value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), 400);
        QCOMPARE(error.value(QStringLiteral("errors"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("message")),
                 error.value(QStringLiteral("message")));

        const HttpResponse array = call(makeRequest(kSignUp, "[1,2]", "application/json"));
        QCOMPARE(array.status, 400);
        QVERIFY(errorMessage(array).startsWith(QLatin1String("INVALID_JSON_PAYLOAD : ")));

        const HttpResponse mistyped =
            call(jsonRequest(kSignIn, {{QStringLiteral("email"), 42},
                                       {QStringLiteral("password"), QStringLiteral("s3cret-pw")}}));
        QCOMPARE(mistyped.status, 400);
        QCOMPARE(errorMessage(mistyped),
                 QStringLiteral("INVALID_JSON_PAYLOAD : Invalid value at 'email' (TYPE_STRING)"));
    }

    void unknownPathsAndMethods()
    {
        HttpRequest unknown = jsonRequest("/identitytoolkit.googleapis.com/v1/accounts:delete", {});
        QVERIFY(isAuthRequest(unknown));
        const HttpResponse notFound = call(unknown);
        QCOMPARE(notFound.status, 404);
        QCOMPARE(bodyOf(notFound),
                 expectedError(404,
                               QStringLiteral("NOT_FOUND : No such endpoint: "
                                              "/identitytoolkit.googleapis.com/v1/accounts:delete"),
                               QStringLiteral("notFound")));
        QCOMPARE(call(jsonRequest("/securetoken.googleapis.com/v2/token", {})).status, 404);

        QVERIFY(isAuthRequest(makeRequest(kToken, {}, {}, "GET")));
        QVERIFY(!isAuthRequest(makeRequest("/chats/abc.json", {}, {}, "GET")));
        QVERIFY(!isAuthRequest(makeRequest("/identitytoolkit.json", {}, {}, "GET")));

        const HttpResponse wrongMethod = call(makeRequest(kSignUp, {}, {}, "GET"));
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(headerOf(wrongMethod, "Allow"), QByteArray("POST, OPTIONS"));
        QCOMPARE(bodyOf(wrongMethod),
                 expectedError(405, QStringLiteral("METHOD_NOT_ALLOWED : Use POST"),
                               QStringLiteral("methodNotAllowed")));
        QCOMPARE(call(makeRequest(kToken, {}, {}, "PUT")).status, 405);
    }

    void corsPreflight()
    {
        HttpRequest request = makeRequest(kSignIn, {}, {}, "OPTIONS");
        request.headers["access-control-request-headers"] = "content-type,x-client-version";
        request.headers["access-control-request-method"] = "POST";
        const HttpResponse response = call(request);
        QCOMPARE(response.status, 204);
        QVERIFY(response.body.isEmpty());
        QCOMPARE(headerOf(response, "Access-Control-Allow-Origin"), QByteArray("*"));
        QCOMPARE(headerOf(response, "Access-Control-Allow-Methods"), QByteArray("POST, OPTIONS"));
        QCOMPARE(headerOf(response, "Access-Control-Allow-Headers"),
                 QByteArray("content-type,x-client-version"));
        QCOMPARE(headerOf(response, "Access-Control-Max-Age"), QByteArray("86400"));

        const HttpResponse plain = call(makeRequest(kToken, {}, {}, "OPTIONS"));
        QCOMPARE(plain.status, 204);
        QVERIFY(headerOf(plain, "Access-Control-Allow-Headers").contains("Content-Type"));
    }
};

QTEST_GUILESS_MAIN(TestAuthEndpoints)
#include "tst_auth_endpoints.moc"
