#pragma once

// A scriptable, deliberately raw HTTP/1.1 server for the client's tests: it shows the client what
// a healthy server never sends (redirects, malformed events, silence, 503s, odd framing).

#include "rtdb/database_location.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>
#include <vector>

namespace oiso::test {

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
