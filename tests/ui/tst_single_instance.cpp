// One running app per profile: a second launch hands its request (an item to open, or just
// "show yourself") to the first, which opens that room; hung or foreign peers are handled.
// In-process pairs, the real oiso-chat binary as the second launch, and the start-up controller
// receiving --item end to end on the embedded demo market.

#include "shell_test_support.h"
#include "ui/shell/app_controller.h"
#include "ui/shell/app_main.h"
#include "ui/shell/launch_options.h"
#include "ui/shell/profile.h"
#include "ui/shell/secret_store.h"
#include "ui/shell/single_instance.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace oiso;
using oiso::ui::SingleInstance;

namespace {

constexpr int kWaitMs = 20'000;

QString uniqueKey()
{
    return QStringLiteral("oiso-test-") + QUuid::createUuid().toString(QUuid::Id128).left(16);
}

} // namespace

class TestSingleInstance : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ui::initUiResources(); }
    void secondLaunchHandsOverItsItem();
    void secondLaunchWithoutItemAsksToBeShown();
    void hungInstanceIsReportedNotWaitedFor();
    void foreignRequestsAreRefused();
    void theAppBinaryForwardsItemAndLink();
    void controllerOpensTheForwardedRoom();
};

void TestSingleInstance::secondLaunchHandsOverItsItem()
{
    const QString key = uniqueKey();
    SingleInstance first(key);
    QSignalSpy primary(&first, &SingleInstance::primary);
    QSignalSpy requests(&first, &SingleInstance::activationRequested);
    first.start({});
    QTRY_VERIFY_WITH_TIMEOUT(!primary.isEmpty(), kWaitMs);
    QVERIFY(first.isPrimary());

    SingleInstance second(key);
    QSignalSpy forwarded(&second, &SingleInstance::forwarded);
    QSignalSpy secondPrimary(&second, &SingleInstance::primary);
    second.start(QStringLiteral("-NkLaptop01"));
    QTRY_VERIFY_WITH_TIMEOUT(!forwarded.isEmpty(), kWaitMs);
    QTRY_COMPARE(requests.size(), 1);
    QCOMPARE(requests.first().first().toString(), QStringLiteral("-NkLaptop01"));
    QCOMPARE(secondPrimary.size(), 0);
    QVERIFY(!second.isPrimary());
}

void TestSingleInstance::secondLaunchWithoutItemAsksToBeShown()
{
    const QString key = uniqueKey();
    SingleInstance first(key);
    QSignalSpy primary(&first, &SingleInstance::primary);
    QSignalSpy requests(&first, &SingleInstance::activationRequested);
    first.start({});
    QTRY_VERIFY_WITH_TIMEOUT(!primary.isEmpty(), kWaitMs);
    SingleInstance second(key);
    QSignalSpy forwarded(&second, &SingleInstance::forwarded);
    second.start({});
    QTRY_VERIFY_WITH_TIMEOUT(!forwarded.isEmpty(), kWaitMs);
    QTRY_COMPARE(requests.size(), 1);
    QCOMPARE(requests.first().first().toString(), QString());
}

void TestSingleInstance::hungInstanceIsReportedNotWaitedFor()
{
    // Something listens under the key and never answers (a hung instance).
    const QString key = uniqueKey();
    QLocalServer hung;
    QVERIFY(hung.listen(key));
    SingleInstance launch(key);
    launch.setTimeoutMs(300);
    QSignalSpy failed(&launch, &SingleInstance::failed);
    QSignalSpy forwarded(&launch, &SingleInstance::forwarded);
    launch.start(QStringLiteral("abc"));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kWaitMs);
    QVERIFY(!failed.first().first().toString().isEmpty());
    QCOMPARE(forwarded.size(), 0);
}

void TestSingleInstance::foreignRequestsAreRefused()
{
    const QString key = uniqueKey();
    SingleInstance first(key);
    QSignalSpy primary(&first, &SingleInstance::primary);
    QSignalSpy requests(&first, &SingleInstance::activationRequested);
    first.start({});
    QTRY_VERIFY_WITH_TIMEOUT(!primary.isEmpty(), kWaitMs);

    QLocalSocket stranger;
    QSignalSpy disconnected(&stranger, &QLocalSocket::disconnected);
    stranger.connectToServer(key);
    QTRY_COMPARE(stranger.state(), QLocalSocket::ConnectedState);
    stranger.write("delete everything\n");
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), kWaitMs);
    QCOMPARE(requests.size(), 0);

    // A key that cannot be a room still brings the window up, without opening anything.
    QLocalSocket odd;
    odd.connectToServer(key);
    QTRY_COMPARE(odd.state(), QLocalSocket::ConnectedState);
    odd.write("open a/b\n");
    QTRY_COMPARE(requests.size(), 1);
    QCOMPARE(requests.first().first().toString(), QString());
}

void TestSingleInstance::theAppBinaryForwardsItemAndLink()
{
    // This test process is the running instance of a profile; oiso-chat is launched again.
    QTemporaryDir dir;
    const ui::Profile profile(dir.path());
    SingleInstance running(profile.instanceKey());
    QSignalSpy primary(&running, &SingleInstance::primary);
    QSignalSpy requests(&running, &SingleInstance::activationRequested);
    running.start({});
    QTRY_VERIFY_WITH_TIMEOUT(!primary.isEmpty(), kWaitMs);

    const QStringList launches[] = {
        {QStringLiteral("--profile"), dir.path(), QStringLiteral("--item"),
         QStringLiteral("-NkFromItem")},
        {QStringLiteral("--profile"), dir.path(), QStringLiteral("oiso://item/-NkFromLink")},
    };
    const QString expected[] = {QStringLiteral("-NkFromItem"), QStringLiteral("-NkFromLink")};
    for (int i = 0; i < 2; ++i) {
        QProcess second;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        second.setProcessEnvironment(environment);
        QSignalSpy finished(&second, &QProcess::finished);
        second.start(QStringLiteral(OISO_CHAT_BINARY), launches[i]);
        // Waiting through the event loop: this process must answer the launch meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kWaitMs);
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QTRY_COMPARE(requests.size(), i + 1);
        QCOMPARE(requests.at(i).first().toString(), expected[i]);
    }
}

void TestSingleInstance::controllerOpensTheForwardedRoom()
{
    QTemporaryDir dir;
    ui::Profile profile(dir.path());
    ui::MemorySecretStore secrets;
    test::FakeRoomOpener* opener = nullptr;
    auto factory = [&opener](market::MarketSession&, QSettings&, ui::ThumbnailLoader*) {
        auto fake = std::make_unique<test::FakeRoomOpener>();
        opener = fake.get();
        return std::unique_ptr<ui::RoomOpener>(std::move(fake));
    };
    // The first launch itself asked for a room: it opens once the demo user is signed in.
    const ui::LaunchOptions firstLaunch = ui::LaunchOptions::parse(
        {QStringLiteral("oiso-chat"), QStringLiteral("--item"), QStringLiteral("-NkFirst")});
    ui::AppController controller({profile, secrets, factory, QProcessEnvironment()}, firstLaunch);
    SingleInstance instance(profile.instanceKey());
    connect(&instance, &SingleInstance::activationRequested, &controller,
            &ui::AppController::activate);
    QSignalSpy primary(&instance, &SingleInstance::primary);
    instance.start(firstLaunch.itemKey);
    QTRY_VERIFY_WITH_TIMEOUT(!primary.isEmpty(), kWaitMs);
    QSignalSpy ready(&controller, &ui::AppController::ready);
    controller.start();
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kWaitMs);
    QCOMPARE(ready.first().first().toString(), QStringLiteral("minji"));
    QVERIFY(opener);
    QCOMPARE(opener->opened, QStringList{QStringLiteral("-NkFirst")});

    // A second launch with --item, parsed as the app parses it.
    const ui::LaunchOptions secondLaunch = ui::LaunchOptions::parse(
        {QStringLiteral("oiso-chat"), QStringLiteral("--profile"), dir.path(),
         QStringLiteral("--item"), QStringLiteral("-NkSecond")});
    SingleInstance second(ui::Profile(secondLaunch.profileDirectory).instanceKey());
    QSignalSpy forwarded(&second, &SingleInstance::forwarded);
    second.start(secondLaunch.itemKey);
    QTRY_VERIFY_WITH_TIMEOUT(!forwarded.isEmpty(), kWaitMs);
    QTRY_COMPARE(opener->opened,
                 (QStringList{QStringLiteral("-NkFirst"), QStringLiteral("-NkSecond")}));
}

QTEST_MAIN(TestSingleInstance)
#include "tst_single_instance.moc"
