#pragma once

#include "chat_message.h"
#include "connection_state.h"
#include "item.h"
#include "market_context.h"
#include "outbox_store.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>
#include <vector>

namespace oiso::rtdb {
class StreamListener;
struct StreamUpdate;
} // namespace oiso::rtdb

namespace oiso::market {

class OutboxSender;

// One message as a room window shows it: the message, and for mine its delivery.
struct RoomMessage {
    enum class Delivery { Sent, Sending, Failed };

    ChatMessage message;
    bool mine = false;
    Delivery delivery = Delivery::Sent;
    QString error; // why it failed, for the user (Failed only)
};

// One item's chat room, for the window that shows it (DESIGN §2). Opening shows the cached
// messages at once (the newest 30), then brings the room up to date and keeps it live with one
// stream bounded to the room (messages from the newest loaded key on). Older pages of 50 come
// from the cache, or from the server where the cache has none. Messages are in key order; my
// unsent messages (the outbox) are merged in by key with their delivery state.
class ChatRoomService : public QObject {
    Q_OBJECT

public:
    static constexpr int kFirstPage = 30;
    static constexpr int kOlderPage = 50;

    ChatRoomService(MarketContext& context, OutboxSender& sender, QString itemKey,
                    QObject* parent = nullptr);
    ~ChatRoomService() override;

    void start();

    const QString& itemKey() const { return m_itemKey; }
    const std::optional<Item>& item() const { return m_item; }
    QUrl imageUrl() const;
    const std::vector<RoomMessage>& messages() const { return m_messages; }
    int indexOf(const QString& messageKey) const; // -1 when not loaded
    ConnectionState connectionState() const { return m_state; }
    bool hasOlder() const { return m_hasOlder; }
    bool isLoadingOlder() const { return m_loadingOlder; }
    // The read mark when the room was opened (for an "unread" divider), empty when none.
    const QString& readMarkAtOpen() const { return m_readMarkAtOpen; }

    void loadOlder();

    // Checks the text, stores it in the outbox (on disk) and shows it as sending. Returns an
    // error for the user when it was refused (empty, too long, disk full); empty on success.
    QString send(const QString& text);
    void retry(const QString& messageKey);
    void discard(const QString& messageKey);

    // The user has seen everything up to the newest message: moves the read mark (cache at once,
    // server when reachable).
    void markRead();

    QString draft() const;
    void saveDraft(const QString& text);

signals:
    void itemChanged();
    void messagesInserted(int first, int count); // rows [first, first + count) are new
    void messagesRemoved(int first, int count);
    void messageChanged(int row);
    void olderLoaded(int count); // also when 0 (no more older messages: hasOlder() is false)
    void connectionStateChanged(oiso::market::ConnectionState state);
    void errorOccurred(const QString& userMessage);

private:
    void loadItem();
    void openStream(const QString& fromKey);
    void onStreamUpdate(const rtdb::StreamUpdate& update);
    void merge(std::vector<RoomMessage> incoming);
    void removeKeys(const QStringList& keys);
    void onOutboxChanged(const OutboxEntry& entry);
    void onOutboxRemoved(const QString& room, const QString& key);
    void fetchOlderFromServer(const QString& beforeKey);
    void loadMembers();
    RoomMessage fromEntry(const OutboxEntry& entry) const;
    std::vector<RoomMessage> rowsOf(std::vector<ChatMessage> messages) const; // server/cache copies
    void setState(ConnectionState state);

    MarketContext& m_context;
    OutboxSender& m_sender;
    QString m_itemKey;
    std::optional<Item> m_item;
    std::vector<RoomMessage> m_messages;
    QPointer<rtdb::StreamListener> m_stream;
    ConnectionState m_state = ConnectionState::Connecting;
    QString m_readMarkAtOpen;
    QStringList m_members;
    bool m_hasOlder = true;
    bool m_loadingOlder = false;
    bool m_started = false;
};

} // namespace oiso::market
