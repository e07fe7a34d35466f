#pragma once

// Fixtures for the market core's service tests: the embedded server with the demo market
// in-process, and market clients (a user's network stack, stores and services) on it.

#include "market/chat_list_service.h"
#include "market/chat_room_service.h"
#include "market/market_paths.h"
#include "market/market_session.h"
#include "market/outbox_sender.h"
#include "rtdb/client_test_support.h"

#include <QTemporaryDir>

#include <memory>

namespace oiso::test {

inline server::ServerOptions demoServerOptions()
{
    server::ServerOptions options;
    options.seedDemo = true;
    return options;
}

// One user's app: network, client, stores and services, in a profile folder that outlives the
// object when given (a restart of the app), or a temporary one. Acts as `loginId` without
// signing in (the embedded server allows it before rules exist), like oiso-cli --as.
class MarketClient {
public:
    MarketClient(const rtdb::DatabaseLocation& location, const QString& loginId,
                 const QString& profileDir = {})
        : net(location)
    {
        const QString dir = profileDir.isEmpty() ? m_temp.path() : profileDir;
        market::SessionConfig config{dir, loginId, location.baseUrl()};
        session = std::make_unique<market::MarketSession>(net.client, config);
        QString error;
        if (!session->open(&error))
            qFatal("market session did not open: %s", qPrintable(error));
        // Tests must not wait for backoffs meant for people.
        rtdb::RetryPolicy fast;
        fast.initialDelayMs = 20;
        fast.maxDelayMs = 200;
        fast.attemptTimeoutMs = 5'000;
        fast.deadlineMs = 10'000;
        net.client.setRetryPolicy(fast);
        session->sender().setBackoff(20, 200);
    }

    market::ChatListService& list() { return session->chatList(); }
    market::OutboxSender& sender() { return session->sender(); }

    // The row of an item in a list, or nullptr.
    const market::ChatListRow* row(market::ListKind kind, const QString& itemKey)
    {
        for (const market::ChatListRow& r : list().rows(kind)) {
            if (r.itemKey == itemKey)
                return &r;
        }
        return nullptr;
    }

    QTemporaryDir m_temp;
    ClientSet net;
    std::unique_ptr<market::MarketSession> session;
};

// The key of the demo item with this name prefix (keys are push ids made at seeding).
inline QString demoItemKey(rtdb::RtdbClient& client, const QString& namePrefix)
{
    auto reply = finished(client.get(market::paths::items()));
    for (const auto& [key, value] : reply->value().children()) {
        const protocol::Node* name = value.child("name");
        if (name && QString::fromStdString(name->stringValue()).startsWith(namePrefix))
            return QString::fromStdString(key);
    }
    qFatal("no demo item named %s", qPrintable(namePrefix));
    return {};
}

inline protocol::Node readValue(rtdb::RtdbClient& client, const protocol::Path& path)
{
    return finished(client.get(path))->value();
}

} // namespace oiso::test
