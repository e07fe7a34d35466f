#pragma once

#include "chat_message.h"
#include "connection_state.h"
#include "local_cache.h"
#include "market_context.h"
#include "price.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <map>
#include <optional>
#include <vector>

namespace oiso::rtdb {
class StreamListener;
struct StreamUpdate;
} // namespace oiso::rtdb

namespace oiso::market {

// One row of the chat list window (DESIGN §2).
struct ChatListRow {
    ListKind section = ListKind::Selling;
    QString key;     // the item key (Purchased: the buylist push key when there is no item key)
    QString itemKey; // empty for a purchase that names no item
    QString name;
    Price price;
    QString status; // empty when the item is not known (yet)
    QString seller;
    QUrl imageUrl; // invalid: show the placeholder
    std::optional<ChatMessage> lastMessage;
    int unread = 0;         // messages from others after my read mark (capped at 100: "99+")
    int buyers = 0;         // Selling: distinct buyers who wrote in the room
    bool purchased = false; // Buying: already recorded in my buylist
    QString draft;          // my unsent text in that room, if any

    friend bool operator==(const ChatListRow&, const ChatListRow&) = default;
};

// The three lists of the chat list window, live, within a fixed connection budget (a free
// hosted database allows 100 connections for all users together): four streams whatever the
// number of rows — my items (a `seller` query), my buyer_chatlist, my buylist, and my room
// summaries (chat_summary/<me>, kept current by every sender: fan-out on write). Rooms are
// reconciled with their messages on start and on every reconnect (REST reads, a few at a time),
// so messages the web app wrote — it knows nothing of summaries — still show.
//
// Rows come from the cache at once on start(), then follow the server. A database without the
// `seller` index falls back to reading all items (logged once with the rule to add).
class ChatListService : public QObject {
    Q_OBJECT

public:
    explicit ChatListService(MarketContext& context, QObject* parent = nullptr);
    ~ChatListService() override;

    void start();

    // Each list newest first (by last message, then by key).
    const std::vector<ChatListRow>& rows(ListKind kind) const;
    int unreadTotal() const;
    ConnectionState connectionState() const;
    // Every list has loaded from the server once and its rooms were reconciled: the rows are
    // what the server says, not only what the cache remembered.
    bool isSettled() const;
    // Reconnects every stream now (resume from sleep, "retry now").
    void reconnectNow();

    // Messages the web app writes update no summary, so while running the most recently active
    // rooms are also re-read every so often (kRecentRooms of them, every kRecheckMs).
    static constexpr int kRecheckMs = 180'000;
    static constexpr int kRecentRooms = 30;
    void setRecheckInterval(int ms); // tests shorten it

    // Records the purchase of a Buying row in buylist/<me> once per item (the web app's shape).
    void completePurchase(const QString& itemKey);

signals:
    void rowsChanged(oiso::market::ListKind kind); // the list's rows were replaced; diff by key
    void settled();
    void connectionStateChanged(oiso::market::ConnectionState state);
    void purchaseFinished(const QString& itemKey, const QString& error); // error empty: done
    // A message from someone else arrived live in a room (for notifications).
    void messageArrived(const QString& itemKey, const oiso::market::ChatMessage& message);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace oiso::market
