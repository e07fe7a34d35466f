#pragma once

// A scripted room for the message model and delegate tests: rows change only when a test says
// so, with the same signals (and the same contract) as market::ChatRoomService.

#include "ui/chat/message_source.h"

#include <QDateTime>

#include <vector>

namespace oiso::test {

using market::RoomMessage;

inline RoomMessage roomMessage(const QString& key, const QString& sender, const QString& text,
                               const QDateTime& time, bool mine = false,
                               RoomMessage::Delivery delivery = RoomMessage::Delivery::Sent)
{
    RoomMessage row;
    row.message.key = key;
    row.message.senderId = sender;
    row.message.text = text;
    if (time.isValid())
        row.message.timestampMs = time.toMSecsSinceEpoch();
    row.mine = mine;
    row.delivery = delivery;
    return row;
}

class FakeMessageSource : public ui::MessageSource {
public:
    explicit FakeMessageSource(std::vector<RoomMessage> rows = {}, QString readMark = {})
        : m_rows(std::move(rows))
        , m_readMark(std::move(readMark))
    {
    }

    const std::vector<RoomMessage>& messages() const override { return m_rows; }
    QString readMarkAtOpen() const override { return m_readMark; }

    void insert(int at, std::vector<RoomMessage> rows)
    {
        const int count = int(rows.size());
        m_rows.insert(m_rows.begin() + at, rows.begin(), rows.end());
        emit messagesInserted(at, count);
    }
    void append(std::vector<RoomMessage> rows) { insert(int(m_rows.size()), std::move(rows)); }
    void remove(int at, int count)
    {
        m_rows.erase(m_rows.begin() + at, m_rows.begin() + at + count);
        emit messagesRemoved(at, count);
    }
    void change(int row, RoomMessage message)
    {
        m_rows[std::size_t(row)] = std::move(message);
        emit messageChanged(row);
    }
    // Breaks the contract: rows change without a matching signal.
    std::vector<RoomMessage>& rowsBehindTheModelsBack() { return m_rows; }

private:
    std::vector<RoomMessage> m_rows;
    QString m_readMark;
};

} // namespace oiso::test
