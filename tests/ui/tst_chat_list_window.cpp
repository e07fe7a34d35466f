// The chat list window end to end: the real market services against the embedded server with
// the demo market, in-process, driven like a user (widgets by object name, mouse and keys).

#include "shell_test_support.h"
#include "ui/chatlist/chat_list_delegate.h"
#include "ui/chatlist/chat_list_filter_model.h"
#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_page.h"
#include "ui/chatlist/chat_list_toolbar.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/shell/app_main.h"

#include <QAction>
#include <QApplication>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

using namespace oiso;
using oiso::market::ListKind;
using oiso::ui::ChatListModel;
using oiso::ui::ChatListPage;
using oiso::ui::ChatListWindow;

namespace {

constexpr int kWaitMs = 20'000;

QString tabText(const ChatListWindow& window, ListKind kind)
{
    return window.findChild<QTabWidget*>(QStringLiteral("sectionTabs"))->tabText(int(kind));
}

// The view index of the row of an item in a page, after the filter.
QModelIndex viewIndexOf(ChatListPage& page, const QString& itemKey)
{
    const int row = page.model().rowOfItem(itemKey);
    if (row < 0)
        return {};
    return page.filter().mapFromSource(page.model().index(row));
}

} // namespace

class TestChatListWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheDemoMarketWithItsCounts();
    void rowsCarryTheItemsFacts();
    void messageFromAnotherClientAppearsLive();
    void doubleClickAndEnterOpenTheRoom();
    void contextMenuOpensTheRoom();
    void purchaseCompleteWritesBuylistOnce();
    void purchaseButtonInTheRowAsksFirst();
    void filterBoxFindsItemsByName();
    void connectionStateIsShown();
    void geometryAndSectionAreRemembered();
    void everyControlHasAnAccessibleName();
    void toolBarFitsItsWindow();
    void toolBarMoreButtonFollowsThePalette();

private:
    std::unique_ptr<test::EmbeddedServer> m_server;
    std::unique_ptr<test::DemoUser> m_minji;
    QString m_laptop, m_kettle, m_calculus;
    std::unique_ptr<QTemporaryDir> m_settingsDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<QNetworkAccessManager> m_imageNetwork;
    std::unique_ptr<ui::ThumbnailLoader> m_thumbnails;
    test::FakeRoomOpener m_opener;
    std::unique_ptr<ChatListWindow> m_window;

    ChatListPage& page(ListKind kind) { return m_window->page(kind); }
    void waitForDemoLists();
};

void TestChatListWindow::initTestCase()
{
    ui::initUiResources();
    m_server = std::make_unique<test::EmbeddedServer>(test::demoServer());
    m_minji = std::make_unique<test::DemoUser>(*m_server, QStringLiteral("minji"));
    m_laptop = test::demoItemKey(m_minji->net.client, QStringLiteral("LG 그램"));
    m_kettle = test::demoItemKey(m_minji->net.client, QStringLiteral("무선 전기포트"));
    m_calculus = test::demoItemKey(m_minji->net.client, QStringLiteral("미적분학"));
}

void TestChatListWindow::init()
{
    m_window.reset(); // it writes its geometry into the settings it was given
    m_settingsDir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(m_settingsDir->filePath(QStringLiteral("s.ini")),
                                             QSettings::IniFormat);
    m_imageNetwork = std::make_unique<QNetworkAccessManager>();
    m_thumbnails = std::make_unique<ui::ThumbnailLoader>(
        *m_imageNetwork,
        ui::ThumbnailLoader::Options{m_settingsDir->filePath(QStringLiteral("thumbs"))});
    m_opener.opened.clear();
    m_window = std::make_unique<ChatListWindow>(m_minji->list(), m_thumbnails.get(), m_opener,
                                                *m_settings);
    m_window->setAccount(QStringLiteral("minji"), true);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    waitForDemoLists();
}

void TestChatListWindow::cleanup()
{
    m_window.reset();
    m_thumbnails.reset();
    m_imageNetwork.reset();
    m_settings.reset();
}

void TestChatListWindow::waitForDemoLists()
{
    // The service has read the server (every list at least as long as the seed made it; tests
    // add purchases), and the window shows exactly what it holds.
    const test::DemoCounts seeded = test::demoCountsFromTemplate(QStringLiteral("minji"));
    const std::pair<ListKind, int> lists[] = {{ListKind::Selling, seeded.selling},
                                              {ListKind::Buying, seeded.buying},
                                              {ListKind::Purchased, seeded.purchased}};
    for (const auto& [kind, count] : lists) {
        QTRY_VERIFY_WITH_TIMEOUT(int(m_minji->list().rows(kind).size()) >= count, kWaitMs);
        QTRY_COMPARE(page(kind).model().rowCount(), int(m_minji->list().rows(kind).size()));
    }
}

void TestChatListWindow::showsTheDemoMarketWithItsCounts()
{
    // The template's own figures, and the README's: minji sells 4, buys in 5 rooms, bought 1.
    const test::DemoCounts expected = test::demoCountsFromTemplate(QStringLiteral("minji"));
    QCOMPARE(expected.selling, 4);
    QCOMPARE(expected.buying, 5);
    QCOMPARE(expected.purchased, 1);
    QCOMPARE(tabText(*m_window, ListKind::Selling), QStringLiteral("Selling (4)"));
    QCOMPARE(tabText(*m_window, ListKind::Buying), QStringLiteral("Buying (5)"));
    QCOMPARE(tabText(*m_window, ListKind::Purchased), QStringLiteral("Purchased (1)"));
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("minji")));
    auto* account = m_window->findChild<QLabel*>(QStringLiteral("accountLabel"));
    QVERIFY(account->text().contains(QStringLiteral("Demo")));

    // For review: the window as painted, once its thumbnails are in.
    const QString shots = qEnvironmentVariable("OISO_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        m_window->resize(560, 680);
        m_window->showSection(ListKind::Buying);
        ChatListModel& buying = page(ListKind::Buying).model();
        for (int row = 0; row < buying.rowCount(); ++row)
            m_thumbnails->thumbnail(buying.rowAt(row)->imageUrl);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < buying.rowCount(); ++row) {
                    if (m_thumbnails->status(buying.rowAt(row)->imageUrl) ==
                        ui::ThumbnailLoader::Status::Loading)
                        return false;
                }
                return true;
            }(),
            kWaitMs);
        QVERIFY(m_window->grab().save(shots + QStringLiteral("/chat-list.png")));
    }
}

void TestChatListWindow::rowsCarryTheItemsFacts()
{
    ChatListModel& selling = page(ListKind::Selling).model();
    // Looked up afresh each time: rows move while the rooms are reconciled (newest first), and a
    // QModelIndex kept across that would read another row.
    auto calculus = [&] { return selling.index(selling.rowOfItem(m_calculus)); };
    QVERIFY(selling.rowOfItem(m_calculus) >= 0);
    QCOMPARE(calculus().data(ChatListModel::PriceTextRole).toString(), QStringLiteral("15,000원"));
    QCOMPARE(calculus().data(ChatListModel::StatusRole).toString(), QStringLiteral("판매중"));
    // junho and jiwoo wrote in minji's calculus book room.
    QTRY_COMPARE_WITH_TIMEOUT(calculus().data(ChatListModel::BuyersRole).toInt(), 2, kWaitMs);
    const QModelIndex index = calculus();
    QVERIFY(!index.data(ChatListModel::LastMessageRole).toString().isEmpty());
    QVERIFY(index.data(ChatListModel::LastTimeRole).toDateTime().isValid());
    const QUrl image = index.data(ChatListModel::ImageUrlRole).toUrl();
    QVERIFY(image.isValid());
    // The thumbnail comes from the embedded server, decoded off the GUI thread.
    m_thumbnails->thumbnail(image);
    QTRY_COMPARE_WITH_TIMEOUT(m_thumbnails->status(image), ui::ThumbnailLoader::Status::Ready,
                              kWaitMs);
    QVERIFY(!m_thumbnails->thumbnail(image).isNull());

    // The purchased calculator is marked on its Buying row and cannot be purchased again.
    ChatListModel& purchased = page(ListKind::Purchased).model();
    QCOMPARE(purchased.rowAt(0)->name, QStringLiteral("공학용 계산기 fx-570"));
}

void TestChatListWindow::messageFromAnotherClientAppearsLive()
{
    ChatListPage& buying = page(ListKind::Buying);
    m_window->showSection(ListKind::Buying);
    // minji is reading another row; it must stay selected through the update.
    const int kettleRow = buying.model().rowOfItem(m_kettle);
    buying.view().setCurrentIndex(buying.filter().mapFromSource(buying.model().index(kettleRow)));

    // junho, on his own client (another profile, another connection), answers in the laptop room.
    test::DemoUser junho(*m_server, QStringLiteral("junho"));
    const QString text = QStringLiteral("네 아직 판매 중이에요! 내일 3시 괜찮으세요?");
    QCOMPARE(junho.session->room(m_laptop).send(text), QString());

    QTRY_COMPARE_WITH_TIMEOUT(
        viewIndexOf(buying, m_laptop).data(ChatListModel::LastMessageRole).toString(), text,
        kWaitMs);
    QVERIFY(viewIndexOf(buying, m_laptop).data(ChatListModel::UnreadRole).toInt() > 0);
    QCOMPARE(viewIndexOf(buying, m_laptop).row(), 0); // newest first
    QCOMPARE(buying.view().currentIndex().data(ChatListModel::ItemKeyRole).toString(), m_kettle);
    QVERIFY(buying.view().selectionModel()->isSelected(buying.view().currentIndex()));
}

void TestChatListWindow::doubleClickAndEnterOpenTheRoom()
{
    m_window->showSection(ListKind::Buying);
    ChatListPage& buying = page(ListKind::Buying);
    const QModelIndex laptop = viewIndexOf(buying, m_laptop);
    QVERIFY(laptop.isValid());
    const QRect rect = buying.view().visualRect(laptop);
    // Away from the row's purchase button, which takes its own clicks.
    const QPoint point(rect.left() + rect.width() / 4, rect.center().y());
    QTest::mouseClick(buying.view().viewport(), Qt::LeftButton, {}, point);
    QTest::mouseDClick(buying.view().viewport(), Qt::LeftButton, {}, point);
    QCOMPARE(m_opener.opened, QStringList{m_laptop});

    m_window->showSection(ListKind::Selling);
    ChatListPage& selling = page(ListKind::Selling);
    selling.view().setCurrentIndex(viewIndexOf(selling, m_calculus));
    selling.view().setFocus();
    QTest::keyClick(&selling.view(), Qt::Key_Return);
    QCOMPARE(m_opener.opened, (QStringList{m_laptop, m_calculus}));

    // The Chat menu's action opens the current row too.
    auto* open = m_window->findChild<QAction*>(QStringLiteral("openChatAction"));
    QVERIFY(open->isEnabled());
    open->trigger();
    QCOMPARE(m_opener.opened.last(), m_calculus);
}

void TestChatListWindow::contextMenuOpensTheRoom()
{
    m_window->showSection(ListKind::Buying);
    ChatListPage& buying = page(ListKind::Buying);
    const QModelIndex kettle = viewIndexOf(buying, m_kettle);
    bool sawMenu = false;
    // The menu runs its own loop: act on it once it is up.
    QTimer::singleShot(0, this, [&sawMenu] {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu)
            return;
        sawMenu = true;
        QVERIFY(menu->findChild<QAction*>(QStringLiteral("purchaseContextAction")));
        menu->findChild<QAction*>(QStringLiteral("openChatContextAction"))->trigger();
        menu->close();
    });
    const QPoint point = buying.view().visualRect(kettle).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, point,
                            buying.view().viewport()->mapToGlobal(point));
    QApplication::sendEvent(buying.view().viewport(), &event);
    QTRY_VERIFY(sawMenu);
    QTRY_COMPARE(m_opener.opened, QStringList{m_kettle});
}

void TestChatListWindow::purchaseCompleteWritesBuylistOnce()
{
    m_window->showSection(ListKind::Buying);
    ChatListPage& buying = page(ListKind::Buying);
    buying.view().setCurrentIndex(viewIndexOf(buying, m_kettle));
    auto* action = m_window->findChild<QAction*>(QStringLiteral("purchaseAction"));
    QVERIFY(action->isEnabled());
    auto* toolBar = m_window->findChild<QToolBar*>(QStringLiteral("chatListToolBar"));
    auto* button = qobject_cast<QToolButton*>(toolBar->widgetForAction(action));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);

    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = m_window->findChild<QMessageBox*>(
                     QStringLiteral("purchaseConfirmDialog"))) != nullptr);
    QVERIFY(confirm->text().contains(QStringLiteral("무선 전기포트")));
    QSignalSpy finished(&m_minji->list(), &market::ChatListService::purchaseFinished);
    QTest::mouseClick(confirm->findChild<QPushButton*>(QStringLiteral("confirmPurchaseButton")),
                      Qt::LeftButton);
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.first().at(1).toString(), QString());

    QTRY_COMPARE_WITH_TIMEOUT(tabText(*m_window, ListKind::Purchased),
                              QStringLiteral("Purchased (2)"), kWaitMs);
    QTRY_VERIFY(!action->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(
        viewIndexOf(buying, m_kettle).data(ChatListModel::PurchasedRole).toBool(), kWaitMs);

    // The web app's shape, exactly once, whatever is clicked afterwards.
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("purchaseConfirmDialog")));
    action->trigger();
    QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("purchaseConfirmDialog")));
    auto reply = test::finished(m_minji->net.client.get(test::dbPath("buylist/minji")));
    int entries = 0;
    for (const auto& [key, value] : reply->value().children()) {
        const protocol::Node* itemKey = value.child("item_key");
        if (itemKey && QString::fromStdString(itemKey->stringValue()) == m_kettle) {
            ++entries;
            QVERIFY(value.child("name"));
            QVERIFY(value.child("price"));
            QVERIFY(value.child("img_path"));
        }
    }
    QCOMPARE(entries, 1);
}

void TestChatListWindow::purchaseButtonInTheRowAsksFirst()
{
    m_window->showSection(ListKind::Buying);
    ChatListPage& buying = page(ListKind::Buying);
    const QModelIndex hoodie =
        viewIndexOf(buying, test::demoItemKey(m_minji->net.client, QStringLiteral("과잠")));
    QVERIFY(hoodie.data(ChatListModel::PurchasableRole).toBool());
    QStyleOptionViewItem option;
    option.initFrom(&buying.view());
    option.rect = buying.view().visualRect(hoodie);
    const QRect buttonRect = buying.delegate().purchaseButtonRect(option, hoodie);
    QVERIFY(!buttonRect.isEmpty());
    QTest::mouseClick(buying.view().viewport(), Qt::LeftButton, {}, buttonRect.center());
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = m_window->findChild<QMessageBox*>(
                     QStringLiteral("purchaseConfirmDialog"))) != nullptr);
    QVERIFY(m_opener.opened.isEmpty()); // the button does not open the chat
    QTest::mouseClick(confirm->findChild<QPushButton*>(QStringLiteral("cancelPurchaseButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("purchaseConfirmDialog")));
    QVERIFY(hoodie.data(ChatListModel::PurchasableRole).toBool());
}

void TestChatListWindow::filterBoxFindsItemsByName()
{
    m_window->showSection(ListKind::Buying);
    auto* filter = m_window->findChild<QLineEdit*>(QStringLiteral("filterEdit"));
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(filter->hasFocus());
    // Hangul arrives through the input method: a preedit syllable, then the committed text.
    QInputMethodEvent composing(QStringLiteral("그"), {});
    QApplication::sendEvent(filter, &composing);
    QInputMethodEvent committed;
    committed.setCommitString(QStringLiteral("그램"));
    QApplication::sendEvent(filter, &committed);
    QCOMPARE(filter->text(), QStringLiteral("그램"));
    ChatListPage& buying = page(ListKind::Buying);
    QCOMPARE(buying.filter().rowCount(), 1);
    QCOMPARE(buying.filter().index(0, 0).data(ChatListModel::ItemKeyRole).toString(), m_laptop);
    QCOMPARE(page(ListKind::Selling).filter().rowCount(), 0);
    // Enter goes to the first match, a second Enter opens it.
    QTest::keyClick(filter, Qt::Key_Return);
    QVERIFY(buying.view().hasFocus());
    QTest::keyClick(&buying.view(), Qt::Key_Return);
    QCOMPARE(m_opener.opened, QStringList{m_laptop});

    filter->setFocus();
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(buying.filter().rowCount(), 5);
    filter->setText(QStringLiteral("LG"));
    QCOMPARE(buying.filter().rowCount(), 1);
    filter->setText(QStringLiteral("ㅈㅈㄱ")); // 초성: 자전거
    QCOMPARE(buying.filter().rowCount(), 1);
    filter->clear();
}

void TestChatListWindow::connectionStateIsShown()
{
    auto* label = m_window->findChild<QLabel*>(QStringLiteral("connectionLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), QStringLiteral("Live"), kWaitMs);
    QTRY_VERIFY(!m_window->findChild<QWidget*>(QStringLiteral("connectionBar"))->isVisible());
}

void TestChatListWindow::geometryAndSectionAreRemembered()
{
    m_window->showSection(ListKind::Purchased);
    m_window->resize(640, 520);
    m_window->close();
    m_window.reset();
    ChatListWindow again(m_minji->list(), m_thumbnails.get(), m_opener, *m_settings);
    QCOMPARE(again.findChild<QTabWidget*>(QStringLiteral("sectionTabs"))->currentIndex(),
             int(ListKind::Purchased));
    QCOMPARE(again.size(), QSize(640, 520));
}

void TestChatListWindow::everyControlHasAnAccessibleName()
{
    for (QWidget* widget : m_window->findChildren<QWidget*>()) {
        if (!widget->isVisibleTo(m_window.get()) || widget->focusPolicy() == Qt::NoFocus)
            continue;
        QString name = widget->accessibleName();
        if (auto* button = qobject_cast<QAbstractButton*>(widget); button && name.isEmpty())
            name = button->text();
        if (qobject_cast<QTabBar*>(widget) || qobject_cast<QMenuBar*>(widget))
            continue; // their items carry the names
        const QString what =
            QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName();
        QVERIFY2(!name.isEmpty(), qPrintable(what));
    }
}

void TestChatListWindow::toolBarFitsItsWindow()
{
    auto* bar = m_window->findChild<ui::ChatListToolBar*>(QStringLiteral("chatListToolBar"));
    QVERIFY(bar);
    const QStringList names = {QStringLiteral("unreadFirstAction"),
                               QStringLiteral("openChatAction"), QStringLiteral("purchaseAction")};
    const auto button = [&](const QString& name) {
        return bar->buttonFor(m_window->findChild<QAction*>(name));
    };
    // Every button is on the bar, none in its "more" menu, named without a mnemonic.
    const auto allOnTheBar = [&] {
        if (bar->moreButton() && bar->moreButton()->isVisible())
            return false;
        for (const QString& name : names) {
            QToolButton* b = button(name);
            if (!b || !b->isVisible() || !bar->rect().contains(b->geometry()))
                return false;
        }
        return true;
    };
    for (const QString& name : names) {
        QVERIFY(button(name));
        QVERIFY2(!button(name)->text().contains(u'&'), qPrintable(button(name)->text()));
        QVERIFY(!button(name)->icon().isNull());
    }
    QCOMPARE(button(QStringLiteral("purchaseAction"))->text(),
             QStringLiteral("Purchase complete…"));

    // The default size (no saved geometry): all there, "Purchase complete" with its name.
    QTRY_VERIFY(allOnTheBar());
    QCOMPARE(button(QStringLiteral("purchaseAction"))->toolButtonStyle(),
             Qt::ToolButtonTextBesideIcon);
    // Wide: every name beside its icon.
    m_window->resize(1100, m_window->height());
    QTRY_VERIFY(allOnTheBar());
    for (const QString& name : names)
        QTRY_COMPARE(button(name)->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
    // Narrow: the icons alone, still all on the bar.
    m_window->resize(340, m_window->height());
    QTRY_COMPARE(m_window->width(), 340);
    QTRY_VERIFY(allOnTheBar());
    for (const QString& name : names)
        QCOMPARE(button(name)->toolButtonStyle(), Qt::ToolButtonIconOnly);
    QVERIFY(!button(QStringLiteral("purchaseAction"))->toolTip().isEmpty());
}

void TestChatListWindow::toolBarMoreButtonFollowsThePalette()
{
    // Where the window is too narrow even for the icons, the bar's "more" button appears; in a
    // dark palette it must be drawn light (the style's own picture is dark grey, nearly
    // invisible there).
    QPalette dark = m_window->palette();
    dark.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x30));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3d));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    m_window->setPalette(dark);
    auto* bar = m_window->findChild<ui::ChatListToolBar*>(QStringLiteral("chatListToolBar"));
    QVERIFY(bar->moreButton());
    const QImage image = bar->moreButton()->icon().pixmap(QSize(16, 16)).toImage();
    int inked = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() == 255) {
                ++inked;
                QCOMPARE(pixel.rgb(), QColor(0xe8, 0xe8, 0xe8).rgb());
            }
        }
    }
    QVERIFY(inked > 0);
}

QTEST_MAIN(TestChatListWindow)
#include "tst_chat_list_window.moc"
