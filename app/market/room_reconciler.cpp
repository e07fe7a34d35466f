#include "room_reconciler.h"

#include "item.h"
#include "local_cache.h"
#include "market_paths.h"
#include "rtdb/rtdb_client.h"

#include <QLoggingCategory>

namespace oiso::market {

namespace {
Q_LOGGING_CATEGORY(lcReconcile, "oiso.market.reconcile")
}

RoomReconciler::RoomReconciler(MarketContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
}

void RoomReconciler::reconcile(const Request& request)
{
    if (request.room.isEmpty())
        return;
    if (m_waiting.contains(request.room)) {
        for (Request& queued : m_queue) { // widen what the waiting request reads
            if (queued.room == request.room) {
                queued.members = queued.members || request.members;
                queued.item = queued.item || request.item;
            }
        }
        return;
    }
    m_waiting.insert(request.room);
    m_queue.push_back(request);
    pump();
}

void RoomReconciler::pump()
{
    while (m_running < kParallel && !m_queue.empty()) {
        Request request = m_queue.front();
        m_queue.pop_front();
        m_waiting.remove(request.room);
        const std::optional<ChatMessage> newest = m_context.cache.newestMessage(request.room);
        ++m_running;
        fetchMessages(request, newest ? newest->key : QString(), 0);
        if (request.members) {
            ++m_running;
            fetchMembers(request.room);
        }
        if (request.item) {
            ++m_running;
            fetchItem(request.room);
        }
    }
}

void RoomReconciler::fetchMessages(const Request& request, const QString& after, int fetched)
{
    protocol::Query query;
    query.orderBy = protocol::Query::OrderBy::Key;
    if (after.isEmpty()) {
        query.limitToLast = kFirstFetch;
    } else {
        // From the newest cached message on (it comes back too: startAt is inclusive), so what
        // is stored stays one unbroken run of the room's newest messages.
        query.startAt = protocol::Query::Bound{protocol::Node::string(utf8(after)), {}};
        query.limitToFirst = kPage + 1;
    }
    const QString room = request.room;
    m_context.client.get(paths::room(room), {query})
        ->then(this, [this, request, room, after, fetched](rtdb::RtdbReply& reply) {
            if (!reply.ok()) {
                qCDebug(lcReconcile).noquote()
                    << "room" << room << reply.error().technicalMessage();
                finishOne();
                return;
            }
            std::vector<ChatMessage> arrived;
            for (const auto& [key, value] : reply.orderedChildren()) {
                const QString messageKey = QString::fromStdString(key);
                if (messageKey != after)
                    arrived.push_back(messageFromNode(messageKey, value));
            }
            if (!arrived.empty()) {
                m_context.cache.storeMessages(room, arrived);
                emit reconciled(room, arrived);
            }
            if (!after.isEmpty() && int(arrived.size()) >= kPage && fetched < 20 * kPage) {
                fetchMessages(request, arrived.back().key, fetched + int(arrived.size()));
                return;
            }
            if (arrived.empty())
                emit reconciled(room, {});
            finishOne();
        });
}

void RoomReconciler::fetchMembers(const QString& room)
{
    rtdb::GetOptions shallow;
    shallow.shallow = true;
    m_context.client.get(paths::roomMembers(room), shallow)
        ->then(this, [this, room](rtdb::RtdbReply& reply) {
            if (reply.ok()) {
                RoomMeta meta = m_context.cache.roomMeta(room);
                bool changed = false;
                for (const auto& [key, value] : reply.value().children()) {
                    const QString member = QString::fromStdString(key);
                    if (!meta.members.contains(member)) {
                        meta.members.append(member);
                        changed = true;
                    }
                }
                if (changed) {
                    m_context.cache.storeRoomMeta(room, meta);
                    emit reconciled(room, {});
                }
            }
            finishOne();
        });
}

void RoomReconciler::fetchItem(const QString& room)
{
    m_context.client.get(paths::item(room))->then(this, [this, room](rtdb::RtdbReply& reply) {
        if (reply.ok() && !reply.value().isNull()) {
            m_context.cache.storeItems({itemFromNode(room, reply.value())});
            emit itemLoaded(room);
        }
        finishOne();
    });
}

void RoomReconciler::finishOne()
{
    --m_running;
    pump();
    if (!isBusy())
        emit idle();
}

} // namespace oiso::market
