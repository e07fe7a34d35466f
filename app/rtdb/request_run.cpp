#include "rtdb/request_run.h"

#include "protocol/json.h"
#include "rtdb/auth_session.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace oiso::rtdb {

namespace {

// A PATCH answers with its body, whose keys are relative paths ("a/b"): rebuild the tree they
// describe instead of rejecting the slashes as key characters.
std::optional<protocol::Node> parsePatchEcho(const QByteArray& body, QString* error)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return protocol::parseJson(body, error);
    protocol::Node tree;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        std::optional<protocol::Path> path = protocol::parsePath(it.key().toStdString(), error);
        if (!path)
            return std::nullopt;
        std::optional<protocol::Node> value = protocol::fromJsonValue(it.value(), error);
        if (!value)
            return std::nullopt;
        tree.set(*path, std::move(*value));
    }
    return tree;
}

} // namespace

RequestRun::RequestRun(RtdbClient& client, RequestPlan plan, RtdbReply* reply)
    : QObject(reply)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_reply(reply)
    , m_backoff(client.retryPolicy().initialDelayMs, client.retryPolicy().maxDelayMs)
{
    connect(reply, &RtdbReply::finished, this, [this] {
        // Cancelled (or finished) from outside: stop the exchange in flight.
        if (m_exchange)
            m_exchange->cancel();
    });
}

void RequestRun::start()
{
    m_elapsed.start();
    attempt();
}

void RequestRun::attempt()
{
    if (m_reply->isFinished())
        return;
    ++m_reply->m_attempts;
    AuthSession* auth = m_client.auth();
    if (!auth) {
        send();
        return;
    }
    auth->ensureFresh(this, [this](const AuthError& error) {
        if (m_reply->isFinished())
            return;
        if (error) {
            if (error.isTransient() && retryLater(RtdbError::network(error.technicalMessage())))
                return;
            m_reply->finish(
                {error.isTransient() ? RtdbError::Kind::Network : RtdbError::Kind::AuthExpired, 0,
                 error.technicalMessage()});
            return;
        }
        send();
    });
}

void RequestRun::send()
{
    const RetryPolicy& policy = m_client.retryPolicy();
    HttpRequestSpec spec;
    spec.method = m_plan.method;
    spec.body = m_plan.body;
    spec.headers = m_plan.headers;
    auto parameters = m_plan.parameters;
    if (AuthSession* auth = m_client.auth()) {
        const Credential credential = auth->credential();
        // §13 pitfall 5: a user's ID token goes in auth=, only OAuth2 tokens in the header.
        if (credential.kind == Credential::Kind::IdToken)
            parameters.emplace_back(QStringLiteral("auth"), credential.token);
        else if (credential.kind == Credential::Kind::AccessToken)
            spec.headers.append(std::pair(QByteArray("Authorization"),
                                          QByteArray("Bearer " + credential.token.toUtf8())));
    }
    spec.url = m_client.location().restUrl(m_plan.path, parameters);
    const qint64 left = policy.deadlineMs - m_elapsed.elapsed();
    spec.timeoutMs = int(std::clamp<qint64>(left, 1, policy.attemptTimeoutMs));
    m_exchange = new HttpExchange(m_client.networkManager(), std::move(spec), this);
    connect(m_exchange, &HttpExchange::finished, this, &RequestRun::onResult);
    m_exchange->start();
}

bool RequestRun::retryLater(const RtdbError& error)
{
    const RetryPolicy& policy = m_client.retryPolicy();
    if (!m_plan.idempotent || !error.isTransient() || m_reply->m_attempts >= policy.maxAttempts)
        return false;
    const int delay = m_backoff.nextDelayMs();
    if (m_elapsed.elapsed() + delay >= policy.deadlineMs)
        return false;
    QTimer::singleShot(delay, this, [this] { attempt(); });
    return true;
}

void RequestRun::onResult(const HttpResult& result)
{
    if (m_reply->isFinished())
        return;
    if (result.error) {
        if (result.error.kind == RtdbError::Kind::Cancelled)
            return;
        if (!retryLater(result.error))
            m_reply->finish(result.error);
        return;
    }
    const int status = result.status;
    if (status == 200 || status == 204) {
        succeed(result);
        return;
    }
    AuthSession* auth = m_client.auth();
    if (status == 401 && auth && auth->credential().kind == Credential::Kind::IdToken &&
        !m_refreshedAfter401) {
        // The token may have expired in flight: refresh once and try again; a second 401 is the
        // rules saying no (§7.5).
        m_refreshedAfter401 = true;
        auth->refreshNow(this, [this](const AuthError& error) {
            if (m_reply->isFinished())
                return;
            if (error)
                m_reply->finish({RtdbError::Kind::AuthExpired, 401, error.technicalMessage()});
            else
                attempt();
        });
        return;
    }
    RtdbError error = RtdbError::fromHttp(status, result.body);
    if (status == 412) {
        QString parseError;
        std::optional<protocol::Node> current = protocol::parseJson(result.body, &parseError);
        m_reply->m_etag = result.header("ETag");
        if (current)
            m_reply->m_value = *current;
        if (current && m_reply->m_attempts > 1 && m_plan.conditionalValue &&
            *current == *m_plan.conditionalValue) {
            // Our earlier attempt wrote this value; only its answer was lost.
            m_reply->finish({});
            return;
        }
        error.serverMessage.clear();
    }
    if (!retryLater(error))
        m_reply->finish(error);
}

void RequestRun::succeed(const HttpResult& result)
{
    m_reply->m_etag = result.header("ETag");
    m_reply->m_query = m_plan.query;
    m_reply->m_pushKey = m_plan.pushKey;
    if (result.status == 204) {
        m_reply->finish({});
        return;
    }
    QString parseError;
    std::optional<protocol::Node> value = m_plan.method == "PATCH"
                                              ? parsePatchEcho(result.body, &parseError)
                                              : protocol::parseJson(result.body, &parseError);
    if (!value) {
        m_reply->finish(
            RtdbError::malformed(tr("The answer is not valid JSON (%1).").arg(parseError)));
        return;
    }
    m_reply->m_value = std::move(*value);
    m_reply->finish({});
}

} // namespace oiso::rtdb
