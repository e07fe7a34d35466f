#include "rtdb/auth_session.h"

#include <algorithm>

namespace oiso::rtdb {

namespace {

constexpr qint64 kPreferredMarginMs = 5 * 60 * 1000;
// Below this much validity a token is not sent: it could expire in flight.
constexpr qint64 kMinimumValidityMs = 2'000;

} // namespace

AuthSession::AuthSession(AuthClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { startRefresh(); });
}

Credential AuthSession::credential() const
{
    if (m_kind == Credential::Kind::None || m_idToken.isEmpty())
        return {};
    return {m_kind, m_idToken};
}

qint64 AuthSession::remainingTokenMs() const
{
    if (m_idToken.isEmpty() || m_expiry.isForever())
        return 0;
    return m_expiry.remainingTimeNSecs() / 1'000'000 - (m_expiry.hasExpired() ? 1 : 0);
}

bool AuthSession::tokenUsable() const
{
    if (m_idToken.isEmpty())
        return false;
    return m_expiry.isForever() || remainingTokenMs() > kMinimumValidityMs;
}

void AuthSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void AuthSession::signIn(const QString& email, const QString& password)
{
    startSignIn(false, email, password);
}

void AuthSession::signUp(const QString& email, const QString& password)
{
    startSignIn(true, email, password);
}

void AuthSession::startSignIn(bool signUp, const QString& email, const QString& password)
{
    const quint64 generation = ++m_generation;
    m_refreshTimer.stop();
    setState(State::SigningIn);
    auto done = [this, generation](const TokenGrant& grant, const AuthError& error) {
        if (generation != m_generation)
            return;
        if (error) {
            setState(m_idToken.isEmpty() ? State::SignedOut : State::SignedIn);
            settleWaiters(tokenUsable() ? AuthError{} : error);
            emit signInFinished(error);
            return;
        }
        acceptGrant(grant);
        settleWaiters({}); // the requests that waited for this sign-in go out with its token
        emit signInFinished({});
    };
    if (signUp)
        m_client->signUp(email, password, this, std::move(done));
    else
        m_client->signIn(email, password, this, std::move(done));
}

void AuthSession::restore(const QString& uid, const QString& email, const QString& refreshToken)
{
    ++m_generation;
    m_kind = Credential::Kind::IdToken;
    m_uid = uid;
    m_email = email;
    m_idToken.clear();
    m_refreshToken = refreshToken;
    setState(State::SigningIn);
    refreshNow(this, [this](const AuthError& error) { emit signInFinished(error); });
}

void AuthSession::useFixedCredential(Credential credential)
{
    ++m_generation;
    m_refreshTimer.stop();
    m_kind = credential.kind;
    m_idToken = credential.token;
    m_refreshToken.clear();
    m_expiry = QDeadlineTimer(QDeadlineTimer::Forever);
    setState(credential.kind == Credential::Kind::None ? State::SignedOut : State::SignedIn);
}

void AuthSession::signOut()
{
    ++m_generation;
    m_refreshTimer.stop();
    m_kind = Credential::Kind::None;
    m_uid.clear();
    m_email.clear();
    m_idToken.clear();
    m_refreshToken.clear();
    m_refreshing = false;
    AuthError reason;
    reason.code = AuthError::Code::NotSignedIn;
    settleWaiters(reason);
    setState(State::SignedOut);
    emit refreshTokenChanged({});
    emit signedOut({});
}

void AuthSession::acceptGrant(const TokenGrant& grant)
{
    m_kind = Credential::Kind::IdToken;
    m_idToken = grant.idToken;
    if (!grant.uid.isEmpty())
        m_uid = grant.uid;
    if (!grant.email.isEmpty())
        m_email = grant.email;
    m_lifetimeMs = qint64(grant.expiresInSeconds) * 1000;
    m_expiry = QDeadlineTimer(m_lifetimeMs);
    m_retryBackoff.reset();
    m_refreshRetryPending = false;
    // Always keep the returned refresh token: the service may rotate it (§7.3).
    if (grant.refreshToken != m_refreshToken) {
        m_refreshToken = grant.refreshToken;
        emit refreshTokenChanged(m_refreshToken);
    }
    setState(State::SignedIn);
    scheduleRefresh();
}

qint64 AuthSession::refreshMarginMs() const
{
    return std::min(kPreferredMarginMs, m_lifetimeMs / 4);
}

void AuthSession::setAutoRefresh(bool enabled)
{
    m_autoRefresh = enabled;
    if (!enabled)
        m_refreshTimer.stop();
    else if (!m_idToken.isEmpty() && !m_refreshToken.isEmpty())
        scheduleRefresh();
}

void AuthSession::scheduleRefresh()
{
    if (!m_autoRefresh)
        return;
    m_refreshTimer.start(
        std::chrono::milliseconds(std::max<qint64>(0, remainingTokenMs() - refreshMarginMs())));
}

void AuthSession::ensureFresh(QObject* context, ReadyCallback ready)
{
    if (m_kind == Credential::Kind::None) {
        if (m_state == State::SigningIn) {
            // A sign-in is on its way (the app shows the cached lists before it ends): wait for
            // its token rather than go out anonymous, which a hosted database would refuse.
            m_waiters.push_back({context, std::move(ready)});
            return;
        }
        ready({}); // anonymous requests are allowed; the rules decide
        return;
    }
    const bool refreshable = !m_refreshToken.isEmpty();
    // Due: the scheduled refresh has not run yet (a busy event loop) but its time has come. After
    // a failed refresh a retry is already scheduled; until then the current token serves.
    const bool due =
        refreshable && !m_refreshRetryPending && remainingTokenMs() <= refreshMarginMs();
    if (tokenUsable() && !due && !m_refreshing) {
        ready({});
        return;
    }
    if (!refreshable) {
        AuthError error;
        error.code = AuthError::Code::SessionExpired;
        ready(error);
        return;
    }
    m_waiters.push_back({context, std::move(ready)});
    startRefresh();
}

void AuthSession::refreshNow(QObject* context, ReadyCallback ready)
{
    if (m_refreshToken.isEmpty()) {
        AuthError error;
        error.code = m_kind == Credential::Kind::None ? AuthError::Code::NotSignedIn
                                                      : AuthError::Code::SessionExpired;
        ready(error);
        return;
    }
    m_waiters.push_back({context, std::move(ready)});
    startRefresh();
}

void AuthSession::startRefresh()
{
    if (m_refreshing || m_refreshToken.isEmpty())
        return;
    m_refreshing = true;
    m_refreshTimer.stop();
    const quint64 generation = m_generation;
    m_client->refresh(m_refreshToken, this,
                      [this, generation](const TokenGrant& grant, const AuthError& error) {
                          if (generation == m_generation)
                              onRefreshed(grant, error);
                      });
}

void AuthSession::onRefreshed(const TokenGrant& grant, const AuthError& error)
{
    m_refreshing = false;
    if (!error) {
        acceptGrant(grant);
        settleWaiters({});
        emit tokenRefreshed();
        return;
    }
    if (error.endsSession()) {
        ++m_generation;
        m_kind = Credential::Kind::None;
        m_idToken.clear();
        m_refreshToken.clear();
        settleWaiters(error);
        setState(State::SignedOut);
        emit refreshTokenChanged({});
        emit signedOut(error);
        return;
    }
    // A network failure (or a throttled service): keep the session and try again later. Those
    // waiting can go on with the current token while it is still valid.
    settleWaiters(tokenUsable() ? AuthError{} : error);
    if (m_state == State::SigningIn && m_idToken.isEmpty())
        setState(State::SignedIn); // restored offline: signed in, token pending
    m_refreshRetryPending = true;
    m_refreshTimer.start(m_retryBackoff.nextDelayMs());
}

void AuthSession::settleWaiters(const AuthError& error)
{
    std::vector<Waiter> waiters;
    waiters.swap(m_waiters);
    for (Waiter& waiter : waiters) {
        if (waiter.context)
            waiter.ready(error);
    }
}

} // namespace oiso::rtdb
