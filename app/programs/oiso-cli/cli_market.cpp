#include "cli_market.h"

#include "market/chat_list_service.h"
#include "market/chat_room_service.h"
#include "market/market_session.h"
#include "market/outbox_sender.h"
#include "market/price.h"
#include "protocol/json.h"
#include "rtdb/rtdb_client.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>

namespace oiso::cli {

namespace {

using market::ChatListRow;
using market::ListKind;

QJsonValue priceJson(const market::Price& price)
{
    if (price.won)
        return double(*price.won);
    return QJsonValue::Null;
}

QJsonObject messageJson(const market::ChatMessage& message)
{
    QJsonObject object{{QStringLiteral("key"), message.key},
                       {QStringLiteral("id"), message.senderId},
                       {QStringLiteral("msg"), message.text}};
    object.insert(QStringLiteral("timestamp"), message.timestampMs
                                                   ? QJsonValue(double(*message.timestampMs))
                                                   : QJsonValue(QJsonValue::Null));
    return object;
}

QJsonObject rowJson(const ChatListRow& row)
{
    QJsonObject object{{QStringLiteral("itemKey"), row.itemKey},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("price"), priceJson(row.price)},
                       {QStringLiteral("priceText"), market::formatPrice(row.price)},
                       {QStringLiteral("status"), row.status},
                       {QStringLiteral("seller"), row.seller},
                       {QStringLiteral("imageUrl"), row.imageUrl.toString()},
                       {QStringLiteral("unread"), row.unread}};
    object.insert(QStringLiteral("lastMessage"), row.lastMessage
                                                     ? QJsonValue(messageJson(*row.lastMessage))
                                                     : QJsonValue(QJsonValue::Null));
    if (row.section == ListKind::Selling)
        object.insert(QStringLiteral("buyers"), row.buyers);
    if (row.section == ListKind::Buying)
        object.insert(QStringLiteral("purchased"), row.purchased);
    if (row.section == ListKind::Purchased)
        object.insert(QStringLiteral("purchaseKey"), row.key);
    return object;
}

QString timeText(const market::ChatMessage& message)
{
    return message.timestampMs ? QDateTime::fromMSecsSinceEpoch(*message.timestampMs)
                                     .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                               : QStringLiteral("(no time)");
}

} // namespace

MarketCommand::MarketCommand(const CliConfig& config, rtdb::RtdbClient& client, std::FILE* out,
                             std::FILE* err, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_client(client)
    , m_out(out)
    , m_err(err)
{
}

MarketCommand::~MarketCommand() = default;

QString MarketCommand::profileDirectory(const QString& loginId) const
{
    if (!m_config.profileDirectory.isEmpty())
        return m_config.profileDirectory;
    // One folder per database and user: caches of different databases never mix.
    const QUrl base = m_config.database.baseUrl();
    QString database =
        base.host() +
        (base.port() > 0 ? QLatin1Char('_') + QString::number(base.port()) : QString());
    if (!m_config.database.ns().isEmpty())
        database += QLatin1Char('_') + m_config.database.ns();
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(database + QLatin1Char('/') + loginId);
}

void MarketCommand::run(const QString& loginId)
{
    m_profileDirectory = profileDirectory(loginId);
    market::SessionConfig session{m_profileDirectory, loginId, m_config.database.baseUrl()};
    m_session = std::make_unique<market::MarketSession>(m_client, session);
    QString error;
    if (!m_session->open(&error)) {
        fail(error);
        return;
    }
    // Never hangs: whatever is not done in time is reported (a message stays in the outbox).
    QTimer::singleShot(m_config.timeoutMs, this, [this] {
        fail(m_config.command == Command::Send
                 ? QStringLiteral("not sent within the timeout; it stays in the outbox of %1 and "
                                  "is sent by the next market command")
                       .arg(QDir::toNativeSeparators(m_profileDirectory))
                 : QStringLiteral("no answer from the database within the timeout"));
    });
    switch (m_config.command) {
    case Command::Chats:
    case Command::Purchase: {
        market::ChatListService& list = m_session->chatList();
        connect(&list, &market::ChatListService::settled, this, [this] {
            if (m_config.command == Command::Chats)
                printChats();
            else
                purchase();
        });
        m_session->start();
        break;
    }
    case Command::History:
        printHistory();
        break;
    case Command::Send:
        send();
        break;
    default:
        fail(QStringLiteral("not a market command"));
    }
}

void MarketCommand::printChats()
{
    market::ChatListService& list = m_session->chatList();
    const std::pair<ListKind, const char*> sections[] = {{ListKind::Selling, "selling"},
                                                         {ListKind::Buying, "buying"},
                                                         {ListKind::Purchased, "purchased"}};
    if (m_config.json) {
        QJsonObject all;
        for (const auto& [kind, name] : sections) {
            QJsonArray rows;
            for (const ChatListRow& row : list.rows(kind))
                rows.append(rowJson(row));
            all.insert(QString::fromLatin1(name), rows);
        }
        printLine(QJsonDocument(all).toJson(QJsonDocument::Compact));
        succeed();
        return;
    }
    const std::pair<ListKind, const char*> titles[] = {{ListKind::Selling, "Selling"},
                                                       {ListKind::Buying, "Buying"},
                                                       {ListKind::Purchased, "Purchased"}};
    for (const auto& [kind, title] : titles) {
        const std::vector<ChatListRow>& rows = list.rows(kind);
        printLine(QStringLiteral("%1 (%2)").arg(QLatin1String(title)).arg(rows.size()).toUtf8());
        for (const ChatListRow& row : rows) {
            QString line = QStringLiteral("  %1  %2  %3")
                               .arg(row.itemKey, row.name, market::formatPrice(row.price));
            if (!row.status.isEmpty())
                line += QStringLiteral("  [%1]").arg(row.status);
            if (kind == ListKind::Selling)
                line += QStringLiteral("  buyers: %1").arg(row.buyers);
            if (row.unread > 0)
                line +=
                    QStringLiteral("  unread: %1")
                        .arg(row.unread > 99 ? QStringLiteral("99+") : QString::number(row.unread));
            if (row.purchased && kind == ListKind::Buying)
                line += QStringLiteral("  (purchased)");
            printLine(line.toUtf8());
            if (row.lastMessage)
                printLine(QStringLiteral("      %1 %2: %3")
                              .arg(timeText(*row.lastMessage), row.lastMessage->senderId,
                                   row.lastMessage->text.simplified())
                              .toUtf8());
        }
    }
    succeed();
}

void MarketCommand::printHistory()
{
    market::ChatRoomService& room = m_session->room(m_config.item);
    // Live means the room is up to date; then older pages until there are enough.
    connect(&room, &market::ChatRoomService::olderLoaded, this, [this](int) { historyStep(); });
    connect(&room, &market::ChatRoomService::connectionStateChanged, this,
            [this](market::ConnectionState state) {
                if (state == market::ConnectionState::Live)
                    historyStep();
                if (state == market::ConnectionState::SignedOut)
                    fail(QStringLiteral("the database refused the credentials"));
            });
    if (room.connectionState() == market::ConnectionState::Live)
        historyStep();
}

void MarketCommand::historyStep()
{
    market::ChatRoomService& room = m_session->room(m_config.item);
    if (m_done || room.isLoadingOlder())
        return;
    const std::vector<market::RoomMessage>& messages = room.messages();
    if (int(messages.size()) < m_config.limit && room.hasOlder()) {
        room.loadOlder();
        return;
    }
    const std::size_t first =
        messages.size() > std::size_t(m_config.limit) ? messages.size() - m_config.limit : 0;
    if (m_config.json) {
        QJsonArray array;
        for (std::size_t i = first; i < messages.size(); ++i)
            array.append(messageJson(messages[i].message));
        printLine(QJsonDocument(array).toJson(QJsonDocument::Compact));
    } else {
        for (std::size_t i = first; i < messages.size(); ++i) {
            const market::ChatMessage& m = messages[i].message;
            printLine(QStringLiteral("%1 %2: %3").arg(timeText(m), m.senderId, m.text).toUtf8());
        }
    }
    succeed();
}

void MarketCommand::send()
{
    market::OutboxSender& sender = m_session->sender();
    sender.start(); // first what earlier runs left in the outbox, then this message
    const market::OutboxSender::Enqueued enqueued = sender.enqueue(m_config.item, m_config.text);
    if (!enqueued.entry) {
        fail(enqueued.error);
        return;
    }
    const QString key = enqueued.entry->key;
    auto check = [this, key] {
        const std::optional<market::OutboxEntry> entry = m_session->outbox().entry(key);
        if (!entry)
            return;
        if (entry->state == market::OutboxEntry::State::Sent) {
            printLine(key.toUtf8());
            succeed();
        } else if (entry->state == market::OutboxEntry::State::Failed) {
            fail(QStringLiteral("not sent: %1").arg(entry->error));
        }
    };
    connect(&sender, &market::OutboxSender::idle, this, check);
}

void MarketCommand::purchase()
{
    market::ChatListService& list = m_session->chatList();
    connect(&list, &market::ChatListService::purchaseFinished, this,
            [this](const QString& itemKey, const QString& error) {
                if (itemKey != m_config.item)
                    return;
                if (error.isEmpty())
                    succeed();
                else
                    fail(error);
            });
    list.completePurchase(m_config.item);
}

void MarketCommand::printLine(const QByteArray& line)
{
    if (m_done)
        return;
    std::fwrite(line.constData(), 1, size_t(line.size()), m_out);
    std::fputc('\n', m_out);
    std::fflush(m_out);
}

void MarketCommand::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    std::fprintf(m_err, "oiso-cli: %s\n", qUtf8Printable(message));
    std::fflush(m_err);
    emit finished(1);
}

void MarketCommand::succeed()
{
    if (m_done)
        return;
    m_done = true;
    emit finished(0);
}

} // namespace oiso::cli
