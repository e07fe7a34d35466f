#pragma once

// Fixtures for the client library's integration tests: the embedded server in-process on a
// loopback port, and a scriptable fault-injecting HTTP server for what a healthy server never
// does (redirects, malformed events, silence, 503s, dropped connections).

#include "common/protocol_test_helpers.h"
#include "fault_server.h"
#include "rtdb/auth_client.h"
#include "rtdb/auth_session.h"
#include "rtdb/rtdb_client.h"
#include "rtdb/stream_listener.h"
#include "server/server.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <vector>

namespace oiso::test {

inline constexpr const char* kDemoPassword = "oiso-demo-1234";

// The embedded server in this process, restartable on the same port and data folder.
class EmbeddedServer {
public:
    explicit EmbeddedServer(server::ServerOptions options = {})
        : m_options(std::move(options))
    {
        m_options.host = QStringLiteral("127.0.0.1");
        m_options.dataDirectory = m_dir.path();
        start();
    }

    void start()
    {
        m_server = std::make_unique<server::Server>(m_options);
        QString error;
        if (!m_server->start(&error))
            qFatal("embedded server did not start: %s", qPrintable(error));
        m_options.port = quint16(QUrl(m_server->url()).port()); // a restart keeps the port
    }
    void stop() { m_server.reset(); }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_options.port); }
    rtdb::DatabaseLocation location() const { return *rtdb::DatabaseLocation::parse(url()); }

private:
    QTemporaryDir m_dir;
    server::ServerOptions m_options;
    std::unique_ptr<server::Server> m_server;
};

// A client with its own network manager and (optionally) a signed-in session.
struct ClientSet {
    explicit ClientSet(const rtdb::DatabaseLocation& location)
        : authClient(network, rtdb::AuthEndpoints::underServer(location.baseUrl(), {}))
        , session(&authClient)
        , client(location, network, &session)
    {
    }

    bool signIn(const QString& email, const QString& password = QLatin1String(kDemoPassword))
    {
        return finishSignIn([&] { session.signIn(email, password); });
    }
    bool signUp(const QString& email, const QString& password = QLatin1String(kDemoPassword))
    {
        return finishSignIn([&] { session.signUp(email, password); });
    }
    bool finishSignIn(const std::function<void()>& begin)
    {
        QSignalSpy done(&session, &rtdb::AuthSession::signInFinished);
        begin();
        if (!done.wait(20'000))
            return false;
        return !done.first().first().value<rtdb::AuthError>().isError();
    }

    QNetworkAccessManager network;
    rtdb::AuthClient authClient;
    rtdb::AuthSession session;
    rtdb::RtdbClient client;
};

// Waits for a reply and hands it back (owned by the caller's scope).
inline std::unique_ptr<rtdb::RtdbReply> finished(rtdb::RtdbReply* reply, int timeoutMs = 30'000)
{
    std::unique_ptr<rtdb::RtdbReply> owned(reply);
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &rtdb::RtdbReply::finished);
        if (!spy.wait(timeoutMs))
            qWarning("reply did not finish in time");
    }
    return owned;
}

// A database path written with slashes in a test ("room/a"); "" is the root.
inline protocol::Path dbPath(const char* slashSeparated)
{
    return *protocol::parsePath(slashSeparated);
}

} // namespace oiso::test
