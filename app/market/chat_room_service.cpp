#include "chat_room_service.h"

#include "image_ref.h"
#include "local_cache.h"
#include "market_paths.h"
#include "message_order.h"
#include "outbox_sender.h"
#include "room_activity.h"
#include "rtdb/rtdb_client.h"
#include "rtdb/stream_listener.h"

#include <QLoggingCategory>

#include <algorithm>

namespace oiso::market {

namespace {

Q_LOGGING_CATEGORY(lcRoom, "oiso.market.room")

using rtdb::StreamListener;

ConnectionState fromListener(StreamListener::State state)
{
    switch (state) {
    case StreamListener::State::Live:
        return ConnectionState::Live;
    case StreamListener::State::Connecting:
        return ConnectionState::Connecting;
    case StreamListener::State::AuthError:
        return ConnectionState::SignedOut;
    default:
        return ConnectionState::Offline;
    }
}

protocol::Query byKey()
{
    protocol::Query query;
    query.orderBy = protocol::Query::OrderBy::Key;
    return query;
}

std::vector<ChatMessage> messagesOf(const std::vector<std::pair<std::string, protocol::Node>>& kids)
{
    std::vector<ChatMessage> messages;
    messages.reserve(kids.size());
    for (const auto& [key, value] : kids)
        messages.push_back(messageFromNode(QString::fromStdString(key), value));
    return messages;
}

} // namespace

ChatRoomService::ChatRoomService(MarketContext& context, OutboxSender& sender, QString itemKey,
                                 QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_sender(sender)
    , m_itemKey(std::move(itemKey))
{
}

ChatRoomService::~ChatRoomService()
{
    delete m_stream;
}

void ChatRoomService::start()
{
    if (m_started)
        return;
    m_started = true;
    LocalCache& cache = m_context.cache;
    cache.noteRoomOpened(m_itemKey);
    m_item = cache.item(m_itemKey);
    const RoomMeta meta = cache.roomMeta(m_itemKey);
    m_readMarkAtOpen = meta.readKey;
    m_members = meta.members;

    // What is on disk first, at once: the newest page, and my unsent messages.
    std::vector<RoomMessage> initial = rowsOf(cache.latestMessages(m_itemKey, kFirstPage));
    for (const OutboxEntry& entry : m_context.outbox.unsent(m_itemKey))
        initial.push_back(fromEntry(entry));
    merge(std::move(initial));

    connect(&m_context.activity, &RoomActivity::outboxChanged, this,
            &ChatRoomService::onOutboxChanged);
    connect(&m_context.activity, &RoomActivity::outboxRemoved, this,
            &ChatRoomService::onOutboxRemoved);

    loadItem();
    loadMembers();
    const std::optional<ChatMessage> newest = cache.newestMessage(m_itemKey);
    if (newest) {
        openStream(newest->key); // its first put brings everything since
        return;
    }
    // Nothing cached: the newest page over REST, then a stream from its newest message on.
    protocol::Query last = byKey();
    last.limitToLast = kFirstPage;
    m_context.client.get(paths::room(m_itemKey), {last})
        ->then(this, [this](rtdb::RtdbReply& reply) {
            if (!reply.ok()) {
                qCInfo(lcRoom).noquote()
                    << "room" << m_itemKey << "first page:" << reply.error().technicalMessage();
                setState(ConnectionState::Offline);
                emit errorOccurred(reply.error().userMessage());
                openStream({}); // the stream keeps trying and brings the room when it can
                return;
            }
            std::vector<ChatMessage> page = messagesOf(reply.orderedChildren());
            m_context.cache.storeMessages(m_itemKey, page);
            std::vector<RoomMessage> rows = rowsOf(std::move(page));
            if (int(rows.size()) < kFirstPage)
                m_hasOlder = false;
            const QString from = rows.empty() ? QString() : rows.back().message.key;
            merge(std::move(rows));
            emit m_context.activity.messagesStored(m_itemKey);
            openStream(from);
        });
}

QUrl ChatRoomService::imageUrl() const
{
    return m_item ? firstImageUrl(m_item->imagePaths, m_context.imageBase) : QUrl();
}

int ChatRoomService::indexOf(const QString& messageKey) const
{
    const auto it = std::lower_bound(m_messages.begin(), m_messages.end(), messageKey,
                                     [](const RoomMessage& row, const QString& key) {
                                         return messageKeyLess(row.message.key, key);
                                     });
    return it != m_messages.end() && it->message.key == messageKey ? int(it - m_messages.begin())
                                                                   : -1;
}

void ChatRoomService::loadItem()
{
    m_context.client.get(paths::item(m_itemKey))->then(this, [this](rtdb::RtdbReply& reply) {
        if (!reply.ok() || reply.value().isNull())
            return; // keep what the cache had; a deleted item keeps its room readable
        Item item = itemFromNode(m_itemKey, reply.value());
        m_context.cache.storeItems({item});
        m_item = std::move(item);
        emit itemChanged();
    });
}

void ChatRoomService::loadMembers()
{
    rtdb::GetOptions shallow;
    shallow.shallow = true;
    m_context.client.get(paths::roomMembers(m_itemKey), shallow)
        ->then(this, [this](rtdb::RtdbReply& reply) {
            if (!reply.ok())
                return;
            for (const auto& [key, value] : reply.value().children()) {
                const QString member = QString::fromStdString(key);
                if (!m_members.contains(member))
                    m_members.append(member);
            }
            RoomMeta meta = m_context.cache.roomMeta(m_itemKey);
            meta.members = m_members;
            m_context.cache.storeRoomMeta(m_itemKey, meta);
            m_sender.noteRoomMembers(m_itemKey, m_members);
        });
}

void ChatRoomService::openStream(const QString& fromKey)
{
    // Bounded to the room: from the newest message we have on (none: the whole room, which is
    // then empty or unknown). Each reconnect's first put is diffed by the listener, so only
    // what really changed arrives here.
    protocol::Query query;
    if (!fromKey.isEmpty()) {
        query = byKey();
        query.startAt = protocol::Query::Bound{protocol::Node::string(utf8(fromKey)), {}};
    }
    m_stream = new StreamListener(m_context.client, paths::room(m_itemKey), query, {}, this);
    connect(m_stream, &StreamListener::updated, this, &ChatRoomService::onStreamUpdate);
    connect(m_stream, &StreamListener::stateChanged, this, [this](StreamListener::State state) {
        setState(fromListener(state));
        if (state == StreamListener::State::Live)
            m_sender.kick(); // the connection is back: what waits in the outbox can go
    });
    connect(m_stream, &StreamListener::errorOccurred, this, [this](const rtdb::RtdbError& error) {
        qCInfo(lcRoom).noquote() << "room" << m_itemKey << "stream:" << error.technicalMessage();
    });
    m_stream->start();
}

void ChatRoomService::onStreamUpdate(const rtdb::StreamUpdate& update)
{
    std::vector<ChatMessage> arrived;
    for (const rtdb::ChildAdded& added : update.change.added)
        arrived.push_back(messageFromNode(QString::fromStdString(added.key), added.value));
    for (const rtdb::ChildChanged& changed : update.change.changed)
        arrived.push_back(messageFromNode(QString::fromStdString(changed.key), changed.value));
    QStringList removed;
    for (const rtdb::ChildRemoved& gone : update.change.removed)
        removed.append(QString::fromStdString(gone.key));

    if (!removed.isEmpty()) {
        m_context.cache.removeMessages(m_itemKey, removed);
        removeKeys(removed);
    }
    if (arrived.empty()) {
        if (!removed.isEmpty())
            emit m_context.activity.messagesStored(m_itemKey);
        return;
    }
    m_context.cache.storeMessages(m_itemKey, arrived);
    for (const ChatMessage& message : arrived) {
        m_sender.confirm(m_itemKey, message.key); // the echo of one of mine confirms it
        if (!message.senderId.isEmpty() && !m_members.contains(message.senderId)) {
            m_members.append(message.senderId);
            m_sender.noteRoomMembers(m_itemKey, m_members);
        }
    }
    merge(rowsOf(std::move(arrived)));
    emit m_context.activity.messagesStored(m_itemKey);
}

void ChatRoomService::merge(std::vector<RoomMessage> incoming)
{
    std::sort(incoming.begin(), incoming.end(), [](const RoomMessage& a, const RoomMessage& b) {
        return messageKeyLess(a.message.key, b.message.key);
    });
    // The usual cases in one range each: a page before everything, or arrivals after it.
    std::vector<RoomMessage> fresh;
    for (RoomMessage& row : incoming) {
        const int at = indexOf(row.message.key);
        if (at < 0) {
            fresh.push_back(std::move(row));
            continue;
        }
        RoomMessage& existing = m_messages[std::size_t(at)];
        // Outbox rows carry no raw record; server copies (and cached ones) do.
        if (row.message.raw.isNull()) {
            // My entry changed state. Once the server's copy is shown, nothing local is newer.
            if (existing.delivery == RoomMessage::Delivery::Sent ||
                (existing.delivery == row.delivery && existing.error == row.error))
                continue;
            existing.delivery = row.delivery;
            existing.error = row.error;
        } else {
            // The server's copy: it is sent, whatever the outbox thought (a timed-out write
            // that landed), and its time is the server's.
            if (existing.delivery == RoomMessage::Delivery::Sent && existing.message == row.message)
                continue;
            existing = std::move(row);
        }
        emit messageChanged(at);
    }
    if (fresh.empty())
        return;
    const bool allAfter = m_messages.empty() ||
                          messageKeyLess(m_messages.back().message.key, fresh.front().message.key);
    const bool allBefore =
        !allAfter && messageKeyLess(fresh.back().message.key, m_messages.front().message.key);
    if (allAfter || allBefore) {
        const int first = allAfter ? int(m_messages.size()) : 0;
        const int count = int(fresh.size());
        m_messages.insert(allAfter ? m_messages.end() : m_messages.begin(),
                          std::make_move_iterator(fresh.begin()),
                          std::make_move_iterator(fresh.end()));
        emit messagesInserted(first, count);
        return;
    }
    for (RoomMessage& row : fresh) {
        const auto it = std::lower_bound(m_messages.begin(), m_messages.end(), row.message.key,
                                         [](const RoomMessage& r, const QString& key) {
                                             return messageKeyLess(r.message.key, key);
                                         });
        const int at = int(it - m_messages.begin());
        m_messages.insert(it, std::move(row));
        emit messagesInserted(at, 1);
    }
}

void ChatRoomService::removeKeys(const QStringList& keys)
{
    for (const QString& key : keys) {
        const int at = indexOf(key);
        if (at < 0 || m_messages[std::size_t(at)].delivery != RoomMessage::Delivery::Sent)
            continue; // not shown, or my unsent message (the outbox still has it)
        m_messages.erase(m_messages.begin() + at);
        emit messagesRemoved(at, 1);
    }
}

void ChatRoomService::loadOlder()
{
    if (m_loadingOlder || !m_hasOlder)
        return;
    const auto oldestSent =
        std::find_if(m_messages.begin(), m_messages.end(), [](const RoomMessage& row) {
            return row.delivery == RoomMessage::Delivery::Sent;
        });
    if (oldestSent == m_messages.end()) {
        m_hasOlder = false;
        emit olderLoaded(0);
        return;
    }
    const QString before = oldestSent->message.key;
    std::vector<ChatMessage> cached = m_context.cache.messagesBefore(m_itemKey, before, kOlderPage);
    if (int(cached.size()) == kOlderPage) {
        merge(rowsOf(std::move(cached)));
        emit olderLoaded(kOlderPage);
        return;
    }
    fetchOlderFromServer(before);
}

void ChatRoomService::fetchOlderFromServer(const QString& beforeKey)
{
    m_loadingOlder = true;
    // endAt includes the boundary message itself: ask for one more and drop it.
    protocol::Query query = byKey();
    query.endAt = protocol::Query::Bound{protocol::Node::string(utf8(beforeKey)), {}};
    query.limitToLast = kOlderPage + 1;
    m_context.client.get(paths::room(m_itemKey), {query})
        ->then(this, [this, beforeKey](rtdb::RtdbReply& reply) {
            m_loadingOlder = false;
            std::vector<ChatMessage> page;
            if (reply.ok()) {
                page = messagesOf(reply.orderedChildren());
                std::erase_if(page, [&](const ChatMessage& m) { return m.key == beforeKey; });
                m_context.cache.storeMessages(m_itemKey, page);
                if (int(page.size()) < kOlderPage)
                    m_hasOlder = false;
            } else {
                // Offline: whatever the cache has before it, and try the server again later.
                page = m_context.cache.messagesBefore(m_itemKey, beforeKey, kOlderPage);
                if (page.empty())
                    emit errorOccurred(reply.error().userMessage());
            }
            const int count = int(page.size());
            merge(rowsOf(std::move(page)));
            emit olderLoaded(count);
        });
}

QString ChatRoomService::send(const QString& text)
{
    const OutboxSender::Enqueued result = m_sender.enqueue(m_itemKey, text);
    if (!result.entry)
        return result.error;
    saveDraft({});
    return {};
}

void ChatRoomService::retry(const QString& messageKey)
{
    m_sender.retry(messageKey);
}

void ChatRoomService::discard(const QString& messageKey)
{
    if (!m_sender.discard(messageKey))
        emit errorOccurred(tr("This message is being sent right now and can no longer be "
                              "deleted."));
}

void ChatRoomService::markRead()
{
    const auto newest =
        std::find_if(m_messages.rbegin(), m_messages.rend(), [](const RoomMessage& row) {
            return row.delivery == RoomMessage::Delivery::Sent;
        });
    if (newest == m_messages.rend())
        return;
    const QString key = newest->message.key;
    RoomMeta meta = m_context.cache.roomMeta(m_itemKey);
    if (!meta.readKey.isEmpty() && !messageKeyLess(meta.readKey, key) && !meta.readKeyDirty)
        return; // already read that far
    if (meta.readKey.isEmpty() || messageKeyLess(meta.readKey, key))
        meta.readKey = key;
    meta.readKeyDirty = true;
    m_context.cache.storeRoomMeta(m_itemKey, meta);
    emit m_context.activity.readMarkChanged(m_itemKey);

    protocol::Path at = paths::summary(m_context.me, m_itemKey);
    at.push_back(kSummaryRead);
    const QString written = meta.readKey;
    m_context.client.set(at, protocol::Node::string(utf8(written)), rtdb::silentWrite())
        ->then(this, [this, written](rtdb::RtdbReply& reply) {
            if (!reply.ok())
                return; // stays dirty: the chat list writes it when the connection is back
            RoomMeta now = m_context.cache.roomMeta(m_itemKey);
            if (now.readKey == written) {
                now.readKeyDirty = false;
                m_context.cache.storeRoomMeta(m_itemKey, now);
            }
        });
}

QString ChatRoomService::draft() const
{
    return m_context.drafts.draft(m_itemKey);
}

void ChatRoomService::saveDraft(const QString& text)
{
    if (m_context.drafts.draft(m_itemKey) == text)
        return;
    m_context.drafts.save(m_itemKey, text);
    emit m_context.activity.draftChanged(m_itemKey);
}

void ChatRoomService::onOutboxChanged(const OutboxEntry& entry)
{
    if (entry.room != m_itemKey)
        return;
    merge({fromEntry(entry)});
}

void ChatRoomService::onOutboxRemoved(const QString& room, const QString& key)
{
    if (room != m_itemKey)
        return;
    const int at = indexOf(key);
    if (at < 0 || m_messages[std::size_t(at)].delivery == RoomMessage::Delivery::Sent)
        return;
    m_messages.erase(m_messages.begin() + at);
    emit messagesRemoved(at, 1);
}

std::vector<RoomMessage> ChatRoomService::rowsOf(std::vector<ChatMessage> messages) const
{
    std::vector<RoomMessage> rows;
    rows.reserve(messages.size());
    for (ChatMessage& message : messages) {
        RoomMessage row;
        row.mine = message.senderId == m_context.me;
        row.message = std::move(message);
        rows.push_back(std::move(row));
    }
    return rows;
}

RoomMessage ChatRoomService::fromEntry(const OutboxEntry& entry) const
{
    RoomMessage row;
    row.mine = true;
    row.message.key = entry.key;
    row.message.senderId = entry.senderId;
    row.message.text = entry.text;
    row.message.timestampMs = entry.createdMs;
    switch (entry.state) {
    case OutboxEntry::State::Pending:
        row.delivery = RoomMessage::Delivery::Sending;
        break;
    case OutboxEntry::State::Failed:
        row.delivery = RoomMessage::Delivery::Failed;
        row.error = entry.error;
        break;
    case OutboxEntry::State::Sent:
        row.delivery = RoomMessage::Delivery::Sent;
        break;
    }
    return row;
}

void ChatRoomService::setState(ConnectionState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit connectionStateChanged(state);
}

} // namespace oiso::market
