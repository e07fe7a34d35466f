#include "rtdb/stream_connection.h"

#include <QNetworkAccessManager>

namespace oiso::rtdb {

StreamConnection::StreamConnection(QNetworkAccessManager& manager, QUrl url, HttpHeaders headers,
                                   int connectTimeoutMs, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_url(std::move(url))
    , m_headers(std::move(headers))
{
    m_headers.append(std::pair(QByteArray("Accept"), QByteArray("text/event-stream")));
    m_headers.append(std::pair(QByteArray("Cache-Control"), QByteArray("no-cache")));
    m_connectDeadline.setSingleShot(true);
    m_connectDeadline.setInterval(connectTimeoutMs);
    connect(&m_connectDeadline, &QTimer::timeout, this, [this] { fail(RtdbError::timeout()); });
    m_activity.start();
}

StreamConnection::~StreamConnection()
{
    dropReply();
}

void StreamConnection::open()
{
    m_connectDeadline.start();
    m_activity.restart();
    send(m_url);
}

void StreamConnection::close()
{
    m_done = true;
    m_connectDeadline.stop();
    dropReply();
}

void StreamConnection::dropReply()
{
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

void StreamConnection::send(const QUrl& url)
{
    m_reply = m_manager.get(makeNetworkRequest(url, m_headers));
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &StreamConnection::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &StreamConnection::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &StreamConnection::onFinished);
}

void StreamConnection::onMetaData()
{
    if (m_open || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // redirects and errors are read whole in onFinished()
    const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (!type.startsWith("text/event-stream")) {
        // A captive portal or proxy page rather than the database.
        fail(RtdbError::malformed(
            tr("Expected an event stream but got \"%1\".").arg(QString::fromLatin1(type))));
        return;
    }
    m_open = true;
    m_connectDeadline.stop();
    m_parser.reset();
    m_activity.restart();
    emit opened();
}

void StreamConnection::onReadyRead()
{
    if (!m_open || !m_reply)
        return;
    m_activity.restart();
    const QByteArray bytes = m_reply->readAll();
    const std::vector<SseEvent> events = m_parser.feed(bytes);
    QPointer<StreamConnection> self(this);
    for (const SseEvent& sse : events) {
        QString error;
        const std::optional<StreamEvent> event = decodeStreamEvent(sse, &error);
        if (!event) {
            fail(RtdbError::malformed(error));
            return;
        }
        emit eventReceived(*event);
        if (!self || m_done)
            return; // the listener closed us from its slot
    }
    if (m_parser.hasError())
        fail(RtdbError::malformed(m_parser.errorString()));
}

void StreamConnection::onFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_open) {
        fail(RtdbError::network(reply->error() == QNetworkReply::NoError
                                    ? tr("The server closed the event stream.")
                                    : reply->errorString()));
        return;
    }
    if (status == 307 || status == 308) {
        const std::optional<QUrl> next = redirectTarget(reply->url(), reply->rawHeader("Location"));
        if (next && ++m_redirects <= kMaxRedirects) {
            dropReply();
            send(*next);
            return;
        }
        fail(
            RtdbError::network(tr("The stream was redirected too often or to an unsafe address.")));
        return;
    }
    if (status == 0) {
        fail(RtdbError::network(reply->errorString()));
        return;
    }
    fail(RtdbError::fromHttp(status, reply->readAll()));
}

void StreamConnection::fail(RtdbError error)
{
    if (m_done)
        return;
    m_done = true;
    m_connectDeadline.stop();
    dropReply();
    emit failed(error);
}

} // namespace oiso::rtdb
