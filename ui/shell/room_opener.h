#pragma once

#include <QString>

namespace oiso::ui {

// Opens an item's chat window: one window per item, raised and focused when it is already open.
// The chat window manager (ui/chat) implements it; the chat list, the tray, notifications and
// single-instance requests only ever see this interface, so they can be tested with a fake and
// do not depend on how the windows are made.
class RoomOpener {
public:
    virtual ~RoomOpener() = default;

    virtual void openRoom(const QString& itemKey) = 0;

    // Whether that room's window is the active window (the user is reading it): no desktop
    // notification then. The default, for openers that cannot tell, says no.
    virtual bool isRoomInFront(const QString& itemKey) const
    {
        Q_UNUSED(itemKey);
        return false;
    }

protected:
    RoomOpener() = default;
    RoomOpener(const RoomOpener&) = default;
    RoomOpener& operator=(const RoomOpener&) = default;
};

} // namespace oiso::ui
