#pragma once

#include "rtdb/rtdb_error.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>
#include <utility>

class QNetworkAccessManager;

namespace oiso::rtdb {

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

struct HttpRequestSpec {
    QByteArray method = "GET";
    QUrl url;
    QByteArray body;
    HttpHeaders headers;
    int timeoutMs = 30'000; // for the whole exchange, redirects included
};

struct HttpResult {
    int status = 0; // 0: no HTTP answer (see error)
    QByteArray body;
    HttpHeaders headers;
    RtdbError error; // Network, Timeout or Cancelled; HTTP statuses are left to the caller

    QByteArray header(QByteArrayView name) const;
};

// Firebase may answer any request with 307 and a Location on another server (§2.9). The next URL
// to ask, or nullopt when the redirect must not be followed: no Location, or a downgrade from
// https to http (the request carries a token). The original `auth` parameter is re-appended when
// the Location dropped it.
std::optional<QUrl> redirectTarget(const QUrl& from, const QByteArray& location);

inline constexpr int kMaxRedirects = 10;

// One HTTP request/response, with what QNetworkAccessManager leaves to us: 307/308 redirects
// followed with the same method, body, headers and query (Qt's own policies may turn them into
// GETs or drop headers across hosts), a deadline that reports Timeout rather than a generic
// abort, and cancellation that still emits finished() exactly once. Deletes itself after
// finished().
class HttpExchange : public QObject {
    Q_OBJECT

public:
    HttpExchange(QNetworkAccessManager& manager, HttpRequestSpec spec, QObject* parent = nullptr);
    ~HttpExchange() override;

    void start();
    void cancel();

signals:
    void finished(const oiso::rtdb::HttpResult& result);

private:
    void send(const QUrl& url);
    void onReplyFinished();
    void finish(HttpResult result);

    QNetworkAccessManager& m_manager;
    HttpRequestSpec m_spec;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    int m_redirects = 0;
    bool m_done = false;
    bool m_timedOut = false;
};

QNetworkRequest makeNetworkRequest(const QUrl& url, const HttpHeaders& headers);

} // namespace oiso::rtdb
