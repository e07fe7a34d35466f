#pragma once

#include "rtdb/http_exchange.h"
#include "rtdb/sse_parser.h"
#include "rtdb/stream_event.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace oiso::rtdb {

// One HTTP event-stream connection (reference §6.1–§6.3): GET with Accept: text/event-stream,
// 307s followed with the same headers and query (§2.9), a deadline until the response starts,
// then bytes fed through the SSE parser and decoded into Firebase events. It ends with exactly
// one failed() — the server closed, the network dropped, the answer was an HTTP error, or an
// event was malformed (then nothing of that event is applied) — unless close() came first.
// Reconnecting is the listener's job.
class StreamConnection : public QObject {
    Q_OBJECT

public:
    StreamConnection(QNetworkAccessManager& manager, QUrl url, HttpHeaders headers,
                     int connectTimeoutMs, QObject* parent = nullptr);
    ~StreamConnection() override;

    void open();
    void close(); // silently: no signal follows

    bool isOpen() const { return m_open; }
    qint64 msSinceActivity() const { return m_activity.elapsed(); }
    std::optional<std::int64_t> retryHintMs() const { return m_parser.retryMs(); }

signals:
    void opened();
    void eventReceived(const oiso::rtdb::StreamEvent& event);
    void failed(const oiso::rtdb::RtdbError& error);

private:
    void send(const QUrl& url);
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void fail(RtdbError error);
    void dropReply();

    QNetworkAccessManager& m_manager;
    QUrl m_url;
    HttpHeaders m_headers;
    QPointer<QNetworkReply> m_reply;
    SseParser m_parser;
    QTimer m_connectDeadline;
    QElapsedTimer m_activity;
    int m_redirects = 0;
    bool m_open = false;
    bool m_done = false;
};

} // namespace oiso::rtdb
