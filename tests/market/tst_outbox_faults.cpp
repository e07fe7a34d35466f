// Exactly-once, in-order delivery of the durable outbox under faults: connections cut at random
// by a proxy while two clients write 500 messages, and the writing process killed and started
// again mid-run.

#include "fault_proxy.h"
#include "market_test_support.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace oiso;
using namespace oiso::test;

namespace {

// The numbers of the messages in `room` whose text is `prefix` + number, in key order.
QList<int> numbersInRoom(rtdb::RtdbClient& admin, const QString& room, const QString& prefix)
{
    QList<int> numbers;
    const protocol::Node messages = readValue(admin, market::paths::room(room));
    for (const auto& [key, value] : messages.children()) {
        const protocol::Node* msg = value.child("msg");
        if (!msg || msg->type() != protocol::Node::Type::String)
            continue;
        const QString text = QString::fromStdString(msg->stringValue());
        if (text.startsWith(prefix))
            numbers.append(text.mid(prefix.size()).toInt());
    }
    return numbers;
}

QList<int> zeroTo(int count)
{
    QList<int> all;
    for (int i = 0; i < count; ++i)
        all.append(i);
    return all;
}

} // namespace

class TestOutboxFaults : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<EmbeddedServer>(demoServerOptions());
        m_admin = std::make_unique<ClientSet>(m_server->location());
        m_room = demoItemKey(m_admin->client, QStringLiteral("LG 그램"));
    }

    void connectionsCutAtRandomWhileTwoClientsWrite()
    {
        FaultProxy proxy(quint16(QUrl(m_server->url()).port()));
        proxy.setCutProbability(0.03);
        const auto viaProxy = *rtdb::DatabaseLocation::parse(proxy.url());
        MarketClient minji(viaProxy, QStringLiteral("minji"));
        MarketClient junho(viaProxy, QStringLiteral("junho"));
        minji.session->start();
        junho.session->start();
        minji.session->room(m_room); // a room stream too: echoes confirm, and get cut as well
        junho.session->room(m_room);

        constexpr int kEach = 250;
        int written = 0;
        QTimer typing;
        typing.setInterval(2);
        connect(&typing, &QTimer::timeout, this, [&] {
            if (written == kEach) {
                typing.stop();
                return;
            }
            QVERIFY(minji.sender().enqueue(m_room, QStringLiteral("A-%1").arg(written)).entry);
            QVERIFY(junho.sender().enqueue(m_room, QStringLiteral("B-%1").arg(written)).entry);
            ++written;
        });
        typing.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            written == kEach && minji.sender().isIdle() && junho.sender().isIdle(), 120'000);
        QVERIFY2(proxy.cuts() > 10, "the proxy should have cut connections");
        // Every message exactly once, each sender's in the order written.
        QCOMPARE(numbersInRoom(m_admin->client, m_room, QStringLiteral("A-")), zeroTo(kEach));
        QCOMPARE(numbersInRoom(m_admin->client, m_room, QStringLiteral("B-")), zeroTo(kEach));
        for (const market::OutboxEntry& entry : minji.session->outbox().unsent(m_room))
            QFAIL(qPrintable(QStringLiteral("left unsent: ") + entry.text));
    }

    void theAppKilledAndRestartedMidRun()
    {
        constexpr int kCount = 500;
        const QString prefix = QStringLiteral("K-");
        QTemporaryDir profile;
        const QStringList arguments{QStringLiteral("--db"),      m_server->url(),
                                    QStringLiteral("--as"),      QStringLiteral("jiwoo"),
                                    QStringLiteral("--profile"), profile.path(),
                                    QStringLiteral("--room"),    m_room,
                                    QStringLiteral("--count"),   QString::number(kCount),
                                    QStringLiteral("--prefix"),  prefix};
        // Killed twice while writing, then left to finish.
        for (int killAfter : {100, 300}) {
            QProcess tool;
            tool.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            tool.start(QStringLiteral(OISO_OUTBOX_SENDER_TOOL), arguments);
            QVERIFY(tool.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(
                numbersInRoom(m_admin->client, m_room, prefix).size() >= killAfter, 60'000);
            tool.kill(); // SIGKILL: no destructor, no clean close of SQLite
            QVERIFY(tool.waitForFinished());
        }
        QProcess tool;
        tool.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        tool.start(QStringLiteral(OISO_OUTBOX_SENDER_TOOL), arguments);
        QVERIFY(tool.waitForFinished(120'000));
        QCOMPARE(tool.exitStatus(), QProcess::NormalExit);
        QCOMPARE(tool.exitCode(), 0);
        QCOMPARE(numbersInRoom(m_admin->client, m_room, prefix), zeroTo(kCount));
    }

    void cleanupTestCase()
    {
        m_admin.reset();
        m_server.reset();
    }

private:
    std::unique_ptr<EmbeddedServer> m_server;
    std::unique_ptr<ClientSet> m_admin;
    QString m_room;
};

QTEST_GUILESS_MAIN(TestOutboxFaults)
#include "tst_outbox_faults.moc"
