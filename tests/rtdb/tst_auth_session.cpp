// The token lifecycle (reference §7.3–§7.5) against a scripted Auth server: request shapes
// (JSON sign-in, form-encoded refresh with a snake_case answer, §13 pitfalls 21–22), one refresh
// in flight however many ask, the session kept through network trouble and ended only when the
// service says so, ID tokens in auth= and never in Authorization (pitfall 5), one refresh and
// retry after a 401, and requests made while signing in waiting for its token.
#include "fault_server.h"
#include "rtdb/auth_session.h"
#include "rtdb/rtdb_client.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace oiso;
using namespace oiso::test;
using rtdb::AuthError;
using rtdb::AuthSession;

namespace {

QByteArray grant(const char* idToken, const char* refreshToken, const char* expiresIn = "3600")
{
    return QByteArray("{\"idToken\":\"") + idToken + "\",\"refreshToken\":\"" + refreshToken +
           "\",\"expiresIn\":\"" + expiresIn + "\",\"localId\":\"u1\",\"email\":\"a@oiso.test\"}";
}

QByteArray refreshed(const char* idToken, const char* refreshToken)
{
    return QByteArray("{\"access_token\":\"") + idToken + "\",\"id_token\":\"" + idToken +
           "\",\"refresh_token\":\"" + refreshToken +
           "\",\"expires_in\":\"3600\",\"token_type\":\"Bearer\",\"user_id\":\"u1\"}";
}

bool isRefresh(const RecordedRequest& request)
{
    return request.target.startsWith("/securetoken.googleapis.com/v1/token");
}

struct Fixture {
    explicit Fixture(FaultServer& server)
        : client(network, rtdb::AuthEndpoints::underServer(server.location().baseUrl(),
                                                           QStringLiteral("key-1")))
        , session(&client)
    {
    }
    QNetworkAccessManager network;
    rtdb::AuthClient client;
    AuthSession session;
};

bool signIn(AuthSession& session)
{
    QSignalSpy done(&session, &AuthSession::signInFinished);
    session.signIn(QStringLiteral("a@oiso.test"), QStringLiteral("pw-123456"));
    return done.wait(10'000) && !done.first().first().value<AuthError>().isError();
}

} // namespace

class TestAuthSession : public QObject {
    Q_OBJECT

private slots:
    void requestShapes()
    {
        int refreshes = 0;
        FaultServer server([&refreshes](QTcpSocket* socket, const RecordedRequest& request, int) {
            if (isRefresh(request))
                FaultServer::respond(socket, 200, refreshed("id-2", refreshes++ ? "r-3" : "r-2"));
            else
                FaultServer::respond(socket, 200, grant("id-1", "r-1"));
        });
        Fixture f(server);
        QSignalSpy stored(&f.session, &AuthSession::refreshTokenChanged);
        QVERIFY(signIn(f.session));
        const RecordedRequest signInRequest = server.requests().at(0);
        QVERIFY(signInRequest.target.startsWith(
            "/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=key-1"));
        const QJsonObject body = QJsonDocument::fromJson(signInRequest.body).object();
        QCOMPARE(body.value(QLatin1String("returnSecureToken")).toBool(), true);
        QCOMPARE(f.session.uid(), QStringLiteral("u1"));
        QCOMPARE(f.session.credential().token, QStringLiteral("id-1"));
        QCOMPARE(f.session.credential().kind, rtdb::Credential::Kind::IdToken);
        QVERIFY(f.session.remainingTokenMs() > 3'500'000);

        QSignalSpy done(&f.session, &AuthSession::tokenRefreshed);
        f.session.refreshNow(&f.session, [](const AuthError&) {});
        QVERIFY(done.wait(10'000));
        const RecordedRequest refresh = server.requests().at(1);
        QCOMPARE(refresh.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        const QUrlQuery form(QString::fromUtf8(refresh.body));
        QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")),
                 QStringLiteral("refresh_token"));
        QCOMPARE(form.queryItemValue(QStringLiteral("refresh_token")), QStringLiteral("r-1"));
        QCOMPARE(f.session.credential().token, QStringLiteral("id-2"));
        QCOMPARE(f.session.refreshToken(), QStringLiteral("r-2")); // rotated: keep the new one
        QCOMPARE(stored.count(), 2);
        QCOMPARE(stored.last().first().toString(), QStringLiteral("r-2"));
    }

    void oneRefreshInFlightForEveryone()
    {
        QList<QTcpSocket*> held;
        FaultServer server([&held](QTcpSocket* socket, const RecordedRequest& request, int) {
            if (isRefresh(request))
                held << socket; // answered below, once everyone is waiting
            else
                FaultServer::respond(socket, 200, grant("id-1", "r-1"));
        });
        Fixture f(server);
        QVERIFY(signIn(f.session));
        int ready = 0;
        for (int i = 0; i < 5; ++i)
            f.session.refreshNow(&f.session, [&ready](const AuthError& error) {
                if (!error)
                    ++ready;
            });
        QTRY_COMPARE(held.size(), 1);
        FaultServer::respond(held.first(), 200, refreshed("id-2", "r-2"));
        QTRY_COMPARE(ready, 5);
        QCOMPARE(server.requestCount(), 2); // sign-in + exactly one refresh
    }

    void networkTroubleKeepsTheSession()
    {
        int refreshAttempts = 0;
        FaultServer server(
            [&refreshAttempts](QTcpSocket* socket, const RecordedRequest& request, int) {
                if (!isRefresh(request)) {
                    FaultServer::respond(socket, 200, grant("id-1", "r-1"));
                } else if (refreshAttempts++ == 0) {
                    // The service is having trouble (a dropped connection would be resent by Qt
                    // itself, hiding the failure from the session).
                    FaultServer::respond(socket, 503,
                                         R"({"error":{"code":503,"message":"UNAVAILABLE"}})");
                } else {
                    FaultServer::respond(socket, 200, refreshed("id-2", "r-2"));
                }
            });
        Fixture f(server);
        QVERIFY(signIn(f.session));
        QSignalSpy signedOut(&f.session, &AuthSession::signedOut);
        QSignalSpy refreshedSpy(&f.session, &AuthSession::tokenRefreshed);
        AuthError first;
        bool called = false;
        f.session.refreshNow(&f.session, [&](const AuthError& error) {
            first = error;
            called = true;
        });
        QTRY_VERIFY(called);
        QVERIFY(!first.isError()); // the current token is still valid: callers go on with it
        QCOMPARE(f.session.state(), AuthSession::State::SignedIn);
        QCOMPARE(refreshedSpy.count(), 0);
        QVERIFY(refreshedSpy.wait(15'000)); // the session retried on its own
        QCOMPARE(f.session.credential().token, QStringLiteral("id-2"));
        QCOMPARE(signedOut.count(), 0);
    }

    void revokedRefreshTokenEndsTheSession()
    {
        FaultServer server([](QTcpSocket* socket, const RecordedRequest& request, int) {
            if (isRefresh(request))
                FaultServer::respond(socket, 400,
                                     R"({"error":{"code":400,"message":"TOKEN_EXPIRED"}})");
            else
                FaultServer::respond(socket, 200, grant("id-1", "r-1"));
        });
        Fixture f(server);
        QVERIFY(signIn(f.session));
        QSignalSpy signedOut(&f.session, &AuthSession::signedOut);
        QSignalSpy stored(&f.session, &AuthSession::refreshTokenChanged);
        AuthError result;
        f.session.refreshNow(&f.session, [&result](const AuthError& error) { result = error; });
        QVERIFY(signedOut.wait(10'000));
        QCOMPARE(result.code, AuthError::Code::SessionExpired);
        QCOMPARE(signedOut.first().first().value<AuthError>().code,
                 AuthError::Code::SessionExpired);
        QCOMPARE(f.session.state(), AuthSession::State::SignedOut);
        QCOMPARE(stored.last().first().toString(), QString()); // the stored token is forgotten
    }

    void idTokensGoInTheQueryAccessTokensInTheHeader()
    {
        FaultServer server([](QTcpSocket* socket, const RecordedRequest& request, int) {
            if (request.target.startsWith("/identitytoolkit"))
                FaultServer::respond(socket, 200, grant("id-1", "r-1"));
            else
                FaultServer::respond(socket, 200, "null");
        });
        Fixture f(server);
        QVERIFY(signIn(f.session));
        rtdb::RtdbClient client(server.location(), f.network, &f.session);
        std::unique_ptr<rtdb::RtdbReply> reply(client.get({"x"}));
        QTRY_VERIFY(reply->isFinished());
        const RecordedRequest read = server.requests().back();
        QVERIFY(read.target.contains("auth=id-1"));
        QVERIFY(read.header("Authorization").isEmpty());

        f.session.useFixedCredential(
            {rtdb::Credential::Kind::AccessToken, QStringLiteral("oauth")});
        reply.reset(client.get({"x"}));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(server.requests().back().header("Authorization"), QByteArray("Bearer oauth"));
        QVERIFY(!server.requests().back().target.contains("auth="));
    }

    void a401IsRefreshedAndRetriedOnce()
    {
        int reads = 0;
        FaultServer server([&reads](QTcpSocket* socket, const RecordedRequest& request, int) {
            if (request.target.startsWith("/identitytoolkit"))
                FaultServer::respond(socket, 200, grant("id-1", "r-1"));
            else if (isRefresh(request))
                FaultServer::respond(socket, 200, refreshed("id-2", "r-2"));
            else if (reads++ == 0 || request.target.contains("denied"))
                FaultServer::respond(socket, 401, R"({"error":"Permission denied"})");
            else
                FaultServer::respond(socket, 200, "1");
        });
        Fixture f(server);
        QVERIFY(signIn(f.session));
        rtdb::RtdbClient client(server.location(), f.network, &f.session);
        std::unique_ptr<rtdb::RtdbReply> reply(client.get({"x"}));
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(reply->ok());
        QVERIFY(server.requests().back().target.contains("auth=id-2"));

        reply.reset(client.get({"denied"})); // still 401 with a fresh token: the rules say no
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error().kind, rtdb::RtdbError::Kind::PermissionDenied);
        QCOMPARE(reply->attempts(), 2);
    }

    // The app shows its cached lists before the sign-in has ended, and their requests start at
    // once: they must wait for the credential, not reach the database anonymous.
    void requestsMadeWhileSigningInWaitForItsToken()
    {
        QTcpSocket* pendingSignIn = nullptr;
        FaultServer server([&](QTcpSocket* socket, const RecordedRequest& request, int) {
            if (request.target.startsWith("/identitytoolkit"))
                pendingSignIn = socket; // answered below, once the read is waiting
            else
                FaultServer::respond(socket, 200, "1");
        });
        Fixture f(server);
        rtdb::RtdbClient client(server.location(), f.network, &f.session);
        QSignalSpy done(&f.session, &AuthSession::signInFinished);
        f.session.signIn(QStringLiteral("a@oiso.test"), QStringLiteral("pw-123456"));
        QCOMPARE(f.session.state(), AuthSession::State::SigningIn);
        std::unique_ptr<rtdb::RtdbReply> reply(client.get({"x"}));
        QTRY_VERIFY(pendingSignIn != nullptr);
        QTest::qWait(100);
        QVERIFY(!reply->isFinished());
        QCOMPARE(server.requestCount(), 1); // only the sign-in: the read waits
        FaultServer::respond(pendingSignIn, 200, grant("id-1", "r-1"));
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(reply->ok());
        QCOMPARE(done.size(), 1);
        QVERIFY(server.requests().back().target.contains("auth=id-1"));

        // A sign-in that fails fails the requests that waited for it.
        f.session.signOut();
        FaultServer refusing([](QTcpSocket* socket, const RecordedRequest& request, int) {
            if (request.target.startsWith("/identitytoolkit"))
                FaultServer::respond(socket, 400,
                                     R"({"error":{"code":400,"message":"INVALID_PASSWORD"}})");
            else
                FaultServer::respond(socket, 200, "1");
        });
        rtdb::AuthClient refusingAuth(
            f.network, rtdb::AuthEndpoints::underServer(refusing.location().baseUrl(),
                                                        QStringLiteral("key-1")));
        AuthSession refused(&refusingAuth);
        rtdb::RtdbClient refusedClient(refusing.location(), f.network, &refused);
        refused.signIn(QStringLiteral("a@oiso.test"), QStringLiteral("wrong"));
        std::unique_ptr<rtdb::RtdbReply> refusedRead(refusedClient.get({"x"}));
        QTRY_VERIFY(refusedRead->isFinished());
        QVERIFY(!refusedRead->ok());
        QCOMPARE(refusing.requestCount(), 1); // never sent without the credential
    }
};

QTEST_GUILESS_MAIN(TestAuthSession)
#include "tst_auth_session.moc"
