#pragma once

#include <QIcon>
#include <QPalette>

namespace oiso::ui {

// The app icon with the unread count drawn on it (a filled circle in the corner, "99+" past 99;
// the plain icon at 0), rendered at the usual tray sizes and at 2x so it stays crisp on
// high-DPI screens.
QIcon badgedIcon(const QIcon& base, int unread, const QPalette& palette);

} // namespace oiso::ui
