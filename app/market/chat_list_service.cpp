#include "chat_list_service.h"

#include "buyer_entry.h"
#include "chat_list_rows.h"
#include "local_cache.h"
#include "market_paths.h"
#include "message_order.h"
#include "outbox_store.h"
#include "room_activity.h"
#include "room_reconciler.h"
#include "room_summary.h"
#include "rtdb/rtdb_client.h"
#include "rtdb/stream_listener.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>
#include <array>

namespace oiso::market {

namespace {

Q_LOGGING_CATEGORY(lcList, "oiso.market.chatlist")

using rtdb::StreamListener;
using rtdb::StreamUpdate;

constexpr std::array kAllLists = {ListKind::Selling, ListKind::Buying, ListKind::Purchased};

int listIndex(ListKind kind)
{
    return int(kind);
}

} // namespace

struct ChatListService::Impl {
    ChatListService* q;
    MarketContext& ctx;
    RoomReconciler reconciler;
    ChatListData data;
    std::array<std::vector<ChatListRow>, 3> rows;
    ConnectionState state = ConnectionState::Connecting;

    QPointer<StreamListener> selling;
    QPointer<StreamListener> buying;
    QPointer<StreamListener> purchased;
    QPointer<StreamListener> summaries;
    bool sellingFallback = false; // no `seller` index: every item is read and filtered here
    bool loadedFromServer[4] = {};

    QTimer rebuildTimer;
    QTimer recheckTimer;
    bool dirty[3] = {};
    bool settled = false;

    Impl(ChatListService* owner, MarketContext& context)
        : q(owner)
        , ctx(context)
        , reconciler(context)
    {
        data.me = ctx.me;
        data.imageBase = ctx.imageBase;
        rebuildTimer.setSingleShot(true);
        rebuildTimer.setInterval(0); // coalesces a burst of changes into one rebuild
    }

    void loadFromCache()
    {
        for (const auto& [key, value] : ctx.cache.list(ctx.me, ListKind::Selling))
            data.selling.emplace(key, itemFromNode(key, value));
        for (const auto& [key, value] : ctx.cache.list(ctx.me, ListKind::Buying)) {
            if (auto entry = buyerEntryFromNode(key, value))
                data.buying.emplace(key, std::move(*entry));
        }
        for (const auto& [key, value] : ctx.cache.list(ctx.me, ListKind::Purchased)) {
            if (auto purchase = purchaseFromNode(key, value))
                data.purchases.emplace(key, std::move(*purchase));
        }
        for (ListKind kind : kAllLists) {
            auto& list = rows[std::size_t(listIndex(kind))];
            list = buildRows(kind, data, ctx.cache, ctx.drafts);
            // A window made before start() (the app's) shows the cached rows now, not only
            // once the server has answered (offline: never).
            if (!list.empty())
                emit q->rowsChanged(kind);
        }
    }

    void checkSettled()
    {
        if (settled || reconciler.isBusy())
            return;
        for (bool loaded : loadedFromServer) {
            if (!loaded)
                return;
        }
        settled = true;
        rebuildTimer.stop();
        rebuild();
        emit q->settled();
    }

    void markDirty(ListKind kind)
    {
        dirty[listIndex(kind)] = true;
        rebuildTimer.start();
    }
    void markRoomDirty(const QString& room)
    {
        if (data.selling.count(room))
            markDirty(ListKind::Selling);
        if (data.buying.count(room))
            markDirty(ListKind::Buying);
    }

    void rebuild()
    {
        for (ListKind kind : kAllLists) {
            const int i = listIndex(kind);
            if (!dirty[i])
                continue;
            dirty[i] = false;
            std::vector<ChatListRow> fresh = buildRows(kind, data, ctx.cache, ctx.drafts);
            if (fresh == rows[std::size_t(i)])
                continue;
            rows[std::size_t(i)] = std::move(fresh);
            emit q->rowsChanged(kind);
        }
    }

    StreamListener* listen(const protocol::Path& path, const protocol::Query& query = {})
    {
        auto* listener = new StreamListener(ctx.client, path, query, {}, q);
        QObject::connect(listener, &StreamListener::stateChanged, q,
                         [this](StreamListener::State) { updateState(); });
        QObject::connect(listener, &StreamListener::errorOccurred, q,
                         [path](const rtdb::RtdbError& error) {
                             qCInfo(lcList).noquote() << protocol::pathToString(path).c_str()
                                                      << error.technicalMessage();
                         });
        return listener;
    }

    void startStreams()
    {
        startSelling();
        buying = listen(paths::buyerChats(ctx.me));
        QObject::connect(buying, &StreamListener::updated, q,
                         [this](const StreamUpdate& update) { onBuying(update); });
        purchased = listen(paths::purchases(ctx.me));
        QObject::connect(purchased, &StreamListener::updated, q,
                         [this](const StreamUpdate& update) { onPurchases(update); });
        summaries = listen(paths::summaries(ctx.me));
        QObject::connect(summaries, &StreamListener::updated, q,
                         [this](const StreamUpdate& update) { onSummaries(update); });
        for (StreamListener* listener : {buying.data(), purchased.data(), summaries.data()})
            listener->start();
    }

    void startSelling()
    {
        protocol::Query query;
        if (!sellingFallback) {
            query.orderBy = protocol::Query::OrderBy::Child;
            query.childPath = {"seller"};
            query.equalTo = protocol::Query::Bound{protocol::Node::string(utf8(ctx.me)), {}};
        }
        selling = listen(paths::items(), query);
        QObject::connect(selling, &StreamListener::updated, q,
                         [this](const StreamUpdate& update) { onSelling(update); });
        QObject::connect(selling, &StreamListener::stateChanged, q,
                         [this](StreamListener::State s) {
                             if (s == StreamListener::State::Failed && !sellingFallback &&
                                 selling->lastError().kind == rtdb::RtdbError::Kind::IndexMissing)
                                 fallBackToAllItems();
                         });
        selling->start();
    }

    void fallBackToAllItems()
    {
        // Said once: the app keeps working, but reads every item to find mine.
        qCWarning(lcList).noquote()
            << "The database has no index on item/seller, so every item is read to find yours."
               " Add this to the database rules: \"item\": { \".indexOn\": [\"seller\"] }";
        sellingFallback = true;
        selling->deleteLater();
        startSelling();
    }

    void onSelling(const StreamUpdate& update)
    {
        std::map<QString, protocol::Node> mine;
        for (const auto& [key, value] : selling->mirror().value().children()) {
            Item item = itemFromNode(QString::fromStdString(key), value);
            if (item.seller == ctx.me)
                mine.emplace(item.key, value);
        }
        std::map<QString, Item> items;
        std::vector<Item> toCache;
        for (const auto& [key, value] : mine) {
            Item item = itemFromNode(key, value);
            toCache.push_back(item);
            items.emplace(key, std::move(item));
        }
        ctx.cache.storeItems(toCache);
        ctx.cache.replaceList(ctx.me, ListKind::Selling, mine);
        const bool first = !loadedFromServer[0];
        loadedFromServer[0] = true;
        for (const auto& [key, item] : items) {
            if (first || update.origin != StreamUpdate::Origin::Live || !data.selling.count(key))
                reconciler.reconcile({key, true, false});
        }
        data.selling = std::move(items);
        markDirty(ListKind::Selling);
        checkSettled();
    }

    void onBuying(const StreamUpdate& update)
    {
        std::map<QString, protocol::Node> levels;
        std::map<QString, BuyerChatEntry> entries;
        for (const auto& [key, value] : buying->mirror().value().children()) {
            const QString itemKey = QString::fromStdString(key);
            if (auto entry = buyerEntryFromNode(itemKey, value)) {
                levels.emplace(itemKey, value);
                entries.emplace(itemKey, std::move(*entry));
            }
        }
        ctx.cache.replaceList(ctx.me, ListKind::Buying, levels);
        const bool first = !loadedFromServer[1];
        loadedFromServer[1] = true;
        for (const auto& [key, entry] : entries) {
            if (first || update.origin != StreamUpdate::Origin::Live || !data.buying.count(key))
                reconciler.reconcile({key, false, true});
        }
        data.buying = std::move(entries);
        markDirty(ListKind::Buying);
        checkSettled();
    }

    void onPurchases(const StreamUpdate&)
    {
        std::map<QString, protocol::Node> values;
        std::map<QString, Purchase> purchases;
        for (const auto& [key, value] : purchased->mirror().value().children()) {
            const QString pushKey = QString::fromStdString(key);
            if (auto purchase = purchaseFromNode(pushKey, value)) {
                values.emplace(pushKey, value);
                purchases.emplace(pushKey, std::move(*purchase));
            }
        }
        ctx.cache.replaceList(ctx.me, ListKind::Purchased, values);
        loadedFromServer[2] = true;
        data.purchases = std::move(purchases);
        markDirty(ListKind::Purchased);
        markDirty(ListKind::Buying); // the "purchased" mark of buying rows
        checkSettled();
    }

    void onSummaries(const StreamUpdate& update)
    {
        const bool live = update.origin == StreamUpdate::Origin::Live;
        std::map<QString, RoomSummary> fresh;
        for (const auto& [key, value] : summaries->mirror().value().children()) {
            const QString room = QString::fromStdString(key);
            fresh.emplace(room, summaryFromNode(room, value));
        }
        for (const auto& [room, summary] : fresh) {
            const auto before = data.summaries.find(room);
            const bool newLast =
                summary.last && (before == data.summaries.end() || !before->second.last ||
                                 before->second.last->key != summary.last->key);
            if (newLast) {
                const std::optional<ChatMessage> cached = ctx.cache.newestMessage(room);
                if (!cached || messageKeyLess(cached->key, summary.last->key))
                    reconciler.reconcile({room, false, false});
                if (live && summary.last->senderId != ctx.me)
                    emit q->messageArrived(room, *summary.last);
            }
            adoptReadMark(room, summary.readKey);
        }
        data.summaries = std::move(fresh);
        loadedFromServer[3] = true;
        if (update.origin == StreamUpdate::Origin::Resync)
            reconcileAll(); // messages written while we were away, by the web app too
        markDirty(ListKind::Selling);
        markDirty(ListKind::Buying);
        checkSettled();
    }

    // The server's read mark (set by another of my devices) moves the cached one forward; a
    // local one not yet written goes to the server now.
    void adoptReadMark(const QString& room, const QString& serverKey)
    {
        RoomMeta meta = ctx.cache.roomMeta(room);
        if (!serverKey.isEmpty() &&
            (meta.readKey.isEmpty() || messageKeyLess(meta.readKey, serverKey))) {
            meta.readKey = serverKey;
            meta.readKeyDirty = false;
            ctx.cache.storeRoomMeta(room, meta);
            emit ctx.activity.readMarkChanged(room);
        } else if (meta.readKeyDirty) {
            writeReadMark(room, meta.readKey);
        }
    }

    void writeReadMark(const QString& room, const QString& key)
    {
        protocol::Path at = paths::summary(ctx.me, room);
        at.push_back(kSummaryRead);
        ctx.client.set(at, protocol::Node::string(utf8(key)), rtdb::silentWrite())
            ->then(q, [this, room, key](rtdb::RtdbReply& reply) {
                if (!reply.ok())
                    return;
                RoomMeta meta = ctx.cache.roomMeta(room);
                if (meta.readKey == key && meta.readKeyDirty) {
                    meta.readKeyDirty = false;
                    ctx.cache.storeRoomMeta(room, meta);
                }
            });
    }

    // The rooms whose rows were active last (newest message first), for the periodic re-read.
    void recheckRecentRooms()
    {
        std::vector<const ChatListRow*> recent;
        for (ListKind kind : {ListKind::Selling, ListKind::Buying}) {
            for (const ChatListRow& row : rows[std::size_t(listIndex(kind))]) {
                if (row.lastMessage)
                    recent.push_back(&row);
            }
        }
        std::sort(recent.begin(), recent.end(), [](const ChatListRow* a, const ChatListRow* b) {
            return messageKeyLess(b->lastMessage->key, a->lastMessage->key);
        });
        if (recent.size() > std::size_t(ChatListService::kRecentRooms))
            recent.resize(std::size_t(ChatListService::kRecentRooms));
        for (const ChatListRow* row : recent)
            reconciler.reconcile({row->itemKey, false, false});
    }

    void reconcileAll()
    {
        for (const auto& [key, item] : data.selling)
            reconciler.reconcile({key, true, false});
        for (const auto& [key, entry] : data.buying)
            reconciler.reconcile({key, false, true});
    }

    void updateState()
    {
        bool anyAuth = false;
        bool allLive = true;
        bool anyOffline = false;
        for (StreamListener* listener :
             {selling.data(), buying.data(), purchased.data(), summaries.data()}) {
            if (!listener)
                continue;
            switch (listener->state()) {
            case StreamListener::State::AuthError:
                anyAuth = true;
                allLive = false;
                break;
            case StreamListener::State::Live:
                break;
            case StreamListener::State::Stale:
            case StreamListener::State::Offline:
            case StreamListener::State::Failed:
                anyOffline = true;
                allLive = false;
                break;
            default:
                allLive = false;
                break;
            }
        }
        const ConnectionState next = anyAuth      ? ConnectionState::SignedOut
                                     : allLive    ? ConnectionState::Live
                                     : anyOffline ? ConnectionState::Offline
                                                  : ConnectionState::Connecting;
        if (next == state)
            return;
        state = next;
        emit q->connectionStateChanged(state);
    }

    std::optional<Item> itemForPurchase(const QString& itemKey) const
    {
        if (std::optional<Item> item = ctx.cache.item(itemKey))
            return item;
        const auto entry = data.buying.find(itemKey);
        if (entry == data.buying.end())
            return std::nullopt;
        Item item;
        item.key = itemKey;
        item.name = entry->second.name;
        item.price = entry->second.price;
        item.imagePaths = entry->second.imagePaths;
        return item;
    }
};

ChatListService::ChatListService(MarketContext& context, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this, context))
{
    connect(&d->rebuildTimer, &QTimer::timeout, this, [this] { d->rebuild(); });
    d->recheckTimer.setInterval(kRecheckMs);
    connect(&d->recheckTimer, &QTimer::timeout, this, [this] {
        if (d->state == ConnectionState::Live)
            d->recheckRecentRooms();
    });
}

void ChatListService::setRecheckInterval(int ms)
{
    d->recheckTimer.setInterval(ms);
}

ChatListService::~ChatListService() = default;

void ChatListService::start()
{
    d->loadFromCache();
    RoomActivity& activity = d->ctx.activity;
    connect(&activity, &RoomActivity::messagesStored, this,
            [this](const QString& room) { d->markRoomDirty(room); });
    connect(&activity, &RoomActivity::readMarkChanged, this,
            [this](const QString& room) { d->markRoomDirty(room); });
    connect(&activity, &RoomActivity::draftChanged, this,
            [this](const QString& room) { d->markRoomDirty(room); });
    connect(
        &d->reconciler, &RoomReconciler::reconciled, this,
        [this](const QString& room, const std::vector<ChatMessage>&) { d->markRoomDirty(room); });
    connect(&d->reconciler, &RoomReconciler::itemLoaded, this,
            [this](const QString& room) { d->markRoomDirty(room); });
    connect(&d->reconciler, &RoomReconciler::idle, this, [this] { d->checkSettled(); });
    d->startStreams();
    d->recheckTimer.start();
}

const std::vector<ChatListRow>& ChatListService::rows(ListKind kind) const
{
    return d->rows[std::size_t(listIndex(kind))];
}

ConnectionState ChatListService::connectionState() const
{
    return d->state;
}

bool ChatListService::isSettled() const
{
    return d->settled;
}

int ChatListService::unreadTotal() const
{
    int total = 0;
    for (ListKind kind : {ListKind::Selling, ListKind::Buying}) {
        for (const ChatListRow& row : rows(kind))
            total += row.unread;
    }
    return total;
}

void ChatListService::reconnectNow()
{
    for (StreamListener* listener :
         {d->selling.data(), d->buying.data(), d->purchased.data(), d->summaries.data()}) {
        if (listener)
            listener->reconnectNow();
    }
}

void ChatListService::completePurchase(const QString& itemKey)
{
    const bool recorded = std::any_of(d->data.purchases.begin(), d->data.purchases.end(),
                                      [&](const auto& p) { return p.second.itemKey == itemKey; });
    if (recorded) {
        emit purchaseFinished(itemKey, {});
        return;
    }
    const std::optional<Item> item = d->itemForPurchase(itemKey);
    if (!item) {
        emit purchaseFinished(itemKey, tr("This item is not in your buying list."));
        return;
    }
    // Keyed by the item (itself a push key, as buylist keys are): recorded once per item, even
    // when two of my clients press the button together, and a retry finds its own entry.
    d->ctx.client.createIfAbsent(paths::purchase(d->ctx.me, itemKey), purchaseNode(*item))
        ->then(this, [this, itemKey](rtdb::RtdbReply& reply) {
            const bool done =
                reply.ok() || reply.error().kind == rtdb::RtdbError::Kind::PreconditionFailed;
            emit purchaseFinished(itemKey, done ? QString() : reply.error().userMessage());
        });
}

} // namespace oiso::market
