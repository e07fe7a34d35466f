// The Auth REST endpoints of an in-process server over real HTTP, checked against the protocol
// reference §7: signUp, signInWithPassword, lookup and the securetoken refresh (form-encoded),
// their exact field names and string-typed lifetimes, the error body shape and codes, and the
// ID token as the `auth=` credential of the database, until it expires.
#include "http_test_support.h"

#include <QRegularExpression>

using oiso::test::canon;
using oiso::test::Headers;
using oiso::test::HttpClient;
using oiso::test::Response;
using oiso::test::ServerFixture;

namespace {

const QString kSignUp = QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=k");
const QString kSignIn =
    QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=k");
const QString kLookup = QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:lookup?key=k");
const QString kToken = QStringLiteral("/securetoken.googleapis.com/v1/token?key=k");
const Headers kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

const char kEmail[] = "ana@oiso.test";
const char kPassword[] = "s3cret-pw";

QByteArray credentials(const QByteArray& email, const QByteArray& password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("email"), QString::fromUtf8(email)},
                                     {QStringLiteral("password"), QString::fromUtf8(password)},
                                     {QStringLiteral("returnSecureToken"), true}})
        .toJson(QJsonDocument::Compact);
}

QByteArray refreshForm(const QString& refreshToken)
{
    return "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(refreshToken);
}

// The claims of a JWT (its middle part), without checking the signature.
QJsonObject claimsOf(const QString& jwt)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    const QByteArray payload = QByteArray::fromBase64(
        parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(payload).object();
}

QStringList sortedKeys(const QJsonObject& object)
{
    QStringList keys = object.keys();
    keys.removeAll(QStringLiteral("kind")); // "may or may not be present — ignore it" (§7.3)
    keys.sort();
    return keys;
}

} // namespace

class TestAuthHttp : public QObject {
    Q_OBJECT

private:
    HttpClient& c() { return m_fx->client(); }

    std::unique_ptr<ServerFixture> m_fx;
    QString m_uid;          // the account of kEmail, created by initTestCase
    QString m_refreshToken; // from its sign-up

private slots:
    void initTestCase()
    {
        m_fx = std::make_unique<ServerFixture>();
        QVERIFY2(m_fx->ok(), qPrintable(m_fx->error()));
        // The account the other tests sign in with.
        const Response r = c().post(kSignUp, credentials(kEmail, kPassword));
        QCOMPARE(r.status, 200);
        m_uid = r.json.toObject().value(QStringLiteral("localId")).toString();
        m_refreshToken = r.json.toObject().value(QStringLiteral("refreshToken")).toString();
        QVERIFY(!m_uid.isEmpty());
        QVERIFY(!m_refreshToken.isEmpty());
    }
    void cleanupTestCase() { m_fx.reset(); }

    // §7.3 signUp: idToken, email, refreshToken, expiresIn (a string), localId.
    void signUp()
    {
        const Response r = c().post(kSignUp, credentials("new@oiso.test", kPassword));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        const QJsonObject o = r.json.toObject();
        QCOMPARE(sortedKeys(o), (QStringList{QStringLiteral("email"), QStringLiteral("expiresIn"),
                                             QStringLiteral("idToken"), QStringLiteral("localId"),
                                             QStringLiteral("refreshToken")}));
        QCOMPARE(o.value(QStringLiteral("email")), QJsonValue(QStringLiteral("new@oiso.test")));
        QCOMPARE(o.value(QStringLiteral("expiresIn")), QJsonValue(QStringLiteral("3600")));
        const QString uid = o.value(QStringLiteral("localId")).toString();
        QVERIFY(!uid.isEmpty());
        QVERIFY(uid != m_uid);
        QVERIFY(!o.value(QStringLiteral("refreshToken")).toString().isEmpty());

        // §7.2 claims of the ID token
        const QJsonObject claims = claimsOf(o.value(QStringLiteral("idToken")).toString());
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), uid);
        QCOMPARE(claims.value(QStringLiteral("user_id")).toString(), uid);
        QCOMPARE(claims.value(QStringLiteral("email")).toString(), QStringLiteral("new@oiso.test"));
        const QString aud = claims.value(QStringLiteral("aud")).toString();
        QVERIFY(!aud.isEmpty());
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(),
                 QStringLiteral("https://securetoken.google.com/") + aud);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() -
                     claims.value(QStringLiteral("iat")).toInteger(),
                 3600);
        QVERIFY(claims.value(QStringLiteral("auth_time")).isDouble());
        const QJsonObject firebase = claims.value(QStringLiteral("firebase")).toObject();
        QCOMPARE(firebase.value(QStringLiteral("sign_in_provider")).toString(),
                 QStringLiteral("password"));
        QCOMPARE(canon(firebase.value(QStringLiteral("identities"))),
                 canon(R"({"email":["new@oiso.test"]})"));
    }

    // §7.3 signInWithPassword: localId, email, idToken, registered, refreshToken, expiresIn.
    void signInWithPassword()
    {
        const Response r = c().post(kSignIn, credentials(kEmail, kPassword));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json.toObject();
        QStringList keys = sortedKeys(o);
        keys.removeAll(QStringLiteral("displayName")); // optional in the reference's sample
        QCOMPARE(keys, (QStringList{QStringLiteral("email"), QStringLiteral("expiresIn"),
                                    QStringLiteral("idToken"), QStringLiteral("localId"),
                                    QStringLiteral("refreshToken"), QStringLiteral("registered")}));
        QCOMPARE(o.value(QStringLiteral("localId")).toString(), m_uid);
        QCOMPARE(o.value(QStringLiteral("email")).toString(), QString::fromLatin1(kEmail));
        QCOMPARE(o.value(QStringLiteral("registered")), QJsonValue(true));
        QCOMPARE(o.value(QStringLiteral("expiresIn")), QJsonValue(QStringLiteral("3600")));
        QVERIFY(!o.value(QStringLiteral("refreshToken")).toString().isEmpty());
        QCOMPARE(claimsOf(o.value(QStringLiteral("idToken")).toString())
                     .value(QStringLiteral("sub"))
                     .toString(),
                 m_uid);
        if (o.contains(QStringLiteral("displayName")))
            QVERIFY(o.value(QStringLiteral("displayName")).isString());

        // The API key may come in a header instead (§7.3).
        const Response viaHeader =
            c().post(QStringLiteral("/identitytoolkit.googleapis.com/v1/"
                                    "accounts:signInWithPassword"),
                     credentials(kEmail, kPassword), {{"X-Goog-Api-Key", "k"}});
        QCOMPARE(viaHeader.status, 200);
    }

    // §7.3 accounts:lookup → {"users":[{localId, email, emailVerified, …}]}.
    void lookup()
    {
        const QString idToken = c().post(kSignIn, credentials(kEmail, kPassword))
                                    .json.toObject()
                                    .value(QStringLiteral("idToken"))
                                    .toString();
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("idToken"), idToken}}).toJson();
        const Response r = c().post(kLookup, body);
        QCOMPARE(r.status, 200);
        const QJsonArray users = r.json.toObject().value(QStringLiteral("users")).toArray();
        QCOMPARE(users.size(), 1);
        const QJsonObject user = users.at(0).toObject();
        QCOMPARE(user.value(QStringLiteral("localId")).toString(), m_uid);
        QCOMPARE(user.value(QStringLiteral("email")).toString(), QString::fromLatin1(kEmail));
        QCOMPARE(user.value(QStringLiteral("emailVerified")), QJsonValue(false));
    }

    // §7.3 securetoken: form-encoded request, snake_case response, expires_in a string,
    // id_token == access_token; the new token is a working credential.
    void refreshFormEncoded()
    {
        const Response r = c().post(kToken, refreshForm(m_refreshToken), kForm);
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json.toObject();
        QCOMPARE(sortedKeys(o),
                 (QStringList{QStringLiteral("access_token"), QStringLiteral("expires_in"),
                              QStringLiteral("id_token"), QStringLiteral("project_id"),
                              QStringLiteral("refresh_token"), QStringLiteral("token_type"),
                              QStringLiteral("user_id")}));
        QCOMPARE(o.value(QStringLiteral("expires_in")), QJsonValue(QStringLiteral("3600")));
        QCOMPARE(o.value(QStringLiteral("token_type")), QJsonValue(QStringLiteral("Bearer")));
        QCOMPARE(o.value(QStringLiteral("user_id")).toString(), m_uid);
        const QString idToken = o.value(QStringLiteral("id_token")).toString();
        QVERIFY(!idToken.isEmpty());
        QCOMPARE(o.value(QStringLiteral("access_token")).toString(), idToken);
        QVERIFY(!o.value(QStringLiteral("refresh_token")).toString().isEmpty());
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        QVERIFY(digits.match(o.value(QStringLiteral("project_id")).toString()).hasMatch());
        QCOMPARE(claimsOf(idToken).value(QStringLiteral("sub")).toString(), m_uid);

        QCOMPARE(
            c().put(QStringLiteral("/users/") + m_uid + QStringLiteral(".json?auth=") + idToken,
                    R"({"name":"ana"})")
                .status,
            200);

        // The returned refresh token works for the next refresh; the emulator also takes JSON
        // with camelCase names (§7.3).
        const QString next = o.value(QStringLiteral("refresh_token")).toString();
        const Response again =
            c().post(kToken, QJsonDocument(QJsonObject{{QStringLiteral("grantType"),
                                                        QStringLiteral("refresh_token")},
                                                       {QStringLiteral("refreshToken"), next}})
                                 .toJson());
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.toObject().value(QStringLiteral("user_id")).toString(), m_uid);
    }

    // §7.4: HTTP 400, {"error":{"code":400,"message":CODE,"errors":[{"message":CODE,…}]}}.
    void errors_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("form");
        QTest::addColumn<QString>("message"); // exact, or a prefix when it ends in " : "

        QTest::newRow("EMAIL_EXISTS") << kSignUp << credentials(kEmail, "another-pw") << false
                                      << QStringLiteral("EMAIL_EXISTS");
        QTest::newRow("WEAK_PASSWORD") << kSignUp << credentials("weak@oiso.test", "12345") << false
                                       << QStringLiteral("WEAK_PASSWORD : ");
        QTest::newRow("INVALID_EMAIL") << kSignUp << credentials("not-an-email", "secret-pw")
                                       << false << QStringLiteral("INVALID_EMAIL");
        QTest::newRow("MISSING_EMAIL") << kSignUp << QByteArray(R"({"password":"secret-pw"})")
                                       << false << QStringLiteral("MISSING_EMAIL");
        QTest::newRow("MISSING_PASSWORD") << kSignUp << QByteArray(R"({"email":"x@oiso.test"})")
                                          << false << QStringLiteral("MISSING_PASSWORD");
        QTest::newRow("wrong password") << kSignIn << credentials(kEmail, "wrong-pw") << false
                                        << QStringLiteral("INVALID_LOGIN_CREDENTIALS");
        QTest::newRow("unknown email") << kSignIn << credentials("nobody@oiso.test", kPassword)
                                       << false << QStringLiteral("INVALID_LOGIN_CREDENTIALS");
        QTest::newRow("sign-in MISSING_PASSWORD")
            << kSignIn << QByteArray(R"({"email":"ana@oiso.test"})") << false
            << QStringLiteral("MISSING_PASSWORD");
        QTest::newRow("INVALID_REFRESH_TOKEN")
            << kToken << QByteArray("grant_type=refresh_token&refresh_token=nope") << true
            << QStringLiteral("INVALID_REFRESH_TOKEN");
        QTest::newRow("INVALID_GRANT_TYPE")
            << kToken << QByteArray("grant_type=password&refresh_token=nope") << true
            << QStringLiteral("INVALID_GRANT_TYPE");
        QTest::newRow("MISSING_REFRESH_TOKEN") << kToken << QByteArray("grant_type=refresh_token")
                                               << true << QStringLiteral("MISSING_REFRESH_TOKEN");
        QTest::newRow("INVALID_ID_TOKEN") << kLookup << QByteArray(R"({"idToken":"garbage"})")
                                          << false << QStringLiteral("INVALID_ID_TOKEN");
    }
    void errors()
    {
        QFETCH(QString, endpoint);
        QFETCH(QByteArray, body);
        QFETCH(bool, form);
        QFETCH(QString, message);
        const Response r = c().post(endpoint, body, form ? kForm : Headers{});
        QCOMPARE(r.status, 400);
        const QJsonObject error = r.json.toObject().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")), QJsonValue(400));
        const QString text = error.value(QStringLiteral("message")).toString();
        if (message.endsWith(QLatin1String(" : "))) {
            QVERIFY2(text.startsWith(message) && text.size() > message.size(), qPrintable(text));
        } else {
            QCOMPARE(text, message);
        }
        const QJsonArray details = error.value(QStringLiteral("errors")).toArray();
        QCOMPARE(details.size(), 1);
        const QJsonObject detail = details.at(0).toObject();
        QCOMPARE(detail.value(QStringLiteral("message")).toString(), text);
        QCOMPARE(detail.value(QStringLiteral("domain")).toString(), QStringLiteral("global"));
        QVERIFY(detail.value(QStringLiteral("reason")).isString());
    }

    // §7.1: the ID token is a user credential in auth=, not in an Authorization header.
    void idTokenAsAuthParameter()
    {
        const QString idToken = c().post(kSignIn, credentials(kEmail, kPassword))
                                    .json.toObject()
                                    .value(QStringLiteral("idToken"))
                                    .toString();
        const QString path = QStringLiteral("/profile/") + m_uid + QStringLiteral(".json");
        Response r = c().put(path + QStringLiteral("?auth=") + idToken, R"({"nick":"ana"})");
        QCOMPARE(r.status, 200);
        r = c().get(path + QStringLiteral("?auth=") + idToken);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(R"({"nick":"ana"})"));
        r = c().get(path, {{"Authorization", "Bearer " + idToken.toLatin1()}});
        QCOMPARE(r.status, 401);
        QVERIFY(!r.errorText().isEmpty());

        // The signature is checked. Its first character is changed, not its last: the low bits
        // of a final base64 character are padding, so changing them may change nothing.
        QString tampered = idToken;
        const qsizetype signature = tampered.lastIndexOf(QLatin1Char('.')) + 1;
        QVERIFY(signature > 0 && signature < tampered.size());
        tampered[signature] =
            tampered.at(signature) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        r = c().put(path + QStringLiteral("?auth=") + tampered, R"({"nick":"mallory"})");
        QCOMPARE(r.status, 401);
        QVERIFY(!r.errorText().isEmpty());
        QCOMPARE(c().get(path + QStringLiteral("?auth=") + tampered).status, 401);
        QCOMPARE(c().get(path + QStringLiteral("?auth=") + idToken).canonical(),
                 canon(R"({"nick":"ana"})"));
    }

    // §7.5/§2.8: once the token has expired the database answers 401 and writes nothing; a
    // refreshed token works again. expiresIn follows the configured lifetime.
    void expiredTokenIsRefused()
    {
        oiso::server::ServerOptions options;
        options.tokenLifetimeSeconds = 2;
        ServerFixture shortLived(options);
        QVERIFY2(shortLived.ok(), qPrintable(shortLived.error()));
        HttpClient& client = shortLived.client();
        const Response signUp = client.post(kSignUp, credentials("brief@oiso.test", "secret-pw"));
        QCOMPARE(signUp.status, 200);
        const QJsonObject o = signUp.json.toObject();
        QCOMPARE(o.value(QStringLiteral("expiresIn")), QJsonValue(QStringLiteral("2")));
        const QString token = o.value(QStringLiteral("idToken")).toString();

        QTRY_COMPARE_WITH_TIMEOUT(client.get(QStringLiteral("/x.json?auth=") + token).status, 401,
                                  10000);
        const Response refused = client.put(QStringLiteral("/x.json?auth=") + token, "1");
        QCOMPARE(refused.status, 401);
        QVERIFY(!refused.errorText().isEmpty());
        QCOMPARE(client.get(QStringLiteral("/x.json")).body, QByteArray("null"));

        const Response refreshed = client.post(
            kToken, refreshForm(o.value(QStringLiteral("refreshToken")).toString()), kForm);
        QCOMPARE(refreshed.status, 200);
        QCOMPARE(refreshed.json.toObject().value(QStringLiteral("expires_in")),
                 QJsonValue(QStringLiteral("2")));
        const QJsonObject claims =
            claimsOf(refreshed.json.toObject().value(QStringLiteral("id_token")).toString());
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger() -
                     claims.value(QStringLiteral("iat")).toInteger(),
                 2);
    }
};

QTEST_GUILESS_MAIN(TestAuthHttp)
#include "tst_auth_http.moc"
