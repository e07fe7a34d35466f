#pragma once

// A TCP proxy between the market client and the embedded server that misbehaves on purpose:
// it cuts connections at random (both directions, mid-request and mid-stream), and it can
// answer the next write requests itself with an error the server would never give.

#include <QByteArray>
#include <QHostAddress>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

namespace oiso::test {

class FaultProxy : public QObject {
public:
    explicit FaultProxy(quint16 upstreamPort, QObject* parent = nullptr)
        : QObject(parent)
        , m_upstreamPort(upstreamPort)
        , m_random(20261201)
    {
        QObject::connect(&m_listener, &QTcpServer::newConnection, this, [this] { accept(); });
        if (!m_listener.listen(QHostAddress::LocalHost, 0))
            qFatal("proxy could not listen");
    }

    quint16 port() const { return m_listener.serverPort(); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }

    // Each chunk passed on is followed by a cut with this probability (0 = never).
    void setCutProbability(double p) { m_cutProbability = p; }
    // The next `count` requests that start with `method` get this answer instead of reaching
    // the server (status line and JSON body), and their connection is closed.
    void failNext(const QByteArray& method, int count, int status, const QByteArray& body)
    {
        failNextMatching(method + ' ', count, status, body);
    }
    // The same for requests whose first bytes contain `needle` (e.g. a query in the URL).
    void failNextMatching(const QByteArray& needle, int count, int status, const QByteArray& body)
    {
        m_failNeedle = needle;
        m_failCount = count;
        m_failStatus = status;
        m_failBody = body;
    }
    int cuts() const { return m_cuts; }
    int failedRequests() const { return m_failed; }

private:
    void accept()
    {
        while (QTcpSocket* client = m_listener.nextPendingConnection()) {
            auto* upstream = new QTcpSocket(client);
            upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
            QPointer<QTcpSocket> up(upstream);
            QObject::connect(client, &QTcpSocket::readyRead, this, [this, client, up] {
                if (!up)
                    return;
                const QByteArray data = client->readAll();
                if (m_failCount > 0 && data.left(2048).contains(m_failNeedle)) {
                    --m_failCount;
                    ++m_failed;
                    answerWithError(client);
                    return;
                }
                up->write(data);
                maybeCut(client);
            });
            QObject::connect(upstream, &QTcpSocket::readyRead, this, [this, client, up] {
                client->write(up->readAll());
                maybeCut(client);
            });
            QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            QObject::connect(upstream, &QTcpSocket::disconnected, client,
                             [client] { client->disconnectFromHost(); });
        }
    }

    void answerWithError(QTcpSocket* client)
    {
        QByteArray response = "HTTP/1.1 " + QByteArray::number(m_failStatus) +
                              " Refused by the test proxy\r\nContent-Type: application/json\r\n"
                              "Connection: close\r\nContent-Length: " +
                              QByteArray::number(m_failBody.size()) + "\r\n\r\n" + m_failBody;
        client->write(response);
        client->disconnectFromHost();
    }

    void maybeCut(QTcpSocket* client)
    {
        if (m_cutProbability <= 0 || m_random.generateDouble() >= m_cutProbability)
            return;
        ++m_cuts;
        client->abort(); // the client sees a reset; its upstream goes with it
        client->deleteLater();
    }

    QTcpServer m_listener;
    quint16 m_upstreamPort;
    QRandomGenerator m_random;
    double m_cutProbability = 0;
    QByteArray m_failNeedle;
    int m_failCount = 0;
    int m_failStatus = 400;
    QByteArray m_failBody;
    int m_cuts = 0;
    int m_failed = 0;
};

} // namespace oiso::test
