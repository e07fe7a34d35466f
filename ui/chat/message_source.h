#pragma once

#include "market/chat_room_service.h" // RoomMessage

#include <QObject>
#include <QString>

#include <vector>

namespace oiso::ui {

// What the message model reads: a room's messages in key order and the signals that change them,
// with the contract of market::ChatRoomService (each signal is emitted after messages() already
// shows the change). An interface so the model can be tested against a scripted room.
class MessageSource : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    virtual const std::vector<market::RoomMessage>& messages() const = 0;
    // The user's read mark when the room was opened; empty when they never read it.
    virtual QString readMarkAtOpen() const = 0;

signals:
    void messagesInserted(int first, int count);
    void messagesRemoved(int first, int count);
    void messageChanged(int row);
};

} // namespace oiso::ui
