#include "ui/shell/app_main.h"

#include "ui/shell/app_controller.h"
#include "ui/shell/launch_options.h"
#include "ui/shell/open_url_events.h"
#include "ui/shell/profile.h"
#include "ui/shell/secret_store.h"
#include "ui/shell/single_instance.h"
#include "ui/shell/smoke_test.h"
#include "ui/shell/translations.h"

#include <QApplication>

#include <cstdio>
#include <memory>
#include <utility>

// Q_INIT_RESOURCE declares the initialiser in the enclosing namespace: it must be called from
// global scope (see app/server/demo_seed.cpp).
static void initOisoUiResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace oiso::ui {

void initUiResources()
{
    initOisoUiResources();
}

namespace {

void print(FILE* stream, const QString& text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

void setIdentity(const QString& version)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Oiso"));
    QCoreApplication::setApplicationName(QStringLiteral("Oiso Chat"));
    QCoreApplication::setApplicationVersion(version);
}

// --help and --version answer without a display (a GUI application object needs one).
bool onlyAsksForText(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "--help-all" ||
            argument == "--version" || argument == "-v")
            return true;
    }
    return false;
}

int answerWithText(int& argc, char** argv, const QString& version)
{
    QCoreApplication app(argc, argv);
    setIdentity(version);
    LaunchOptions options = LaunchOptions::parse(QCoreApplication::arguments());
    Profile profile(options.profileDirectory);
    Translations translations;
    translations.install(AppSettings(profile.settings()).language());
    options = LaunchOptions::parse(QCoreApplication::arguments()); // now in the UI language
    switch (options.action) {
    case LaunchOptions::Action::ShowHelp:
        print(stdout, options.message);
        return 0;
    case LaunchOptions::Action::ShowVersion:
        print(stdout, QCoreApplication::applicationName() + u' ' + version + u'\n');
        return 0;
    case LaunchOptions::Action::Fail:
    case LaunchOptions::Action::Run:
        break;
    }
    print(stderr, options.message + u'\n');
    return 2;
}

} // namespace

int runOisoChat(int& argc, char** argv, const QString& version,
                const RoomOpenerFactory& roomOpeners)
{
    if (onlyAsksForText(argc, argv))
        return answerWithText(argc, argv, version);
    QApplication app(argc, argv);
    setIdentity(version);
    // The application id (packaging/CMakeLists.txt): the .desktop file's name, the Wayland app id.
    QGuiApplication::setDesktopFileName(QStringLiteral(OISO_APP_ID));
    initUiResources();
    const LaunchOptions options = LaunchOptions::parse(QApplication::arguments());
    if (options.action != LaunchOptions::Action::Run) {
        print(stderr, options.message + u'\n');
        return 2;
    }
    Profile profile(options.profileDirectory);
    Translations translations;
    translations.install(AppSettings(profile.settings()).language());

    QApplication::setQuitOnLastWindowClosed(false); // the controller decides when to quit
    KeychainSecretStore secrets(QStringLiteral("Oiso Chat"));
    std::unique_ptr<AppController> controller;
    SingleInstance instance(profile.instanceKey());
    int exitCode = 0;
    // macOS hands clicked oiso:// links to the running app as events, not as arguments.
    OpenUrlEvents openUrls;
    app.installEventFilter(&openUrls);
    QString linkBeforeStart; // a link the system handed over before the controller existed
    QObject::connect(&openUrls, &OpenUrlEvents::itemRequested, &app, [&](const QString& key) {
        if (controller)
            controller->activate(key);
        else
            linkBeforeStart = key;
    });
    QObject::connect(&instance, &SingleInstance::forwarded, &app, [] { QApplication::exit(0); });
    QObject::connect(&instance, &SingleInstance::failed, &app, [&exitCode](const QString& error) {
        print(stderr, error + u'\n');
        exitCode = 1;
        QApplication::exit(1);
    });
    QObject::connect(&instance, &SingleInstance::primary, &app, [&] {
        controller = std::make_unique<AppController>(
            AppController::Dependencies{profile, secrets, roomOpeners}, options);
        QObject::connect(controller.get(), &AppController::quitRequested, &app,
                         &QApplication::quit);
        QObject::connect(&instance, &SingleInstance::activationRequested, controller.get(),
                         &AppController::activate);
        if (options.smokeTest) {
            auto* smoke = new SmokeTest(*controller, 60'000, controller.get());
            // Queued: a start-up that fails at once reports before the event loop runs, when
            // exit() would not end it yet.
            QObject::connect(
                smoke, &SmokeTest::finished, &app,
                [&exitCode](int code, const QString& report) {
                    print(code == 0 ? stdout : stderr, report + u'\n');
                    exitCode = code;
                    QApplication::exit(code);
                },
                Qt::QueuedConnection);
        }
        controller->start();
        if (!linkBeforeStart.isEmpty())
            controller->activate(std::exchange(linkBeforeStart, QString()));
    });
    instance.start(options.itemKey);
    const int result = QApplication::exec();
    controller.reset(); // windows and services go while the application object still exists
    return exitCode != 0 ? exitCode : result;
}

} // namespace oiso::ui
