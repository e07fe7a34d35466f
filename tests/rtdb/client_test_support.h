#pragma once

// Fixtures for the client library's integration tests: the embedded server in-process on a
// loopback port, and a scriptable fault-injecting HTTP server for what a healthy server never
// does (redirects, malformed events, silence, 503s, dropped connections).

#include "common/protocol_test_helpers.h"
#include "rtdb/auth_client.h"
#include "rtdb/auth_session.h"
#include "rtdb/rtdb_client.h"
#include "rtdb/stream_listener.h"
#include "server/server.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
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

// One HTTP request as the fault server read it.
struct RecordedRequest {
    QByteArray method;
    QByteArray target; // path and query
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// A deliberately raw HTTP/1.1 server: it reads each request and lets the test answer with any
// bytes at all — which is the point: a real HTTP library would not let us misbehave.
class FaultServer : public QObject {
public:
    // Answers request number `index` (0-based over the server's lifetime) on `socket`.
    using Handler =
        std::function<void(QTcpSocket* socket, const RecordedRequest& request, int index)>;

    explicit FaultServer(Handler handler)
        : m_handler(std::move(handler))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                accept(socket);
        });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("fault server could not listen");
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    rtdb::DatabaseLocation location() const { return *rtdb::DatabaseLocation::parse(url()); }
    const std::vector<RecordedRequest>& requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }

    static void respond(QTcpSocket* socket, int status, const QByteArray& body,
                        const QByteArray& extraHeaders = {})
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " X\r\nContent-Length: " + QByteArray::number(body.size()) +
                      "\r\nContent-Type: application/json\r\n" + extraHeaders + "\r\n" + body);
    }
    static void startEventStream(QTcpSocket* socket)
    {
        // No chunking and Connection: close, as production streams are framed (§6.1).
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                      "Cache-Control: no-cache\r\nConnection: close\r\n\r\n");
    }
    static void sendEvent(QTcpSocket* socket, const QByteArray& name, const QByteArray& data)
    {
        socket->write("event: " + name + "\ndata: " + data + "\n\n");
    }

private:
    void accept(QTcpSocket* socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            for (;;) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                RecordedRequest request;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.first().trimmed().split(' ');
                request.method = first.value(0);
                request.target = first.value(1);
                qsizetype length = 0;
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon < 0)
                        continue;
                    const QByteArray name = lines[i].left(colon).trimmed();
                    const QByteArray value = lines[i].mid(colon + 1).trimmed();
                    request.headers.append({name, value});
                    if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                        length = value.toLongLong();
                }
                if (buffer->size() < end + 4 + length)
                    return;
                request.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                m_requests.push_back(request);
                m_handler(socket, request, int(m_requests.size()) - 1);
            }
        });
    }

    QTcpServer m_server;
    Handler m_handler;
    std::vector<RecordedRequest> m_requests;
};

} // namespace oiso::test
