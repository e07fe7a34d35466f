#include "rtdb/stream_listener.h"

#include "rtdb/auth_session.h"
#include "rtdb/rtdb_client.h"
#include "rtdb/stream_connection.h"

#include <QNetworkInformation>

#include <algorithm>

namespace oiso::rtdb {

namespace {

// A connection that stayed up this long earns an immediate reconnect when it drops; one that
// dies sooner waits for the backoff, so a server that accepts and closes at once is not hammered.
constexpr qint64 kStableConnectionMs = 10'000;

bool watchOrderMoves(const protocol::Query& query)
{
    return query.orderBy != protocol::Query::OrderBy::None &&
           query.orderBy != protocol::Query::OrderBy::Key;
}

std::optional<std::string> predecessor(const protocol::Node& location, const std::string& key,
                                       const protocol::Query& query)
{
    const protocol::Node* self = location.child(key);
    if (!self)
        return std::nullopt;
    std::optional<std::string> best;
    const protocol::Node* bestNode = nullptr;
    for (const auto& [otherKey, other] : location.children()) {
        if (otherKey == key || protocol::compareChildren(query, otherKey, other, key, *self) >= 0)
            continue;
        if (!best || protocol::compareChildren(query, otherKey, other, *best, *bestNode) > 0) {
            best = otherKey;
            bestNode = &other;
        }
    }
    return best;
}

void followNetworkReachability()
{
    static const bool loaded =
        QNetworkInformation::instance() ||
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
    Q_UNUSED(loaded);
}

} // namespace

StreamListener::StreamListener(RtdbClient& client, protocol::Path path, protocol::Query query,
                               StreamOptions options, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_options(options)
    , m_backoff(options.initialBackoffMs, options.maxBackoffMs)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &StreamListener::connectNow);
    m_watchdog.setInterval(std::max(250, m_options.watchdogMs / 4));
    connect(&m_watchdog, &QTimer::timeout, this, &StreamListener::checkWatchdog);
    if (AuthSession* auth = m_client.auth())
        connect(auth, &AuthSession::tokenRefreshed, this, &StreamListener::onTokenRefreshed);
    if (m_options.followNetworkChanges) {
        followNetworkReachability();
        if (QNetworkInformation* info = QNetworkInformation::instance()) {
            connect(info, &QNetworkInformation::reachabilityChanged, this,
                    [this](QNetworkInformation::Reachability reachability) {
                        if (reachability != QNetworkInformation::Reachability::Disconnected &&
                            m_running && m_state != State::Live)
                            reconnectNow();
                    });
        }
    }
}

StreamListener::~StreamListener()
{
    dropConnection(m_connection);
    dropConnection(m_replacement);
}

void StreamListener::start()
{
    if (m_running)
        return;
    m_running = true;
    m_backoff.reset();
    m_watchdog.start();
    setState(m_mirror.isLoaded() ? State::Stale : State::Connecting);
    connectNow();
}

void StreamListener::stop()
{
    m_running = false;
    m_retryTimer.stop();
    m_watchdog.stop();
    dropConnection(m_connection);
    dropConnection(m_replacement);
    setState(State::Stopped);
}

void StreamListener::reconnectNow()
{
    if (!m_running)
        return;
    connectNow();
}

void StreamListener::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void StreamListener::dropConnection(QPointer<StreamConnection>& connection)
{
    if (connection) {
        connection->close();
        connection->deleteLater();
    }
    connection = nullptr;
}

void StreamListener::connectNow()
{
    m_retryTimer.stop();
    if (!m_running)
        return;
    dropConnection(m_connection);
    dropConnection(m_replacement);
    if (m_state == State::Live)
        setState(State::Stale);
    else if (m_state == State::Stopped)
        setState(State::Connecting);
    const quint64 attempt = ++m_attemptId;
    auto open = [this, attempt](const AuthError& error) {
        if (!m_running || attempt != m_attemptId)
            return;
        if (error) {
            const RtdbError failure{error.isTransient() ? RtdbError::Kind::Network
                                                        : RtdbError::Kind::AuthExpired,
                                    0, error.technicalMessage()};
            if (error.isTransient())
                scheduleReconnect(failure);
            else
                stopWith(State::AuthError, failure);
            return;
        }
        m_connection = openConnection();
        m_awaitingInitialPut = true;
    };
    if (AuthSession* auth = m_client.auth())
        auth->ensureFresh(this, open);
    else
        open({});
}

StreamConnection* StreamListener::openConnection()
{
    std::vector<std::pair<QString, QString>> parameters = queryParameters(m_query);
    HttpHeaders headers;
    if (AuthSession* auth = m_client.auth()) {
        const Credential credential = auth->credential();
        if (credential.kind == Credential::Kind::IdToken)
            parameters.emplace_back(QStringLiteral("auth"), credential.token);
        else if (credential.kind == Credential::Kind::AccessToken)
            headers.append(std::pair(QByteArray("Authorization"),
                                     QByteArray("Bearer " + credential.token.toUtf8())));
    }
    auto* connection =
        new StreamConnection(m_network, m_client.location().restUrl(m_path, parameters), headers,
                             m_options.connectTimeoutMs, this);
    connect(connection, &StreamConnection::eventReceived, this,
            [this, connection](const StreamEvent& event) { onEvent(connection, event); });
    connect(connection, &StreamConnection::failed, this,
            [this, connection](const RtdbError& error) { onFailed(connection, error); });
    connection->open();
    return connection;
}

void StreamListener::onEvent(StreamConnection* connection, const StreamEvent& event)
{
    const bool isData =
        event.kind == StreamEvent::Kind::Put || event.kind == StreamEvent::Kind::Patch;
    if (connection == m_replacement) {
        if (event.kind == StreamEvent::Kind::Put && event.path.empty()) {
            // The stream with the refreshed token is up: adopt it, retire the old one.
            dropConnection(m_connection);
            m_connection = m_replacement;
            m_replacement = nullptr;
            m_awaitingInitialPut = false;
            apply(event, StreamUpdate::Origin::Resync);
        } else if (event.kind != StreamEvent::Kind::KeepAlive && !isData) {
            dropConnection(m_replacement);
        }
        return;
    }
    if (connection != m_connection)
        return;
    switch (event.kind) {
    case StreamEvent::Kind::KeepAlive:
    case StreamEvent::Kind::Ignored:
        return;
    case StreamEvent::Kind::Cancel: {
        const QString reason =
            event.text.isEmpty() ? tr("The server ended the stream.") : event.text;
        stopWith(State::Failed,
                 {reason.contains(QLatin1String("ermission")) ? RtdbError::Kind::PermissionDenied
                                                              : RtdbError::Kind::Http,
                  0, reason});
        return;
    }
    case StreamEvent::Kind::AuthRevoked:
        onAuthRevoked();
        return;
    case StreamEvent::Kind::Put:
    case StreamEvent::Kind::Patch:
        break;
    }
    if (m_awaitingInitialPut) {
        m_awaitingInitialPut = false;
        m_refreshedAfterDenial = false;
        m_backoff.reset();
        m_liveSince.start();
        const StreamUpdate::Origin origin =
            m_mirror.isLoaded() ? StreamUpdate::Origin::Resync : StreamUpdate::Origin::InitialLoad;
        setState(State::Live);
        apply(event, origin);
        return;
    }
    apply(event, StreamUpdate::Origin::Live);
}

void StreamListener::apply(const StreamEvent& event, StreamUpdate::Origin origin)
{
    // For value-ordered queries, note where the children this event touches stand now, to tell
    // afterwards which of them moved. Not a copy of the mirror: that would share its child map
    // and make the write copy all of it.
    std::vector<std::pair<std::string, std::optional<std::string>>> placesBefore;
    if (watchOrderMoves(m_query)) {
        std::vector<std::string> touched;
        if (!event.path.empty())
            touched.push_back(event.path.front());
        else if (event.kind == StreamEvent::Kind::Patch)
            for (const PatchEntry& entry : event.entries)
                if (!entry.path.empty())
                    touched.push_back(entry.path.front());
        for (const std::string& key : touched)
            placesBefore.emplace_back(key, predecessor(m_mirror.value(), key, m_query));
    }
    StreamUpdate update;
    update.origin = origin;
    update.change = m_mirror.apply(event);
    if (!update.change.valueChanged)
        return; // a no-op write, or a reconnect that found nothing new
    for (const ChildChanged& changed : update.change.changed) {
        const auto place = std::find_if(placesBefore.begin(), placesBefore.end(),
                                        [&](const auto& p) { return p.first == changed.key; });
        if (place == placesBefore.end() ||
            protocol::indexValue(m_query, changed.key, changed.oldValue) ==
                protocol::indexValue(m_query, changed.key, changed.value))
            continue;
        std::optional<std::string> now = predecessor(m_mirror.value(), changed.key, m_query);
        if (now != place->second)
            update.moved.push_back({changed.key, std::move(now)});
    }
    update.event = event;
    emit updated(update);
}

void StreamListener::onFailed(StreamConnection* connection, const RtdbError& error)
{
    if (connection == m_replacement) {
        dropConnection(m_replacement); // the old stream keeps serving
        return;
    }
    if (connection != m_connection)
        return;
    m_retryHintMs = connection->retryHintMs();
    dropConnection(m_connection);
    m_lastError = error;
    AuthSession* auth = m_client.auth();
    if (error.kind == RtdbError::Kind::PermissionDenied) {
        if (auth && auth->credential().kind == Credential::Kind::IdToken &&
            !m_refreshedAfterDenial) {
            // Maybe only the token expired: refresh once; a second refusal is the rules.
            m_refreshedAfterDenial = true;
            auth->refreshNow(this, [this](const AuthError& authError) {
                if (!m_running)
                    return;
                if (authError.endsSession())
                    stopWith(State::AuthError,
                             {RtdbError::Kind::AuthExpired, 0, authError.technicalMessage()});
                else if (authError)
                    scheduleReconnect(RtdbError::network(authError.technicalMessage()));
                else
                    connectNow();
            });
            return;
        }
        stopWith(State::AuthError, error);
        return;
    }
    // 400 (bad query, missing index), 404 (wrong database): retrying won't help.
    if ((error.kind == RtdbError::Kind::Http && !error.isTransient()) ||
        error.kind == RtdbError::Kind::IndexMissing) {
        stopWith(State::Failed, error);
        return;
    }
    scheduleReconnect(error);
}

void StreamListener::onTokenRefreshed()
{
    if (!m_running || !m_connection || m_awaitingInitialPut)
        return;
    dropConnection(m_replacement);
    m_replacement = openConnection();
}

void StreamListener::onAuthRevoked()
{
    dropConnection(m_connection);
    if (m_replacement) {
        // A stream with a fresh token is already on its way: it takes over.
        m_connection = m_replacement;
        m_replacement = nullptr;
        m_awaitingInitialPut = true;
        setState(State::Stale);
        return;
    }
    setState(State::Stale);
    AuthSession* auth = m_client.auth();
    if (!auth || auth->refreshToken().isEmpty()) {
        stopWith(State::AuthError, {RtdbError::Kind::AuthExpired, 0,
                                    tr("The server revoked the stream's credential.")});
        return;
    }
    auth->refreshNow(this, [this](const AuthError& error) {
        if (!m_running)
            return;
        if (error.endsSession())
            stopWith(State::AuthError, {RtdbError::Kind::AuthExpired, 0, error.technicalMessage()});
        else if (error)
            scheduleReconnect(RtdbError::network(error.technicalMessage()));
        else
            connectNow();
    });
}

void StreamListener::scheduleReconnect(const RtdbError& error)
{
    m_lastError = error;
    emit errorOccurred(error);
    ++m_reconnects;
    const bool wasStable = m_state == State::Live && m_liveSince.isValid() &&
                           m_liveSince.elapsed() >= kStableConnectionMs;
    if (wasStable) {
        setState(State::Stale);
        connectNow();
        return;
    }
    setState(m_state == State::Live ? State::Stale : State::Offline);
    int delay = m_backoff.nextDelayMs();
    if (m_retryHintMs) // the server's `retry:` hint, within our cap
        delay = std::max(delay, int(std::min<std::int64_t>(*m_retryHintMs, m_backoff.capMs())));
    m_retryTimer.start(delay);
    if (m_state == State::Stale)
        setState(State::Offline);
}

void StreamListener::stopWith(State state, const RtdbError& error)
{
    m_running = false;
    m_retryTimer.stop();
    m_watchdog.stop();
    dropConnection(m_connection);
    dropConnection(m_replacement);
    m_lastError = error;
    setState(state);
    emit errorOccurred(error);
}

void StreamListener::checkWatchdog()
{
    if (!m_connection || !m_connection->isOpen())
        return;
    if (m_connection->msSinceActivity() < m_options.watchdogMs)
        return;
    // Nothing at all — not even a keep-alive — for too long: the connection is dead without
    // having said so (§6.6). Resynchronise on a new one.
    dropConnection(m_connection);
    m_lastError = RtdbError::timeout();
    emit errorOccurred(m_lastError);
    ++m_reconnects;
    setState(State::Stale);
    connectNow();
}

} // namespace oiso::rtdb
