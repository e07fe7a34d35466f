// oiso-cli as a user runs it: the real binary against the embedded server, checking what it
// prints and its exit codes (0 success, 1 error on stderr, 2 usage).
#include "../rtdb/client_test_support.h"

#include <QProcess>

using namespace oiso;
using namespace oiso::test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QProcess* launch(const QStringList& arguments)
{
    auto* process = new QProcess;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("OISO_DATABASE_URL"));
    environment.insert(QStringLiteral("HOME"), QDir::tempPath()); // no saved app settings
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       QDir::tempPath() + QStringLiteral("/oiso-cli-test-config"));
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(OISO_CLI_BINARY), arguments);
    return process;
}

QStringList args(std::initializer_list<const char*> list)
{
    QStringList result;
    for (const char* item : list)
        result << QString::fromUtf8(item);
    return result;
}

Run run(const QStringList& arguments)
{
    std::unique_ptr<QProcess> process(launch(arguments));
    Run result;
    if (!process->waitForFinished(60'000))
        return result;
    result.exitCode = process->exitCode();
    result.out = process->readAllStandardOutput().trimmed();
    result.err = process->readAllStandardError();
    return result;
}

} // namespace

class TestOisoCli : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<EmbeddedServer>();
        m_db = {QStringLiteral("--db"), m_server->url()};
    }
    void cleanup() { m_server.reset(); }

    void putGetPatchDeletePush()
    {
        Run put = run(m_db + args({"put", "room/a", R"({"msg":"안녕","n":1})"}));
        QCOMPARE(put.exitCode, 0);
        QCOMPARE(put.out, QByteArray(R"({"msg":"안녕","n":1})"));
        QCOMPARE(run(m_db + args({"patch", "room", R"({"a/n":2,"b":true})"})).exitCode, 0);
        Run push = run(m_db + args({"push", "room/list", R"("hi")"}));
        QCOMPARE(push.exitCode, 0);
        QCOMPARE(push.out.size(), 20);
        Run get = run(m_db + args({"get", "room"}));
        QCOMPARE(get.out, QByteArray(R"({"a":{"msg":"안녕","n":2},"b":true,"list":{")" + push.out +
                                     R"(":"hi"}})"));
        QCOMPARE(run(m_db + args({"delete", "room"})).exitCode, 0);
        QCOMPARE(run(m_db + args({"get", "room"})).out, QByteArray("null"));
    }

    void queryOutputIsInFirebaseOrder()
    {
        QCOMPARE(
            run(m_db + args({"put", "items", R"({"a":{"p":3},"b":{"p":1},"c":{"p":2}})"})).exitCode,
            0);
        Run get = run(m_db + args({"get", "items", "--order-by", "p", "--limit-to-last", "2"}));
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(get.out, QByteArray(R"({"c":{"p":2},"a":{"p":3}})"));
        Run equal = run(m_db + args({"get", "items", "--order-by", "p", "--equal-to", "1"}));
        QCOMPARE(equal.out, QByteArray(R"({"b":{"p":1}})"));
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(run(m_db + args({"frobnicate", "x"})).exitCode, 2);
        QCOMPARE(run(m_db + args({"put", "x", "not json"})).exitCode, 2);
        QCOMPARE(run(m_db + args({"get", "a.b"})).exitCode, 2);
        QCOMPARE(run(m_db + args({"get", "x", "--limit-to-first", "2"})).exitCode, 2);
        Run missing = run(m_db + args({"put", "x"}));
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("PATH JSON"));
    }

    void errorsExitOneWithTheReason()
    {
        Run wrong =
            run(m_db + args({"--email", "nobody@oiso.test", "--password", "secret1", "get", "x"}));
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("INVALID_LOGIN_CREDENTIALS"), wrong.err.constData());

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString deadUrl = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close();
        Run unreachable = run(QStringList{QStringLiteral("--db"), deadUrl} +
                              args({"--timeout", "2", "get", "x"}));
        QCOMPARE(unreachable.exitCode, 1);
        QVERIFY(unreachable.err.contains("network error"));
    }

    void signsInWithEmailAndPassword()
    {
        ClientSet c(m_server->location());
        QVERIFY(c.signUp(QStringLiteral("cli@oiso.test")));
        Run signedIn = run(m_db + args({"--email", "cli@oiso.test", "--password", kDemoPassword,
                                        "put", "mine", "1"}));
        QCOMPARE(signedIn.exitCode, 0);
    }

    void listenPrintsEachChangeAcrossARestart()
    {
        std::unique_ptr<QProcess> listen(launch(m_db + args({"listen", "room", "--count", "4"})));
        QVERIFY(listen->waitForStarted());
        QByteArray out;
        auto lines = [&] {
            out += listen->readAllStandardOutput();
            return out.count('\n');
        };
        QTRY_COMPARE(lines(), 1); // the initial put of an empty room
        ClientSet writer(m_server->location());
        QVERIFY(finished(writer.client.set(dbPath("room/a"), json(R"("one")")))->ok());
        QTRY_COMPARE(lines(), 2);

        m_server->stop();
        m_server->start();
        QVERIFY(finished(writer.client.set(dbPath("room/b"), json(R"("two")")))->ok());
        QTRY_COMPARE_WITH_TIMEOUT(lines(), 3, 30'000);
        QVERIFY(finished(writer.client.set(dbPath("room/c"), json(R"("three")")))->ok());
        QVERIFY(listen->waitForFinished(30'000));
        lines();
        QCOMPARE(listen->exitCode(), 0);
        const QList<QByteArray> printed = out.trimmed().split('\n');
        QCOMPARE(printed.size(), 4);
        QCOMPARE(printed[0], QByteArray(R"({"event":"put","path":"/","data":null})"));
        QCOMPARE(printed[1], QByteArray(R"({"event":"put","path":"/a","data":"one"})"));
        QCOMPARE(printed[2], QByteArray(R"({"event":"put","path":"/b","data":"two"})"));
        QCOMPARE(printed[3], QByteArray(R"({"event":"put","path":"/c","data":"three"})"));
    }

private:
    std::unique_ptr<EmbeddedServer> m_server;
    QStringList m_db;
};

QTEST_GUILESS_MAIN(TestOisoCli)
#include "tst_oiso_cli.moc"
