// Unit tests of the client's small parts: database URLs (§1.1) and how paths and query values are
// encoded into them (§13 pitfalls 2, 14, 25), error bodies and their types (§2.8, pitfall 18),
// Auth error codes with detail suffixes (§7.4, pitfalls 19–20), and the backoff.
#include "rtdb/auth_error.h"
#include "rtdb/backoff.h"
#include "rtdb/database_location.h"
#include "rtdb/rtdb_error.h"

#include <QTest>
#include <QUrlQuery>

using namespace oiso;
using rtdb::AuthError;
using rtdb::DatabaseLocation;
using rtdb::RtdbError;

class TestRtdbBasics : public QObject {
    Q_OBJECT

private slots:
    void acceptedDatabaseUrls_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<bool>("hosted");
        QTest::newRow("us-central1") << "https://market-default-rtdb.firebaseio.com"
                                     << "https://market-default-rtdb.firebaseio.com"
                                     << "" << true;
        QTest::newRow("regional, trailing slash") << "https://m.europe-west1.firebasedatabase.app/"
                                                  << "https://m.europe-west1.firebasedatabase.app"
                                                  << "" << true;
        QTest::newRow("local with ns") << "http://127.0.0.1:9000?ns=market"
                                       << "http://127.0.0.1:9000"
                                       << "market" << false;
        QTest::newRow("LAN server") << "http://192.168.0.7:9000"
                                    << "http://192.168.0.7:9000"
                                    << "" << false;
    }
    void acceptedDatabaseUrls()
    {
        QFETCH(QString, input);
        QString error;
        const auto location = DatabaseLocation::parse(input, &error);
        QVERIFY2(location, qPrintable(error));
        QTEST(location->baseUrl().toString(), "base");
        QTEST(location->ns(), "ns");
        QTEST(location->isHostedFirebase(), "hosted");
    }

    void refusedDatabaseUrls_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("plain http to Firebase") << "http://market.firebaseio.com";
        QTest::newRow("a path") << "https://market.firebaseio.com/items";
        QTest::newRow("not a URL") << "::::";
        QTest::newRow("ftp") << "ftp://example.com";
    }
    void refusedDatabaseUrls()
    {
        QFETCH(QString, input);
        QString error;
        QVERIFY(!DatabaseLocation::parse(input, &error));
        QVERIFY(!error.isEmpty());
    }

    void restUrlsEncodeKeysAndJsonValues()
    {
        const auto location =
            *DatabaseLocation::parse(QStringLiteral("http://127.0.0.1:9000?ns=m"));
        QCOMPARE(location.restUrl({}).toString(QUrl::FullyEncoded),
                 QStringLiteral("http://127.0.0.1:9000/.json?ns=m"));
        const QUrl url = location.restUrl(
            {"a b", "가", "x+y%"}, {{QStringLiteral("equalTo"), QStringLiteral("\"a&b=c+d\"")},
                                    {QStringLiteral("orderBy"), QStringLiteral("\"$key\"")}});
        QCOMPARE(url.path(QUrl::FullyEncoded), QStringLiteral("/a%20b/%EA%B0%80/x%2By%25.json"));
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("ns")), QStringLiteral("m"));
        QCOMPARE(query.queryItemValue(QStringLiteral("equalTo"), QUrl::FullyDecoded),
                 QStringLiteral("\"a&b=c+d\""));
        QVERIFY(url.query(QUrl::FullyEncoded).contains(QLatin1String("%2B"))); // '+' is not a space
    }

    void queryParametersAreJson()
    {
        protocol::Query query;
        query.orderBy = protocol::Query::OrderBy::Child;
        query.childPath = {"seller"};
        query.equalTo = protocol::Query::Bound{protocol::Node::string("minji"), std::nullopt};
        const auto parameters = rtdb::queryParameters(query);
        QCOMPARE(parameters.size(), std::size_t(2));
        QCOMPARE(parameters[0].second, QStringLiteral("\"seller\""));
        QCOMPARE(parameters[1].second, QStringLiteral("\"minji\""));
    }

    void errorBodiesBecomeTypedErrors()
    {
        const RtdbError denied =
            RtdbError::fromHttp(401, "{\n  \"error\" : \"Permission denied\"\n}\n");
        QCOMPARE(denied.kind, RtdbError::Kind::PermissionDenied);
        QCOMPARE(denied.serverMessage, QStringLiteral("Permission denied"));

        const RtdbError index =
            RtdbError::fromHttp(400, "{\"error\":\"Index not defined, add \\\".indexOn\\\": "
                                     "\\\"seller\\\", for path \\\"/item\\\", to the rules\"}");
        QCOMPARE(index.kind, RtdbError::Kind::IndexMissing);
        QVERIFY(!index.isTransient());

        QCOMPARE(RtdbError::fromHttp(412, "\"v\"").kind, RtdbError::Kind::PreconditionFailed);
        QVERIFY(RtdbError::fromHttp(503, "").isTransient());
        QVERIFY(RtdbError::fromHttp(429, "").isTransient());
        QVERIFY(!RtdbError::fromHttp(404, "").isTransient());

        // A proxy's HTML page: kept short, never a crash.
        const RtdbError html = RtdbError::fromHttp(502, QByteArray(5000, 'x'));
        QVERIFY(html.serverMessage.size() < 400);
        QVERIFY(!html.userMessage().isEmpty());

        const RtdbError wrongRegion = RtdbError::fromHttp(
            404, "{\"error\":\"Database lives in a different region. Please change your database "
                 "URL to https://m.europe-west1.firebasedatabase.app\"}");
        QVERIFY(wrongRegion.userMessage().contains(QLatin1String("europe-west1")));
    }

    void authCodesAreSplitAtTheirDetail_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("detail");
        auto body = [](const char* message) -> QByteArray {
            return QByteArray("{\"error\":{\"code\":400,\"message\":\"") + message + "\"}}";
        };
        QTest::newRow("weak") << body("WEAK_PASSWORD : Password should be at least 6 characters")
                              << int(AuthError::Code::WeakPassword)
                              << "Password should be at least 6 characters";
        QTest::newRow("protected")
            << body("INVALID_LOGIN_CREDENTIALS") << int(AuthError::Code::InvalidCredentials) << "";
        QTest::newRow("no user") << body("EMAIL_NOT_FOUND")
                                 << int(AuthError::Code::InvalidCredentials) << "";
        QTest::newRow("password") << body("INVALID_PASSWORD")
                                  << int(AuthError::Code::InvalidCredentials) << "";
        QTest::newRow("refresh gone")
            << body("TOKEN_EXPIRED") << int(AuthError::Code::SessionExpired) << "";
        QTest::newRow("throttled") << body("TOO_MANY_ATTEMPTS_TRY_LATER : Try again later.")
                                   << int(AuthError::Code::TooManyAttempts) << "Try again later.";
        QTest::newRow("api key") << body("API key not valid. Please pass a valid API key.")
                                 << int(AuthError::Code::InvalidApiKey) << "";
        QTest::newRow("emulator off")
            << body("PASSWORD_LOGIN_DISABLED") << int(AuthError::Code::OperationNotAllowed) << "";
        QTest::newRow("unknown") << body("SOMETHING_NEW") << int(AuthError::Code::Other) << "";
        QTest::newRow("not json") << QByteArray("<html>") << int(AuthError::Code::Other) << "";
    }
    void authCodesAreSplitAtTheirDetail()
    {
        QFETCH(QByteArray, body);
        const AuthError error = AuthError::fromResponse(400, body);
        QTEST(int(error.code), "code");
        QTEST(error.detail, "detail");
        QVERIFY(!error.userMessage().isEmpty());
    }

    void sessionEndingAuthErrors()
    {
        QVERIFY(AuthError::fromServerCode(QStringLiteral("USER_DISABLED")).endsSession());
        QVERIFY(AuthError::fromServerCode(QStringLiteral("INVALID_REFRESH_TOKEN")).endsSession());
        QVERIFY(!AuthError::fromServerCode(QStringLiteral("TOO_MANY_ATTEMPTS_TRY_LATER"))
                     .endsSession());
        AuthError network;
        network.code = AuthError::Code::Network;
        QVERIFY(network.isTransient() && !network.endsSession());
    }

    void backoffGrowsWithJitterUpToTheCap()
    {
        rtdb::Backoff backoff(100, 1'000);
        int previousCeiling = 0;
        for (int attempt = 0; attempt < 12; ++attempt) {
            const int ceiling = std::min(100 << attempt, 1'000);
            const int delay = backoff.nextDelayMs();
            QVERIFY2(delay >= ceiling / 2 && delay <= ceiling,
                     qPrintable(QStringLiteral("attempt %1: %2 ms").arg(attempt).arg(delay)));
            QVERIFY(ceiling >= previousCeiling);
            previousCeiling = ceiling;
        }
        backoff.reset();
        QVERIFY(backoff.nextDelayMs() <= 100);
    }
};

QTEST_GUILESS_MAIN(TestRtdbBasics)
#include "tst_rtdb_basics.moc"
