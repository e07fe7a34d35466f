#pragma once

#include "market_context.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <map>
#include <memory>

namespace oiso::rtdb {
class RtdbClient;
}

namespace oiso::market {

class ChatListService;
class ChatRoomService;
class DraftStore;
class LocalCache;
class OutboxSender;
class OutboxStore;
class RoomActivity;

struct SessionConfig {
    QString profileDirectory; // cache.sqlite and profile.sqlite (outbox, drafts) live here
    QString loginId;
    QUrl imageBase;
};

// Everything of one signed-in user: their stores, the outbox sender, the chat list and the open
// rooms. The app (and oiso-cli) create one after sign-in and destroy it on sign-out.
class MarketSession : public QObject {
    Q_OBJECT

public:
    MarketSession(rtdb::RtdbClient& client, SessionConfig config, QObject* parent = nullptr);
    ~MarketSession() override;

    // Opens the stores. False (with a translated reason) only when the outbox cannot be opened:
    // the cache rebuilds itself.
    bool open(QString* error);
    // Starts the outbox sender and the chat list.
    void start();

    const QString& loginId() const { return m_config.loginId; }
    MarketContext& context() { return *m_context; }
    LocalCache& cache() { return *m_cache; }
    OutboxStore& outbox() { return *m_outbox; }
    DraftStore& drafts() { return *m_drafts; }
    RoomActivity& activity() { return *m_activity; }
    OutboxSender& sender() { return *m_sender; }
    ChatListService& chatList() { return *m_chatList; }

    // The room service of an item, created (and started) on first use; owned by the session until
    // closeRoom(). One per item, however many callers ask.
    ChatRoomService& room(const QString& itemKey);
    void closeRoom(const QString& itemKey);

private:
    rtdb::RtdbClient& m_client;
    SessionConfig m_config;
    std::unique_ptr<LocalCache> m_cache;
    std::unique_ptr<OutboxStore> m_outbox;
    std::unique_ptr<DraftStore> m_drafts;
    std::unique_ptr<RoomActivity> m_activity;
    std::unique_ptr<MarketContext> m_context;
    std::unique_ptr<OutboxSender> m_sender;
    std::unique_ptr<ChatListService> m_chatList;
    std::map<QString, std::unique_ptr<ChatRoomService>> m_rooms;
};

} // namespace oiso::market
