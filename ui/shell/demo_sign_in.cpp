#include "ui/shell/demo_sign_in.h"

#include "market/identity_service.h"
#include "rtdb/auth_error.h"
#include "rtdb/auth_session.h"
#include "ui/shell/connection.h"
#include "ui/shell/demo_accounts.h"

namespace oiso::ui {

DemoSignIn::DemoSignIn(Connection& connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_identity(new market::IdentityService(connection.client(), this))
{
    connect(&m_connection.session(), &rtdb::AuthSession::signInFinished, this,
            [this](const rtdb::AuthError& error) {
                if (!m_active)
                    return;
                if (error) {
                    m_active = false;
                    emit finished(m_wanted, tr("The demo account %1 could not sign in: %2")
                                                .arg(m_wanted, error.userMessage()));
                    return;
                }
                m_identity->resolve(m_connection.session().uid());
            });
    connect(m_identity, &market::IdentityService::resolved, this,
            [this](const QString& uid, const QString& loginId, const QString& error) {
                if (!m_active || uid != m_connection.session().uid())
                    return;
                m_active = false;
                if (!error.isEmpty()) {
                    emit finished(m_wanted, error);
                } else if (loginId.isEmpty()) {
                    emit finished(m_wanted, tr("The demo account %1 has no login id in this "
                                               "database.")
                                                .arg(m_wanted));
                } else {
                    emit finished(loginId, {});
                }
            });
}

void DemoSignIn::signIn(const QString& loginId)
{
    m_wanted = loginId;
    m_active = true;
    m_connection.session().signIn(DemoAccounts::email(loginId), DemoAccounts::password());
}

} // namespace oiso::ui
