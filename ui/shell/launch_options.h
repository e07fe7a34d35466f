#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace oiso::ui {

// What the command line asked for:
//   oiso-chat [--database-url URL] [--api-key KEY] [--profile DIR] [--demo-user ID]
//             [--item KEY | oiso://item/KEY] [--version] [--help]
struct LaunchOptions {
    QString databaseUrl;      // overrides the settings and OISO_DATABASE_URL for this run
    QString apiKey;           // likewise for the Web API key
    QString profileDirectory; // empty: the user's standard settings and data folders
    QString demoUser;         // the demo account to sign in on the embedded server
    QString itemKey;          // a room to open (--item or an oiso://item/ link)
    bool smokeTest = false;   // --smoke-test, for developers, hidden from --help (smoke_test.h)

    enum class Action { Run, ShowHelp, ShowVersion, Fail };
    Action action = Action::Run;
    QString message; // the help text, or why the command line was refused

    // `arguments` includes the program name, as QCoreApplication::arguments() does.
    static LaunchOptions parse(const QStringList& arguments);
};

class LaunchText {
    Q_DECLARE_TR_FUNCTIONS(oiso::ui::LaunchText)
};

// The item key of an oiso://item/<key> link; empty when the text is not such a link or the key
// cannot be a database key.
QString itemKeyFromLink(const QString& link);

// Whether text can be a Realtime Database key: 1–768 bytes of UTF-8, none of . $ # [ ] / and no
// control characters.
bool isValidItemKey(const QString& key);

} // namespace oiso::ui
