#pragma once

#include "rtdb/database_location.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace oiso::rtdb {
class AuthClient;
class AuthSession;
class RtdbClient;
} // namespace oiso::rtdb

namespace oiso::ui {

// The client side of one database: the GUI thread's network manager for it, the Auth REST
// client (Google's endpoints for a hosted Firebase project; the same paths under the server for
// the embedded server or oiso-server on a LAN), the signed-in session and the RTDB client.
class Connection : public QObject {
    Q_OBJECT

public:
    Connection(const rtdb::DatabaseLocation& location, const QString& apiKey,
               QObject* parent = nullptr);
    ~Connection() override;

    const rtdb::DatabaseLocation& location() const { return m_location; }
    QNetworkAccessManager& network() const { return *m_network; }
    rtdb::AuthClient& authClient() const { return *m_authClient; }
    rtdb::AuthSession& session() const { return *m_session; }
    rtdb::RtdbClient& client() const { return *m_client; }

private:
    rtdb::DatabaseLocation m_location;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<rtdb::AuthClient> m_authClient;
    std::unique_ptr<rtdb::AuthSession> m_session;
    std::unique_ptr<rtdb::RtdbClient> m_client;
};

} // namespace oiso::ui
