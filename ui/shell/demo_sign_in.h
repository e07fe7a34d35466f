#pragma once

#include <QObject>
#include <QString>

namespace oiso::market {
class IdentityService;
}

namespace oiso::ui {

class Connection;

// Signs a demo account in on the embedded server (its email and the demo password, through the
// same Auth REST calls as a hosted database) and resolves its login id, which the demo seed
// bound to the account.
class DemoSignIn : public QObject {
    Q_OBJECT

public:
    explicit DemoSignIn(Connection& connection, QObject* parent = nullptr);

    void signIn(const QString& loginId);

signals:
    void finished(const QString& loginId, const QString& error); // error empty: signed in

private:
    Connection& m_connection;
    market::IdentityService* m_identity;
    QString m_wanted;
    bool m_active = false;
};

} // namespace oiso::ui
