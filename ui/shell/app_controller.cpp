#include "ui/shell/app_controller.h"

#include "market/chat_list_service.h"
#include "market/market_session.h"
#include "rtdb/auth_session.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/shell/connection.h"
#include "ui/shell/demo_accounts.h"
#include "ui/shell/demo_sign_in.h"
#include "ui/shell/embedded_server_host.h"
#include "ui/shell/hosted_sign_in.h"
#include "ui/shell/profile.h"
#include "ui/shell/secret_store.h"
#include "ui/shell/settings_dialog.h"

#include <QActionGroup>
#include <QLoggingCategory>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace oiso::ui {

namespace {
Q_LOGGING_CATEGORY(lcApp, "oiso.ui.app")
}

AppController::AppController(Dependencies dependencies, LaunchOptions options, QObject* parent)
    : QObject(parent)
    , m_profile(dependencies.profile)
    , m_settings(dependencies.profile.settings())
    , m_secrets(dependencies.secrets)
    , m_roomOpeners(std::move(dependencies.roomOpeners))
    , m_environment(std::move(dependencies.environment))
    , m_options(std::move(options))
    , m_pendingItem(m_options.itemKey)
{
    m_demoUser = m_options.demoUser;
    if (m_demoUser.isEmpty())
        m_demoUser = m_settings.demoUser();
    if (m_demoUser.isEmpty())
        m_demoUser = DemoAccounts::defaultLoginId();
}

AppController::~AppController()
{
    endSession();
    m_hosted.reset();
    m_demoSignIn.reset();
    m_connection.reset();
    m_server.reset();
}

SettingsDialog* AppController::settingsDialog() const
{
    return m_settingsDialog;
}

QMessageBox* AppController::errorBox() const
{
    return m_errorBox;
}

void AppController::start()
{
    begin();
}

void AppController::begin()
{
    m_choice = chooseBackend(m_options, m_settings, m_environment);
    if (m_choice.embedded)
        startEmbedded();
    else
        startHosted();
}

void AppController::startEmbedded()
{
    if (m_server && m_server->isRunning()) {
        onServerStarted(m_server->url());
        return;
    }
    m_server = std::make_unique<EmbeddedServerHost>(m_profile.embeddedServerDirectory());
    connect(m_server.get(), &EmbeddedServerHost::started, this, &AppController::onServerStarted);
    connect(m_server.get(), &EmbeddedServerHost::failed, this, &AppController::showStartupError);
    m_server->start();
}

void AppController::onServerStarted(const QString& url)
{
    const auto location = rtdb::DatabaseLocation::parse(url);
    if (!location) {
        showStartupError(tr("The built-in server gave an unusable address (%1).").arg(url));
        return;
    }
    m_choice.imageBase = QUrl(url + u'/'); // it serves the demo items' pictures
    m_connection = std::make_unique<Connection>(*location, QString());
    m_demoSignIn = std::make_unique<DemoSignIn>(*m_connection);
    connect(m_demoSignIn.get(), &DemoSignIn::finished, this,
            [this](const QString& loginId, const QString& error) {
                if (!error.isEmpty())
                    onSignInFailed(error);
                else
                    onSignedIn(loginId);
            });
    m_demoSignIn->signIn(m_demoUser);
    // The demo account's login id is known: its cached lists show while the server checks the
    // password (most of the start-up), their requests waiting for the token.
    openSession(m_demoUser);
}

void AppController::startHosted()
{
    QString problem;
    const auto location = rtdb::DatabaseLocation::parse(m_choice.databaseUrl, &problem);
    if (!location) {
        showStartupError(
            tr("The database address “%1” cannot be used: %2").arg(m_choice.databaseUrl, problem));
        return;
    }
    if (location->isHostedFirebase() && m_choice.apiKey.isEmpty()) {
        showStartupError(tr("Signing in to %1 needs the project's Web API key. Enter it in the "
                            "settings.")
                             .arg(location->displayString()));
        return;
    }
    m_connection = std::make_unique<Connection>(*location, m_choice.apiKey);
    const QString accountKey =
        m_profile.instanceKey() + u'/' + Profile::databaseId(location->displayString(), false);
    m_hosted =
        std::make_unique<HostedSignIn>(*m_connection, m_secrets, m_profile.settings(), accountKey);
    connect(m_hosted.get(), &HostedSignIn::resuming, this, [this](const QString& loginId) {
        if (!m_session)
            openSession(loginId);
    });
    connect(m_hosted.get(), &HostedSignIn::resumeFailed, this, [this] {
        if (m_session && !m_sessionSignedIn)
            endSession(); // the kept session is gone: nothing of it shows behind the dialog
    });
    connect(m_hosted.get(), &HostedSignIn::signedIn, this, &AppController::onSignedIn);
    connect(m_hosted.get(), &HostedSignIn::settingsRequested, this, &AppController::openSettings);
    connect(m_hosted.get(), &HostedSignIn::cancelled, this, [this] {
        if (!m_session)
            emit quitRequested(); // nothing to show without an account
    });
    connect(m_hosted.get(), &HostedSignIn::notice, this, [this](const QString& text) {
        if (m_session && m_session->window())
            m_session->window()->statusBar()->showMessage(text, 15'000);
    });
    m_hosted->start();
}

bool AppController::openSession(const QString& loginId)
{
    endSession();
    SessionUi::Config config;
    config.loginId = loginId;
    config.demo = m_choice.embedded;
    const QString databaseId =
        Profile::databaseId(m_connection->location().displayString(), m_choice.embedded);
    config.profileDirectory = m_profile.sessionDirectory(databaseId, loginId);
    config.imageBase = m_choice.imageBase;
    config.thumbnailCacheDirectory = m_profile.thumbnailCacheDirectory();
    config.notifications = m_settings.notificationsEnabled();
    m_session = std::make_unique<SessionUi>(m_connection->client(), m_profile.settings(), config,
                                            m_roomOpeners);
    QString error;
    if (!m_session->open(&error)) {
        m_session.reset();
        showStartupError(error);
        return false;
    }
    connect(m_session.get(), &SessionUi::settingsRequested, this, &AppController::openSettings);
    connect(m_session.get(), &SessionUi::signInRequested, this, &AppController::signInAgain);
    connect(m_session.get(), &SessionUi::quitRequested, this, &AppController::quitRequested);
    fillAccountMenu();
    m_session->show();
    if (m_errorBox)
        m_errorBox->close();
    const QString item = std::exchange(m_pendingItem, QString());
    if (!item.isEmpty())
        m_session->openRoom(item);
    emit listShown(loginId);
    return true;
}

void AppController::onSignedIn(const QString& loginId)
{
    const bool sameUser = m_session && m_session->config().loginId == loginId;
    if (sameUser && m_sessionSignedIn) {
        // Signed in again after a sign-out: same user, same windows; the lists reconnect with
        // the new credential at once instead of waiting for their backoff.
        m_session->market().chatList().reconnectNow();
        m_session->show();
        return;
    }
    // Opened before the sign-in ended (its requests went out as the token came), or another
    // user than the one shown: a session of this user now.
    if (!sameUser && !openSession(loginId))
        return;
    m_sessionSignedIn = true;
    if (m_choice.embedded) {
        m_demoUser = loginId;
        m_settings.setDemoUser(loginId);
    }
    qCInfo(lcApp) << "signed in as" << loginId << (m_choice.embedded ? "(demo)" : "");
    emit ready(loginId);
}

void AppController::onSignInFailed(const QString& message)
{
    if (m_session && !m_sessionSignedIn)
        endSession(); // its lists would wait for a credential that is not coming
    showStartupError(message);
}

void AppController::endSession()
{
    m_session.reset();
    m_sessionSignedIn = false;
}

void AppController::activate(const QString& itemKey)
{
    if (!m_session) {
        if (!itemKey.isEmpty())
            m_pendingItem = itemKey; // opened as soon as the user is signed in
        return;
    }
    m_session->show();
    m_session->openRoom(itemKey);
}

void AppController::signInAgain()
{
    if (m_choice.embedded && m_demoSignIn)
        m_demoSignIn->signIn(m_demoUser);
    else if (m_hosted)
        m_hosted->ask();
}

void AppController::signOut()
{
    endSession();
    if (m_hosted) {
        m_hosted->signOut();
        m_hosted->ask();
    }
}

void AppController::switchDemoUser(const QString& loginId)
{
    if (!m_choice.embedded || !m_demoSignIn ||
        (m_session && m_session->config().loginId == loginId))
        return;
    endSession();
    m_connection->session().signOut();
    m_demoUser = loginId;
    m_demoSignIn->signIn(loginId);
    openSession(loginId); // the cached lists while the server checks the password
}

void AppController::fillAccountMenu()
{
    QMenu* menu = m_session->window()->accountMenu();
    menu->clear();
    if (m_choice.embedded) {
        QMenu* demo = menu->addMenu(tr("&Demo account"));
        demo->setObjectName(QStringLiteral("demoAccountMenu"));
        auto* group = new QActionGroup(demo);
        for (const DemoAccount& account : DemoAccounts::all()) {
            QAction* action = demo->addAction(DemoAccounts::label(account));
            action->setObjectName(QStringLiteral("demoUser_") + account.loginId);
            action->setCheckable(true);
            action->setChecked(account.loginId == m_session->config().loginId);
            group->addAction(action);
            const QString loginId = account.loginId;
            connect(action, &QAction::triggered, this,
                    [this, loginId] { switchDemoUser(loginId); });
        }
        menu->addSeparator();
        QAction* hosted = menu->addAction(tr("Use a &hosted database…"));
        hosted->setObjectName(QStringLiteral("useHostedAction"));
        connect(hosted, &QAction::triggered, this, &AppController::openSettings);
        return;
    }
    QAction* who = menu->addAction(tr("Signed in as %1").arg(m_session->config().loginId));
    who->setEnabled(false);
    menu->addSeparator();
    QAction* out = menu->addAction(tr("Sign &out"));
    out->setObjectName(QStringLiteral("signOutAction"));
    connect(out, &QAction::triggered, this, &AppController::signOut);
}

void AppController::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    QWidget* parent = m_session ? m_session->window() : nullptr;
    auto* dialog = new SettingsDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setValues(SettingsDialog::load(m_settings));
    if (m_choice.source == BackendChoice::Source::CommandLine)
        dialog->setOverrideNote(tr("This run uses the database given on the command line."));
    else if (m_choice.source == BackendChoice::Source::Environment)
        dialog->setOverrideNote(tr("This run uses the database in OISO_DATABASE_URL."));
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applySettings(dialog); });
    m_settingsDialog = dialog;
    dialog->open();
}

void AppController::applySettings(const SettingsDialog* dialog)
{
    SettingsDialog::save(dialog->values(), m_settings);
    if (m_session)
        m_session->setNotificationsEnabled(m_settings.notificationsEnabled());
    const BackendChoice next = chooseBackend(m_options, m_settings, m_environment);
    const bool changed =
        next.embedded != m_choice.embedded || next.databaseUrl != m_choice.databaseUrl ||
        next.apiKey != m_choice.apiKey || (!next.embedded && next.imageBase != m_choice.imageBase);
    if (changed || !m_session)
        restartBackend();
}

void AppController::restartBackend()
{
    endSession();
    m_hosted.reset();
    m_demoSignIn.reset();
    m_connection.reset();
    const BackendChoice next = chooseBackend(m_options, m_settings, m_environment);
    if (!next.embedded)
        m_server.reset(); // a hosted database needs no local server
    begin();
}

void AppController::showStartupError(const QString& message)
{
    qCWarning(lcApp).noquote() << message;
    if (m_errorBox)
        m_errorBox->close();
    QWidget* parent = m_session ? m_session->window() : nullptr;
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Oiso Chat"), message,
                                QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("startupErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* retry = box->addButton(tr("&Try again"), QMessageBox::AcceptRole);
    QPushButton* settings = box->addButton(tr("&Settings…"), QMessageBox::ActionRole);
    QPushButton* quit = box->addButton(tr("&Quit"), QMessageBox::RejectRole);
    retry->setObjectName(QStringLiteral("retryButton"));
    settings->setObjectName(QStringLiteral("settingsButton"));
    quit->setObjectName(QStringLiteral("quitButton"));
    connect(box, &QMessageBox::buttonClicked, this,
            [this, retry, settings](QAbstractButton* clicked) {
                if (clicked == retry)
                    restartBackend();
                else if (clicked == settings)
                    openSettings();
                else if (!m_session)
                    emit quitRequested();
            });
    m_errorBox = box;
    box->open();
    emit startFailed(message);
}

} // namespace oiso::ui
