#pragma once

// Fixtures for the chat list and shell tests: the embedded server with the demo market
// in-process, a signed-in user's market session on it, a fake room opener, and the demo
// template's own figures to compare the windows with.

#include "market/chat_list_service.h"
#include "market/chat_room_service.h"
#include "market/market_session.h"
#include "rtdb/client_test_support.h"
#include "ui/shell/room_opener.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>

#include <memory>

namespace oiso::test {

inline server::ServerOptions demoServer()
{
    server::ServerOptions options;
    options.seedDemo = true;
    return options;
}

// Records what would have opened; a room can be marked as "in front".
class FakeRoomOpener : public ui::RoomOpener {
public:
    void openRoom(const QString& itemKey) override { opened.append(itemKey); }
    bool isRoomInFront(const QString& itemKey) const override { return inFront.contains(itemKey); }

    QStringList opened;
    QSet<QString> inFront;
};

// One signed-in user of the demo market: network, Auth session, client, and a market session in
// a temporary profile, started.
class DemoUser {
public:
    DemoUser(const EmbeddedServer& server, const QString& loginId)
        : net(server.location())
    {
        if (!net.signIn(loginId + QStringLiteral("@oiso.test")))
            qFatal("demo user %s could not sign in", qPrintable(loginId));
        market::SessionConfig config{m_profile.path(), loginId,
                                     QUrl(server.url() + QStringLiteral("/"))};
        session = std::make_unique<market::MarketSession>(net.client, config);
        QString error;
        if (!session->open(&error))
            qFatal("market session did not open: %s", qPrintable(error));
        session->start();
    }

    market::ChatListService& list() { return session->chatList(); }

    QTemporaryDir m_profile;
    ClientSet net;
    std::unique_ptr<market::MarketSession> session;
};

// The key of the demo item whose name starts with `prefix` (keys are push ids made at seeding).
inline QString demoItemKey(rtdb::RtdbClient& client, const QString& prefix)
{
    auto reply = finished(client.get(dbPath("item")));
    for (const auto& [key, value] : reply->value().children()) {
        const protocol::Node* name = value.child("name");
        if (name && QString::fromStdString(name->stringValue()).startsWith(prefix))
            return QString::fromStdString(key);
    }
    qFatal("no demo item named %s", qPrintable(prefix));
    return {};
}

// What resources/demo/market.json says a user's three lists hold (the seed's page counts).
struct DemoCounts {
    int selling = 0, buying = 0, purchased = 0;
};

inline DemoCounts demoCountsFromTemplate(const QString& loginId)
{
    QFile file(QStringLiteral(OISO_SOURCE_DIR "/resources/demo/market.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the demo template");
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    DemoCounts counts;
    for (const QJsonValue& value : root.value(QLatin1String("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const bool mine = item.value(QLatin1String("seller")).toString() == loginId;
        if (mine)
            ++counts.selling;
        bool wrote = false;
        for (const QJsonValue& line : item.value(QLatin1String("chat")).toArray())
            wrote = wrote || line.toObject().value(QLatin1String("from")).toString() == loginId;
        if (!mine && wrote)
            ++counts.buying;
    }
    for (const QJsonValue& value : root.value(QLatin1String("purchases")).toArray()) {
        if (value.toObject().value(QLatin1String("buyer")).toString() == loginId)
            ++counts.purchased;
    }
    return counts;
}

} // namespace oiso::test
