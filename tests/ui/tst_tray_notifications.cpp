// Desktop notifications and the unread total: a message from someone else in a room that is not
// in front is announced (sender, item, text); my own messages, the room being read, and turned-off
// notifications are not. Live against the embedded demo market.

#include "shell_test_support.h"
#include "ui/shell/app_main.h"
#include "ui/shell/tray_controller.h"

#include <QSignalSpy>
#include <QTest>

using namespace oiso;

namespace {
constexpr int kWaitMs = 20'000;
}

class TestTrayNotifications : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void messageFromAnotherUserIsAnnounced();
    void myOwnMessageIsNot();
    void roomInFrontIsNot();
    void turnedOffMeansSilence();
    void toolTipCarriesTheUnreadTotal();

private:
    void junhoWrites(const QString& text);

    std::unique_ptr<test::EmbeddedServer> m_server;
    std::unique_ptr<test::DemoUser> m_minji;
    std::unique_ptr<test::DemoUser> m_junho;
    QString m_laptop;
    test::FakeRoomOpener m_opener;
};

void TestTrayNotifications::initTestCase()
{
    ui::initUiResources();
    m_server = std::make_unique<test::EmbeddedServer>(test::demoServer());
    m_minji = std::make_unique<test::DemoUser>(*m_server, QStringLiteral("minji"));
    m_junho = std::make_unique<test::DemoUser>(*m_server, QStringLiteral("junho"));
    m_laptop = test::demoItemKey(m_minji->net.client, QStringLiteral("LG 그램"));
    QTRY_VERIFY_WITH_TIMEOUT(m_minji->list().connectionState() == market::ConnectionState::Live,
                             kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_minji->list().rows(market::ListKind::Buying).empty(), kWaitMs);
}

void TestTrayNotifications::junhoWrites(const QString& text)
{
    QCOMPARE(m_junho->session->room(m_laptop).send(text), QString());
}

void TestTrayNotifications::messageFromAnotherUserIsAnnounced()
{
    ui::TrayController tray(m_minji->list(), m_opener, QStringLiteral("minji"));
    QSignalSpy notified(&tray, &ui::TrayController::notified);
    junhoWrites(QStringLiteral("노트북 충전기도 같이 드릴게요"));
    QTRY_VERIFY_WITH_TIMEOUT(!notified.isEmpty(), kWaitMs);
    QCOMPARE(notified.first().first().toString(), m_laptop);
    const ui::TrayController::Notice& notice = tray.lastNotice();
    QVERIFY(notice.title.contains(QStringLiteral("junho")));
    QVERIFY(notice.title.contains(QStringLiteral("LG 그램")));
    QCOMPARE(notice.text, QStringLiteral("노트북 충전기도 같이 드릴게요"));
}

void TestTrayNotifications::myOwnMessageIsNot()
{
    ui::TrayController tray(m_minji->list(), m_opener, QStringLiteral("minji"));
    QSignalSpy notified(&tray, &ui::TrayController::notified);
    QSignalSpy arrived(&m_junho->list(), &market::ChatListService::messageArrived);
    const QString text = QStringLiteral("좋아요 감사합니다");
    QCOMPARE(m_minji->session->room(m_laptop).send(text), QString());
    // junho's client sees it arrive, and minji's own list has taken it in (the moment a
    // notification would have been decided): her tray said nothing.
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const market::ChatListRow& row : m_minji->list().rows(market::ListKind::Buying)) {
                if (row.itemKey == m_laptop)
                    return row.lastMessage && row.lastMessage->text == text;
            }
            return false;
        }(),
        kWaitMs);
    QCOMPARE(notified.size(), 0);
}

void TestTrayNotifications::roomInFrontIsNot()
{
    ui::TrayController tray(m_minji->list(), m_opener, QStringLiteral("minji"));
    QSignalSpy notified(&tray, &ui::TrayController::notified);
    QSignalSpy arrived(&m_minji->list(), &market::ChatListService::messageArrived);
    m_opener.inFront.insert(m_laptop);
    junhoWrites(QStringLiteral("지금 보고 계시죠?"));
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), kWaitMs);
    QCOMPARE(notified.size(), 0);
    m_opener.inFront.clear();
}

void TestTrayNotifications::turnedOffMeansSilence()
{
    ui::TrayController tray(m_minji->list(), m_opener, QStringLiteral("minji"));
    tray.setNotificationsEnabled(false);
    QSignalSpy notified(&tray, &ui::TrayController::notified);
    QSignalSpy arrived(&m_minji->list(), &market::ChatListService::messageArrived);
    junhoWrites(QStringLiteral("알림 꺼두셨나요?"));
    QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), kWaitMs);
    QCOMPARE(notified.size(), 0);
}

void TestTrayNotifications::toolTipCarriesTheUnreadTotal()
{
    ui::TrayController tray(m_minji->list(), m_opener, QStringLiteral("minji"));
    const int unread = m_minji->list().unreadTotal();
    QVERIFY(unread > 0); // junho's messages above are unread
    QVERIFY2(tray.toolTip().contains(QString::number(unread)), qPrintable(tray.toolTip()));
}

QTEST_MAIN(TestTrayNotifications)
#include "tst_tray_notifications.moc"
