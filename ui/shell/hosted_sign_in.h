#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QSettings;
class QWidget;

namespace oiso::rtdb {
struct AuthError;
}

namespace oiso::market {
class IdentityService;
}

namespace oiso::ui {

class Connection;
class SecretStore;
class SignInDialog;

// Signing in to a hosted database (or oiso-server on a LAN) and staying signed in:
// - on start, a refresh token kept in the OS keychain resumes the session without a dialog;
//   offline, the session resumes too (token pending) with the login id remembered for that
//   account, so the cached lists show at once;
// - otherwise the sign-in / sign-up dialog: Firebase Auth, then the login id — resolved for an
//   existing account, claimed on sign-up (IdentityService), chosen afterwards for an account
//   that never got one;
// - every new refresh token goes to the keychain, and a sign-out removes it. Without a keychain
//   service nothing is stored (never in plain text) and the dialog says so.
// The uid, email and login id of the last account (not secrets) are kept in the settings.
class HostedSignIn : public QObject {
    Q_OBJECT

public:
    HostedSignIn(Connection& connection, SecretStore& secrets, QSettings& settings,
                 QString accountKey, QObject* parent = nullptr);
    ~HostedSignIn() override;

    // Resumes a kept session, or asks.
    void start();
    // Shows the dialog (sign in again after a sign-out, or another account).
    void ask(const QString& error = {});
    // Forgets the kept session (the keychain entry) and signs the session out.
    void signOut();
    SignInDialog* dialog() const;

signals:
    // A kept session is being resumed for this login id (remembered from its last sign-in):
    // its cached lists may show now, before the token is refreshed; the requests wait for it.
    void resuming(const QString& loginId);
    // That resume did not work out (the kept token was refused): the dialog asks instead.
    void resumeFailed();
    void signedIn(const QString& loginId);
    void cancelled();
    void settingsRequested();
    // Something the user should know that is not an error (e.g. nothing could be kept).
    void notice(const QString& text);

private:
    void submit();
    void onAuthFinished(const rtdb::AuthError& error);
    void resolveLoginId();
    void finish(const QString& loginId);
    void fail(const QString& message);
    void keepRefreshToken(const QString& token);
    QString rememberedLoginId(const QString& uid) const;
    QString settingsKey(const QString& name) const;

    Connection& m_connection;
    SecretStore& m_secrets;
    QSettings& m_settings;
    QString m_accountKey;
    market::IdentityService* m_identity;
    QPointer<SignInDialog> m_dialog;
    bool m_restoring = false;
    bool m_signingUp = false;
    QString m_pendingLoginId; // sign-up: the id to claim once the account exists
};

} // namespace oiso::ui
