// The chat window's message model over a scripted room: exact row signals for inserts anywhere,
// removals and changes (only the roles that changed), and the derived grouping, date separator
// and unread divider flags, with QAbstractItemModelTester watching every step.

#include "fake_message_source.h"
#include "ui/chat/message_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using oiso::test::FakeMessageSource;
using oiso::test::roomMessage;
using oiso::ui::MessageModel;
using Delivery = oiso::market::RoomMessage::Delivery;

Q_DECLARE_METATYPE(QList<int>)

namespace {

QDateTime at(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute));
}

QString key(int n)
{
    return QStringLiteral("-Nk%1").arg(n, 4, 10, QLatin1Char('0'));
}

oiso::market::RoomMessage msg(int n, const char* sender, const QDateTime& time, bool mine = false)
{
    return roomMessage(key(n), QString::fromLatin1(sender), QStringLiteral("message %1").arg(n),
                       time, mine);
}

bool flag(const MessageModel& model, int row, int role)
{
    return model.data(model.index(row), role).toBool();
}

// first/last of group per row, as a string: "F" first only, "L" last only, "FL" both, "-" neither.
QString groups(const MessageModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        QString g;
        if (flag(model, row, MessageModel::FirstInGroupRole))
            g += QLatin1Char('F');
        if (flag(model, row, MessageModel::LastInGroupRole))
            g += QLatin1Char('L');
        out << (g.isEmpty() ? QStringLiteral("-") : g);
    }
    return out.join(QLatin1Char(' '));
}

// Collects dataChanged as (row, roles).
struct Changes {
    explicit Changes(MessageModel& model)
        : spy(&model, &MessageModel::dataChanged)
    {
    }
    QList<int> rolesOf(int row) const
    {
        QList<int> roles;
        for (const QList<QVariant>& args : spy) {
            const auto top = args.at(0).value<QModelIndex>();
            const auto bottom = args.at(1).value<QModelIndex>();
            if (top.row() <= row && row <= bottom.row())
                roles += args.at(2).value<QList<int>>();
        }
        std::sort(roles.begin(), roles.end());
        return roles;
    }
    QSignalSpy spy;
};

QList<int> sorted(QList<int> roles)
{
    std::sort(roles.begin(), roles.end());
    return roles;
}

} // namespace

class TestMessageModel : public QObject {
    Q_OBJECT

private slots:
    void initialRowsAndRoles();
    void insertsAnywhereWithExactSignals();
    void removesWithExactSignals();
    void changeReportsOnlyChangedRoles();
    void grouping();
    void appendInGroupUpdatesTheNeighbour();
    void removalRegroupsNeighbours();
    void dateSeparators();
    void unreadDivider();
    void unreadDividerWithoutReadMark();
    void dividerAfterAllSeen();
    void olderPageMovesTheDivider();
    void keyLookup();
    void brokenContractResets();
};

void TestMessageModel::initialRowsAndRoles()
{
    FakeMessageSource source(
        {msg(1, "junho", at(30, 10, 0)), msg(2, "minji", at(30, 10, 1), true)});
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex first = model.index(0);
    QCOMPARE(first.data(MessageModel::KeyRole).toString(), key(1));
    QCOMPARE(first.data(Qt::DisplayRole).toString(), QStringLiteral("message 1"));
    QCOMPARE(first.data(MessageModel::SenderRole).toString(), QStringLiteral("junho"));
    QCOMPARE(first.data(MessageModel::TimeRole).toDateTime(), at(30, 10, 0));
    QCOMPARE(first.data(MessageModel::MineRole).toBool(), false);
    QCOMPARE(model.index(1).data(MessageModel::MineRole).toBool(), true);
    QCOMPARE(first.data(MessageModel::DeliveryRole).toInt(), int(Delivery::Sent));
    QVERIFY(first.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("junho")));
    QVERIFY(model.roleNames().contains(MessageModel::UnreadDividerRole));
}

void TestMessageModel::insertsAnywhereWithExactSignals()
{
    FakeMessageSource source({msg(10, "junho", at(30, 10, 0)), msg(20, "junho", at(30, 10, 1))});
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy about(&model, &MessageModel::rowsAboutToBeInserted);
    QSignalSpy inserted(&model, &MessageModel::rowsInserted);

    source.insert(0, {msg(1, "jiwoo", at(30, 9, 0)), msg(2, "jiwoo", at(30, 9, 1))}); // older page
    source.insert(3, {msg(15, "minji", at(30, 10, 0), true)});                        // middle
    source.append({msg(30, "jiwoo", at(30, 11, 0))});                                 // live
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(about.size(), 3);
    const QList<QPair<int, int>> expected{{0, 1}, {3, 3}, {5, 5}};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(inserted.at(i).at(1).toInt(), expected.at(i).first);
        QCOMPARE(inserted.at(i).at(2).toInt(), expected.at(i).second);
    }
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.keyAt(row);
    QCOMPARE(keys, (QStringList{key(1), key(2), key(10), key(15), key(20), key(30)}));
}

void TestMessageModel::removesWithExactSignals()
{
    FakeMessageSource source({msg(1, "a", at(30, 9, 0)), msg(2, "b", at(30, 9, 1)),
                              msg(3, "c", at(30, 9, 2)), msg(4, "d", at(30, 9, 3))});
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&model, &MessageModel::rowsRemoved);
    source.remove(1, 2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.keyAt(1), key(4));
}

void TestMessageModel::changeReportsOnlyChangedRoles()
{
    auto sending = roomMessage(key(2), QStringLiteral("minji"), QStringLiteral("안녕하세요"),
                               at(30, 10, 1), true, Delivery::Sending);
    FakeMessageSource source({msg(1, "junho", at(30, 10, 0)), sending});
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    Changes changes(model);
    auto sent = sending;
    sent.delivery = Delivery::Sent;
    source.change(1, sent);
    QCOMPARE(changes.spy.size(), 1);
    QCOMPARE(changes.rolesOf(1),
             sorted({MessageModel::DeliveryRole, Qt::ToolTipRole, Qt::AccessibleTextRole}));
    QCOMPARE(model.index(1).data(MessageModel::DeliveryRole).toInt(), int(Delivery::Sent));

    // The same again: nothing to report.
    changes.spy.clear();
    source.change(1, sent);
    QCOMPARE(changes.spy.size(), 0);

    // A failure: delivery and error.
    auto failed = sending;
    failed.delivery = Delivery::Failed;
    failed.error = QStringLiteral("refused");
    source.change(1, failed);
    QCOMPARE(changes.rolesOf(1), sorted({MessageModel::DeliveryRole, MessageModel::ErrorRole,
                                         Qt::ToolTipRole, Qt::AccessibleTextRole}));
    QCOMPARE(model.index(1).data(Qt::ToolTipRole).toString(), QStringLiteral("refused"));
    QCOMPARE(changes.rolesOf(0), QList<int>()); // the neighbour is untouched
}

void TestMessageModel::grouping()
{
    FakeMessageSource source({
        msg(1, "junho", at(30, 10, 0)),
        msg(2, "junho", at(30, 10, 4)),        // same sender, 4 minutes later: same group
        msg(3, "junho", at(30, 10, 9)),        // 5 minutes later: still (not more than 5)
        msg(4, "junho", at(30, 10, 15)),       // 6 minutes: a new group
        msg(5, "minji", at(30, 10, 15), true), // another sender
        msg(6, "minji", at(30, 10, 16), true),
        msg(7, "junho", at(30, 10, 16)),
    });
    MessageModel model(source);
    QCOMPARE(groups(model), QStringLiteral("F - L FL F L FL"));
}

void TestMessageModel::appendInGroupUpdatesTheNeighbour()
{
    FakeMessageSource source({msg(1, "junho", at(30, 10, 0)), msg(2, "junho", at(30, 10, 1))});
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Changes changes(model);
    source.append({msg(3, "junho", at(30, 10, 2))});
    QCOMPARE(groups(model), QStringLiteral("F - L"));
    QCOMPARE(changes.rolesOf(1), QList<int>{MessageModel::LastInGroupRole});
    QCOMPARE(changes.rolesOf(0), QList<int>());

    // Another sender's message starts a group: the neighbour stays the last of its group.
    changes.spy.clear();
    source.append({msg(4, "jiwoo", at(30, 10, 3))});
    QCOMPARE(groups(model), QStringLiteral("F - L FL"));
    QCOMPARE(changes.spy.size(), 0);
}

void TestMessageModel::removalRegroupsNeighbours()
{
    FakeMessageSource source({msg(1, "junho", at(30, 10, 0)), msg(2, "jiwoo", at(30, 10, 1)),
                              msg(3, "junho", at(30, 10, 2))});
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(groups(model), QStringLiteral("FL FL FL"));
    Changes changes(model);
    source.remove(1, 1);
    QCOMPARE(groups(model), QStringLiteral("F L"));
    QCOMPARE(changes.rolesOf(0), QList<int>{MessageModel::LastInGroupRole});
    QCOMPARE(changes.rolesOf(1), QList<int>{MessageModel::FirstInGroupRole});
}

void TestMessageModel::dateSeparators()
{
    FakeMessageSource source({
        msg(1, "junho", at(29, 23, 58)),
        msg(2, "junho", at(30, 0, 1)), // 3 minutes later but another day
        roomMessage(key(3), QStringLiteral("junho"), QStringLiteral("no time"), QDateTime()),
        msg(4, "junho", at(30, 0, 2)),
    });
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto separator = [&](int row) {
        return model.index(row).data(MessageModel::DateSeparatorRole).toDate();
    };
    QCOMPARE(separator(0), QDate(2026, 11, 29));
    QCOMPARE(separator(1), QDate(2026, 11, 30));
    QCOMPARE(separator(2), QDate());
    QCOMPARE(separator(3), QDate()); // the same day as the last row with a time
    QCOMPARE(groups(model), QStringLiteral("FL F - L"));

    // An older page from the day before: the first row's separator now belongs to the new first.
    Changes changes(model);
    source.insert(0, {msg(0, "junho", at(29, 23, 57))});
    QCOMPARE(separator(0), QDate(2026, 11, 29));
    QCOMPARE(separator(1), QDate());
    QVERIFY(changes.rolesOf(1).contains(MessageModel::DateSeparatorRole));
    QVERIFY(changes.rolesOf(1).contains(MessageModel::FirstInGroupRole));
}

void TestMessageModel::unreadDivider()
{
    FakeMessageSource source({msg(1, "junho", at(30, 10, 0)), msg(2, "minji", at(30, 10, 1), true),
                              msg(3, "minji", at(30, 10, 2), true), msg(4, "junho", at(30, 10, 3)),
                              msg(5, "junho", at(30, 10, 4))},
                             key(1));
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Mine after the mark are not unread: the divider is above the first message of someone else.
    QCOMPARE(model.unreadDividerRow(), 3);
    QVERIFY(flag(model, 3, MessageModel::UnreadDividerRole));
    QVERIFY(!flag(model, 4, MessageModel::UnreadDividerRole));

    // The divider starts a group even for the same sender within minutes.
    FakeMessageSource same({msg(1, "junho", at(30, 10, 0)), msg(2, "junho", at(30, 10, 1))},
                           key(1));
    MessageModel sameModel(same);
    QCOMPARE(groups(sameModel), QStringLiteral("FL FL"));

    // Nothing unread: no divider.
    FakeMessageSource read({msg(1, "junho", at(30, 10, 0))}, key(1));
    MessageModel readModel(read);
    QCOMPARE(readModel.unreadDividerRow(), -1);
}

void TestMessageModel::unreadDividerWithoutReadMark()
{
    // No read mark (not known yet): no divider rather than one above everything; from the
    // moment the user has seen the room, later arrivals are marked.
    FakeMessageSource source(
        {msg(1, "minji", at(30, 10, 0), true), msg(2, "junho", at(30, 10, 1))});
    MessageModel model(source);
    QCOMPARE(model.unreadDividerRow(), -1);
    model.noteAllSeen();
    source.append({msg(3, "junho", at(30, 10, 2))});
    QCOMPARE(model.unreadDividerRow(), 2);
}

void TestMessageModel::dividerAfterAllSeen()
{
    FakeMessageSource source({msg(1, "junho", at(30, 10, 0))}, key(1));
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.noteAllSeen();
    source.append({msg(2, "jiwoo", at(30, 10, 1))}); // arrived while the user was away
    QCOMPARE(model.unreadDividerRow(), 1);

    // A divider shown stays where it is: seeing everything does not move it.
    model.noteAllSeen();
    Changes changes(model);
    source.append({msg(3, "jiwoo", at(30, 10, 2))});
    QCOMPARE(model.unreadDividerRow(), 1);
    QCOMPARE(changes.rolesOf(1), QList<int>{MessageModel::LastInGroupRole});
}

void TestMessageModel::olderPageMovesTheDivider()
{
    // 40 unread, the first page shows 30: the first unread is on an older page.
    FakeMessageSource source({msg(20, "junho", at(30, 10, 20)), msg(21, "junho", at(30, 10, 21))},
                             key(5));
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.unreadDividerRow(), 0);
    Changes changes(model);
    source.insert(0, {msg(4, "junho", at(30, 10, 4)), msg(6, "junho", at(30, 10, 6))});
    QCOMPARE(model.unreadDividerRow(), 1);
    QCOMPARE(model.keyAt(1), key(6));
    QVERIFY(!flag(model, 2, MessageModel::UnreadDividerRole));
    QVERIFY(changes.rolesOf(2).contains(MessageModel::UnreadDividerRole));
}

void TestMessageModel::keyLookup()
{
    FakeMessageSource source({msg(1, "a", at(30, 9, 0)), msg(2, "b", at(30, 9, 1))});
    MessageModel model(source);
    QCOMPARE(model.rowOfKey(key(2)), 1);
    QCOMPARE(model.rowOfKey(key(3)), -1);
    QCOMPARE(model.keyAt(5), QString());
}

void TestMessageModel::brokenContractResets()
{
    FakeMessageSource source({msg(1, "a", at(30, 9, 0))});
    MessageModel model(source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &MessageModel::modelReset);
    source.rowsBehindTheModelsBack().push_back(msg(2, "a", at(30, 9, 1)));
    source.rowsBehindTheModelsBack().push_back(msg(3, "a", at(30, 9, 2)));
    QTest::ignoreMessage(QtWarningMsg, "message source and model disagree; resetting the model");
    emit source.messagesInserted(1, 1); // says one, there are two
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 3);
}

QTEST_GUILESS_MAIN(TestMessageModel)
#include "tst_message_model.moc"
