#include "ui/shell/app_main.h"

#include "ui/shell/app_controller.h"
#include "ui/shell/launch_options.h"
#include "ui/shell/profile.h"
#include "ui/shell/secret_store.h"
#include "ui/shell/single_instance.h"
#include "ui/shell/translations.h"

#include <QApplication>

#include <cstdio>
#include <memory>

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

} // namespace

int runOisoChat(QApplication& app, const RoomOpenerFactory& roomOpeners)
{
    initUiResources();
    LaunchOptions options = LaunchOptions::parse(QApplication::arguments());
    Profile profile(options.action == LaunchOptions::Action::Run ? options.profileDirectory
                                                                 : QString());
    Translations translations;
    translations.install(AppSettings(profile.settings()).language());
    if (options.action != LaunchOptions::Action::Run) {
        options = LaunchOptions::parse(QApplication::arguments()); // now in the UI language
        switch (options.action) {
        case LaunchOptions::Action::ShowHelp:
            print(stdout, options.message);
            return 0;
        case LaunchOptions::Action::ShowVersion:
            print(stdout, QApplication::applicationName() + u' ' +
                              QApplication::applicationVersion() + u'\n');
            return 0;
        case LaunchOptions::Action::Fail:
        case LaunchOptions::Action::Run:
            break;
        }
        print(stderr, options.message + u'\n');
        return 2;
    }

    QApplication::setQuitOnLastWindowClosed(false); // the controller decides when to quit
    KeychainSecretStore secrets(QStringLiteral("Oiso Chat"));
    std::unique_ptr<AppController> controller;
    SingleInstance instance(profile.instanceKey());
    int exitCode = 0;
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
        controller->start();
    });
    instance.start(options.itemKey);
    const int result = app.exec();
    controller.reset(); // windows and services go while the event loop's objects still exist
    return exitCode != 0 ? exitCode : result;
}

} // namespace oiso::ui
