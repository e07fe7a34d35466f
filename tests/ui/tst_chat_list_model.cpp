// The chat list's model, filter and row texts, fed with plain ChatListRow vectors: the keyed diff
// (removals, moves, insertions, dataChanged with only the changed roles), the selection kept
// through live updates, the model's consistency (QAbstractItemModelTester) and the filter box.

#include "market/chat_list_service.h"
#include "ui/chatlist/chat_list_delegate.h"
#include "ui/chatlist/chat_list_filter_model.h"
#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_text.h"
#include "ui/chatlist/name_matcher.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QItemSelectionModel>
#include <QListView>
#include <QPainter>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <random>

using oiso::market::ChatListRow;
using oiso::market::ChatMessage;
using oiso::market::ListKind;
using oiso::ui::ChatListFilterModel;
using oiso::ui::ChatListModel;

namespace {

ChatListRow row(const QString& key, const QString& name = {}, int unread = 0)
{
    ChatListRow r;
    r.section = ListKind::Buying;
    r.key = key;
    r.itemKey = key;
    r.name = name.isEmpty() ? QStringLiteral("item ") + key : name;
    r.price.won = 15000;
    r.status = QStringLiteral("판매중");
    r.unread = unread;
    return r;
}

std::vector<ChatListRow> rows(const QStringList& keys)
{
    std::vector<ChatListRow> result;
    for (const QString& key : keys)
        result.push_back(row(key));
    return result;
}

QStringList keysOf(const QAbstractItemModel& model)
{
    QStringList keys;
    for (int i = 0; i < model.rowCount(); ++i)
        keys << model.index(i, 0).data(ChatListModel::KeyRole).toString();
    return keys;
}

ChatMessage message(const QString& key, const QString& text)
{
    ChatMessage m;
    m.key = key;
    m.senderId = QStringLiteral("junho");
    m.text = text;
    m.timestampMs = 1'700'000'000'000;
    return m;
}

} // namespace

class TestChatListModel : public QObject {
    Q_OBJECT

private slots:
    void firstRowsAreOneInsertion();
    void changedFieldSignalsOnlyItsRoles();
    void unchangedRowsSignalNothing();
    void rowWithNewMessageMovesAndKeepsSelection();
    void removalKeepsSelectionOnAnotherRow();
    void insertionsAreGroupedInRuns();
    void duplicateKeysKeepTheFirst();
    void randomUpdatesStayConsistent_data();
    void randomUpdatesStayConsistent();
    void selectionSurvivesUpdatesThroughTheProxy();
    void filterMatchesNames_data();
    void filterMatchesNames();
    void filterFollowsLiveUpdates();
    void unreadFirstAndBack();
    void rowTexts();
    void delegatePaintsInBothPalettes();
};

void TestChatListModel::firstRowsAreOneInsertion()
{
    ChatListModel model(ListKind::Buying);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRows(rows({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 2);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(keysOf(model),
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

void TestChatListModel::changedFieldSignalsOnlyItsRoles()
{
    ChatListModel model(ListKind::Buying);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto next = rows({QStringLiteral("a"), QStringLiteral("b")});
    model.setRows(next);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    next[1].unread = 3;
    model.setRows(next);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    const auto roles = changed.first().at(2).value<QList<int>>();
    QVERIFY(roles.contains(ChatListModel::UnreadRole));
    QVERIFY(!roles.contains(ChatListModel::NameRole));
    QVERIFY(!roles.contains(Qt::DisplayRole));
    QVERIFY(!roles.contains(ChatListModel::LastMessageRole));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.index(1).data(ChatListModel::UnreadRole).toInt(), 3);

    changed.clear();
    next[0].draft = QStringLiteral("내일 가능할까요");
    model.setRows(next);
    QCOMPARE(changed.size(), 1);
    const auto draftRoles = changed.first().at(2).value<QList<int>>();
    QVERIFY(draftRoles.contains(ChatListModel::DraftRole));
    QVERIFY(draftRoles.contains(ChatListModel::PreviewRole));
    QVERIFY(!draftRoles.contains(ChatListModel::UnreadRole));
    QCOMPARE(model.index(0).data(ChatListModel::PreviewIsDraftRole).toBool(), true);
}

void TestChatListModel::unchangedRowsSignalNothing()
{
    ChatListModel model(ListKind::Buying);
    const auto same = rows({QStringLiteral("a"), QStringLiteral("b")});
    model.setRows(same);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    model.setRows(same);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(layout.size(), 0);
    QCOMPARE(moved.size(), 0);
}

void TestChatListModel::rowWithNewMessageMovesAndKeepsSelection()
{
    ChatListModel model(ListKind::Buying);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto current =
        rows({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
    model.setRows(current);
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(2), QItemSelectionModel::ClearAndSelect);

    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    // "c" got a new message: newest first, it jumps to the top.
    ChatListRow c = current[2];
    c.lastMessage = message(QStringLiteral("m9"), QStringLiteral("아직 있나요?"));
    c.unread = 1;
    std::vector<ChatListRow> next{c, current[0], current[1], current[3]};
    model.setRows(next);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(keysOf(model), (QStringList{QStringLiteral("c"), QStringLiteral("a"),
                                         QStringLiteral("b"), QStringLiteral("d")}));
    QCOMPARE(selection.currentIndex().data(ChatListModel::KeyRole).toString(), QStringLiteral("c"));
    QVERIFY(selection.isSelected(model.index(0)));
    QCOMPARE(model.index(0).data(ChatListModel::LastMessageRole).toString(),
             QStringLiteral("아직 있나요?"));
}

void TestChatListModel::removalKeepsSelectionOnAnotherRow()
{
    ChatListModel model(ListKind::Buying);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(rows({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                        QStringLiteral("d"), QStringLiteral("e")}));
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(4), QItemSelectionModel::ClearAndSelect);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setRows(rows({QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("e")}));
    QCOMPARE(removed.size(), 1); // b and c: one contiguous run
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 2);
    QCOMPARE(selection.currentIndex().data(ChatListModel::KeyRole).toString(), QStringLiteral("e"));
}

void TestChatListModel::insertionsAreGroupedInRuns()
{
    ChatListModel model(ListKind::Buying);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(rows({QStringLiteral("c"), QStringLiteral("f")}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setRows(
        rows({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
              QStringLiteral("e"), QStringLiteral("f"), QStringLiteral("g")}));
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 4);
    QCOMPARE(inserted.at(2).at(1).toInt(), 6);
    QCOMPARE(model.rowCount(), 7);
}

void TestChatListModel::duplicateKeysKeepTheFirst()
{
    ChatListModel model(ListKind::Buying);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto next = rows({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")});
    next[2].name = QStringLiteral("second a");
    model.setRows(next);
    QCOMPARE(keysOf(model), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(model.index(0).data(ChatListModel::NameRole).toString(), QStringLiteral("item a"));
}

void TestChatListModel::randomUpdatesStayConsistent_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {1u, 7u, 42u, 2024u, 99991u})
        QTest::addRow("seed %u", seed) << seed;
}

void TestChatListModel::randomUpdatesStayConsistent()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    ChatListModel model(ListKind::Selling);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QItemSelectionModel selection(&model);
    QStringList universe;
    for (int i = 0; i < 30; ++i)
        universe << QStringLiteral("k%1").arg(i);
    for (int round = 0; round < 60; ++round) {
        QStringList keys = universe;
        std::shuffle(keys.begin(), keys.end(), std::mt19937(random.generate()));
        keys = keys.mid(0, int(random.bounded(31)));
        std::vector<ChatListRow> next;
        for (const QString& key : keys) {
            ChatListRow r = row(key);
            r.unread = int(random.bounded(3));
            if (random.bounded(2))
                r.lastMessage = message(key + QStringLiteral("m"), QStringLiteral("안녕"));
            next.push_back(r);
        }
        const QString selectedBefore =
            selection.currentIndex().data(ChatListModel::KeyRole).toString();
        model.setRows(next);
        QCOMPARE(keysOf(model), keys);
        for (int i = 0; i < model.rowCount(); ++i)
            QCOMPARE(model.rows()[size_t(i)], next[size_t(i)]);
        // Whatever was current stays current while it is still listed.
        if (!selectedBefore.isEmpty() && keys.contains(selectedBefore)) {
            QCOMPARE(selection.currentIndex().data(ChatListModel::KeyRole).toString(),
                     selectedBefore);
        }
        if (model.rowCount() > 0 && !selection.currentIndex().isValid()) {
            selection.setCurrentIndex(model.index(int(random.bounded(model.rowCount()))),
                                      QItemSelectionModel::ClearAndSelect);
        }
    }
}

void TestChatListModel::selectionSurvivesUpdatesThroughTheProxy()
{
    ChatListModel model(ListKind::Buying);
    ChatListFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QListView view;
    view.setModel(&filter);
    auto current = rows({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    model.setRows(current);
    view.setCurrentIndex(filter.index(1, 0));
    QCOMPARE(view.currentIndex().data(ChatListModel::KeyRole).toString(), QStringLiteral("b"));

    // A new room arrives on top, "b" gets a message and moves up, "a" leaves.
    ChatListRow b = current[1];
    b.lastMessage = message(QStringLiteral("x"), QStringLiteral("네 좋아요"));
    model.setRows({row(QStringLiteral("new")), b, current[2]});
    QCOMPARE(view.currentIndex().data(ChatListModel::KeyRole).toString(), QStringLiteral("b"));
    QVERIFY(view.selectionModel()->isSelected(view.currentIndex()));

    filter.setUnreadFirst(true);
    ChatListRow c = current[2];
    c.unread = 2;
    model.setRows({row(QStringLiteral("new")), b, c});
    QCOMPARE(keysOf(filter).first(), QStringLiteral("c"));
    QCOMPARE(view.currentIndex().data(ChatListModel::KeyRole).toString(), QStringLiteral("b"));
}

void TestChatListModel::filterMatchesNames_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("matches");
    const QString laptop = QStringLiteral("LG 그램 14 노트북 (2021)");
    QTest::newRow("empty") << QString() << laptop << true;
    QTest::newRow("latin, other case") << QStringLiteral("lg") << laptop << true;
    QTest::newRow("hangul word") << QStringLiteral("노트북") << laptop << true;
    QTest::newRow("spaces ignored") << QStringLiteral("lg그램") << laptop << true;
    QTest::newRow("initial consonants") << QStringLiteral("ㄴㅌㅂ") << laptop << true;
    QTest::newRow("initial consonants, other word") << QStringLiteral("ㅁㄴㅌ") << laptop << false;
    QTest::newRow("decomposed jamo")
        << QStringLiteral("노트북").normalized(QString::NormalizationForm_D) << laptop << true;
    QTest::newRow("no match") << QStringLiteral("자전거") << laptop << false;
    QTest::newRow("full-width latin") << QStringLiteral("ＬＧ") << laptop << true;
    QTest::newRow("partial syllable is not a consonant search")
        << QStringLiteral("노ㅌ") << laptop << false;
}

void TestChatListModel::filterMatchesNames()
{
    QFETCH(QString, query);
    QFETCH(QString, name);
    QFETCH(bool, matches);
    QCOMPARE(oiso::ui::NameMatcher(query).matches(name), matches);
}

void TestChatListModel::filterFollowsLiveUpdates()
{
    ChatListModel model(ListKind::Buying);
    ChatListFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({row(QStringLiteral("1"), QStringLiteral("통학용 자전거")),
                   row(QStringLiteral("2"), QStringLiteral("전기포트")),
                   row(QStringLiteral("3"), QStringLiteral("BICYCLE helmet"))});
    filter.setFilterText(QStringLiteral("자전거"));
    QCOMPARE(keysOf(filter), QStringList{QStringLiteral("1")});
    filter.setFilterText(QStringLiteral("bicycle"));
    QCOMPARE(keysOf(filter), QStringList{QStringLiteral("3")});
    // A renamed item enters the filtered list live.
    model.setRows({row(QStringLiteral("1"), QStringLiteral("통학용 자전거")),
                   row(QStringLiteral("2"), QStringLiteral("Bicycle pump")),
                   row(QStringLiteral("3"), QStringLiteral("BICYCLE helmet"))});
    QCOMPARE(keysOf(filter), (QStringList{QStringLiteral("2"), QStringLiteral("3")}));
    filter.setFilterText(QString());
    QCOMPARE(filter.rowCount(), 3);
}

void TestChatListModel::unreadFirstAndBack()
{
    ChatListModel model(ListKind::Buying);
    ChatListFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({row(QStringLiteral("a"), {}, 0), row(QStringLiteral("b"), {}, 2),
                   row(QStringLiteral("c"), {}, 0), row(QStringLiteral("d"), {}, 5)});
    filter.setUnreadFirst(true);
    QCOMPARE(keysOf(filter), (QStringList{QStringLiteral("b"), QStringLiteral("d"),
                                          QStringLiteral("a"), QStringLiteral("c")}));
    // Reading "b" moves it back among the read rows, in the service's order.
    model.setRows({row(QStringLiteral("a"), {}, 0), row(QStringLiteral("b"), {}, 0),
                   row(QStringLiteral("c"), {}, 0), row(QStringLiteral("d"), {}, 5)});
    QCOMPARE(keysOf(filter), (QStringList{QStringLiteral("d"), QStringLiteral("a"),
                                          QStringLiteral("b"), QStringLiteral("c")}));
    filter.setUnreadFirst(false);
    QCOMPARE(keysOf(filter), (QStringList{QStringLiteral("a"), QStringLiteral("b"),
                                          QStringLiteral("c"), QStringLiteral("d")}));
}

void TestChatListModel::rowTexts()
{
    using oiso::ui::ChatListText;
    QCOMPARE(ChatListText::unreadBadge(0), QString());
    QCOMPARE(ChatListText::unreadBadge(7), QStringLiteral("7"));
    QCOMPARE(ChatListText::unreadBadge(99), QStringLiteral("99"));
    QCOMPARE(ChatListText::unreadBadge(100), QStringLiteral("99+"));

    ChatListModel model(ListKind::Buying);
    ChatListRow r = row(QStringLiteral("a"), QStringLiteral("전기포트"));
    r.lastMessage = message(QStringLiteral("m"), QStringLiteral("네\n내일 봬요"));
    model.setRows({r});
    const QModelIndex index = model.index(0);
    QCOMPARE(index.data(ChatListModel::PriceTextRole).toString(), QStringLiteral("15,000원"));
    QCOMPARE(index.data(ChatListModel::PreviewRole).toString(), QStringLiteral("네 내일 봬요"));
    QCOMPARE(index.data(ChatListModel::PreviewIsDraftRole).toBool(), false);
    QCOMPARE(index.data(ChatListModel::PurchasableRole).toBool(), true);
    QVERIFY(index.data(ChatListModel::LastTimeRole).toDateTime().isValid());

    r.draft = QStringLiteral("혹시 네고 가능할까요");
    r.purchased = true;
    model.setRows({r});
    QCOMPARE(index.data(ChatListModel::PreviewRole).toString(),
             QStringLiteral("혹시 네고 가능할까요"));
    QVERIFY(ChatListText::preview(r).startsWith(ChatListText::draftPrefix()));
    QCOMPARE(index.data(ChatListModel::PurchasableRole).toBool(), false);
    QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("15,000원")));

    ChatListRow unpriced = row(QStringLiteral("b"));
    unpriced.price = {};
    QCOMPARE(ChatListText::price(unpriced), ChatListText::tr("No price"));
    ChatListRow legacy = row(QStringLiteral("c"));
    legacy.price = {std::nullopt, QStringLiteral("가격 협의")};
    QCOMPARE(ChatListText::price(legacy), QStringLiteral("가격 협의"));
    QCOMPARE(ChatListText::status(QStringLiteral("판매 완료")), ChatListText::tr("Sold"));
    QCOMPARE(ChatListText::status(QStringLiteral("나눔")), QStringLiteral("나눔"));
}

void TestChatListModel::delegatePaintsInBothPalettes()
{
    ChatListModel model(ListKind::Buying);
    ChatListRow a = row(QStringLiteral("a"), QStringLiteral("무선 전기포트 1.7L"), 120);
    a.lastMessage = message(QStringLiteral("m"), QStringLiteral("아직 판매 중인가요?"));
    ChatListRow b = row(QStringLiteral("b"), QStringLiteral("과잠"));
    b.purchased = true;
    b.draft = QStringLiteral("감사합니다");
    model.setRows({a, b});
    QListView view;
    view.setModel(&model);
    oiso::ui::ChatListDelegate delegate(nullptr);
    delegate.setClock([] { return QDateTime::fromMSecsSinceEpoch(1'700'000'600'000); });
    view.setItemDelegate(&delegate);
    view.resize(480, 300);

    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = QRect(0, 0, 480, 80);
    const QSize first = delegate.sizeHint(option, model.index(0));
    QCOMPARE(delegate.sizeHint(option, model.index(1)), first); // uniform rows
    QVERIFY(first.height() >= option.fontMetrics.height() * 3);
    option.rect.setHeight(first.height());
    QVERIFY(!delegate.purchaseButtonRect(option, model.index(0)).isEmpty());
    QVERIFY(delegate.purchaseButtonRect(option, model.index(1)).isEmpty());
    QVERIFY(option.rect.contains(delegate.purchaseButtonRect(option, model.index(0))));

    // Dark palette: the text must not be painted in a light theme's dark ink.
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Window, QColor(40, 40, 40));
    dark.setColor(QPalette::Text, QColor(235, 235, 235));
    dark.setColor(QPalette::Highlight, QColor(80, 140, 255));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    for (const QPalette& palette : {QApplication::palette(), dark}) {
        QImage image(option.rect.size() * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2.0);
        image.fill(palette.color(QPalette::Base));
        QPainter painter(&image);
        QStyleOptionViewItem o = option;
        o.palette = palette;
        o.state |= QStyle::State_Enabled | QStyle::State_Active;
        for (int i = 0; i < 2; ++i)
            delegate.paint(&painter, o, model.index(i));
        painter.end();
        // Something was drawn in the palette's text colour family (brighter than the base in the
        // dark palette, darker in the light one).
        const int base = qGray(palette.color(QPalette::Base).rgb());
        bool contrast = false;
        for (int y = 0; y < image.height() && !contrast; ++y) {
            for (int x = 0; x < image.width() && !contrast; ++x)
                contrast = std::abs(qGray(image.pixel(x, y)) - base) > 120;
        }
        QVERIFY(contrast);
    }
}

QTEST_MAIN(TestChatListModel)
#include "tst_chat_list_model.moc"
