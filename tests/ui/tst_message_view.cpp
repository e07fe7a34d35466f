// The message list over a scripted room: the delegate's cached heights and hit areas, and the
// view keeping the reader's place (stick to the bottom, the "N new" pill, rows inserted above
// without moving what is on screen, asking for older pages near the top, no sliver of a cut row
// at the top edge).

#include "fake_message_source.h"
#include "ui/chat/message_delegate.h"
#include "ui/chat/message_model.h"
#include "ui/chat/message_view.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using oiso::test::FakeMessageSource;
using oiso::test::roomMessage;
using oiso::ui::MessageDelegate;
using oiso::ui::MessageModel;
using oiso::ui::MessageView;
using Delivery = oiso::market::RoomMessage::Delivery;

namespace {

QDateTime base()
{
    return QDateTime(QDate(2026, 11, 30), QTime(9, 0));
}

QString key(int n)
{
    return QStringLiteral("-Nk%1").arg(n, 5, 10, QLatin1Char('0'));
}

// Alternating senders, a minute apart, some long enough to wrap.
oiso::market::RoomMessage numbered(int n)
{
    const bool mine = n % 3 == 0;
    QString text = QStringLiteral("메시지 %1 — message number %1").arg(n);
    if (n % 4 == 0)
        text += QStringLiteral(" with a longer tail that wraps onto another line or two 😀");
    return roomMessage(key(n), mine ? QStringLiteral("minji") : QStringLiteral("junho"), text,
                       base().addSecs(60 * n), mine);
}

std::vector<oiso::market::RoomMessage> range(int from, int to)
{
    std::vector<oiso::market::RoomMessage> rows;
    for (int n = from; n < to; ++n)
        rows.push_back(numbered(n));
    return rows;
}

struct Fixture {
    explicit Fixture(std::vector<oiso::market::RoomMessage> rows)
        : source(std::move(rows))
        , model(source)
        , delegate(model)
        , view(model, delegate)
    {
        view.resize(360, 420);
        view.show();
    }
    QScrollBar* bar() { return view.verticalScrollBar(); }

    FakeMessageSource source;
    MessageModel model;
    MessageDelegate delegate;
    MessageView view;
};

} // namespace

class TestMessageView : public QObject {
    Q_OBJECT

private slots:
    void heightsAreCachedPerKeyAndWidth();
    void changeDropsTheCachedHeight();
    void groupingChangesHeights();
    void retryAndDeleteAreClickable();
    void failedMessageMenuByKeyboard();
    void followsNewMessagesAtTheBottom();
    void pillCountsNewMessagesWhenScrolledUp();
    void myOwnMessageAlwaysScrollsDown();
    void olderPageKeepsTheViewSteady();
    void asksForOlderNearTheTop();
    void paintsOnlyVisibleRows();
    void fontChangeRelaysOut();
    void narrowerWindowRewraps();
    void topEdgeShowsNoSliverOfACutRow();
};

void TestMessageView::heightsAreCachedPerKeyAndWidth()
{
    Fixture f(range(0, 20));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QCOMPARE(f.delegate.cachedHeightCount(), 20);
    const QModelIndex index = f.model.index(4);
    const int narrow = f.delegate.geometry(index, f.view.font(), 200).height;
    const int wide = f.delegate.geometry(index, f.view.font(), 900).height;
    QVERIFY2(narrow > wide, "a long message wraps onto more lines when narrow");
    QCOMPARE(f.delegate.cachedHeightCount(), 20); // one entry per key, the latest width
}

void TestMessageView::changeDropsTheCachedHeight()
{
    Fixture f(range(0, 5));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QSignalSpy sizeChanged(&f.delegate, &MessageDelegate::sizeHintChanged);
    auto longer = numbered(1);
    longer.message.text = QString(QStringLiteral("아주 긴 메시지 ")).repeated(30);
    const int before = f.view.visualRect(f.model.index(1)).height();
    f.source.change(1, longer);
    QCOMPARE(sizeChanged.size(), 1);
    QTRY_VERIFY(f.view.visualRect(f.model.index(1)).height() > before);
}

void TestMessageView::groupingChangesHeights()
{
    // Others' first bubble of a group carries the sender's id above it; a date separator adds a
    // band; a group's last bubble carries the time.
    FakeMessageSource source(
        {roomMessage(key(1), QStringLiteral("junho"), QStringLiteral("a"), base()),
         roomMessage(key(2), QStringLiteral("junho"), QStringLiteral("a"), base().addSecs(60)),
         roomMessage(key(3), QStringLiteral("junho"), QStringLiteral("a"), base().addSecs(120))});
    MessageModel model(source);
    MessageDelegate delegate(model);
    const QFont font;
    const auto geometry = [&](int row) { return delegate.geometry(model.index(row), font, 400); };
    QVERIFY(!geometry(0).separator.isEmpty());
    QVERIFY(!geometry(0).sender.isEmpty());
    QVERIFY(geometry(1).sender.isEmpty());
    QVERIFY(geometry(1).time.isEmpty());
    QVERIFY(!geometry(2).time.isEmpty());
    QVERIFY(geometry(0).height > geometry(2).height);
    QVERIFY(geometry(2).height > geometry(1).height);
    QVERIFY(geometry(0).bubble.left() < 100); // others on the left
}

void TestMessageView::retryAndDeleteAreClickable()
{
    auto failed = roomMessage(key(2), QStringLiteral("minji"), QStringLiteral("안녕하세요"),
                              base().addSecs(60), true, Delivery::Failed);
    failed.error = QStringLiteral("refused");
    Fixture f({numbered(1), failed});
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const QModelIndex index = f.model.index(1);
    const QRect row = f.view.visualRect(index);
    const auto g = f.delegate.geometry(index, f.view.font(), row.width());
    QVERIFY(!g.retry.isEmpty());
    QVERIFY(!g.remove.isEmpty());
    QVERIFY(g.bubble.right() > row.width() / 2); // mine on the right

    QSignalSpy retry(&f.view, &MessageView::retryRequested);
    QSignalSpy remove(&f.view, &MessageView::deleteRequested);
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, row.topLeft() + g.retry.center());
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toString(), key(2));
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, row.topLeft() + g.remove.center());
    QCOMPARE(remove.size(), 1);
    // The bubble itself is not a button.
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, row.topLeft() + g.bubble.center());
    QCOMPARE(retry.size() + remove.size(), 2);
}

void TestMessageView::failedMessageMenuByKeyboard()
{
    auto failed = roomMessage(key(2), QStringLiteral("minji"), QStringLiteral("실패"),
                              base().addSecs(60), true, Delivery::Failed);
    Fixture f({numbered(1), failed});
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.setFocus();
    f.view.setCurrentIndex(f.model.index(1));
    QSignalSpy retry(&f.view, &MessageView::retryRequested);
    // What the platform sends for the Menu key or Shift+F10.
    QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(), QPoint());
    QCoreApplication::sendEvent(f.view.viewport(), &menuKey);
    QMenu* menu = f.view.findChild<QMenu*>(QStringLiteral("messageMenu"));
    QVERIFY(menu);
    auto* action = menu->findChild<QAction*>(QStringLiteral("retryAction"));
    QVERIFY(action);
    action->trigger();
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toString(), key(2));
    menu->close();
}

void TestMessageView::followsNewMessagesAtTheBottom()
{
    Fixture f(range(0, 40));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.scrollToNewest();
    QVERIFY(f.view.isAtBottom());
    f.source.append({numbered(40), numbered(41)});
    QTRY_VERIFY(f.view.isAtBottom());
    QVERIFY(f.bar()->maximum() > 0);
    QVERIFY(!f.view.newMessagesPill()->isVisible());
}

void TestMessageView::pillCountsNewMessagesWhenScrolledUp()
{
    Fixture f(range(0, 40));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.scrollToNewest();
    f.bar()->setValue(f.bar()->maximum() / 2);
    const int value = f.bar()->value();
    f.source.append({numbered(40), numbered(41)}); // 41 is junho's, 40 … n % 3 == 1: junho's too
    QCOMPARE(f.bar()->value(), value);             // no jump
    QCOMPARE(f.view.newMessageCount(), 2);
    QVERIFY(f.view.newMessagesPill()->isVisible());
    QVERIFY(f.view.newMessagesPill()->text().contains(QLatin1Char('2')));
    QTest::mouseClick(f.view.newMessagesPill(), Qt::LeftButton);
    QVERIFY(f.view.isAtBottom());
    QVERIFY(!f.view.newMessagesPill()->isVisible());
    QCOMPARE(f.view.newMessageCount(), 0);
}

void TestMessageView::myOwnMessageAlwaysScrollsDown()
{
    Fixture f(range(0, 40));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.bar()->setValue(0);
    f.source.append({roomMessage(key(90), QStringLiteral("minji"), QStringLiteral("mine"),
                                 base().addSecs(6000), true, Delivery::Sending)});
    QVERIFY(f.view.isAtBottom());
}

void TestMessageView::olderPageKeepsTheViewSteady()
{
    Fixture f(range(100, 140));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.scrollToNewest();
    f.bar()->setValue(f.bar()->maximum() / 2);
    const QModelIndex top = f.view.indexAt(QPoint(10, 0));
    QVERIFY(top.isValid());
    const QString topKey = top.data(MessageModel::KeyRole).toString();
    const int topY = f.view.visualRect(top).top();

    f.source.insert(0, range(50, 100)); // an older page of 50
    const QPersistentModelIndex after = f.model.index(f.model.rowOfKey(topKey));
    QTRY_COMPARE(f.view.visualRect(after).top(), topY);
    QCOMPARE(f.view.indexAt(QPoint(10, 0)).data(MessageModel::KeyRole).toString(), topKey);
    QVERIFY(f.bar()->value() > f.bar()->maximum() / 2); // moved by the page's height

    // Two pages before the view lays out: still steady.
    f.source.insert(0, range(20, 35));
    f.source.insert(0, range(0, 20));
    QTRY_COMPARE(f.view.visualRect(after).top(), topY);
}

void TestMessageView::asksForOlderNearTheTop()
{
    Fixture f(range(0, 60));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.scrollToNewest();
    QSignalSpy nearTop(&f.view, &MessageView::nearTop);
    f.bar()->setValue(f.bar()->maximum());
    QCOMPARE(nearTop.size(), 0);
    f.bar()->setValue(f.view.viewport()->height()); // one screen from the top
    QVERIFY(nearTop.size() > 0);
}

namespace {

class CountingDelegate : public MessageDelegate {
public:
    using MessageDelegate::MessageDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        painted.insert(index.row());
        MessageDelegate::paint(painter, option, index);
    }
    mutable QSet<int> painted;
};

} // namespace

void TestMessageView::paintsOnlyVisibleRows()
{
    FakeMessageSource source(range(0, 300));
    MessageModel model(source);
    CountingDelegate delegate(model);
    MessageView view(model, delegate);
    view.resize(360, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.scrollToNewest();
    delegate.painted.clear();
    view.viewport()->repaint();
    QVERIFY(!delegate.painted.isEmpty());
    QVERIFY2(delegate.painted.size() < 30, "a screen shows a dozen rows, not all 300");
    for (const int row : std::as_const(delegate.painted))
        QVERIFY(view.visualRect(model.index(row)).intersects(view.viewport()->rect()));
}

void TestMessageView::fontChangeRelaysOut()
{
    Fixture f(range(0, 5));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const int before = f.view.visualRect(f.model.index(2)).height();
    QFont bigger = f.view.font();
    bigger.setPointSizeF(bigger.pointSizeF() * 2);
    f.view.setFont(bigger);
    QTRY_VERIFY(f.view.visualRect(f.model.index(2)).height() > before);
}

void TestMessageView::narrowerWindowRewraps()
{
    Fixture f(range(0, 10));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const QPersistentModelIndex longOne = f.model.index(4); // n % 4 == 0: the long tail
    const int before = f.view.visualRect(longOne).height();
    f.view.resize(200, f.view.height());
    QTRY_COMPARE(f.view.visualRect(longOne).width(), f.view.viewport()->width());
    QTRY_VERIFY(f.view.visualRect(longOne).height() > before);
}

void TestMessageView::topEdgeShowsNoSliverOfACutRow()
{
    // Wherever the scroll position cuts a row at the top (at the bottom the newest message is
    // aligned, so any cut happens), the top rows of pixels are the background: the cut row fades
    // out instead of showing the bottom of its text.
    Fixture f(range(0, 40));
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    f.view.scrollToNewest();
    const QRgb background = f.view.viewport()->palette().color(QPalette::Base).rgb();
    const int bottom = f.bar()->maximum();
    QVERIFY(bottom > 100);
    int checked = 0;
    for (int value = bottom; value > bottom - 60; value -= 3) {
        f.bar()->setValue(value);
        const QImage image = f.view.viewport()->grab().toImage();
        const qreal ratio = image.devicePixelRatio();
        for (int y = 0; y < int(3 * ratio); ++y)
            for (int x = 0; x < image.width(); ++x)
                QVERIFY2(image.pixel(x, y) == background,
                         qPrintable(
                             QStringLiteral("ink at %1,%2 at value %3").arg(x).arg(y).arg(value)));
        ++checked;
    }
    QCOMPARE(checked, 20);
    // At the very top nothing is cut, and nothing fades.
    f.bar()->setValue(0);
    QCOMPARE(f.bar()->value(), 0);
}

QTEST_MAIN(TestMessageView)
#include "tst_message_view.moc"
