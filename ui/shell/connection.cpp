#include "ui/shell/connection.h"

#include "rtdb/auth_client.h"
#include "rtdb/auth_session.h"
#include "rtdb/rtdb_client.h"

#include <QNetworkAccessManager>

namespace oiso::ui {

Connection::Connection(const rtdb::DatabaseLocation& location, const QString& apiKey,
                       QObject* parent)
    : QObject(parent)
    , m_location(location)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    const rtdb::AuthEndpoints endpoints =
        location.isHostedFirebase() ? rtdb::AuthEndpoints::google(apiKey)
                                    : rtdb::AuthEndpoints::underServer(location.baseUrl(), apiKey);
    m_authClient = std::make_unique<rtdb::AuthClient>(*m_network, endpoints);
    m_session = std::make_unique<rtdb::AuthSession>(m_authClient.get());
    m_client = std::make_unique<rtdb::RtdbClient>(m_location, *m_network, m_session.get());
}

Connection::~Connection()
{
    // The client and the session hold the manager and each other: tear down in reverse.
    m_client.reset();
    m_session.reset();
    m_authClient.reset();
}

} // namespace oiso::ui
