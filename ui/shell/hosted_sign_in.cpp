#include "ui/shell/hosted_sign_in.h"

#include "market/identity_service.h"
#include "rtdb/auth_error.h"
#include "rtdb/auth_session.h"
#include "ui/shell/connection.h"
#include "ui/shell/secret_store.h"
#include "ui/shell/sign_in_dialog.h"

#include <QSettings>

namespace oiso::ui {

HostedSignIn::HostedSignIn(Connection& connection, SecretStore& secrets, QSettings& settings,
                           QString accountKey, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_secrets(secrets)
    , m_settings(settings)
    , m_accountKey(std::move(accountKey))
    , m_identity(new market::IdentityService(connection.client(), this))
{
    rtdb::AuthSession& session = m_connection.session();
    connect(&session, &rtdb::AuthSession::signInFinished, this, &HostedSignIn::onAuthFinished);
    connect(&session, &rtdb::AuthSession::refreshTokenChanged, this,
            &HostedSignIn::keepRefreshToken);
    connect(m_identity, &market::IdentityService::resolved, this,
            [this](const QString& uid, const QString& loginId, const QString& error) {
                if (uid != m_connection.session().uid())
                    return; // an answer for an earlier attempt
                if (!error.isEmpty()) {
                    // Offline right after signing in: the id this account had last time will do.
                    const QString remembered = rememberedLoginId(uid);
                    if (!remembered.isEmpty())
                        finish(remembered);
                    else
                        fail(error);
                    return;
                }
                if (loginId.isEmpty()) {
                    ask();
                    m_dialog->setMode(SignInDialog::Mode::ChooseLoginId);
                    return;
                }
                finish(loginId);
            });
    connect(m_identity, &market::IdentityService::claimed, this,
            [this](const QString& loginId, const QString& error) {
                if (!error.isEmpty()) {
                    // The account exists by now; only the id is left to choose.
                    ask(error);
                    m_dialog->setMode(SignInDialog::Mode::ChooseLoginId);
                    m_dialog->showError(error);
                    return;
                }
                finish(loginId);
            });
}

HostedSignIn::~HostedSignIn()
{
    delete m_dialog;
}

SignInDialog* HostedSignIn::dialog() const
{
    return m_dialog;
}

QString HostedSignIn::settingsKey(const QString& name) const
{
    return QStringLiteral("accounts/") + m_accountKey + u'/' + name;
}

QString HostedSignIn::rememberedLoginId(const QString& uid) const
{
    if (uid.isEmpty() || m_settings.value(settingsKey(QStringLiteral("uid"))).toString() != uid)
        return {};
    return m_settings.value(settingsKey(QStringLiteral("loginId"))).toString();
}

void HostedSignIn::start()
{
    m_restoring = true;
    QPointer<HostedSignIn> self(this);
    m_secrets.read(m_accountKey, [self](SecretStore::Result result, const QString& token) {
        if (!self)
            return;
        const QString uid =
            self->m_settings.value(self->settingsKey(QStringLiteral("uid"))).toString();
        const QString email =
            self->m_settings.value(self->settingsKey(QStringLiteral("email"))).toString();
        if (result == SecretStore::Result::Ok && !token.isEmpty() && !uid.isEmpty()) {
            self->m_connection.session().restore(uid, email, token);
            const QString remembered = self->rememberedLoginId(uid);
            if (!remembered.isEmpty())
                emit self->resuming(remembered);
            return;
        }
        self->m_restoring = false;
        self->ask();
        if (!email.isEmpty() && self->m_dialog)
            self->m_dialog->setEmail(email);
    });
}

void HostedSignIn::ask(const QString& error)
{
    if (!m_dialog) {
        m_dialog = new SignInDialog(m_connection.location().displayString());
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &SignInDialog::submitted, this, &HostedSignIn::submit);
        connect(m_dialog, &SignInDialog::settingsRequested, this, &HostedSignIn::settingsRequested);
    }
    connect(m_dialog, &QDialog::rejected, this, &HostedSignIn::cancelled, Qt::UniqueConnection);
    if (!m_secrets.isAvailable()) {
        m_dialog->setKeychainNote(
            tr("This computer has no keychain service, so Oiso Chat cannot keep you signed "
               "in: you will be asked again next time. (Your password is never stored.)"));
    }
    m_dialog->setBusy(false);
    m_dialog->showError(error);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void HostedSignIn::submit()
{
    if (!m_dialog)
        return;
    rtdb::AuthSession& session = m_connection.session();
    switch (m_dialog->mode()) {
    case SignInDialog::Mode::SignIn:
        m_signingUp = false;
        m_dialog->setBusy(true, tr("Signing in…"));
        session.signIn(m_dialog->email(), m_dialog->password());
        break;
    case SignInDialog::Mode::SignUp:
        m_signingUp = true;
        m_pendingLoginId = m_dialog->loginId();
        m_dialog->setBusy(true, tr("Creating your account…"));
        session.signUp(m_dialog->email(), m_dialog->password());
        break;
    case SignInDialog::Mode::ChooseLoginId:
        m_dialog->setBusy(true, tr("Saving your login id…"));
        m_identity->claim(m_dialog->loginId(), session.uid(), session.email());
        break;
    }
}

void HostedSignIn::onAuthFinished(const rtdb::AuthError& error)
{
    rtdb::AuthSession& session = m_connection.session();
    if (m_restoring) {
        m_restoring = false;
        if (!error) {
            resolveLoginId();
            return;
        }
        if (error.isTransient()) {
            // No network: the session is kept with its token pending, and the cached lists show.
            const QString remembered = rememberedLoginId(session.uid());
            if (!remembered.isEmpty()) {
                finish(remembered);
                return;
            }
        }
        m_secrets.remove(m_accountKey, {});
        emit resumeFailed();
        ask(tr("Please sign in again. %1").arg(error.userMessage()));
        return;
    }
    if (error) {
        if (m_dialog) {
            m_dialog->setBusy(false);
            m_dialog->showError(error.userMessage());
        }
        return;
    }
    if (m_signingUp) {
        if (m_dialog)
            m_dialog->setBusy(true, tr("Saving your login id…"));
        m_identity->claim(m_pendingLoginId, session.uid(), session.email());
        return;
    }
    resolveLoginId();
}

void HostedSignIn::resolveLoginId()
{
    if (m_dialog)
        m_dialog->setBusy(true, tr("Finding your login id…"));
    m_identity->resolve(m_connection.session().uid());
}

void HostedSignIn::finish(const QString& loginId)
{
    const rtdb::AuthSession& session = m_connection.session();
    m_settings.setValue(settingsKey(QStringLiteral("uid")), session.uid());
    m_settings.setValue(settingsKey(QStringLiteral("email")), session.email());
    m_settings.setValue(settingsKey(QStringLiteral("loginId")), loginId);
    if (m_dialog) {
        // Accepting must not read as "cancelled".
        disconnect(m_dialog, &QDialog::rejected, this, &HostedSignIn::cancelled);
        m_dialog->accept();
    }
    emit signedIn(loginId);
}

void HostedSignIn::fail(const QString& message)
{
    ask(message);
}

void HostedSignIn::keepRefreshToken(const QString& token)
{
    if (token.isEmpty()) {
        m_secrets.remove(m_accountKey, {});
        return;
    }
    QPointer<HostedSignIn> self(this);
    m_secrets.write(m_accountKey, token, [self](SecretStore::Result result) {
        if (!self || result == SecretStore::Result::Ok)
            return;
        emit self->notice(
            result == SecretStore::Result::Unavailable
                ? tr("This computer has no keychain service, so you will need to sign in "
                     "again next time.")
                : tr("Your sign-in could not be saved in the keychain, so you will need to "
                     "sign in again next time."));
    });
}

void HostedSignIn::signOut()
{
    m_secrets.remove(m_accountKey, {});
    m_settings.remove(settingsKey(QStringLiteral("uid")));
    m_settings.remove(settingsKey(QStringLiteral("loginId")));
    m_connection.session().signOut();
}

} // namespace oiso::ui
