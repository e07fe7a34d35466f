#pragma once
// Test support for driving the server over real HTTP: a server on an ephemeral loopback port,
// a blocking request helper built on QNetworkAccessManager, and an event-stream reader.

#include "server/auth_service.h"
#include "server/server.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace oiso::test {

// An embedded server with its own data folder, started on 127.0.0.1:0.
struct TestServer {
    explicit TestServer(server::ServerOptions options = {})
    {
        options.dataDirectory = dir.path();
        options.port = 0;
        instance = std::make_unique<server::Server>(options);
        QString error;
        if (!instance->start(&error))
            qFatal("server did not start: %s", qPrintable(error));
    }
    QString url() const { return instance->url(); }

    QTemporaryDir dir;
    std::unique_ptr<server::Server> instance;
};

struct Reply {
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;

    QJsonValue json() const
    {
        // Wrapped so that top-level primitives parse too.
        const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]");
        return doc.array().at(0);
    }
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Sends one request and waits for its reply (the event loop runs meanwhile, so in-process
// servers, other replies and streams keep working).
class HttpTestClient {
public:
    explicit HttpTestClient(QString baseUrl)
        : m_base(std::move(baseUrl))
    {
    }

    // `pathAndQuery` is already percent-encoded where needed, e.g. `/a.json?orderBy=%22%24key%22`.
    QNetworkReply* start(const QByteArray& method, const QString& pathAndQuery,
                         const QByteArray& body = {}, const Headers& headers = {})
    {
        QNetworkRequest request(QUrl::fromEncoded((m_base + pathAndQuery).toUtf8()));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        return m_nam.sendCustomRequest(request, method, body);
    }

    static Reply finish(QNetworkReply* reply)
    {
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (!finished.wait(20000))
                qWarning("request timed out");
        }
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.error = reply->error();
        result.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return result;
    }

    Reply send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {},
               const Headers& headers = {})
    {
        return finish(start(method, pathAndQuery, body, headers));
    }
    Reply get(const QString& p, const Headers& h = {}) { return send("GET", p, {}, h); }
    Reply put(const QString& p, const QByteArray& b, const Headers& h = {})
    {
        return send("PUT", p, b, h);
    }

    QNetworkAccessManager& manager() { return m_nam; }
    const QString& base() const { return m_base; }

private:
    QString m_base;
    QNetworkAccessManager m_nam;
};

// Reads a text/event-stream response incrementally, event by event.
class EventStreamReader : public QObject {
public:
    struct Event {
        QByteArray type;
        QJsonValue data;
    };

    EventStreamReader(QNetworkAccessManager& nam, const QString& url)
    {
        QNetworkRequest request(QUrl::fromEncoded(url.toUtf8()));
        request.setRawHeader("Accept", "text/event-stream");
        m_reply = nam.get(request);
        connect(m_reply, &QNetworkReply::readyRead, this, [this] { parse(); });
        connect(m_reply, &QNetworkReply::finished, this, [this] {
            parse();
            m_finished = true;
        });
    }
    ~EventStreamReader() override
    {
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
        }
    }

    QList<Event> events;
    bool finished() const { return m_finished; }
    int status() const
    {
        return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
    // Events of one type, as compact JSON "path data" pairs, for compact comparisons.
    QList<QByteArray> describe(const QByteArray& type = "put") const
    {
        QList<QByteArray> out;
        for (const Event& e : events) {
            if (e.type != type)
                continue;
            const QJsonObject o = e.data.toObject();
            out.append(o.value(QStringLiteral("path")).toString().toUtf8() + ' ' +
                       QJsonDocument(QJsonArray{o.value(QStringLiteral("data"))})
                           .toJson(QJsonDocument::Compact)
                           .mid(1)
                           .chopped(1));
        }
        return out;
    }
    void close() { m_reply->abort(); }

private:
    void parse()
    {
        if (!m_reply->isOpen())
            return; // aborted
        m_buffer += m_reply->readAll();
        for (qsizetype end = m_buffer.indexOf("\n\n"); end >= 0; end = m_buffer.indexOf("\n\n")) {
            const QByteArray block = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            Event event;
            for (const QByteArray& line : block.split('\n')) {
                if (line.startsWith("event: "))
                    event.type = line.mid(7);
                else if (line.startsWith("data: "))
                    event.data = QJsonDocument::fromJson("[" + line.mid(6) + "]").array().at(0);
            }
            events.append(event);
        }
    }

    QNetworkReply* m_reply = nullptr;
    QByteArray m_buffer;
    bool m_finished = false;
};

} // namespace oiso::test
