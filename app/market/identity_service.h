#pragma once

#include "rtdb/rtdb_error.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>

namespace oiso::rtdb {
class RtdbClient;
}

namespace oiso::market {

// Binds the market's identity — the login id in `seller`, `id` and every per-user key — to the
// signed-in Firebase Auth account (docs/database.md):
//   user_ids/<loginId> = <uid>      the claim, created once (create-if-absent): an id is owned by
//                                   the first account that claims it
//   user_logins/<uid>  = <loginId>  the way back, read after sign-in
class IdentityService : public QObject {
    Q_OBJECT

public:
    explicit IdentityService(rtdb::RtdbClient& client, QObject* parent = nullptr);

    // 3–20 characters: lower-case letters, digits, '_', '.', '-'. Empty when valid, otherwise a
    // translated reason.
    static QString loginIdProblem(const QString& loginId);

    // Finds the login id bound to `uid` (user_logins, else a user_ids lookup for accounts bound
    // before user_logins existed, which is then repaired).
    void resolve(const QString& uid);
    // Claims `loginId` for `uid`; refused when another account owns it. Also writes the user's
    // users/<pushKey> profile {id, name, email} the first time, as the web app's sign-up does.
    void claim(const QString& loginId, const QString& uid, const QString& email,
               const QString& displayName = {});

signals:
    // loginId empty and error empty: the account has no login id yet (sign-up not finished).
    void resolved(const QString& uid, const QString& loginId, const QString& error);
    void claimed(const QString& loginId, const QString& error); // error: translated

private:
    void writeBinding(const QString& loginId, const QString& uid, const QString& email,
                      const QString& displayName);

    rtdb::RtdbClient& m_client;
};

} // namespace oiso::market
