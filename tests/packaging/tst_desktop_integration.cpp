// Desktop integration in code: an oiso://item link handed over by the system as a QFileOpenEvent
// (macOS) names the room to open, anything else passes through untouched; --smoke-test is parsed
// but stays out of the user's --help.

#include "ui/shell/launch_options.h"
#include "ui/shell/open_url_events.h"

#include <QApplication>
#include <QFileOpenEvent>
#include <QSignalSpy>
#include <QTest>

using namespace oiso::ui;

class TestDesktopIntegration : public QObject {
    Q_OBJECT

private slots:
    void openUrlEventOpensTheItem_data();
    void openUrlEventOpensTheItem();
    void otherEventsPassThrough();
    void smokeTestOptionIsHidden();
};

void TestDesktopIntegration::openUrlEventOpensTheItem_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("key"); // empty: not ours, left alone
    QTest::newRow("item link") << QUrl(QStringLiteral("oiso://item/-NkA1b2C3"))
                               << QStringLiteral("-NkA1b2C3");
    QTest::newRow("Hangul key") << QUrl(QStringLiteral("oiso://item/%EA%B0%80"))
                                << QStringLiteral("가");
    QTest::newRow("trailing slash")
        << QUrl(QStringLiteral("oiso://item/abc/")) << QStringLiteral("abc");
    QTest::newRow("other host") << QUrl(QStringLiteral("oiso://user/abc")) << QString();
    QTest::newRow("forbidden key") << QUrl(QStringLiteral("oiso://item/a.b")) << QString();
    QTest::newRow("a file") << QUrl::fromLocalFile(QStringLiteral("/tmp/notes.txt")) << QString();
}

void TestDesktopIntegration::openUrlEventOpensTheItem()
{
    QFETCH(QUrl, url);
    QFETCH(QString, key);
    OpenUrlEvents links;
    qApp->installEventFilter(&links);
    QSignalSpy requested(&links, &OpenUrlEvents::itemRequested);
    QFileOpenEvent event(url);
    // Delivered as the platform delivers it: to the application object. The filter eats only
    // the events it turns into a room; others are left to the application.
    const bool handled = QCoreApplication::sendEvent(qApp, &event);
    if (key.isEmpty()) {
        QVERIFY(requested.isEmpty());
        QVERIFY(!handled);
    } else {
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), key);
        QVERIFY(handled);
    }
}

void TestDesktopIntegration::otherEventsPassThrough()
{
    OpenUrlEvents links;
    QObject target;
    target.installEventFilter(&links);
    QSignalSpy requested(&links, &OpenUrlEvents::itemRequested);
    QEvent other(QEvent::User);
    QCoreApplication::sendEvent(&target, &other);
    QVERIFY(requested.isEmpty());
}

void TestDesktopIntegration::smokeTestOptionIsHidden()
{
    const LaunchOptions plain = LaunchOptions::parse({QStringLiteral("oiso-chat")});
    QVERIFY(!plain.smokeTest);
    const LaunchOptions smoke =
        LaunchOptions::parse({QStringLiteral("oiso-chat"), QStringLiteral("--smoke-test"),
                              QStringLiteral("--item"), QStringLiteral("abc")});
    QCOMPARE(smoke.action, LaunchOptions::Action::Run);
    QVERIFY(smoke.smokeTest);
    QCOMPARE(smoke.itemKey, QStringLiteral("abc"));
    const LaunchOptions help =
        LaunchOptions::parse({QStringLiteral("oiso-chat"), QStringLiteral("--help")});
    QCOMPARE(help.action, LaunchOptions::Action::ShowHelp);
    QVERIFY(help.message.contains(QStringLiteral("--item")));
    QVERIFY(!help.message.contains(QStringLiteral("smoke")));
}

QTEST_MAIN(TestDesktopIntegration)
#include "tst_desktop_integration.moc"
