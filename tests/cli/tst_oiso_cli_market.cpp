// oiso-cli's market commands (chats, history, send, purchase) as a user runs them: the real
// binary against the embedded server with the demo market.
#include "../rtdb/client_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace oiso;
using namespace oiso::test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestOisoCliMarket : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        server::ServerOptions options;
        options.seedDemo = true;
        m_server = std::make_unique<EmbeddedServer>(options);
    }
    void cleanupTestCase() { m_server.reset(); }

    void chatsAsJsonHasTheThreeLists()
    {
        const Run chats = run({QStringLiteral("chats"), QStringLiteral("--json")});
        QCOMPARE(chats.exitCode, 0);
        const QJsonObject lists = QJsonDocument::fromJson(chats.out).object();
        QCOMPARE(lists.value(QStringLiteral("selling")).toArray().size(), 4);
        QCOMPARE(lists.value(QStringLiteral("buying")).toArray().size(), 5);
        QCOMPARE(lists.value(QStringLiteral("purchased")).toArray().size(), 1);
        for (const QJsonValue& entry : lists.value(QStringLiteral("selling")).toArray()) {
            const QJsonObject row = entry.toObject();
            for (const char* field :
                 {"itemKey", "name", "price", "imageUrl", "lastMessage", "unread"})
                QVERIFY2(row.contains(QLatin1String(field)), field);
            QVERIFY(row.value(QStringLiteral("price")).isDouble());
            QVERIFY(row.value(QStringLiteral("imageUrl")).toString().startsWith(m_server->url()));
        }
        // The legacy "12000원" price comes out as a number.
        bool sawTextPrice = false;
        for (const QJsonValue& entry : lists.value(QStringLiteral("selling")).toArray()) {
            if (entry.toObject()
                    .value(QStringLiteral("name"))
                    .toString()
                    .startsWith(QStringLiteral("회계원리"))) {
                QCOMPARE(entry.toObject().value(QStringLiteral("price")).toDouble(), 12000.0);
                sawTextPrice = true;
            }
        }
        QVERIFY(sawTextPrice);

        const Run text = run({QStringLiteral("chats")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("Selling (4)"));
        QVERIFY(text.out.contains("Buying (5)"));
        QVERIFY(text.out.contains("Purchased (1)"));
        QVERIFY(text.out.contains("15,000원"));
    }

    void sendThenHistoryThenPurchase()
    {
        const QString item = buyingItem();
        const QString text = QStringLiteral("CLI에서 보낸 메시지 ✓");
        const Run send = run({QStringLiteral("send"), QStringLiteral("item/") + item, text});
        QCOMPARE(send.exitCode, 0);
        QCOMPARE(send.out.size(), 20); // the message's push key

        const Run history =
            run({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("2"),
                 QStringLiteral("--json"), QStringLiteral("--"), item});
        QCOMPARE(history.exitCode, 0);
        const QJsonArray messages = QJsonDocument::fromJson(history.out).array();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.last().toObject().value(QStringLiteral("msg")).toString(), text);
        QCOMPARE(messages.last().toObject().value(QStringLiteral("key")).toString(),
                 QString::fromUtf8(send.out));

        QCOMPARE(run({QStringLiteral("purchase"), QStringLiteral("oiso://item/") + item}).exitCode,
                 0);
        QCOMPARE(run({QStringLiteral("purchase"), QStringLiteral("item/") + item}).exitCode, 0);
        const Run after = run({QStringLiteral("chats"), QStringLiteral("--json")});
        const QJsonArray purchased = QJsonDocument::fromJson(after.out)
                                         .object()
                                         .value(QStringLiteral("purchased"))
                                         .toArray();
        int forItem = 0;
        for (const QJsonValue& entry : purchased)
            forItem += entry.toObject().value(QStringLiteral("itemKey")).toString() == item;
        QCOMPARE(forItem, 1);
    }

    void refusalsAndUsageErrors()
    {
        const QString item = buyingItem();
        const Run blank =
            run({QStringLiteral("send"), QStringLiteral("item/") + item, QStringLiteral("  ")});
        QCOMPARE(blank.exitCode, 1);
        QVERIFY(!blank.err.isEmpty());
        const Run tooLong = run({QStringLiteral("send"), QStringLiteral("item/") + item,
                                 QString(2001, QLatin1Char('x'))});
        QCOMPARE(tooLong.exitCode, 1);
        QCOMPARE(run({QStringLiteral("history")}).exitCode, 2);
        QCOMPARE(runAs({}, {QStringLiteral("chats")}).exitCode, 2); // neither --as nor --email
        QCOMPARE(run({QStringLiteral("history"), QStringLiteral("item/a.b")}).exitCode, 2);
        QCOMPARE(
            run({QStringLiteral("chats"), QStringLiteral("--limit"), QStringLiteral("3")}).exitCode,
            2);
    }

    void unreachableDatabaseFailsWithinTheTimeout()
    {
        QStringList arguments{QStringLiteral("--db"),
                              QStringLiteral("http://127.0.0.1:1"),
                              QStringLiteral("--timeout"),
                              QStringLiteral("2"),
                              QStringLiteral("--as"),
                              QStringLiteral("minji"),
                              QStringLiteral("--profile"),
                              m_profile.path(),
                              QStringLiteral("send"),
                              QStringLiteral("item/-Pabc"),
                              QStringLiteral("stays in the outbox")};
        const Run send = launch(arguments);
        QCOMPARE(send.exitCode, 1);
        QVERIFY(send.err.contains("outbox"));
    }

private:
    Run run(const QStringList& command) { return runAs(QStringLiteral("minji"), command); }

    Run runAs(const QString& loginId, const QStringList& command)
    {
        QStringList arguments{QStringLiteral("--db"), m_server->url(), QStringLiteral("--profile"),
                              m_profile.path()};
        if (!loginId.isEmpty())
            arguments << QStringLiteral("--as") << loginId;
        return launch(arguments + command);
    }

    Run launch(const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("OISO_DATABASE_URL"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_profile.path());
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(OISO_CLI_BINARY), arguments);
        Run result;
        if (!process.waitForFinished(60'000))
            return result;
        result.exitCode = process.exitCode();
        result.out = process.readAllStandardOutput().trimmed();
        result.err = process.readAllStandardError();
        return result;
    }

    QString buyingItem()
    {
        const Run chats = run({QStringLiteral("chats"), QStringLiteral("--json")});
        const QJsonArray buying =
            QJsonDocument::fromJson(chats.out).object().value(QStringLiteral("buying")).toArray();
        for (const QJsonValue& entry : buying) {
            if (!entry.toObject().value(QStringLiteral("purchased")).toBool())
                return entry.toObject().value(QStringLiteral("itemKey")).toString();
        }
        qFatal("no unpurchased buying row");
        return {};
    }

    std::unique_ptr<EmbeddedServer> m_server;
    QTemporaryDir m_profile;
};

QTEST_GUILESS_MAIN(TestOisoCliMarket)
#include "tst_oiso_cli_market.moc"
