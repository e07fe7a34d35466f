#pragma once

#include "chat_message.h"
#include "market_context.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <deque>
#include <vector>

namespace oiso::market {

// Brings the cached messages of list rooms up to date over REST, a few rooms at a time: the
// messages after the newest cached one (pages of kPage), or the newest kFirstFetch when none is
// cached. With the room summaries this keeps every row right without a stream per row, and it
// is what shows messages the web app wrote (which updates no summary). Also reads the room's
// members (Selling rows count buyers) and, when asked, the item (Buying rows show its status).
class RoomReconciler : public QObject {
    Q_OBJECT

public:
    static constexpr int kParallel = 4;
    static constexpr int kPage = 500;
    static constexpr int kFirstFetch = 100;

    struct Request {
        QString room;
        bool members = false;
        bool item = false;
    };

    explicit RoomReconciler(MarketContext& context, QObject* parent = nullptr);

    void reconcile(const Request& request); // queued; a room already waiting is not queued twice
    bool isBusy() const { return m_running > 0 || !m_queue.empty(); }

signals:
    // `arrived` are the messages that were not cached before, oldest first.
    void reconciled(const QString& room, const std::vector<oiso::market::ChatMessage>& arrived);
    void itemLoaded(const QString& room);
    void idle();

private:
    void pump();
    void fetchMessages(const Request& request, const QString& after, int fetched);
    void fetchMembers(const QString& room);
    void fetchItem(const QString& room);
    void finishOne();

    MarketContext& m_context;
    std::deque<Request> m_queue;
    QSet<QString> m_waiting;
    int m_running = 0; // requests in flight (each room counts once per part)
};

} // namespace oiso::market
