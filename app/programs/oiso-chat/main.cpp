// oiso-chat: the desktop app. Everything lives in Oiso::Ui (ui/shell/app_main.cpp), so the GUI
// tests drive the same code.
#include "ui/shell/app_main.h"

int main(int argc, char* argv[])
{
    return oiso::ui::runOisoChat(argc, argv, QStringLiteral(OISO_VERSION));
}
