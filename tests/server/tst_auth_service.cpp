#include "server/auth_service.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <thread>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace oiso::server;

namespace {

const QString kPassword = QStringLiteral("s3cret-pw");
const QString kParseError = QStringLiteral("Could not parse auth token.");

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QString errorOf(const std::variant<AuthTokens, AuthError>& result)
{
    const auto* error = std::get_if<AuthError>(&result);
    return error ? error->message : QStringLiteral("<success>");
}

AuthTokens tokensOf(const std::variant<AuthTokens, AuthError>& result)
{
    if (const auto* error = std::get_if<AuthError>(&result))
        qFatal("unexpected auth error %s", qPrintable(error->message));
    return std::get<AuthTokens>(result);
}

QJsonObject decodePart(const QString& token, int index)
{
    const QByteArray part = token.toLatin1().split('.').value(index);
    return QJsonDocument::fromJson(QByteArray::fromBase64(part, kBase64Url)).object();
}

QByteArray encodePart(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
}

// Builds a token the way an attacker (or a buggy client) would, signed with `secret`.
QByteArray craftToken(const QJsonObject& header, const QJsonObject& claims,
                      const QByteArray& secret)
{
    const QByteArray input = encodePart(header) + '.' + encodePart(claims);
    return input + '.' +
           QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256)
               .toBase64(kBase64Url);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject hs256Header()
{
    return {{QStringLiteral("alg"), QStringLiteral("HS256")},
            {QStringLiteral("typ"), QStringLiteral("JWT")}};
}

} // namespace

class TestAuthService : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<AuthService> openService(const QString& dir, AuthOptions options = {})
    {
        auto service = std::make_unique<AuthService>(dir, options);
        QString error;
        if (!service->open(&error))
            qFatal("open failed: %s", qPrintable(error));
        return service;
    }

    QString verifyError(const AuthService& auth, const QByteArray& token)
    {
        QString error;
        const auto claims = auth.verifyIdToken(token, &error);
        return claims ? QStringLiteral("<valid>") : error;
    }

private slots:
    void signUpSignInRefreshLookup()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const AuthTokens up = tokensOf(auth->signUp(QStringLiteral("Ana@Example.com"), kPassword));
        const qint64 after = QDateTime::currentSecsSinceEpoch();

        QCOMPARE(up.localId.size(), 28);
        for (const QChar c : up.localId)
            QVERIFY2(c.isLetterOrNumber() && c.unicode() < 128, qPrintable(up.localId));
        QCOMPARE(up.email, QStringLiteral("ana@example.com"));
        QCOMPARE(up.expiresIn, 3600);
        QVERIFY(up.refreshToken.size() >= 40);

        QCOMPARE(decodePart(up.idToken, 0), hs256Header());
        QString error = QStringLiteral("unchanged");
        const auto verified = auth->verifyIdToken(up.idToken.toLatin1(), &error);
        QVERIFY(verified);
        QVERIFY(error.isEmpty());
        QCOMPARE(verified->uid, up.localId);
        const QJsonObject claims = verified->claims;
        QCOMPARE(claims, decodePart(up.idToken, 1));
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(),
                 QStringLiteral("https://securetoken.google.com/oiso-local"));
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("oiso-local"));
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), up.localId);
        QCOMPARE(claims.value(QStringLiteral("user_id")).toString(), up.localId);
        QCOMPARE(claims.value(QStringLiteral("email")).toString(), up.email);
        QCOMPARE(claims.value(QStringLiteral("email_verified")), QJsonValue(false));
        const qint64 iat = claims.value(QStringLiteral("iat")).toInteger();
        QVERIFY(iat >= before && iat <= after);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), iat + 3600);
        QVERIFY(claims.value(QStringLiteral("auth_time")).toInteger() >= before);
        const QJsonObject expectedFirebase{
            {QStringLiteral("identities"),
             QJsonObject{{QStringLiteral("email"), QJsonArray{up.email}}}},
            {QStringLiteral("sign_in_provider"), QStringLiteral("password")}};
        QCOMPARE(claims.value(QStringLiteral("firebase")).toObject(), expectedFirebase);
        QCOMPARE(claims.size(), 10);

        const AuthTokens in = tokensOf(auth->signIn(QStringLiteral("ANA@example.COM"), kPassword));
        QCOMPARE(in.localId, up.localId);
        QCOMPARE(in.email, up.email);
        QVERIFY(in.refreshToken != up.refreshToken);
        QVERIFY(auth->verifyIdToken(in.idToken.toLatin1(), nullptr));

        const AuthTokens refreshed = tokensOf(auth->refresh(up.refreshToken));
        QCOMPARE(refreshed.localId, up.localId);
        QCOMPARE(refreshed.email, up.email);
        QCOMPARE(refreshed.refreshToken, up.refreshToken);
        QCOMPARE(refreshed.expiresIn, 3600);
        const auto refreshedClaims = auth->verifyIdToken(refreshed.idToken.toLatin1(), nullptr);
        QVERIFY(refreshedClaims);
        // auth_time is the sign-in moment of the session, not of the refresh.
        QCOMPARE(refreshedClaims->claims.value(QStringLiteral("auth_time")),
                 claims.value(QStringLiteral("auth_time")));
        QCOMPARE(tokensOf(auth->refresh(in.refreshToken)).localId, up.localId);

        const auto looked = auth->lookup(refreshed.idToken);
        QVERIFY(std::holds_alternative<QJsonObject>(looked));
        const QJsonObject user = std::get<QJsonObject>(looked);
        QCOMPARE(user.value(QStringLiteral("localId")).toString(), up.localId);
        QCOMPARE(user.value(QStringLiteral("email")).toString(), up.email);
        QCOMPARE(user.value(QStringLiteral("emailVerified")), QJsonValue(false));
        QVERIFY(!user.contains(QStringLiteral("passwordHash")));
        QVERIFY(user.value(QStringLiteral("createdAt")).isString());
        QVERIFY(user.value(QStringLiteral("lastLoginAt")).isString());
        const qint64 createdAt = user.value(QStringLiteral("createdAt")).toString().toLongLong();
        QVERIFY(createdAt >= before * 1000 && createdAt <= (after + 1) * 1000);
        QCOMPARE(user.value(QStringLiteral("passwordUpdatedAt")).toInteger(), createdAt);
        QVERIFY(user.value(QStringLiteral("lastLoginAt")).toString().toLongLong() >= createdAt);
    }

    void signUpErrors()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        QCOMPARE(errorOf(auth->signUp(QString(), kPassword)), QStringLiteral("MISSING_EMAIL"));
        const QStringList invalid{
            QStringLiteral("not-an-email"),   QStringLiteral("a@"),
            QStringLiteral("@example.com"),   QStringLiteral("a b@c.de"),
            QStringLiteral("a@@example.com"), QStringLiteral("a@b..de"),
            QStringLiteral("a@.example.com"), QStringLiteral("a@exa mple.com")};
        for (const QString& email : invalid)
            QCOMPARE(errorOf(auth->signUp(email, kPassword)), QStringLiteral("INVALID_EMAIL"));
        QCOMPARE(errorOf(auth->signUp(QStringLiteral("bob@example.com"), QString())),
                 QStringLiteral("MISSING_PASSWORD"));
        QCOMPARE(errorOf(auth->signUp(QStringLiteral("bob@example.com"), QStringLiteral("12345"))),
                 QStringLiteral("WEAK_PASSWORD : Password should be at least 6 characters"));
        QCOMPARE(errorOf(auth->signUp(QStringLiteral("bob@example.com"), QStringLiteral("123456"))),
                 QStringLiteral("<success>"));
        QCOMPARE(errorOf(auth->signUp(QStringLiteral("BOB@example.com"), kPassword)),
                 QStringLiteral("EMAIL_EXISTS"));
    }

    void signInErrorsWithEnumerationProtection()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        QVERIFY(auth->options().emailEnumerationProtection);
        tokensOf(auth->signUp(QStringLiteral("cy@example.com"), kPassword));
        QCOMPARE(errorOf(auth->signIn(QStringLiteral("nobody@example.com"), kPassword)),
                 QStringLiteral("INVALID_LOGIN_CREDENTIALS"));
        QCOMPARE(
            errorOf(auth->signIn(QStringLiteral("cy@example.com"), QStringLiteral("wrong-pw"))),
            QStringLiteral("INVALID_LOGIN_CREDENTIALS"));
        QCOMPARE(errorOf(auth->signIn(QString(), kPassword)), QStringLiteral("MISSING_EMAIL"));
        QCOMPARE(errorOf(auth->signIn(QStringLiteral("cy@example.com"), QString())),
                 QStringLiteral("MISSING_PASSWORD"));
        QCOMPARE(errorOf(auth->signIn(QStringLiteral("cy.example.com"), kPassword)),
                 QStringLiteral("INVALID_EMAIL"));
    }

    void signInErrorsWithoutEnumerationProtection()
    {
        QTemporaryDir dir;
        AuthOptions options;
        options.emailEnumerationProtection = false;
        auto auth = openService(dir.path(), options);
        tokensOf(auth->signUp(QStringLiteral("di@example.com"), kPassword));
        QCOMPARE(errorOf(auth->signIn(QStringLiteral("nobody@example.com"), kPassword)),
                 QStringLiteral("EMAIL_NOT_FOUND"));
        QCOMPARE(
            errorOf(auth->signIn(QStringLiteral("di@example.com"), QStringLiteral("wrong-pw"))),
            QStringLiteral("INVALID_PASSWORD"));
        QCOMPARE(tokensOf(auth->signIn(QStringLiteral("di@example.com"), kPassword)).email,
                 QStringLiteral("di@example.com"));
    }

    void refreshAndLookupErrors()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        QCOMPARE(errorOf(auth->refresh(QString())), QStringLiteral("MISSING_REFRESH_TOKEN"));
        QCOMPARE(errorOf(auth->refresh(QStringLiteral("AMf-vBxbogus"))),
                 QStringLiteral("INVALID_REFRESH_TOKEN"));
        const auto lookupError = [&](const QString& token) {
            const auto result = auth->lookup(token);
            const auto* error = std::get_if<AuthError>(&result);
            return error ? error->message : QStringLiteral("<success>");
        };
        QCOMPARE(lookupError(QString()), QStringLiteral("INVALID_ID_TOKEN"));
        QCOMPARE(lookupError(QStringLiteral("garbage")), QStringLiteral("INVALID_ID_TOKEN"));

        // A correctly signed token for a uid without an account.
        const QByteArray secret = readFile(dir.path() + QStringLiteral("/auth/jwt-secret"));
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject claims{
            {QStringLiteral("iss"), QStringLiteral("https://securetoken.google.com/oiso-local")},
            {QStringLiteral("aud"), QStringLiteral("oiso-local")},
            {QStringLiteral("sub"), QStringLiteral("ghost")},
            {QStringLiteral("iat"), now},
            {QStringLiteral("exp"), now + 60}};
        const QByteArray ghost = craftToken(hs256Header(), claims, secret);
        QCOMPARE(verifyError(*auth, ghost), QStringLiteral("<valid>"));
        QCOMPARE(lookupError(QString::fromLatin1(ghost)), QStringLiteral("USER_NOT_FOUND"));

        auth->setTokenLifetimeSeconds(-10);
        const AuthTokens expired =
            tokensOf(auth->signUp(QStringLiteral("ed@example.com"), kPassword));
        QCOMPARE(lookupError(expired.idToken), QStringLiteral("INVALID_ID_TOKEN"));
    }

    void tokenVerification()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        const AuthTokens tokens =
            tokensOf(auth->signUp(QStringLiteral("eve@example.com"), kPassword));
        const QByteArray token = tokens.idToken.toLatin1();
        const QList<QByteArray> parts = token.split('.');
        QCOMPARE(parts.size(), 3);
        QCOMPARE(verifyError(*auth, token), QStringLiteral("<valid>"));

        // Another user's uid in the payload, original signature.
        QJsonObject claims = decodePart(tokens.idToken, 1);
        claims.insert(QStringLiteral("sub"), QStringLiteral("someoneElse"));
        claims.insert(QStringLiteral("user_id"), QStringLiteral("someoneElse"));
        QCOMPARE(verifyError(*auth, parts[0] + '.' + encodePart(claims) + '.' + parts[2]),
                 kParseError);

        // One flipped bit in the signature.
        QByteArray signature = QByteArray::fromBase64(parts[2], kBase64Url);
        QCOMPARE(signature.size(), 32);
        signature[5] = char(signature[5] ^ 0x01);
        QCOMPARE(
            verifyError(*auth, parts[0] + '.' + parts[1] + '.' + signature.toBase64(kBase64Url)),
            kParseError);

        // Unsigned tokens, as the Firebase emulator issues them.
        const QByteArray none = encodePart({{QStringLiteral("alg"), QStringLiteral("none")},
                                            {QStringLiteral("typ"), QStringLiteral("JWT")}});
        QCOMPARE(verifyError(*auth, none + '.' + parts[1] + '.'), kParseError);
        QCOMPARE(verifyError(*auth, none + '.' + parts[1] + '.' + parts[2]), kParseError);

        const QList<QByteArray> garbage{QByteArray(),
                                        "abc",
                                        "a.b.c",
                                        "..",
                                        parts[0] + '.' + parts[1],
                                        token + ".x",
                                        token + '=',
                                        parts[0] + '.' + parts[1] + "!." + parts[2],
                                        QByteArray(9000, 'a')};
        for (const QByteArray& bad : garbage)
            QCOMPARE(verifyError(*auth, bad), kParseError);

        // Tokens of another data folder (another secret) are rejected.
        QTemporaryDir otherDir;
        auto other = openService(otherDir.path());
        QCOMPARE(verifyError(*other, token), kParseError);
    }

    void tokenClaimChecks()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        const QByteArray secret = readFile(dir.path() + QStringLiteral("/auth/jwt-secret"));
        QCOMPARE(secret.size(), 32);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject good{
            {QStringLiteral("iss"), QStringLiteral("https://securetoken.google.com/oiso-local")},
            {QStringLiteral("aud"), QStringLiteral("oiso-local")},
            {QStringLiteral("sub"), QStringLiteral("uid1")},
            {QStringLiteral("iat"), now},
            {QStringLiteral("exp"), now + 100}};
        QCOMPARE(verifyError(*auth, craftToken(hs256Header(), good, secret)),
                 QStringLiteral("<valid>"));

        const auto with = [&](const QString& key, const QJsonValue& value) {
            QJsonObject claims = good;
            if (value.isUndefined())
                claims.remove(key);
            else
                claims.insert(key, value);
            return verifyError(*auth, craftToken(hs256Header(), claims, secret));
        };
        QCOMPARE(with(QStringLiteral("exp"), now - 1), QStringLiteral("Auth token is expired"));
        QCOMPARE(with(QStringLiteral("exp"), now), QStringLiteral("Auth token is expired"));
        QCOMPARE(with(QStringLiteral("exp"), QJsonValue()), kParseError);
        QCOMPARE(with(QStringLiteral("exp"), QStringLiteral("soon")), kParseError);
        QCOMPARE(with(QStringLiteral("iat"), now + 3600), kParseError);
        QCOMPARE(with(QStringLiteral("aud"), QStringLiteral("other-project")), kParseError);
        QCOMPARE(with(QStringLiteral("iss"), QStringLiteral("https://evil.example")), kParseError);
        QCOMPARE(with(QStringLiteral("sub"), QString()), kParseError);
        QCOMPARE(with(QStringLiteral("sub"), QStringLiteral("a/b")), kParseError);

        // A correct HMAC does not help when the header names another algorithm.
        const QJsonObject hs512{{QStringLiteral("alg"), QStringLiteral("HS512")}};
        QCOMPARE(verifyError(*auth, craftToken(hs512, good, secret)), kParseError);

        // Tokens minted with a negative lifetime are expired at once.
        auth->setTokenLifetimeSeconds(-10);
        const AuthTokens tokens =
            tokensOf(auth->signUp(QStringLiteral("fay@example.com"), kPassword));
        QCOMPARE(tokens.expiresIn, -10);
        QCOMPARE(verifyError(*auth, tokens.idToken.toLatin1()),
                 QStringLiteral("Auth token is expired"));
        auth->setTokenLifetimeSeconds(3600);
        const AuthTokens fresh = tokensOf(auth->refresh(tokens.refreshToken));
        QCOMPARE(verifyError(*auth, fresh.idToken.toLatin1()), QStringLiteral("<valid>"));
    }

    void persistenceAcrossInstances()
    {
        QTemporaryDir dir;
        const QString secretPath = dir.path() + QStringLiteral("/auth/jwt-secret");
        const QString accountsPath = dir.path() + QStringLiteral("/auth/accounts.json");
        AuthTokens tokens;
        QByteArray secret;
        {
            auto auth = openService(dir.path());
            tokens = tokensOf(auth->signUp(QStringLiteral("gus@example.com"), kPassword));
            secret = readFile(secretPath);
        }
        QCOMPARE(secret.size(), 32);

        const QByteArray stored = readFile(accountsPath);
        const QJsonArray accounts =
            QJsonDocument::fromJson(stored).object().value(QStringLiteral("accounts")).toArray();
        QCOMPARE(accounts.size(), 1);
        const QJsonObject account = accounts.first().toObject();
        QCOMPARE(account.value(QStringLiteral("localId")).toString(), tokens.localId);
        QCOMPARE(account.value(QStringLiteral("email")).toString(),
                 QStringLiteral("gus@example.com"));
        QVERIFY(account.value(QStringLiteral("passwordHash"))
                    .toString()
                    .startsWith(QLatin1String("$argon2id$")));
        QVERIFY(!stored.contains(kPassword.toUtf8()));
        QVERIFY(!stored.contains(tokens.refreshToken.toLatin1()));

#ifdef Q_OS_UNIX
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(secretPath).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QCOMPARE(::stat(QFile::encodeName(accountsPath).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
#endif

        auto reopened = openService(dir.path());
        QCOMPARE(readFile(secretPath), secret);
        QCOMPARE(verifyError(*reopened, tokens.idToken.toLatin1()), QStringLiteral("<valid>"));
        QCOMPARE(tokensOf(reopened->refresh(tokens.refreshToken)).localId, tokens.localId);
        QCOMPARE(tokensOf(reopened->signIn(QStringLiteral("gus@example.com"), kPassword)).localId,
                 tokens.localId);
        QCOMPARE(errorOf(reopened->signUp(QStringLiteral("GUS@example.com"), kPassword)),
                 QStringLiteral("EMAIL_EXISTS"));
    }

    void openRejectsDamagedFiles()
    {
        QTemporaryDir dir;
        openService(dir.path());
        const QString secretPath = dir.path() + QStringLiteral("/auth/jwt-secret");
        {
            QFile secret(secretPath);
            QVERIFY(secret.open(QIODevice::WriteOnly | QIODevice::Truncate));
            secret.write("short");
        }
        QString error;
        AuthService damagedSecret(dir.path());
        QVERIFY(!damagedSecret.open(&error));
        QVERIFY(error.contains(QLatin1String("jwt-secret")));

        QTemporaryDir dir2;
        openService(dir2.path());
        {
            QFile accounts(dir2.path() + QStringLiteral("/auth/accounts.json"));
            QVERIFY(accounts.open(QIODevice::WriteOnly));
            accounts.write("{not json");
        }
        AuthService damagedAccounts(dir2.path());
        QVERIFY(!damagedAccounts.open(&error));
        QVERIFY(error.contains(QLatin1String("accounts.json")));
    }

    void ensureAccountIsIdempotent()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        const auto first = auth->ensureAccount(QStringLiteral("Seller@Example.com"), kPassword,
                                               QStringLiteral("demoSeller1"));
        QCOMPARE(std::get<QString>(first), QStringLiteral("demoSeller1"));
        const auto again =
            auth->ensureAccount(QStringLiteral("seller@example.com"),
                                QStringLiteral("other-password"), QStringLiteral("ignored"));
        QCOMPARE(std::get<QString>(again), QStringLiteral("demoSeller1"));
        // The second call changed nothing: the first password still signs in.
        QCOMPARE(tokensOf(auth->signIn(QStringLiteral("seller@example.com"), kPassword)).localId,
                 QStringLiteral("demoSeller1"));

        const auto duplicate = auth->ensureAccount(QStringLiteral("other@example.com"), kPassword,
                                                   QStringLiteral("demoSeller1"));
        QCOMPARE(std::get<AuthError>(duplicate).message, QStringLiteral("DUPLICATE_LOCAL_ID"));
        const auto badUid = auth->ensureAccount(QStringLiteral("other@example.com"), kPassword,
                                                QStringLiteral("a/b"));
        QCOMPARE(std::get<AuthError>(badUid).message, QStringLiteral("INVALID_LOCAL_ID"));
        const auto weak = auth->ensureAccount(QStringLiteral("other@example.com"),
                                              QStringLiteral("123"), QString());
        QCOMPARE(std::get<AuthError>(weak).message,
                 QStringLiteral("WEAK_PASSWORD : Password should be at least 6 characters"));
    }

    void oldestRefreshSessionsAreDropped()
    {
        QTemporaryDir dir;
        AuthOptions options;
        options.maxSessionsPerAccount = 3;
        auto auth = openService(dir.path(), options);
        const QString email = QStringLiteral("busy@example.com");
        const QString first = tokensOf(auth->signUp(email, kPassword)).refreshToken;
        const QString second = tokensOf(auth->signIn(email, kPassword)).refreshToken;
        // Three sessions per account are kept: one more sign-in still keeps the first one...
        tokensOf(auth->signIn(email, kPassword));
        QCOMPARE(errorOf(auth->refresh(first)), QStringLiteral("<success>"));
        // ...the fourth session pushes it out, in memory and on disk.
        tokensOf(auth->signIn(email, kPassword));
        QCOMPARE(errorOf(auth->refresh(first)), QStringLiteral("INVALID_REFRESH_TOKEN"));
        QCOMPARE(errorOf(auth->refresh(second)), QStringLiteral("<success>"));
        auto reopened = openService(dir.path(), options);
        QCOMPARE(errorOf(reopened->refresh(first)), QStringLiteral("INVALID_REFRESH_TOKEN"));
        QCOMPARE(errorOf(reopened->refresh(second)), QStringLiteral("<success>"));
    }

    void concurrentSignUpsOfOneEmail()
    {
        QTemporaryDir dir;
        auto auth = openService(dir.path());
        std::latch start(2);
        std::variant<AuthTokens, AuthError> results[2];
        const auto signUp = [&](int i) {
            start.arrive_and_wait();
            results[i] = auth->signUp(QStringLiteral("race@example.com"), kPassword);
        };
        std::thread a(signUp, 0);
        std::thread b(signUp, 1);
        a.join();
        b.join();
        const int wins = int(std::holds_alternative<AuthTokens>(results[0])) +
                         int(std::holds_alternative<AuthTokens>(results[1]));
        QCOMPARE(wins, 1);
        const auto& loser = std::holds_alternative<AuthError>(results[0]) ? results[0] : results[1];
        QCOMPARE(errorOf(loser), QStringLiteral("EMAIL_EXISTS"));

        const QJsonArray stored =
            QJsonDocument::fromJson(readFile(dir.path() + QStringLiteral("/auth/accounts.json")))
                .object()
                .value(QStringLiteral("accounts"))
                .toArray();
        QCOMPARE(stored.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAuthService)
#include "tst_auth_service.moc"
