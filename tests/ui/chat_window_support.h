#pragma once

// Helpers of the chat window's end-to-end test: rooms written straight to the embedded server,
// and questions about the message model and the server's copy of a room.

#include "market/market_test_support.h"
#include "ui/chat/message_model.h"

#include <QDateTime>

namespace oiso::test {

using Delivery = market::RoomMessage::Delivery;

constexpr int kTimeout = 20'000;

inline protocol::Node text(const QString& value)
{
    return protocol::Node::string(value.toStdString());
}

inline protocol::Node messageNode(const QString& sender, const QString& body, qint64 timestampMs)
{
    return protocol::Node::object({{"id", text(sender)},
                                   {"msg", text(body)},
                                   {"timestamp", protocol::Node::number(double(timestampMs))}});
}

// An item of minji's with `count` messages a minute apart ("메시지 0" the oldest), jiwoo and minji
// taking turns, in one multi-path update.
inline bool seedRoom(rtdb::RtdbClient& client, const QString& itemKey, int count)
{
    std::vector<std::pair<protocol::Path, protocol::Node>> writes;
    writes.emplace_back(market::paths::item(itemKey),
                        protocol::Node::object({{"seller", text(QStringLiteral("minji"))},
                                                {"name", text(QStringLiteral("전공책 묶음"))},
                                                {"price", protocol::Node::number(12000)},
                                                {"status", text(QStringLiteral("판매중"))}}));
    protocol::PushIdGenerator ids;
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - count * 60'000LL;
    for (int i = 0; i < count; ++i) {
        const qint64 at = start + i * 60'000LL;
        const QString key = QString::fromStdString(ids.next(at));
        writes.emplace_back(market::paths::message(itemKey, key),
                            messageNode(i % 2 ? QStringLiteral("minji") : QStringLiteral("jiwoo"),
                                        QStringLiteral("메시지 %1").arg(i), at));
    }
    return finished(client.update({}, writes))->ok();
}

inline Delivery deliveryOf(const ui::MessageModel& model, int row)
{
    return Delivery(model.index(row).data(ui::MessageModel::DeliveryRole).toInt());
}

inline int rowWithText(const ui::MessageModel& model, const QString& body)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row).data(ui::MessageModel::TextRole).toString() == body)
            return row;
    return -1;
}

// How many messages of the room on the server say `body`.
inline int serverCountOf(rtdb::RtdbClient& client, const QString& itemKey, const QString& body)
{
    const protocol::Node room = readValue(client, market::paths::room(itemKey));
    int count = 0;
    for (const auto& [key, value] : room.children())
        if (market::textField(value, "msg") == body)
            ++count;
    return count;
}

} // namespace oiso::test
