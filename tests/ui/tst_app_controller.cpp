// Start-up end to end: the built-in demo market (embedded server in-process, demo sign-in,
// switching accounts), and a database configured by URL — here oiso-server's code on loopback,
// reached exactly like a LAN server — with the sign-in and sign-up dialog and the session kept
// in a (test) keychain across restarts.

#include "market/chat_list_service.h"
#include "market/market_session.h"
#include "rtdb/auth_session.h"
#include "shell_test_support.h"
#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_page.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/shell/app_controller.h"
#include "ui/shell/app_main.h"
#include "ui/shell/connection.h"
#include "ui/shell/hosted_sign_in.h"
#include "ui/shell/profile.h"
#include "ui/shell/secret_store.h"
#include "ui/shell/session_ui.h"
#include "ui/shell/sign_in_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace oiso;
using oiso::market::ListKind;
using oiso::ui::AppController;
using oiso::ui::SignInDialog;

namespace {

constexpr int kWaitMs = 30'000;

ui::RoomOpenerFactory fakeOpeners()
{
    return [](market::MarketSession&, QSettings&, ui::ThumbnailLoader*) {
        return std::unique_ptr<ui::RoomOpener>(std::make_unique<test::FakeRoomOpener>());
    };
}

// One app run: a profile folder (kept across runs of the same test), a keychain, a controller.
struct AppRun {
    AppRun(const QString& profileDir, ui::SecretStore& secrets, ui::LaunchOptions options = {})
        : profile(profileDir)
        , controller({profile, secrets, fakeOpeners(), QProcessEnvironment()}, options)
        , ready(&controller, &AppController::ready)
    {
        controller.start();
    }

    QString waitReady()
    {
        if (!QTest::qWaitFor([this] { return !ready.isEmpty(); }, kWaitMs))
            return {};
        return ready.first().first().toString();
    }
    ui::ChatListWindow* window() const
    {
        return controller.session() ? controller.session()->window() : nullptr;
    }
    SignInDialog* dialog() const
    {
        return controller.hostedSignIn() ? controller.hostedSignIn()->dialog() : nullptr;
    }

    ui::Profile profile;
    AppController controller;
    QSignalSpy ready;
};

void fillIn(SignInDialog& dialog, const QString& email, const QString& password,
            const QString& loginId = {})
{
    dialog.findChild<QLineEdit*>(QStringLiteral("emailEdit"))->setText(email);
    dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(password);
    if (!loginId.isEmpty())
        dialog.findChild<QLineEdit*>(QStringLiteral("loginIdEdit"))->setText(loginId);
}

void submit(SignInDialog& dialog)
{
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("submitButton"));
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

} // namespace

class TestAppController : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ui::initUiResources(); }
    void demoMarketStartsSignedInWithMarker();
    void demoAccountsCanBeSwitched();
    void demoUserFromTheCommandLine();
    void cachedListShowsBeforeTheDemoSignInEnds();
    void hostedSignInIsKeptAcrossRestarts();
    void wrongPasswordIsExplained();
    void signUpClaimsTheLoginId();
    void takenLoginIdAsksForAnother();
    void missingKeychainIsSaid();
    void badDatabaseAddressIsExplained();
};

void TestAppController::demoMarketStartsSignedInWithMarker()
{
    QTemporaryDir dir;
    ui::MemorySecretStore secrets;
    AppRun run(dir.path(), secrets);
    QCOMPARE(run.waitReady(), QStringLiteral("minji"));
    QVERIFY(run.controller.isEmbedded());
    ui::ChatListWindow* window = run.window();
    QVERIFY(window && window->isVisible());
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("accountLabel"))
                ->text()
                .contains(QStringLiteral("Demo")));
    QTRY_COMPARE_WITH_TIMEOUT(window->page(ListKind::Selling).model().rowCount(), 4, kWaitMs);
    // The embedded server keeps its database in the profile.
    QVERIFY(QFileInfo::exists(run.profile.embeddedServerDirectory()));
    QVERIFY(window->accountMenu()->findChild<QMenu*>(QStringLiteral("demoAccountMenu")));

    // File > Quit ends the app; so does closing the list where there is no tray (offscreen).
    QSignalSpy quit(&run.controller, &AppController::quitRequested);
    window->findChild<QAction*>(QStringLiteral("quitAction"))->trigger();
    QCOMPARE(quit.size(), 1);
    window->close();
    QCOMPARE(quit.size(), 2);
}

void TestAppController::demoAccountsCanBeSwitched()
{
    QTemporaryDir dir;
    ui::MemorySecretStore secrets;
    AppRun run(dir.path(), secrets);
    QCOMPARE(run.waitReady(), QStringLiteral("minji"));
    auto* junho = run.window()->findChild<QAction*>(QStringLiteral("demoUser_junho"));
    QVERIFY(junho);
    run.ready.clear();
    junho->trigger();
    QCOMPARE(run.waitReady(), QStringLiteral("junho"));
    const test::DemoCounts expected = test::demoCountsFromTemplate(QStringLiteral("junho"));
    QTRY_COMPARE_WITH_TIMEOUT(run.window()->page(ListKind::Selling).model().rowCount(),
                              expected.selling, kWaitMs);
    QVERIFY(run.window()->windowTitle().contains(QStringLiteral("junho")));
    // Remembered for the next start.
    QCOMPARE(run.profile.settings().value(QStringLiteral("demo/user")).toString(),
             QStringLiteral("junho"));
}

void TestAppController::demoUserFromTheCommandLine()
{
    QTemporaryDir dir;
    ui::MemorySecretStore secrets;
    ui::LaunchOptions options;
    options.demoUser = QStringLiteral("jiwoo");
    AppRun run(dir.path(), secrets, options);
    QCOMPARE(run.waitReady(), QStringLiteral("jiwoo"));
    // jiwoo only buys.
    const test::DemoCounts expected = test::demoCountsFromTemplate(QStringLiteral("jiwoo"));
    QTRY_COMPARE_WITH_TIMEOUT(run.window()->page(ListKind::Buying).model().rowCount(),
                              expected.buying, kWaitMs);
    QCOMPARE(run.window()->page(ListKind::Selling).model().rowCount(), 0);
}

// Start-up: the demo account's login id is known, so its cached list is shown while the server
// still checks the password; the list's requests wait for the token, and ready() follows.
void TestAppController::cachedListShowsBeforeTheDemoSignInEnds()
{
    QTemporaryDir dir;
    ui::MemorySecretStore secrets;
    {
        AppRun first(dir.path(), secrets);
        QCOMPARE(first.waitReady(), QStringLiteral("minji"));
        QTRY_COMPARE_WITH_TIMEOUT(first.window()->page(ListKind::Selling).model().rowCount(), 4,
                                  kWaitMs);
    } // a clean exit: the cache holds her lists

    AppRun run(dir.path(), secrets);
    struct AtShow {
        bool seen = false;
        rtdb::AuthSession::State auth = rtdb::AuthSession::State::SignedIn;
        int sellingRows = -1;
        bool visible = false;
        bool ready = true;
    } atShow;
    connect(&run.controller, &AppController::listShown, this, [&](const QString& loginId) {
        QCOMPARE(loginId, QStringLiteral("minji"));
        atShow.seen = true;
        atShow.auth = run.controller.connection()->session().state();
        atShow.sellingRows = run.window()->page(ListKind::Selling).model().rowCount();
        atShow.visible = run.window()->isVisible();
        atShow.ready = !run.ready.isEmpty();
    });
    QCOMPARE(run.waitReady(), QStringLiteral("minji"));
    QVERIFY(atShow.seen);
    QCOMPARE(atShow.auth, rtdb::AuthSession::State::SigningIn);
    QVERIFY(!atShow.ready);
    QVERIFY(atShow.visible);
    QCOMPARE(atShow.sellingRows, 4); // from the cache
    // The same session goes on, now signed in and live.
    QCOMPARE(run.ready.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(run.window()->page(ListKind::Selling).model().rowCount(), 4, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(run.controller.session()->market().chatList().connectionState(),
                              market::ConnectionState::Live, kWaitMs);
}

void TestAppController::hostedSignInIsKeptAcrossRestarts()
{
    test::EmbeddedServer server(test::demoServer());
    QTemporaryDir dir;
    ui::MemorySecretStore keychain;
    ui::LaunchOptions options;
    options.databaseUrl = server.url();
    {
        AppRun run(dir.path(), keychain, options);
        QTRY_VERIFY_WITH_TIMEOUT(run.dialog() && run.dialog()->isVisible(), kWaitMs);
        QVERIFY(!run.controller.isEmbedded());
        fillIn(*run.dialog(), QStringLiteral("minji@oiso.test"), QStringLiteral("oiso-demo-1234"));
        submit(*run.dialog());
        QCOMPARE(run.waitReady(), QStringLiteral("minji"));
        QVERIFY(!run.window()
                     ->findChild<QLabel*>(QStringLiteral("accountLabel"))
                     ->text()
                     .contains(QStringLiteral("Demo")));
        QTRY_COMPARE_WITH_TIMEOUT(run.window()->page(ListKind::Buying).model().rowCount(), 5,
                                  kWaitMs);
        QVERIFY(run.window()->findChild<QAction*>(QStringLiteral("signOutAction")));
    }
    // The refresh token went to the keychain, nowhere else.
    bool kept = false;
    QString token;
    keychain.read(ui::Profile(dir.path()).instanceKey() + u'/' +
                      ui::Profile::databaseId(server.location().displayString(), false),
                  [&](ui::SecretStore::Result result, const QString& secret) {
                      kept = result == ui::SecretStore::Result::Ok;
                      token = secret;
                  });
    QTRY_VERIFY(kept);
    QVERIFY(!token.isEmpty());
    QFile settings(QDir(dir.path()).filePath(QStringLiteral("settings.ini")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains(token.toUtf8()));

    // Next start: signed in from the keychain, no dialog; the cached lists show before the kept
    // token is refreshed (the login id is remembered), their requests waiting for it.
    AppRun again(dir.path(), keychain, options);
    rtdb::AuthSession::State authAtShow = rtdb::AuthSession::State::SignedOut;
    int buyingAtShow = -1;
    connect(&again.controller, &AppController::listShown, this, [&] {
        authAtShow = again.controller.connection()->session().state();
        buyingAtShow = again.window()->page(ListKind::Buying).model().rowCount();
    });
    QCOMPARE(again.waitReady(), QStringLiteral("minji"));
    QVERIFY(!again.dialog() || !again.dialog()->isVisible());
    QCOMPARE(authAtShow, rtdb::AuthSession::State::SigningIn);
    QCOMPARE(buyingAtShow, 5);
    QTRY_COMPARE_WITH_TIMEOUT(again.controller.session()->market().chatList().connectionState(),
                              market::ConnectionState::Live, kWaitMs);
}

void TestAppController::wrongPasswordIsExplained()
{
    test::EmbeddedServer server(test::demoServer());
    QTemporaryDir dir;
    ui::MemorySecretStore keychain;
    ui::LaunchOptions options;
    options.databaseUrl = server.url();
    AppRun run(dir.path(), keychain, options);
    QTRY_VERIFY_WITH_TIMEOUT(run.dialog() && run.dialog()->isVisible(), kWaitMs);
    fillIn(*run.dialog(), QStringLiteral("minji@oiso.test"), QStringLiteral("wrong-password"));
    submit(*run.dialog());
    auto* error = run.dialog()->findChild<QLabel*>(QStringLiteral("errorLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), kWaitMs);
    QCOMPARE(error->text(),
             rtdb::AuthError::fromServerCode(QStringLiteral("INVALID_PASSWORD")).userMessage());
    QVERIFY(run.ready.isEmpty());
    // The form is usable again.
    QVERIFY(run.dialog()->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->isEnabled());
}

void TestAppController::signUpClaimsTheLoginId()
{
    test::EmbeddedServer server(test::demoServer());
    QTemporaryDir dir;
    ui::MemorySecretStore keychain;
    ui::LaunchOptions options;
    options.databaseUrl = server.url();
    AppRun run(dir.path(), keychain, options);
    QTRY_VERIFY_WITH_TIMEOUT(run.dialog() && run.dialog()->isVisible(), kWaitMs);
    QTest::mouseClick(run.dialog()->findChild<QPushButton*>(QStringLiteral("switchModeButton")),
                      Qt::LeftButton);
    QCOMPARE(run.dialog()->mode(), SignInDialog::Mode::SignUp);
    auto* loginId = run.dialog()->findChild<QLineEdit*>(QStringLiteral("loginIdEdit"));
    QVERIFY(loginId->isVisible());
    fillIn(*run.dialog(), QStringLiteral("newbie@oiso.test"), QStringLiteral("secret-123"),
           QStringLiteral("Bad Id!"));
    QVERIFY(!run.dialog()->findChild<QPushButton*>(QStringLiteral("submitButton"))->isEnabled());
    loginId->setText(QStringLiteral("newbie"));
    submit(*run.dialog());
    QCOMPARE(run.waitReady(), QStringLiteral("newbie"));
    test::ClientSet reader(server.location());
    auto owner = test::finished(reader.client.get(test::dbPath("user_ids/newbie")));
    QCOMPARE(owner->value().type(), protocol::Node::Type::String);
}

void TestAppController::takenLoginIdAsksForAnother()
{
    test::EmbeddedServer server(test::demoServer());
    QTemporaryDir dir;
    ui::MemorySecretStore keychain;
    ui::LaunchOptions options;
    options.databaseUrl = server.url();
    AppRun run(dir.path(), keychain, options);
    QTRY_VERIFY_WITH_TIMEOUT(run.dialog() && run.dialog()->isVisible(), kWaitMs);
    run.dialog()->setMode(SignInDialog::Mode::SignUp);
    fillIn(*run.dialog(), QStringLiteral("copycat@oiso.test"), QStringLiteral("secret-123"),
           QStringLiteral("minji"));
    submit(*run.dialog());
    // The account exists now; only another id is asked for.
    QTRY_COMPARE_WITH_TIMEOUT(run.dialog()->mode(), SignInDialog::Mode::ChooseLoginId, kWaitMs);
    auto* error = run.dialog()->findChild<QLabel*>(QStringLiteral("errorLabel"));
    QTRY_VERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("minji")));
    QVERIFY(!run.dialog()->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->isVisible());
    run.dialog()
        ->findChild<QLineEdit*>(QStringLiteral("loginIdEdit"))
        ->setText(QStringLiteral("copycat"));
    submit(*run.dialog());
    QCOMPARE(run.waitReady(), QStringLiteral("copycat"));
}

void TestAppController::missingKeychainIsSaid()
{
    test::EmbeddedServer server(test::demoServer());
    QTemporaryDir dir;
    ui::MemorySecretStore noKeychain(false);
    ui::LaunchOptions options;
    options.databaseUrl = server.url();
    AppRun run(dir.path(), noKeychain, options);
    QTRY_VERIFY_WITH_TIMEOUT(run.dialog() && run.dialog()->isVisible(), kWaitMs);
    QVERIFY(run.dialog()->findChild<QLabel*>(QStringLiteral("keychainNote"))->isVisible());
    fillIn(*run.dialog(), QStringLiteral("minji@oiso.test"), QStringLiteral("oiso-demo-1234"));
    submit(*run.dialog());
    QCOMPARE(run.waitReady(), QStringLiteral("minji"));
    // Nothing anywhere on disk holds a token: the settings file has only non-secret facts.
    run.profile.settings().sync();
    QFile settings(QDir(dir.path()).filePath(QStringLiteral("settings.ini")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray text = settings.readAll();
    QVERIFY(!text.contains("refresh"));
    QVERIFY(!text.contains("token"));
}

void TestAppController::badDatabaseAddressIsExplained()
{
    QTemporaryDir dir;
    ui::MemorySecretStore keychain;
    ui::LaunchOptions options;
    options.databaseUrl = QStringLiteral("http://market.firebaseio.com"); // hosted needs https
    AppRun run(dir.path(), keychain, options);
    QTRY_VERIFY_WITH_TIMEOUT(run.controller.errorBox() != nullptr, kWaitMs);
    QVERIFY(run.controller.errorBox()->text().contains(QStringLiteral("market.firebaseio.com")));
    QVERIFY(run.controller.errorBox()->findChild<QPushButton*>(QStringLiteral("settingsButton")));
}

QTEST_MAIN(TestAppController)
#include "tst_app_controller.moc"
