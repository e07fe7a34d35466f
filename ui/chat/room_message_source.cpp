#include "ui/chat/room_message_source.h"

namespace oiso::ui {

RoomMessageSource::RoomMessageSource(market::ChatRoomService& room, QObject* parent)
    : MessageSource(parent)
    , m_room(room)
{
    connect(&room, &market::ChatRoomService::messagesInserted, this,
            &MessageSource::messagesInserted);
    connect(&room, &market::ChatRoomService::messagesRemoved, this,
            &MessageSource::messagesRemoved);
    connect(&room, &market::ChatRoomService::messageChanged, this, &MessageSource::messageChanged);
}

const std::vector<market::RoomMessage>& RoomMessageSource::messages() const
{
    return m_room.messages();
}

QString RoomMessageSource::readMarkAtOpen() const
{
    return m_room.readMarkAtOpen();
}

} // namespace oiso::ui

#include "moc_room_message_source.cpp"
