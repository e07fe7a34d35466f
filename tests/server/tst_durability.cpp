// The real oiso-server executable as a child process on a temporary data folder: writes it
// acknowledged survive SIGKILL and restarts, SIGTERM/SIGINT stop it cleanly (exit code 0), a torn
// journal tail does not keep it from starting, --demo seeds the market with accounts that can sign
// in, and a database of 100k messages comes back complete.
#include "http_test_support.h"

#include <QDir>
#include <QFile>

using oiso::test::canon;
using oiso::test::HttpClient;
using oiso::test::Response;

namespace {

// Every ServerProcess runs the oiso-server built with these tests.
class ServerProcess : public oiso::test::ServerProcess {
public:
    explicit ServerProcess(QString dataDir, QStringList extraArguments = {})
        : oiso::test::ServerProcess(QStringLiteral(OISO_SERVER_BINARY), std::move(dataDir),
                                    std::move(extraArguments))
    {
    }
};

// Sends all requests at once over a few connections and checks every answer is 200.
bool sendAll(const QString& url, const QList<std::tuple<QByteArray, QString, QByteArray>>& requests,
             QList<Response>* responses = nullptr)
{
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < 4; ++i)
        clients.push_back(std::make_unique<HttpClient>(url));
    QList<QNetworkReply*> pending;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const auto& [method, path, body] = requests.at(i);
        pending.append(clients.at(std::size_t(i % 4))->send(method, path, body));
    }
    bool allOk = true;
    for (QNetworkReply* reply : pending) {
        const Response r = HttpClient::wait(reply);
        if (r.status != 200) {
            qWarning() << "write failed:" << r.status << r.body;
            allOk = false;
        }
        if (responses)
            responses->append(r);
    }
    return allOk;
}

// A byte string literal with its embedded NULs, without the terminating one.
template <std::size_t N>
QByteArray bytes(const char (&text)[N])
{
    return QByteArray(text, qsizetype(N - 1));
}

QJsonObject message(int n)
{
    return QJsonObject{{QStringLiteral("id"), QStringLiteral("u%1").arg(n % 7)},
                       {QStringLiteral("msg"), QStringLiteral("메시지 %1").arg(n)},
                       {QStringLiteral("n"), n}};
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Adds `value` at the slash-separated `path` of `root`.
void insertAt(QJsonObject& root, const QStringList& path, const QJsonValue& value)
{
    if (path.size() == 1) {
        root.insert(path.first(), value);
        return;
    }
    QJsonObject child = root.value(path.first()).toObject();
    insertAt(child, path.mid(1), value);
    root.insert(path.first(), child);
}

// A mix of PUTs, PATCHes at the location, PATCHes from the root and POSTs, all in flight at
// once; returns the whole database they should leave behind (POSTed names filled in after).
bool writeMix(const QString& url, int first, int count, QJsonObject* expected)
{
    QList<std::tuple<QByteArray, QString, QByteArray>> requests;
    QList<int> posted;
    for (int n = first; n < first + count; ++n) {
        const QString room = QStringLiteral("r%1").arg(n % 5);
        const QString key = QStringLiteral("m%1").arg(n);
        const QJsonObject value = message(n);
        switch (n % 4) {
        case 0:
            requests.append(
                {"PUT", QStringLiteral("/chat/%1/%2.json").arg(room, key), compact(value)});
            insertAt(*expected, {QStringLiteral("chat"), room, key}, value);
            break;
        case 1: {
            QJsonObject update;
            for (auto it = value.begin(); it != value.end(); ++it)
                update.insert(key + QLatin1Char('/') + it.key(), it.value());
            requests.append({"PATCH", QStringLiteral("/chat/%1.json").arg(room), compact(update)});
            insertAt(*expected, {QStringLiteral("chat"), room, key}, value);
            break;
        }
        case 2:
            requests.append(
                {"PATCH", QStringLiteral("/.json"),
                 compact(QJsonObject{{QStringLiteral("chat/%1/%2").arg(room, key), value},
                                     {QStringLiteral("count/%1").arg(key), n}})});
            insertAt(*expected, {QStringLiteral("chat"), room, key}, value);
            insertAt(*expected, {QStringLiteral("count"), key}, n);
            break;
        default:
            requests.append({"POST", QStringLiteral("/posted.json"), compact(value)});
            posted.append(n);
            break;
        }
    }
    QList<Response> responses;
    if (!sendAll(url, requests, &responses))
        return false;
    qsizetype nextPost = 0;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (std::get<0>(requests.at(i)) != "POST")
            continue;
        const QString name =
            responses.at(i).json.toObject().value(QStringLiteral("name")).toString();
        insertAt(*expected, {QStringLiteral("posted"), name}, message(posted.at(nextPost++)));
    }
    return true;
}

} // namespace

class TestDurability : public QObject {
    Q_OBJECT

private slots:
    // Acknowledged writes are on disk: SIGKILL right after the last answer loses none of them.
    void acknowledgedWritesSurviveSigkill()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        QJsonObject expected;
        QVERIFY(writeMix(server.url(), 0, 300, &expected));
        QCOMPARE(HttpClient(server.url()).get(QStringLiteral("/.json")).canonical(),
                 canon(expected));
        server.kill();

        QVERIFY(server.start());
        QCOMPARE(HttpClient(server.url()).get(QStringLiteral("/.json")).canonical(),
                 canon(expected));

        // The restarted server keeps appending where the journal left off.
        QVERIFY(writeMix(server.url(), 300, 100, &expected));
        server.kill();
        QVERIFY(server.start());
        QCOMPARE(HttpClient(server.url()).get(QStringLiteral("/.json")).canonical(),
                 canon(expected));
    }

    // SIGTERM and SIGINT stop it with exit code 0, also with an open event stream, after
    // writing a snapshot; the data is there after a restart.
    void stopSignalsExitCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
#ifdef Q_OS_UNIX
        QTest::newRow("SIGINT") << int(SIGINT);
#endif
    }
    void stopSignalsExitCleanly()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        {
            HttpClient client(server.url());
            QCOMPARE(client.put(QStringLiteral("/a.json"), R"({"b":"c","n":[1,2]})").status, 200);
            QNetworkAccessManager streams;
            oiso::test::EventStreamReader stream(streams, client.url(QStringLiteral("/a.json")));
            QTRY_COMPARE_WITH_TIMEOUT(stream.count(), qsizetype(1), 10000);
            QCOMPARE(server.stopWith(signalNumber), 0);
            QTRY_VERIFY_WITH_TIMEOUT(stream.finished(), 10000);
        }
        // A clean stop leaves a snapshot, so the next start need not replay the journal.
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("databases/oiso/snapshot.json"))));
        QVERIFY(server.start());
        QCOMPARE(HttpClient(server.url()).get(QStringLiteral("/.json")).canonical(),
                 canon(R"({"a":{"b":"c","n":[1,2]}})"));
        QCOMPARE(server.terminate(), 0);
    }

    // A crash in the middle of appending leaves a partial record at the end of the newest log
    // segment; the server cuts it off, starts, and has every acknowledged write.
    void tornJournalTail_data()
    {
        QTest::addColumn<QByteArray>("tail");
        // Records start with "OSIO", a 32-bit length and a CRC-32 (app/server/journal.cpp).
        QTest::newRow("garbage") << bytes("\x00\xff\x13 garbage \x7f");
        QTest::newRow("partial header") << bytes("OSIO\x40\x00");
        QTest::newRow("partial record") << bytes("OSIO\x40\x00\x00\x00\x12\x34\x56\x78[[\"/x\"");
        QTest::newRow("bad checksum") << bytes("OSIO\x0a\x00\x00\x00\x00\x00\x00\x00[[\"/x\",1]]");
    }
    void tornJournalTail()
    {
        QFETCH(QByteArray, tail);
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        QJsonObject expected;
        QVERIFY(writeMix(server.url(), 0, 60, &expected));
        server.kill();

        const QDir db(dir.filePath(QStringLiteral("databases/oiso")));
        const QStringList logs =
            db.entryList({QStringLiteral("log-*.oisolog")}, QDir::Files, QDir::Name);
        QVERIFY2(!logs.isEmpty(), qPrintable(db.entryList().join(QLatin1Char(' '))));
        QFile log(db.filePath(logs.last()));
        QVERIFY(log.open(QIODevice::Append));
        QCOMPARE(log.write(tail), tail.size());
        log.close();

        QVERIFY2(server.start(), server.stderrText().constData());
        QCOMPARE(HttpClient(server.url()).get(QStringLiteral("/.json")).canonical(),
                 canon(expected));
        // Later writes go after the cut and survive the next crash too.
        QVERIFY(writeMix(server.url(), 60, 40, &expected));
        server.kill();
        QVERIFY(server.start());
        QCOMPARE(HttpClient(server.url()).get(QStringLiteral("/.json")).canonical(),
                 canon(expected));
    }

    // --demo seeds the market once; its accounts sign in with the password of the data file.
    void demoSeedsTheMarket()
    {
        QFile file(QStringLiteral(OISO_DEMO_MARKET_JSON));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QJsonObject market = QJsonDocument::fromJson(file.readAll()).object();
        const QString password = market.value(QStringLiteral("password")).toString();
        const QString loginId = market.value(QStringLiteral("users"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toString();
        const QString email =
            loginId + QLatin1Char('@') + market.value(QStringLiteral("emailDomain")).toString();
        QVERIFY(!password.isEmpty() && !loginId.isEmpty());

        QTemporaryDir dir;
        ServerProcess server(dir.path(), {QStringLiteral("--demo")});
        QVERIFY(server.start());
        HttpClient client(server.url());
        for (const char* location : {"/item.json", "/chatlist.json", "/buyer_chatlist.json"}) {
            const Response r =
                client.get(QString::fromLatin1(location) + QStringLiteral("?shallow=true"));
            QCOMPARE(r.status, 200);
            QVERIFY2(r.json.isObject() && !r.json.toObject().isEmpty(), location);
        }
        // One listing per item of the file, and one chat room per item that has a chat.
        const QJsonArray marketItems = market.value(QStringLiteral("items")).toArray();
        const auto chats = std::count_if(marketItems.begin(), marketItems.end(), [](const auto& i) {
            return !i.toObject().value(QStringLiteral("chat")).toArray().isEmpty();
        });
        QVERIFY(chats > 0);
        QCOMPARE(client.get(QStringLiteral("/item.json?shallow=true")).json.toObject().size(),
                 marketItems.size());
        QCOMPARE(client.get(QStringLiteral("/chatlist.json?shallow=true")).json.toObject().size(),
                 qsizetype(chats));

        const Response signIn = client.post(
            QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=k"),
            QJsonDocument(QJsonObject{{QStringLiteral("email"), email},
                                      {QStringLiteral("password"), password},
                                      {QStringLiteral("returnSecureToken"), true}})
                .toJson());
        QCOMPARE(signIn.status, 200);
        const QString uid = signIn.json.toObject().value(QStringLiteral("localId")).toString();
        QVERIFY(!uid.isEmpty());
        QCOMPARE(client.get(QStringLiteral("/user_ids/") + loginId + QStringLiteral(".json"))
                     .json.toString(),
                 uid);

        // Seeding happens only into an empty database: a restart keeps what is there.
        QCOMPARE(client.put(QStringLiteral("/item.json"), R"({"only":{"name":"x"}})").status, 200);
        QCOMPARE(server.terminate(), 0);
        QVERIFY(server.start());
        QCOMPARE(HttpClient(server.url()).get(QStringLiteral("/item.json")).canonical(),
                 canon(R"({"only":{"name":"x"}})"));
    }

    // 100k messages written in ten PATCHes of 10k come back complete after a crash. (A restart
    // from a snapshot is covered by stopSignalsExitCleanly; repeating it here at this size would
    // double the slowest test for no new path.)
    void hundredThousandMessages()
    {
        constexpr int kRooms = 50;
        constexpr int kMessages = 100000;
        constexpr int kBatch = 10000;
        constexpr qint64 kEpoch = 1700000000000LL;
        QTemporaryDir dir;
        ServerProcess server(dir.path());
        QVERIFY(server.start());
        QList<std::tuple<QByteArray, QString, QByteArray>> patches;
        for (int batch = 0; batch < kMessages / kBatch; ++batch) {
            QByteArray body = "{";
            for (int i = 0; i < kBatch; ++i) {
                const int n = batch * kBatch + i;
                if (i)
                    body += ',';
                body += "\"r" + QByteArray::number(n % kRooms) + "/m" +
                        QByteArray::number(n).rightJustified(6, '0') +
                        "\":{\"id\":\"minji\",\"msg\":\"message " + QByteArray::number(n) +
                        "\",\"timestamp\":" + QByteArray::number(kEpoch + n) + '}';
            }
            body += '}';
            patches.append({"PATCH", QStringLiteral("/chatlist.json"), body});
        }
        QVERIFY(sendAll(server.url(), patches));

        // Every room holds exactly its messages with exact values; the count then shows that
        // none is missing (a key names one message, and the message decides its room).
        const auto verify = [&](const QString& url) {
            const Response r = HttpClient(url).get(QStringLiteral("/chatlist.json"));
            QCOMPARE(r.status, 200);
            const QJsonObject rooms = r.json.toObject();
            QCOMPARE(rooms.size(), kRooms);
            qsizetype total = 0;
            for (auto room = rooms.begin(); room != rooms.end(); ++room) {
                const QJsonObject messages = room.value().toObject();
                total += messages.size();
                for (auto it = messages.begin(); it != messages.end(); ++it) {
                    bool ok = false;
                    const int n = it.key().mid(1).toInt(&ok);
                    const QJsonObject m = it.value().toObject();
                    const bool exact =
                        ok && it.key().size() == 7 &&
                        room.key() == QStringLiteral("r%1").arg(n % kRooms) && m.size() == 3 &&
                        m.value(QLatin1String("id")) == QLatin1String("minji") &&
                        m.value(QLatin1String("msg")).toString() ==
                            QLatin1String("message ") + QString::number(n) &&
                        m.value(QLatin1String("timestamp")).toInteger() == kEpoch + n;
                    if (!exact) {
                        QFAIL(qPrintable(room.key() + QLatin1Char('/') + it.key() +
                                         QStringLiteral(" is ") +
                                         QString::fromUtf8(canon(it.value()))));
                    }
                }
            }
            QCOMPARE(total, qsizetype(kMessages));
        };

        server.kill(); // replayed from the journal, the slowest way to start
        QVERIFY(server.start());
        verify(server.url());
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
