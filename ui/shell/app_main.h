#pragma once

#include "ui/shell/session_ui.h"

namespace oiso::ui {

// The whole of oiso-chat: the application object, the command line, the profile, the
// single-instance hand-over, translations, the keychain, the start-up controller. Returns the
// process exit code. `roomOpeners` makes the chat windows.
int runOisoChat(int& argc, char** argv, const QString& version,
                const RoomOpenerFactory& roomOpeners = chatWindows());

// Registers the resources compiled into the UI library (icons): a static library's resources
// need an explicit initialiser call from the program.
void initUiResources();

} // namespace oiso::ui
