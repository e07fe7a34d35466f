#pragma once

#include "item.h"
#include "market_context.h"
#include "outbox_store.h"
#include "protocol/node.h"
#include "rtdb/backoff.h"
#include "rtdb/rtdb_error.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <map>
#include <optional>

namespace oiso::market {

// Sends what the user wrote, from the durable outbox, in order per room, exactly once:
// - enqueue() checks the text, stores the entry on disk (OutboxStore) and only then reports it
//   as sending; the key is a client push id fixed there, so every resend is idempotent;
// - a room's unsent entries go out as one multi-path update (SendPlan), after the buyer's
//   first-message registration (buyer_chatlist, create-if-absent: once even when two of their
//   clients race);
// - an entry is confirmed by the write's answer or by its echo on a room stream (confirm());
// - network failures and timeouts keep it pending and retry with capped backoff for as long as
//   it takes (messages written offline go out when the connection returns); answers that refuse
//   it for good (permission, invalid) fail it at once; server errors count against a budget
//   (kMaxAttempts) and then fail it. Failed entries wait for retry() or discard().
// Pending entries of earlier runs are resent by start().
class OutboxSender : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxAttempts = 5;
    static constexpr int kMaxBatch = 50; // entries of one room per update
    static constexpr int kInitialBackoffMs = 1'000;
    static constexpr int kMaxBackoffMs = 60'000;

    explicit OutboxSender(MarketContext& context, QObject* parent = nullptr);

    void start();
    bool isIdle() const; // nothing pending or in flight

    struct Enqueued {
        std::optional<OutboxEntry> entry; // set on success
        QString error;                    // translated, for the user
    };
    Enqueued enqueue(const QString& room, const QString& text);

    bool retry(const QString& key);
    bool discard(const QString& key); // failed (or still pending) entries only
    // The key was seen on the server (a room stream's echo): the entry is sent.
    void confirm(const QString& room, const QString& key);
    // Try pending rooms now instead of waiting for their backoff (network back, stream live).
    void kick();

    // The wait between attempts after a failure (capped exponential backoff with jitter);
    // tests shorten it.
    void setBackoff(int initialMs, int capMs);

    // Facts about a room the sender needs and an open room already has.
    void noteRoomMembers(const QString& room, const QStringList& members);

signals:
    void idle(); // everything pending was sent or failed

private:
    struct RoomQueue {
        bool inFlight = false;
        bool prepared = false;   // the item and the members were looked up in this run
        bool registered = false; // my buyer_chatlist entry exists (or I am the seller)
        std::optional<Item> item;
        rtdb::Backoff backoff{kInitialBackoffMs, kMaxBackoffMs};
        QTimer* retryTimer = nullptr;
    };

    RoomQueue& queue(const QString& room);
    void schedule(const QString& room, int delayMs = 0);
    void sendNext(const QString& room);
    void prepare(const QString& room);
    void registerBuyer(const QString& room);
    void sendBatch(const QString& room, std::vector<OutboxEntry> batch);
    void onSent(const QString& room, const std::vector<OutboxEntry>& batch,
                const protocol::Node& written);
    void onFailed(const QString& room, const std::vector<OutboxEntry>& batch,
                  const rtdb::RtdbError& error);
    void refuseBatch(const QString& room, const std::vector<OutboxEntry>& batch,
                     const rtdb::RtdbError& error);
    void retryLater(const QString& room);
    void announce(const QString& key);
    QStringList membersOf(const QString& room) const;
    void checkIdle();

    MarketContext& m_context;
    std::map<QString, RoomQueue> m_rooms;
    std::map<QString, QStringList> m_knownMembers; // from open rooms
    bool m_started = false;
    int m_initialBackoffMs = kInitialBackoffMs;
    int m_maxBackoffMs = kMaxBackoffMs;
};

} // namespace oiso::market
