#pragma once

#include "ui/chat/message_source.h"

namespace oiso::ui {

// A room service as the message model's source.
class RoomMessageSource : public MessageSource {
    Q_OBJECT

public:
    explicit RoomMessageSource(market::ChatRoomService& room, QObject* parent = nullptr);

    const std::vector<market::RoomMessage>& messages() const override;
    QString readMarkAtOpen() const override;

private:
    market::ChatRoomService& m_room;
};

} // namespace oiso::ui
