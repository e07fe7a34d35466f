#pragma once

#include "ui/shell/session_ui.h"

class QApplication;

namespace oiso::ui {

// The whole of oiso-chat after QApplication exists: the command line, the profile, the
// single-instance hand-over, translations, the keychain, the start-up controller. Returns the
// process exit code. `roomOpeners` makes the chat windows (defaultRoomOpeners() in the app).
int runOisoChat(QApplication& app, const RoomOpenerFactory& roomOpeners);

// Registers the resources compiled into the UI library (icons): a static library's resources
// need an explicit initialiser call from the program.
void initUiResources();

} // namespace oiso::ui
