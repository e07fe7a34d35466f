#pragma once

#include "ui/shell/app_settings.h"
#include "ui/shell/launch_options.h"
#include "ui/shell/session_ui.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>

#include <QMessageBox>

namespace oiso::ui {

class Connection;
class DemoSignIn;
class EmbeddedServerHost;
class HostedSignIn;
class Profile;
class SecretStore;
class SettingsDialog;

// The app's start-up and its life afterwards:
//  - no hosted database configured: the embedded server (own threads, the profile's data
//    folder, demo market on first run), a demo account signed in, the chat list with a Demo
//    marker and an Account menu to switch demo accounts or configure a hosted database;
//  - a hosted database (or oiso-server on a LAN): HostedSignIn (keychain, dialog), then the
//    chat list;
//  - when the login id is known before the sign-in ends (the demo account; a kept hosted
//    session, whose id is remembered), the chat list shows from the cache at once and its
//    requests wait for the credential: the sign-in (the server's password hash, a token
//    refresh) is not on the way to the first painted list;
//  - the settings dialog, applied at once (a changed database restarts the backend);
//  - requests of later launches (activate), items to open once the session is up.
// Nothing here blocks: every step is a signal.
class AppController : public QObject {
    Q_OBJECT

public:
    struct Dependencies {
        Profile& profile;
        SecretStore& secrets;
        RoomOpenerFactory roomOpeners;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    };

    AppController(Dependencies dependencies, LaunchOptions options, QObject* parent = nullptr);
    ~AppController() override;

    void start();
    // A later launch asked to be shown (and to open a room).
    void activate(const QString& itemKey);
    void switchDemoUser(const QString& loginId);
    void openSettings();

    SessionUi* session() const { return m_session.get(); }
    bool isEmbedded() const { return m_choice.embedded; }
    EmbeddedServerHost* embeddedServer() const { return m_server.get(); }
    Connection* connection() const { return m_connection.get(); }
    HostedSignIn* hostedSignIn() const { return m_hosted.get(); }
    SettingsDialog* settingsDialog() const;
    QMessageBox* errorBox() const;

signals:
    // The chat list of this user is shown, from its cache: at once when the login id is known,
    // perhaps before the sign-in has ended.
    void listShown(const QString& loginId);
    void ready(const QString& loginId); // signed in, the chat list of this user is shown
    void startFailed(const QString& message);
    void quitRequested();

private:
    void begin();
    void startEmbedded();
    void onServerStarted(const QString& url);
    void startHosted();
    // Builds and shows the session of `loginId` (its cached lists at once); false after saying
    // why it could not.
    bool openSession(const QString& loginId);
    void onSignedIn(const QString& loginId);
    void onSignInFailed(const QString& message);
    void signInAgain();
    void signOut();
    void restartBackend();
    void applySettings(const SettingsDialog* dialog);
    void fillAccountMenu();
    void showStartupError(const QString& message);
    void endSession();

    Profile& m_profile;
    AppSettings m_settings;
    SecretStore& m_secrets;
    RoomOpenerFactory m_roomOpeners;
    QProcessEnvironment m_environment;
    LaunchOptions m_options;
    BackendChoice m_choice;
    QString m_demoUser;
    QString m_pendingItem;
    // Destroyed bottom-up: the session before what it uses, the server last.
    std::unique_ptr<EmbeddedServerHost> m_server;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<DemoSignIn> m_demoSignIn;
    std::unique_ptr<HostedSignIn> m_hosted;
    std::unique_ptr<SessionUi> m_session;
    // The session was opened before its sign-in ended (the login id was known): its requests
    // wait for the credential, and ready() comes when the sign-in does.
    bool m_sessionSignedIn = false;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<QMessageBox> m_errorBox;
};

} // namespace oiso::ui
