// The chat window end to end: the real market core against the embedded server (demo market)
// in-process, minji at the keyboard, jiwoo writing from a second client. Everything waits on
// signals and conditions (QTRY_*), never on sleeps.

#include "chat_window_support.h"
#include "market/message_rules.h"
#include "market/outbox_store.h"
#include "ui/chat/chat_header.h"
#include "ui/chat/chat_window.h"
#include "ui/chat/chat_window_manager.h"
#include "ui/chat/composer.h"
#include "ui/chat/composer_bar.h"
#include "ui/chat/connection_line.h"
#include "ui/chat/message_delegate.h"
#include "ui/chat/message_model.h"
#include "ui/chat/message_view.h"
#include "ui/common/status_pill_label.h"

#include <QAccessible>
#include <QApplication>
#include <QInputMethodEvent>
#include <QLabel>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace oiso;
using namespace oiso::test;
using ui::ChatWindow;
using ui::ChatWindowManager;
using ui::MessageModel;

class TestChatWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void opensTheRoomWithItsMessages();
    void oneWindowPerItem();
    void sendShowsSendingThenSent();
    void messageFromAnotherClientAppearsLive();
    void olderPagesLoadWithoutMovingTheView();
    void refusedSendFailsWithRetryAndDelete();
    void retryOfAFailedMessageSendsIt();
    void escapeClosesAndGeometryIsRemembered();
    void shiftEnterAndTheDraft();
    void hangulCompositionSendsOnce();
    void tooLongIsRefusedWithTheRulesText();
    void marksReadWhenActiveAtTheBottom();
    void keyboardReachesEveryControlWithAName();

private:
    ChatWindow* open(const QString& itemKey);
    void startMinji(const QString& profileDir = {});

    std::unique_ptr<test::EmbeddedServer> m_server;
    std::unique_ptr<test::ClientSet> m_jiwoo;
    QString m_calculus;
    QString m_seeded;     // 200 messages
    QString m_unwritable; // a key so long that a message path exceeds the database's limit

    std::unique_ptr<MarketClient> m_minji;
    std::unique_ptr<QTemporaryDir> m_settingsDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ChatWindowManager> m_manager;
};

void TestChatWindow::initTestCase()
{
    m_server = std::make_unique<test::EmbeddedServer>(test::demoServerOptions());
    m_jiwoo = std::make_unique<test::ClientSet>(m_server->location());
    QVERIFY(m_jiwoo->signIn(QStringLiteral("jiwoo@oiso.test")));
    m_calculus = test::demoItemKey(m_jiwoo->client, QStringLiteral("미적분학"));

    // A room of minji's with 200 messages, a minute apart, jiwoo and minji taking turns.
    m_seeded = QString::fromStdString(m_jiwoo->client.newPushId());
    QVERIFY(seedRoom(m_jiwoo->client, m_seeded, 200));

    m_unwritable = QString(745, QLatin1Char('x'));
}

void TestChatWindow::startMinji(const QString& profileDir)
{
    m_minji =
        std::make_unique<MarketClient>(m_server->location(), QStringLiteral("minji"), profileDir);
    m_minji->session->start();
    m_settingsDir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_settingsDir->filePath(QStringLiteral("ui.ini")),
                                             QSettings::IniFormat);
    m_manager = std::make_unique<ChatWindowManager>(*m_minji->session, *m_settings);
}

void TestChatWindow::init()
{
    const QString name = QString::fromLatin1(QTest::currentTestFunction());
    if (name != QLatin1String("retryOfAFailedMessageSendsIt"))
        startMinji();
}

void TestChatWindow::cleanup()
{
    m_manager.reset();
    m_settings.reset();
    m_minji.reset();
}

ChatWindow* TestChatWindow::open(const QString& itemKey)
{
    m_manager->openRoom(itemKey);
    ChatWindow* window = m_manager->window(itemKey);
    if (window && !QTest::qWaitForWindowActive(window))
        qWarning("the chat window did not become active");
    return window;
}

void TestChatWindow::opensTheRoomWithItsMessages()
{
    const protocol::Node room = test::readValue(m_jiwoo->client, market::paths::room(m_calculus));
    QVERIFY(room.childCount() > 0);
    ChatWindow* window = open(m_calculus);
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->model().rowCount(), int(room.childCount()), kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(window->windowTitle().startsWith(QStringLiteral("미적분학")),
                             kTimeout);
    QVERIFY(window->windowTitle().endsWith(QStringLiteral(" — Oiso Chat")));
    auto* price = window->header()->findChild<QLabel*>(QStringLiteral("itemPrice"));
    QVERIFY(price->text().endsWith(QStringLiteral("원")));
    auto* seller = window->header()->findChild<QLabel*>(QStringLiteral("itemSeller"));
    QVERIFY(seller->text().contains(QStringLiteral("minji")));
    QTRY_VERIFY_WITH_TIMEOUT(window->header()->hasPhoto(), kTimeout); // from /static/images
    // The status in the chat list's pill, the connection with a green dot.
    auto* status = window->header()->findChild<ui::StatusPillLabel*>(QStringLiteral("itemStatus"));
    QVERIFY(status && status->isVisible());
    QCOMPARE(status->text(), QStringLiteral("On sale"));
    QCOMPARE(status->tone(), ui::Tone::Accent);
    QTRY_COMPARE_WITH_TIMEOUT(window->connectionText(), QStringLiteral("Live"), kTimeout);
    QCOMPARE(window->connectionLine()->tone(), ui::Tone::Positive);
    // The newest message is in view, and every row's key is one of the room's.
    QVERIFY(window->view()->isAtBottom());
    for (int row = 0; row < window->model().rowCount(); ++row)
        QVERIFY(room.child(window->model().keyAt(row).toStdString()));
}

void TestChatWindow::oneWindowPerItem()
{
    ChatWindow* first = open(m_calculus);
    QVERIFY(first);
    m_manager->openRoom(m_calculus);
    QCOMPARE(m_manager->window(m_calculus), first);
    QCOMPARE(m_manager->windowCount(), 1);
    QVERIFY(m_manager->isRoomInFront(m_calculus));
    open(m_seeded);
    QCOMPARE(m_manager->windowCount(), 2);
    QVERIFY(!m_manager->isRoomInFront(m_calculus));
    m_manager->openRoom(m_calculus); // raised and activated again
    QTRY_VERIFY(m_manager->isRoomInFront(m_calculus));
}

void TestChatWindow::sendShowsSendingThenSent()
{
    ChatWindow* window = open(m_calculus);
    QTRY_VERIFY_WITH_TIMEOUT(window->model().rowCount() > 0, kTimeout);
    const QString body = QStringLiteral("See you at the library at 3");
    QTest::keyClicks(window->composer(), body);
    QTest::keyClick(window->composer(), Qt::Key_Return);
    // The local echo is there at once, as sending.
    const int row = rowWithText(window->model(), body);
    QVERIFY(row >= 0);
    QCOMPARE(deliveryOf(window->model(), row), Delivery::Sending);
    QVERIFY(window->model().index(row).data(MessageModel::MineRole).toBool());
    QCOMPARE(window->composer()->toPlainText(), QString());
    QVERIFY(window->view()->isAtBottom());
    const QString key = window->model().keyAt(row);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(window->model(), window->model().rowOfKey(key)),
                              Delivery::Sent, kTimeout);
    QCOMPARE(serverCountOf(m_jiwoo->client, m_calculus, body), 1);
}

void TestChatWindow::messageFromAnotherClientAppearsLive()
{
    ChatWindow* window = open(m_calculus);
    QTRY_COMPARE_WITH_TIMEOUT(window->connectionText(), QStringLiteral("Live"), kTimeout);
    const QString key = QString::fromStdString(m_jiwoo->client.newPushId());
    protocol::Node message =
        protocol::Node::object({{"id", text(QStringLiteral("jiwoo"))},
                                {"msg", text(QStringLiteral("아직 있나요?"))},
                                {"timestamp", rtdb::RtdbClient::serverTimestamp()}});
    QVERIFY(test::finished(m_jiwoo->client.set(market::paths::message(m_calculus, key), message))
                ->ok());
    QTRY_VERIFY_WITH_TIMEOUT(window->model().rowOfKey(key) >= 0, kTimeout);
    const QModelIndex index = window->model().index(window->model().rowOfKey(key));
    QCOMPARE(index.data(MessageModel::SenderRole).toString(), QStringLiteral("jiwoo"));
    QCOMPARE(index.data(MessageModel::MineRole).toBool(), false);
    QVERIFY(window->view()->isAtBottom()); // followed, since the reader was at the bottom
}

void TestChatWindow::olderPagesLoadWithoutMovingTheView()
{
    ChatWindow* window = open(m_seeded);
    MessageModel& model = window->model();
    ui::MessageView* view = window->view();
    QScrollBar* bar = view->verticalScrollBar();
    market::ChatRoomService& room = m_minji->session->room(m_seeded);
    // The first page (30) is less than two screens above the newest message here, so pages are
    // added until there are two screens; the view stays at the newest message meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() >= market::ChatRoomService::kFirstPage, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        !room.isLoadingOlder() && bar->value() >= 2 * view->viewport()->height(), kTimeout);
    QVERIFY(view->isAtBottom());
    QVERIFY(model.rowCount() < 200);

    while (model.rowCount() < 200) {
        const int before = model.rowCount();
        // Scroll up to within two screens of the top: the next page is asked for.
        bar->setValue(view->viewport()->height() / 2);
        const QPersistentModelIndex top = view->indexAt(QPoint(view->viewport()->width() / 2, 0));
        QVERIFY(top.isValid());
        const int topY = view->visualRect(top).top();
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > before, kTimeout);
        // The view held still: the same message at the same place.
        QTRY_COMPARE(view->visualRect(top).top(), topY);
        QCOMPARE(view->indexAt(QPoint(view->viewport()->width() / 2, 0)), QModelIndex(top));
    }
    // All 200, oldest first, and nothing more to load.
    QVERIFY(!m_minji->session->room(m_seeded).hasOlder());
    QCOMPARE(model.index(0).data(MessageModel::TextRole).toString(), QStringLiteral("메시지 0"));
}

void TestChatWindow::refusedSendFailsWithRetryAndDelete()
{
    // The server refuses the write for good (the message's path is longer than the database
    // allows): the message fails at once, with its reason, Retry and Delete.
    ChatWindow* window = open(m_unwritable);
    QTest::keyClicks(window->composer(), QStringLiteral("this cannot be stored"));
    QTest::keyClick(window->composer(), Qt::Key_Return);
    MessageModel& model = window->model();
    QCOMPARE(model.rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(model, 0), Delivery::Failed, kTimeout);
    QVERIFY(!model.index(0).data(MessageModel::ErrorRole).toString().isEmpty());

    ui::MessageView* view = window->view();
    const QRect row = view->visualRect(model.index(0));
    auto* delegate = qobject_cast<ui::MessageDelegate*>(view->itemDelegate());
    const ui::MessageGeometry g = delegate->geometry(model.index(0), view->font(), row.width());
    QVERIFY(!g.retry.isEmpty());
    QVERIFY(!g.remove.isEmpty());

    // Retry is refused again; Delete takes it away for good.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.topLeft() + g.retry.center());
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(model, 0), Delivery::Failed, kTimeout);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.topLeft() + g.remove.center());
    QTRY_COMPARE(model.rowCount(), 0);
    QTRY_COMPARE(m_minji->session->outbox().countForRoom(m_unwritable), 0);
}

void TestChatWindow::retryOfAFailedMessageSendsIt()
{
    // A message that failed in an earlier run is in the outbox, failed: the window shows it with
    // Retry, and Retry sends it.
    QTemporaryDir profile;
    const QString key = QString::fromStdString(m_jiwoo->client.newPushId());
    const QString body = QStringLiteral("다시 보내 주세요");
    {
        market::OutboxStore outbox(profile.filePath(QStringLiteral("profile.sqlite")));
        QVERIFY(outbox.isOpen());
        market::OutboxEntry entry;
        entry.room = m_calculus;
        entry.key = key;
        entry.senderId = QStringLiteral("minji");
        entry.text = body;
        entry.createdMs = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(outbox.enqueue(entry));
        QVERIFY(outbox.markFailed(key, QStringLiteral("The server refused this message.")));
    }
    startMinji(profile.path());
    ChatWindow* window = open(m_calculus);
    MessageModel& model = window->model();
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOfKey(key) >= 0, kTimeout);
    QCOMPARE(deliveryOf(model, model.rowOfKey(key)), Delivery::Failed);
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 1, kTimeout); // the room's messages too

    ui::MessageView* view = window->view();
    view->scrollToNewest();
    const QModelIndex index = model.index(model.rowOfKey(key));
    const QRect row = view->visualRect(index);
    auto* delegate = qobject_cast<ui::MessageDelegate*>(view->itemDelegate());
    const ui::MessageGeometry g = delegate->geometry(index, view->font(), row.width());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.topLeft() + g.retry.center());
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(model, model.rowOfKey(key)), Delivery::Sent, kTimeout);
    QCOMPARE(serverCountOf(m_jiwoo->client, m_calculus, body), 1);
    m_manager.reset(); // before the profile folder goes
    m_minji.reset();
}

void TestChatWindow::escapeClosesAndGeometryIsRemembered()
{
    ChatWindow* window = open(m_calculus);
    window->resize(510, 700);
    QSignalSpy closed(m_manager.get(), &ChatWindowManager::windowClosed);
    QTest::keyClick(window->composer(), Qt::Key_Escape);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(m_manager->windowCount(), 0);
    QVERIFY(m_settings->contains(ChatWindowManager::geometryKey(m_calculus)));

    ChatWindow* again = open(m_calculus);
    QCOMPARE(again->size(), QSize(510, 700));
}

void TestChatWindow::shiftEnterAndTheDraft()
{
    ChatWindow* window = open(m_calculus);
    QTRY_VERIFY_WITH_TIMEOUT(window->model().rowCount() > 0, kTimeout);
    const int rows = window->model().rowCount();
    QTest::keyClicks(window->composer(), QStringLiteral("line one"));
    QTest::keyClick(window->composer(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(window->composer(), QStringLiteral("line two"));
    QCOMPARE(window->composer()->toPlainText(), QStringLiteral("line one\nline two"));
    QCOMPARE(window->model().rowCount(), rows);
    // Saved a moment after typing stops, and on close; back when the room opens again.
    QTRY_COMPARE(m_minji->session->room(m_calculus).draft(), QStringLiteral("line one\nline two"));
    window->close();
    QTRY_COMPARE(m_manager->windowCount(), 0);
    ChatWindow* again = open(m_calculus);
    QCOMPARE(again->composer()->toPlainText(), QStringLiteral("line one\nline two"));
}

void TestChatWindow::hangulCompositionSendsOnce()
{
    ChatWindow* window = open(m_calculus);
    QTRY_VERIFY_WITH_TIMEOUT(window->model().rowCount() > 0, kTimeout);
    const int rows = window->model().rowCount();
    ui::Composer* composer = window->composer();
    composer->insertPlainText(QStringLiteral("안녕하세"));
    QInputMethodEvent preedit(QStringLiteral("요"), {});
    QCoreApplication::sendEvent(composer, &preedit);
    QInputMethodEvent commit;
    commit.setCommitString(QStringLiteral("요"));
    QCoreApplication::sendEvent(composer, &commit);
    QTest::keyClick(composer, Qt::Key_Return);
    // Then Enter while the next message's last syllable is still being composed, and the input
    // method committing it late.
    composer->insertPlainText(QStringLiteral("감사합니"));
    QInputMethodEvent preedit2(QStringLiteral("다"), {});
    QCoreApplication::sendEvent(composer, &preedit2);
    QTest::keyClick(composer, Qt::Key_Return);
    QInputMethodEvent late;
    late.setCommitString(QStringLiteral("다"));
    QCoreApplication::sendEvent(composer, &late);

    QCOMPARE(window->model().rowCount(), rows + 2);
    QCOMPARE(composer->toPlainText(), QString());
    const int first = rowWithText(window->model(), QStringLiteral("안녕하세요"));
    const int second = rowWithText(window->model(), QStringLiteral("감사합니다"));
    QVERIFY(first >= 0 && second > first);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryOf(window->model(), second), Delivery::Sent, kTimeout);
    QCOMPARE(serverCountOf(m_jiwoo->client, m_calculus, QStringLiteral("감사합니다")), 1);
}

void TestChatWindow::tooLongIsRefusedWithTheRulesText()
{
    ChatWindow* window = open(m_calculus);
    QTRY_VERIFY_WITH_TIMEOUT(window->model().rowCount() > 0, kTimeout);
    const int rows = window->model().rowCount();
    const QString tooLong(market::kMaxMessageLength + 1, QLatin1Char('a'));
    window->composerBar()->setText(tooLong);
    QLabel* counter = window->composerBar()->counter();
    QVERIFY(counter->isVisible());
    QCOMPARE(counter->text(), QStringLiteral("2,001/2,000"));
    QTest::keyClick(window->composer(), Qt::Key_Return);
    QCOMPARE(window->model().rowCount(), rows);
    QCOMPARE(window->errorText(), market::checkMessageText(tooLong).userMessage());
    QCOMPARE(window->composer()->toPlainText(), tooLong); // nothing lost

    window->composerBar()->setText(QString(1950, QLatin1Char('b')));
    QCOMPARE(counter->text(), QStringLiteral("1,950/2,000"));
    window->composerBar()->setText(QStringLiteral("short"));
    QVERIFY(!counter->isVisible());
}

void TestChatWindow::marksReadWhenActiveAtTheBottom()
{
    ChatWindow* window = open(m_calculus);
    QTRY_VERIFY_WITH_TIMEOUT(window->model().rowCount() > 0, kTimeout);
    QVERIFY(window->isActiveWindow());
    MessageModel& model = window->model();
    QTRY_COMPARE_WITH_TIMEOUT(m_minji->session->cache().roomMeta(m_calculus).readKey,
                              model.keyAt(model.rowCount() - 1), kTimeout);
}

void TestChatWindow::keyboardReachesEveryControlWithAName()
{
    ChatWindow* window = open(m_calculus);
    QTRY_VERIFY_WITH_TIMEOUT(window->model().rowCount() > 0, kTimeout);
    // Writing first: the composer has the focus, Tab goes on to Send, then to the messages.
    QTRY_COMPARE(QApplication::focusWidget(), window->composer());
    QTest::keyClicks(window->composer(), QStringLiteral("hi"));
    QTest::keyClick(window->composer(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), window->composerBar()->sendButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), window->view());
    QVERIFY(window->view()->currentIndex().isValid()); // a message to act on, no jump to the top
    QVERIFY(window->view()->isAtBottom());

    // Everything that can take the focus says what it is.
    const QList<QWidget*> widgets = window->findChildren<QWidget*>();
    for (QWidget* widget : widgets) {
        if (!(widget->focusPolicy() & Qt::TabFocus))
            continue;
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        QVERIFY2(accessible && !accessible->text(QAccessible::Name).isEmpty(),
                 qPrintable(QString::fromLatin1(widget->metaObject()->className()) +
                            QLatin1Char(' ') + widget->objectName()));
    }
    QVERIFY(!window->accessibleName().isEmpty());
    QVERIFY(!window->model().index(0).data(Qt::AccessibleTextRole).toString().isEmpty());
}

QTEST_MAIN(TestChatWindow)
#include "tst_chat_window.moc"
