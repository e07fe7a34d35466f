// The real oiso-server executable as a child process: it announces its URL, keeps every
// acknowledged write across SIGKILL and SIGTERM, starts after a torn journal tail, seeds the demo
// market, and reloads a large database.
#include "http_test_support.h"

#include <QDir>
#include <QProcess>

using oiso::test::HttpTestClient;

namespace {

// One server process on a data folder; restartable on the same folder.
class ServerProcess {
public:
    explicit ServerProcess(QString dataDir, QStringList extra = {})
        : m_dataDir(std::move(dataDir))
        , m_extra(std::move(extra))
    {
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    bool start()
    {
        m_url.clear();
        m_process.setProgram(QStringLiteral(OISO_SERVER_BINARY));
        m_process.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                           QStringLiteral("--data"), m_dataDir} +
                               m_extra);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        // The one line it prints once it is ready: "listening on http://127.0.0.1:PORT".
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(30000)) {
                qWarning() << "no ready line; stderr:" << m_process.readAllStandardError();
                return false;
            }
        }
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("listening on http://"))
            return false;
        m_url = QString::fromLatin1(line.mid(13));
        return true;
    }
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
    int terminate()
    {
        m_process.terminate();
        m_process.waitForFinished(30000);
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QString url() const { return m_url; }
    qint64 pid() const { return m_process.processId(); }

private:
    QString m_dataDir;
    QStringList m_extra;
    QString m_url;
    QProcess m_process;
};

QJsonValue parsed(const QByteArray& json)
{
    return QJsonDocument::fromJson("[" + json + "]").array().at(0);
}

} // namespace

class TestServerProcess : public QObject {
    Q_OBJECT

private slots:
    void acknowledgedWritesSurviveSigkill()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        QVERIFY(server.url().startsWith(QLatin1String("http://127.0.0.1:")));
        {
            HttpTestClient client(server.url());
            QList<QNetworkReply*> pending;
            for (int i = 0; i < 300; ++i) {
                const QString room = QStringLiteral("/chatlist/r%1").arg(i % 3);
                if (i % 2)
                    pending.append(client.start("PUT", room + QStringLiteral("/m%1.json").arg(i),
                                                QByteArray::number(i)));
                else
                    pending.append(client.start("PATCH", room + QStringLiteral(".json"),
                                                "{\"m" + QByteArray::number(i) +
                                                    "\":" + QByteArray::number(i) + "}"));
            }
            for (QNetworkReply* reply : pending)
                QCOMPARE(HttpTestClient::finish(reply).status, 200);
        }
        server.kill(); // no chance to flush or snapshot

        QVERIFY(server.start());
        HttpTestClient client(server.url());
        const QJsonObject rooms = client.get(QStringLiteral("/chatlist.json")).json().toObject();
        int found = 0;
        for (int i = 0; i < 300; ++i) {
            const QJsonValue v = rooms.value(QStringLiteral("r%1").arg(i % 3))
                                     .toObject()
                                     .value(QStringLiteral("m%1").arg(i));
            QCOMPARE(v.toInt(-1), i);
            ++found;
        }
        QCOMPARE(found, 300);
    }

    void sigtermExitsCleanlyAndKeepsData()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        QCOMPARE(HttpTestClient(server.url()).put(QStringLiteral("/a.json"), R"({"b":"c"})").status,
                 200);
        QCOMPARE(server.terminate(), 0);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("databases/oiso/snapshot.json"))));
        QVERIFY(server.start());
        QCOMPARE(HttpTestClient(server.url()).get(QStringLiteral("/a.json")).json(),
                 parsed(R"({"b":"c"})"));
    }

    void startsAfterATornJournalTail()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        QCOMPARE(HttpTestClient(server.url()).put(QStringLiteral("/kept.json"), "42").status, 200);
        server.kill();
        // A crash in the middle of writing the next record leaves a partial one behind.
        const QDir db(dir.filePath(QStringLiteral("databases/oiso")));
        const QStringList logs = db.entryList({QStringLiteral("log-*")}, QDir::Files, QDir::Name);
        QVERIFY(!logs.isEmpty());
        QFile log(db.filePath(logs.last()));
        QVERIFY(log.open(QIODevice::Append));
        log.write(QByteArray("OSIO\x40\x00\x00\x00partial", 15));
        log.close();

        QVERIFY(server.start());
        HttpTestClient client(server.url());
        QCOMPARE(client.get(QStringLiteral("/kept.json")).json(), parsed("42"));
        QCOMPARE(client.put(QStringLiteral("/after.json"), "1").status, 200);
        server.kill();
        QVERIFY(server.start());
        QCOMPARE(HttpTestClient(server.url()).get(QStringLiteral("/after.json")).json(),
                 parsed("1"));
    }

    void demoMarketIsSeededAndItsAccountsSignIn()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path(), {QStringLiteral("--demo")});
        QVERIFY(server.start());
        HttpTestClient client(server.url());
        const QJsonObject items = client.get(QStringLiteral("/item.json")).json().toObject();
        QVERIFY(items.size() >= 12);
        QVERIFY(
            client.get(QStringLiteral("/chatlist.json?shallow=true")).json().toObject().size() >=
            7);
        const oiso::test::Reply signIn = client.send(
            "POST",
            QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=x"),
            R"({"email":"minji@oiso.test","password":"oiso-demo-1234","returnSecureToken":true})");
        QCOMPARE(signIn.status, 200);
        const QString uid = signIn.json().toObject().value(QStringLiteral("localId")).toString();
        QCOMPARE(client.get(QStringLiteral("/user_ids/minji.json")).json().toString(), uid);
        // The images the data points at are served.
        const QJsonValue imgPath = items.begin()->toObject().value(QStringLiteral("img_path"));
        const QString first =
            imgPath.isArray() ? imgPath.toArray().at(0).toString() : imgPath.toString();
        const oiso::test::Reply image = client.get(QLatin1Char('/') + first);
        QCOMPARE(image.status, 200);
        QCOMPARE(image.header("Content-Type"), QByteArray("image/png"));
        QVERIFY(image.body.startsWith("\x89PNG"));
        // A second start does not seed again over the data.
        QCOMPARE(client.put(QStringLiteral("/item.json"), R"({"only":{"name":"x"}})").status, 200);
        QCOMPARE(server.terminate(), 0);
        QVERIFY(server.start());
        QCOMPARE(HttpTestClient(server.url()).get(QStringLiteral("/item.json")).json(),
                 parsed(R"({"only":{"name":"x"}})"));
    }

    void reloadsAHundredThousandMessages()
    {
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        {
            HttpTestClient client(server.url());
            for (int batch = 0; batch < 10; ++batch) {
                QByteArray body = "{";
                for (int i = 0; i < 10000; ++i) {
                    const int n = batch * 10000 + i;
                    if (i)
                        body += ',';
                    body += "\"r" + QByteArray::number(n % 50) + "/m" +
                            QByteArray::number(n).rightJustified(6, '0') +
                            "\":{\"id\":\"minji\",\"msg\":\"message " + QByteArray::number(n) +
                            "\",\"timestamp\":" + QByteArray::number(1700000000000LL + n) + "}";
                }
                body += '}';
                QCOMPARE(client.send("PATCH", QStringLiteral("/chatlist.json"), body).status, 200);
            }
        }
        server.kill(); // replayed from the journal, no snapshot
        QVERIFY(server.start());
        HttpTestClient client(server.url());
        const QJsonObject rooms = client.get(QStringLiteral("/chatlist.json")).json().toObject();
        QCOMPARE(rooms.size(), 50);
        int total = 0;
        for (const QJsonValue& room : rooms)
            total += int(room.toObject().size());
        QCOMPARE(total, 100000);
        QCOMPARE(rooms.value(QStringLiteral("r7"))
                     .toObject()
                     .value(QStringLiteral("m099957"))
                     .toObject()
                     .value(QStringLiteral("msg"))
                     .toString(),
                 QStringLiteral("message 99957"));
    }
};

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_server_process.moc"
