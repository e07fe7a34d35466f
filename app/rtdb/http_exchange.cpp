#include "rtdb/http_exchange.h"

#include <QNetworkAccessManager>
#include <QUrlQuery>

namespace oiso::rtdb {

QByteArray HttpResult::header(QByteArrayView name) const
{
    for (const auto& [headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

std::optional<QUrl> redirectTarget(const QUrl& from, const QByteArray& location)
{
    if (location.isEmpty())
        return std::nullopt;
    QUrl target = from.resolved(QUrl::fromEncoded(location));
    if (!target.isValid())
        return std::nullopt;
    if (from.scheme() == QLatin1String("https") && target.scheme() != QLatin1String("https"))
        return std::nullopt;
    const QUrlQuery fromQuery(from);
    QUrlQuery targetQuery(target);
    const QString auth = QStringLiteral("auth");
    if (fromQuery.hasQueryItem(auth) && !targetQuery.hasQueryItem(auth)) {
        targetQuery.addQueryItem(auth, fromQuery.queryItemValue(auth, QUrl::FullyEncoded));
        target.setQuery(targetQuery);
    }
    return target;
}

QNetworkRequest makeNetworkRequest(const QUrl& url, const HttpHeaders& headers)
{
    QNetworkRequest request(url);
    // Redirects are ours to follow (see HttpExchange); caching would serve stale data.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    return request;
}

HttpExchange::HttpExchange(QNetworkAccessManager& manager, HttpRequestSpec spec, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_spec(std::move(spec))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
}

HttpExchange::~HttpExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpExchange::start()
{
    m_deadline.start(m_spec.timeoutMs);
    send(m_spec.url);
}

void HttpExchange::cancel()
{
    if (m_done)
        return;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    HttpResult result;
    result.error = RtdbError::cancelled();
    finish(std::move(result));
}

void HttpExchange::send(const QUrl& url)
{
    QNetworkRequest request = makeNetworkRequest(url, m_spec.headers);
    if (!m_spec.body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    m_reply = m_manager.sendCustomRequest(request, m_spec.method, m_spec.body);
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onReplyFinished);
}

void HttpExchange::onReplyFinished()
{
    QNetworkReply* reply = m_reply;
    reply->deleteLater();
    m_reply = nullptr;

    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_timedOut) {
        result.status = 0;
        result.error = RtdbError::timeout();
        finish(std::move(result));
        return;
    }
    if (result.status == 0) {
        result.error = RtdbError::network(reply->errorString());
        finish(std::move(result));
        return;
    }
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    if (result.status == 307 || result.status == 308) {
        const std::optional<QUrl> next = redirectTarget(reply->url(), reply->rawHeader("Location"));
        if (next && ++m_redirects <= kMaxRedirects) {
            send(*next);
            return;
        }
        if (next)
            result.error = RtdbError::network(tr("Too many redirects."));
    }
    finish(std::move(result));
}

void HttpExchange::finish(HttpResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    emit finished(result);
    deleteLater();
}

} // namespace oiso::rtdb
