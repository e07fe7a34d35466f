#include "outbox_sender.h"

#include "buyer_entry.h"
#include "chat_message.h"
#include "local_cache.h"
#include "market_paths.h"
#include "message_rules.h"
#include "room_activity.h"
#include "rtdb/rtdb_client.h"
#include "send_plan.h"

#include <QDateTime>
#include <QLoggingCategory>

namespace oiso::market {

namespace {

Q_LOGGING_CATEGORY(lcOutbox, "oiso.market.outbox")

using rtdb::RtdbError;

// What a failed write means for the messages in it.
enum class Verdict {
    Wait,   // no answer (offline, timeout) or signed out: keep them pending, try again later
    Count,  // the server had trouble (5xx, 429, a garbled answer): counts against the budget
    Refuse, // the server refused them for good (rules, invalid data): failed at once
};

Verdict verdictOf(const RtdbError& error)
{
    switch (error.kind) {
    case RtdbError::Kind::Network:
    case RtdbError::Kind::Timeout:
    case RtdbError::Kind::AuthExpired:
    case RtdbError::Kind::Cancelled:
        return Verdict::Wait;
    case RtdbError::Kind::MalformedResponse:
        return Verdict::Count;
    case RtdbError::Kind::Http:
        return error.isTransient() ? Verdict::Count : Verdict::Refuse;
    default:
        return Verdict::Refuse;
    }
}

} // namespace

OutboxSender::OutboxSender(MarketContext& context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
}

void OutboxSender::start()
{
    if (m_started)
        return;
    m_started = true;
    QStringList rooms;
    for (const OutboxEntry& entry : m_context.outbox.pending()) {
        if (!rooms.contains(entry.room))
            rooms.append(entry.room);
    }
    if (!rooms.isEmpty())
        qCInfo(lcOutbox) << "resending the unsent messages of" << rooms.size() << "room(s)";
    for (const QString& room : std::as_const(rooms))
        schedule(room);
    checkIdle();
}

bool OutboxSender::isIdle() const
{
    for (const auto& [room, q] : m_rooms) {
        if (q.inFlight)
            return false;
    }
    return m_context.outbox.pending().empty();
}

OutboxSender::Enqueued OutboxSender::enqueue(const QString& room, const QString& text)
{
    Enqueued result;
    const MessageCheck check = checkMessageText(text);
    if (!check.ok()) {
        result.error = check.userMessage();
        return result;
    }
    OutboxEntry entry;
    entry.room = room;
    entry.key = QString::fromStdString(m_context.client.newPushId());
    entry.senderId = m_context.me;
    entry.text = normalizedMessageText(text);
    entry.createdMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_context.outbox.enqueue(entry)) {
        result.error = tr("Your message could not be saved on this computer, so it was not "
                          "sent. Is the disk full? (%1)")
                           .arg(m_context.outbox.errorString());
        return result;
    }
    result.entry = entry;
    emit m_context.activity.outboxChanged(entry);
    schedule(room);
    return result;
}

bool OutboxSender::retry(const QString& key)
{
    const std::optional<OutboxEntry> entry = m_context.outbox.entry(key);
    if (!entry || entry->state != OutboxEntry::State::Failed || !m_context.outbox.retry(key))
        return false;
    announce(key);
    RoomQueue& q = queue(entry->room);
    q.backoff.reset();
    q.prepared = false; // look the room up again: what failed may have been stale
    schedule(entry->room);
    return true;
}

bool OutboxSender::discard(const QString& key)
{
    const std::optional<OutboxEntry> entry = m_context.outbox.entry(key);
    if (!entry || entry->state == OutboxEntry::State::Sent)
        return false;
    // A pending entry may be in the write that is on its way; it cannot be taken back then.
    if (entry->state == OutboxEntry::State::Pending && queue(entry->room).inFlight)
        return false;
    if (!m_context.outbox.remove(key))
        return false;
    emit m_context.activity.outboxRemoved(entry->room, key);
    checkIdle();
    return true;
}

void OutboxSender::confirm(const QString& room, const QString& key)
{
    const std::optional<OutboxEntry> entry = m_context.outbox.entry(key);
    if (!entry || entry->room != room || entry->state == OutboxEntry::State::Sent)
        return;
    // The server has it, whatever became of the write's answer (lost, or still on its way).
    if (m_context.outbox.markSent(key))
        announce(key);
}

void OutboxSender::kick()
{
    for (auto& [room, q] : m_rooms) {
        if (q.inFlight || !q.retryTimer || !q.retryTimer->isActive())
            continue;
        q.retryTimer->stop();
        q.backoff.reset();
        schedule(room);
    }
}

void OutboxSender::noteRoomMembers(const QString& room, const QStringList& members)
{
    m_knownMembers[room] = members;
}

void OutboxSender::setBackoff(int initialMs, int capMs)
{
    m_initialBackoffMs = initialMs;
    m_maxBackoffMs = capMs;
    for (auto& [room, q] : m_rooms)
        q.backoff = rtdb::Backoff(initialMs, capMs);
}

OutboxSender::RoomQueue& OutboxSender::queue(const QString& room)
{
    RoomQueue& q = m_rooms[room];
    if (!q.retryTimer) {
        q.backoff = rtdb::Backoff(m_initialBackoffMs, m_maxBackoffMs);
        q.retryTimer = new QTimer(this);
        q.retryTimer->setSingleShot(true);
        connect(q.retryTimer, &QTimer::timeout, this, [this, room] { sendNext(room); });
    }
    return q;
}

void OutboxSender::schedule(const QString& room, int delayMs)
{
    if (!m_started)
        return; // start() picks everything up
    RoomQueue& q = queue(room);
    if (q.inFlight)
        return; // the write on its way sends the rest when it is answered
    if (q.retryTimer->isActive() && delayMs == 0 && q.backoff.attempts() > 0)
        return; // backing off after a failure: kick() cuts the wait short
    q.retryTimer->start(delayMs);
}

void OutboxSender::sendNext(const QString& room)
{
    RoomQueue& q = queue(room);
    if (q.inFlight)
        return;
    std::vector<OutboxEntry> batch;
    for (OutboxEntry& entry : m_context.outbox.unsent(room)) {
        if (entry.state != OutboxEntry::State::Pending)
            continue;
        batch.push_back(std::move(entry));
        if (int(batch.size()) == kMaxBatch)
            break;
    }
    if (batch.empty()) {
        checkIdle();
        return;
    }
    if (!q.prepared) {
        prepare(room);
        return;
    }
    if (!q.registered) {
        registerBuyer(room);
        return;
    }
    sendBatch(room, std::move(batch));
}

void OutboxSender::prepare(const QString& room)
{
    // The item (seller, and what a buyer's entry copies) and the room's members (whose list
    // rows the write updates). The cache usually has both; the server has the latest.
    RoomQueue& q = queue(room);
    q.inFlight = true;
    rtdb::RtdbReply* itemReply = m_context.client.get(paths::item(room));
    itemReply->then(this, [this, room](rtdb::RtdbReply& reply) {
        RoomQueue& rq = queue(room);
        if (!reply.ok()) {
            rq.inFlight = false;
            onFailed(room, {}, reply.error());
            return;
        }
        if (!reply.value().isNull()) {
            Item item = itemFromNode(room, reply.value());
            m_context.cache.storeItems({item});
            rq.item = std::move(item);
        } else {
            rq.item = m_context.cache.item(room); // deleted, or never there: use what we knew
        }
        rtdb::GetOptions shallow;
        shallow.shallow = true;
        m_context.client.get(paths::roomMembers(room), shallow)
            ->then(this, [this, room](rtdb::RtdbReply& membersReply) {
                RoomQueue& mq = queue(room);
                mq.inFlight = false;
                if (!membersReply.ok()) {
                    onFailed(room, {}, membersReply.error());
                    return;
                }
                RoomMeta meta = m_context.cache.roomMeta(room);
                for (const auto& [key, value] : membersReply.value().children()) {
                    const QString member = QString::fromStdString(key);
                    if (!meta.members.contains(member))
                        meta.members.append(member);
                }
                m_context.cache.storeRoomMeta(room, meta);
                mq.prepared = true;
                // I am the seller, or the item is unknown (nothing to copy): no entry to make.
                mq.registered =
                    !mq.item || mq.item->seller == m_context.me || mq.item->seller.isEmpty();
                if (!mq.registered &&
                    m_context.cache.list(m_context.me, ListKind::Buying).count(room))
                    mq.registered = true;
                sendNext(room);
            });
    });
}

void OutboxSender::registerBuyer(const QString& room)
{
    // A buyer's first message puts the item in their buying list (buyer_chatlist/<me>/<item>/
    // <pushKey>), as the web app does. Create-if-absent on the item level: two of my clients
    // racing make exactly one entry, and a retry after a lost answer finds its own.
    RoomQueue& q = queue(room);
    q.inFlight = true;
    const std::string pushKey = m_context.client.newPushId();
    const protocol::Node level = protocol::Node::object({{pushKey, buyerEntryNode(*q.item)}});
    m_context.client.createIfAbsent(paths::buyerChat(m_context.me, room), level)
        ->then(this, [this, room, level](rtdb::RtdbReply& reply) {
            RoomQueue& rq = queue(room);
            rq.inFlight = false;
            const bool exists =
                reply.ok() || reply.error().kind == RtdbError::Kind::PreconditionFailed;
            if (!exists) {
                onFailed(room, {}, reply.error());
                return;
            }
            m_context.cache.storeListEntry(m_context.me, ListKind::Buying, room,
                                           reply.ok() ? level : reply.value());
            rq.registered = true;
            sendNext(room);
        });
}

void OutboxSender::sendBatch(const QString& room, std::vector<OutboxEntry> batch)
{
    RoomQueue& q = queue(room);
    q.inFlight = true;
    const SendPlan plan = planSend(batch, membersOf(room));
    m_context.client.update({}, plan.updates)
        ->then(this, [this, room, batch = std::move(batch)](rtdb::RtdbReply& reply) {
            queue(room).inFlight = false;
            if (reply.ok())
                onSent(room, batch, reply.value());
            else
                onFailed(room, batch, reply.error());
        });
}

void OutboxSender::onSent(const QString& room, const std::vector<OutboxEntry>& batch,
                          const protocol::Node& written)
{
    RoomQueue& q = queue(room);
    q.backoff.reset();
    std::vector<ChatMessage> stored;
    for (const OutboxEntry& entry : batch) {
        m_context.outbox.markSent(entry.key);
        // The answer holds the message as the server resolved it (its timestamp).
        const protocol::Node& value = written.at(paths::message(room, entry.key));
        ChatMessage message =
            value.isNull() ? messageFromNode(entry.key, newMessageNode(entry.senderId, entry.text))
                           : messageFromNode(entry.key, value);
        if (!message.timestampMs)
            message.timestampMs = entry.createdMs;
        stored.push_back(std::move(message));
    }
    m_context.cache.storeMessages(room, stored);
    RoomMeta meta = m_context.cache.roomMeta(room);
    if (!meta.members.contains(m_context.me)) {
        meta.members.append(m_context.me);
        m_context.cache.storeRoomMeta(room, meta);
    }
    for (const OutboxEntry& entry : batch)
        announce(entry.key);
    emit m_context.activity.messagesStored(room);
    sendNext(room); // what was written meanwhile
}

void OutboxSender::onFailed(const QString& room, const std::vector<OutboxEntry>& batch,
                            const RtdbError& error)
{
    const Verdict verdict = verdictOf(error);
    qCInfo(lcOutbox).noquote() << "sending in room" << room << "failed:" << error.technicalMessage()
                               << (verdict == Verdict::Wait ? "(will retry)" : "");
    RoomQueue& q = queue(room);
    if (verdict == Verdict::Refuse && batch.empty()) {
        // The look-ups before the write were refused: the write would be too.
        for (const OutboxEntry& entry : m_context.outbox.unsent(room)) {
            if (entry.state == OutboxEntry::State::Pending) {
                m_context.outbox.markFailed(entry.key, error.userMessage());
                announce(entry.key);
            }
        }
        q.prepared = false;
        checkIdle();
        return;
    }
    if (verdict == Verdict::Refuse) {
        refuseBatch(room, batch, error);
        return;
    }
    for (const OutboxEntry& entry : batch) {
        if (verdict == Verdict::Count) {
            m_context.outbox.recordAttempt(entry.key, error.userMessage());
            if (entry.attempts + 1 >= kMaxAttempts) {
                m_context.outbox.markFailed(entry.key, error.userMessage());
                announce(entry.key);
            }
        }
    }
    retryLater(room);
}

void OutboxSender::refuseBatch(const QString& room, const std::vector<OutboxEntry>& batch,
                               const RtdbError& error)
{
    // A refusal of a resend may only mean the first attempt landed and its answer was lost:
    // rules that allow creating a message but not rewriting it refuse the same write the second
    // time. What the room already holds under my keys is sent; only the rest failed.
    RoomQueue& q = queue(room);
    q.inFlight = true;
    protocol::Query range;
    range.orderBy = protocol::Query::OrderBy::Key;
    range.startAt = protocol::Query::Bound{protocol::Node::string(utf8(batch.front().key)), {}};
    range.endAt = protocol::Query::Bound{protocol::Node::string(utf8(batch.back().key)), {}};
    m_context.client.get(paths::room(room), {range})
        ->then(this, [this, room, batch, error](rtdb::RtdbReply& reply) {
            queue(room).inFlight = false;
            std::vector<ChatMessage> landed;
            for (const OutboxEntry& entry : batch) {
                const protocol::Node* there =
                    reply.ok() ? reply.value().child(utf8(entry.key)) : nullptr;
                if (there && messageFromNode(entry.key, *there).senderId == entry.senderId) {
                    m_context.outbox.markSent(entry.key);
                    landed.push_back(messageFromNode(entry.key, *there));
                } else {
                    m_context.outbox.markFailed(entry.key, error.userMessage());
                }
                announce(entry.key);
            }
            if (!landed.empty()) {
                m_context.cache.storeMessages(room, landed);
                emit m_context.activity.messagesStored(room);
            }
            sendNext(room); // later entries may be fine
        });
}

void OutboxSender::retryLater(const QString& room)
{
    RoomQueue& q = queue(room);
    q.prepared = false;
    q.retryTimer->start(q.backoff.nextDelayMs());
    checkIdle();
}

void OutboxSender::announce(const QString& key)
{
    if (const std::optional<OutboxEntry> entry = m_context.outbox.entry(key))
        emit m_context.activity.outboxChanged(*entry);
    checkIdle();
}

QStringList OutboxSender::membersOf(const QString& room) const
{
    QStringList members = m_context.cache.roomMeta(room).members;
    if (const auto known = m_knownMembers.find(room); known != m_knownMembers.end())
        members += known->second;
    const auto q = m_rooms.find(room);
    if (q != m_rooms.end() && q->second.item && !q->second.item->seller.isEmpty())
        members.append(q->second.item->seller);
    // Senders seen in the room: buyers who wrote from the web app are members too.
    const std::map<QString, RoomDigest> digest =
        m_context.cache.roomDigests({room}, m_context.me, 0);
    if (const auto d = digest.find(room); d != digest.end())
        members += d->second.senders;
    members.removeDuplicates();
    return members;
}

void OutboxSender::checkIdle()
{
    if (isIdle())
        emit idle();
}

} // namespace oiso::market
