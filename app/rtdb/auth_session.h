#pragma once

#include "rtdb/auth_client.h"
#include "rtdb/backoff.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <vector>

namespace oiso::rtdb {

// How requests prove who they are (reference §7.1): a user's Firebase ID token goes in `auth=`;
// an OAuth2 access token (admin) goes in `Authorization: Bearer` — never the other way round
// (§13 pitfall 5).
struct Credential {
    enum class Kind { None, IdToken, AccessToken };
    Kind kind = Kind::None;
    QString token;
};

// The signed-in user and their tokens (reference §7.5). It refreshes the ID token about five
// minutes before it expires (a quarter of the lifetime when tokens are short-lived, as in
// tests), serialises refreshes (one in flight; everyone who needs a fresh token waits for it),
// keeps the session through network failures (retrying with backoff) and ends it only when the
// service says the refresh token is no longer valid. Tokens are never logged.
class AuthSession : public QObject {
    Q_OBJECT

public:
    enum class State { SignedOut, SigningIn, SignedIn };
    Q_ENUM(State)

    using ReadyCallback = std::function<void(const AuthError&)>;

    explicit AuthSession(AuthClient* client, QObject* parent = nullptr);

    AuthClient* client() const { return m_client; }
    State state() const { return m_state; }
    QString uid() const { return m_uid; }
    QString email() const { return m_email; }
    QString refreshToken() const { return m_refreshToken; }
    Credential credential() const;
    // Milliseconds until the current ID token expires (negative when it has; 0 without one).
    qint64 remainingTokenMs() const;

    void signIn(const QString& email, const QString& password);
    void signUp(const QString& email, const QString& password);
    // Resumes a saved session: refreshes the stored refresh token into an ID token.
    void restore(const QString& uid, const QString& email, const QString& refreshToken);
    // A fixed credential (command line --token / --access-token): never refreshed.
    void useFixedCredential(Credential credential);
    void signOut();

    // On by default. Off: the token is refreshed only when a request finds it expired, a 401
    // or an auth_revoked asks for it — no timer (one-shot tools).
    void setAutoRefresh(bool enabled);

    // Calls `ready` once the credential is usable: at once when it is not about to expire,
    // otherwise after the (shared) refresh; while a first sign-in is in flight, when it ends
    // (never anonymous meanwhile). An error only when no usable token exists.
    void ensureFresh(QObject* context, ReadyCallback ready);
    // Refreshes now (after a 401 or auth_revoked), joining a refresh already in flight.
    void refreshNow(QObject* context, ReadyCallback ready);

signals:
    void stateChanged(oiso::rtdb::AuthSession::State state);
    void signInFinished(const oiso::rtdb::AuthError& error); // signIn/signUp/restore outcome
    void tokenRefreshed(); // a new ID token is in use: streams reopen with it
    // The refresh token to keep for the next start (store it in the keychain, not in a file).
    void refreshTokenChanged(const QString& refreshToken);
    void signedOut(const oiso::rtdb::AuthError& reason); // reason empty for signOut()

private:
    void startSignIn(bool signUp, const QString& email, const QString& password);
    void acceptGrant(const TokenGrant& grant);
    void startRefresh();
    void onRefreshed(const TokenGrant& grant, const AuthError& error);
    void scheduleRefresh();
    void setState(State state);
    bool tokenUsable() const;
    qint64 refreshMarginMs() const;
    void settleWaiters(const AuthError& error);

    struct Waiter {
        QPointer<QObject> context;
        ReadyCallback ready;
    };

    AuthClient* m_client;
    State m_state = State::SignedOut;
    Credential::Kind m_kind = Credential::Kind::None;
    QString m_uid;
    QString m_email;
    QString m_idToken;
    QString m_refreshToken;
    QDeadlineTimer m_expiry;
    qint64 m_lifetimeMs = 0;
    bool m_refreshing = false;
    bool m_refreshRetryPending = false;
    bool m_autoRefresh = true;
    quint64 m_generation = 0; // bumped by sign-in/out so stale answers are ignored
    std::vector<Waiter> m_waiters;
    QTimer m_refreshTimer;
    Backoff m_retryBackoff{2'000, 60'000};
};

} // namespace oiso::rtdb
