#include "market_session.h"

#include "chat_list_service.h"
#include "chat_room_service.h"
#include "local_cache.h"
#include "outbox_sender.h"
#include "outbox_store.h"
#include "room_activity.h"

#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>

namespace oiso::market {

namespace {
Q_LOGGING_CATEGORY(lcSession, "oiso.market.session")
constexpr qint64 kKeepSentMs = 30LL * 24 * 60 * 60 * 1000; // the outbox's record of what was sent
} // namespace

MarketSession::MarketSession(rtdb::RtdbClient& client, SessionConfig config, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_config(std::move(config))
{
}

MarketSession::~MarketSession()
{
    // Rooms and services first: they hold references into the stores.
    m_rooms.clear();
    m_chatList.reset();
    m_sender.reset();
}

bool MarketSession::open(QString* error)
{
    QDir().mkpath(m_config.profileDirectory);
    const QDir dir(m_config.profileDirectory);
    m_outbox = std::make_unique<OutboxStore>(dir.filePath(QStringLiteral("profile.sqlite")));
    if (!m_outbox->isOpen()) {
        if (error)
            *error = tr("Your unsent messages could not be opened (%1). Check that the folder "
                        "%2 can be written to.")
                         .arg(m_outbox->errorString(), QDir::toNativeSeparators(dir.path()));
        return false;
    }
    if (!m_outbox->errorString().isEmpty())
        qCWarning(lcSession).noquote() << m_outbox->errorString(); // e.g. a damaged file set aside
    m_outbox->pruneSent(QDateTime::currentMSecsSinceEpoch() - kKeepSentMs);
    m_drafts = std::make_unique<DraftStore>(dir.filePath(QStringLiteral("profile.sqlite")));
    m_cache = std::make_unique<LocalCache>(dir.filePath(QStringLiteral("cache.sqlite")));
    if (m_cache->wasRebuilt())
        qCInfo(lcSession) << "the local cache was damaged or outdated and has been rebuilt";
    m_cache->enforceLimits();
    m_activity = std::make_unique<RoomActivity>();
    m_context.reset(new MarketContext{m_client, *m_cache, *m_outbox, *m_drafts, *m_activity,
                                      m_config.loginId, m_config.imageBase});
    m_sender = std::make_unique<OutboxSender>(*m_context);
    m_chatList = std::make_unique<ChatListService>(*m_context);
    return true;
}

void MarketSession::start()
{
    m_sender->start();
    m_chatList->start();
}

ChatRoomService& MarketSession::room(const QString& itemKey)
{
    auto& slot = m_rooms[itemKey];
    if (!slot) {
        slot = std::make_unique<ChatRoomService>(*m_context, *m_sender, itemKey);
        slot->start();
    }
    return *slot;
}

void MarketSession::closeRoom(const QString& itemKey)
{
    m_rooms.erase(itemKey);
}

} // namespace oiso::market
