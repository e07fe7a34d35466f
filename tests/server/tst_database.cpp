// The database without HTTP: writes, conditional writes, server values, the events each kind
// of write sends to streams at, above and below it, query windows and replay after reopening.
#include "protocol/json.h"
#include "server/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <mutex>

using oiso::protocol::Node;
using oiso::protocol::Path;
using oiso::protocol::Query;
using oiso::server::Database;
using oiso::server::WriteOutcome;
using oiso::server::WriteRequest;

namespace {

Node json(const char* text)
{
    auto node = oiso::protocol::parseJson(QByteArray(text), nullptr, {.allowServerValues = true});
    if (!node)
        qFatal("bad test JSON: %s", text);
    return *node;
}

Path path(const char* text)
{
    return *oiso::protocol::parsePath(text);
}

// Collects the events a stream receives; they arrive on the journal's thread.
struct Recorder {
    std::mutex mutex;
    QList<QByteArray> events;

    Database::EventSink sink()
    {
        return [this](const QByteArray& bytes) {
            std::lock_guard lock(mutex);
            // One sink call may carry several events.
            for (const QByteArray& event : bytes.split('\n')) {
                if (event.startsWith("data: "))
                    events.append(event.mid(6));
            }
        };
    }
    QList<QByteArray> take()
    {
        std::lock_guard lock(mutex);
        return std::exchange(events, {});
    }
    qsizetype count()
    {
        std::lock_guard lock(mutex);
        return events.size();
    }
};

WriteOutcome write(Database& db, WriteRequest request)
{
    std::promise<WriteOutcome> done;
    db.write(std::move(request), [&done](WriteOutcome outcome) { done.set_value(outcome); });
    return done.get_future().get();
}

WriteOutcome set(Database& db, const char* at, const char* value)
{
    WriteRequest request;
    request.path = path(at);
    request.value = json(value);
    return write(db, std::move(request));
}

WriteOutcome update(Database& db, const char* at,
                    std::initializer_list<std::pair<const char*, const char*>> entries)
{
    WriteRequest request;
    request.kind = WriteRequest::Kind::Update;
    request.path = path(at);
    for (const auto& [rel, value] : entries)
        request.updates.emplace_back(path(rel), json(value));
    return write(db, std::move(request));
}

QByteArray compact(const Node& node)
{
    return oiso::protocol::toJson(node);
}

} // namespace

class TestDatabase : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir.emplace();
        m_db = std::make_unique<Database>(QStringLiteral("test"), m_dir->path());
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
    }
    void cleanup()
    {
        m_db.reset();
        m_dir.reset();
    }

    void setReadAndPrune()
    {
        QCOMPARE(set(*m_db, "/a/b/c", "1").status, 200);
        QCOMPARE(compact(m_db->read(path("/a"))), QByteArray(R"({"b":{"c":1}})"));
        QCOMPARE(set(*m_db, "/a/b/c", "null").status, 200);
        QVERIFY(m_db->read(path("/a")).isNull()); // empty parents vanish
        QVERIFY(m_db->isEmpty());
    }

    void serverValuesResolveOnce()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto outcome =
            set(*m_db, "/m", R"({"t1":{".sv":"timestamp"},"t2":{".sv":"timestamp"}})");
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(outcome.status, 200);
        const double t1 = outcome.value.child("t1")->numberValue();
        QCOMPARE(outcome.value.child("t2")->numberValue(), t1);
        QVERIFY(t1 >= double(before) && t1 <= double(after));

        QCOMPARE(set(*m_db, "/n", R"({".sv":{"increment":5}})").value.numberValue(), 5.0);
        QCOMPARE(set(*m_db, "/n", R"({".sv":{"increment":-2.5}})").value.numberValue(), 2.5);
        QCOMPARE(set(*m_db, "/x", R"({".sv":"bogus"})").status, 400);
        QVERIFY(m_db->read(path("/x")).isNull());
    }

    void conditionalWrites()
    {
        WriteRequest create;
        create.path = path("/lock");
        create.value = json(R"("mine")");
        create.ifMatch = QByteArrayLiteral("null_etag");
        QCOMPARE(write(*m_db, create).status, 200);
        const auto second = write(*m_db, create); // someone created it first
        QCOMPARE(second.status, 412);
        QCOMPARE(compact(second.value), QByteArray(R"("mine")"));
        QCOMPARE(second.etag, Database::etagOf(json(R"("mine")")));

        WriteRequest replace = create;
        replace.value = json(R"("theirs")");
        replace.ifMatch = second.etag;
        QCOMPARE(write(*m_db, replace).status, 200);
        QCOMPARE(compact(m_db->read(path("/lock"))), QByteArray(R"("theirs")"));
    }

    void streamEventsAtAboveAndBelow()
    {
        set(*m_db, "/rooms/r1/m1", R"({"msg":"hi"})");
        Recorder room;
        m_db->subscribe(path("/rooms/r1"), {}, room.sink());
        QTRY_COMPARE(room.count(), 1);
        QCOMPARE(room.take().first(), QByteArray(R"({"path":"/","data":{"m1":{"msg":"hi"}}})"));

        set(*m_db, "/rooms/r1/m2", R"({"msg":"yo"})"); // below
        update(*m_db, "/rooms/r1", {{"m1/msg", R"("edited")"}, {"m3", R"({"msg":"3"})"}});
        update(*m_db, "/rooms/r1/m2", {{"msg", R"("two")"}});     // patch below, child names
        set(*m_db, "/rooms/r2/m1", R"({"msg":"elsewhere"})");     // unrelated: nothing
        set(*m_db, "/rooms/r1/m2/msg", R"("two")");               // no-op: nothing
        set(*m_db, "/rooms", R"({"r1":{"m9":{"msg":"reset"}}})"); // above: whole value
        set(*m_db, "/rooms/r1/m9", "null");                       // last child: room pruned
        QTRY_COMPARE(room.count(), 6);
        const QList<QByteArray> events = room.take();
        QCOMPARE(events[0], QByteArray(R"({"path":"/m2","data":{"msg":"yo"}})"));
        QCOMPARE(events[1], QByteArray(R"({"path":"/m1/msg","data":"edited"})"));
        QCOMPARE(events[2], QByteArray(R"({"path":"/m3","data":{"msg":"3"}})"));
        QCOMPARE(events[3], QByteArray(R"({"path":"/m2","data":{"msg":"two"}})"));
        QCOMPARE(events[4], QByteArray(R"({"path":"/","data":{"m9":{"msg":"reset"}}})"));
        QCOMPARE(events[5], QByteArray(R"({"path":"/m9","data":null})"));
        QVERIFY(m_db->read(path("/rooms")).isNull());
    }

    void queryStreamWindow()
    {
        for (const char* key : {"a", "b", "c", "d"})
            set(*m_db, QByteArray(QByteArray("/q/") + key).constData(), "1");
        Query lastTwo;
        lastTwo.orderBy = Query::OrderBy::Key;
        lastTwo.limitToLast = 2;
        Recorder window;
        m_db->subscribe(path("/q"), lastTwo, window.sink());
        QTRY_COMPARE(window.count(), 1);
        QCOMPARE(window.take().first(), QByteArray(R"({"path":"/","data":{"c":1,"d":1}})"));

        set(*m_db, "/q/e", "2"); // enters, pushes "c" out
        QTRY_COMPARE(window.count(), 2);
        QCOMPARE(window.take(),
                 (QList<QByteArray>{R"({"path":"/e","data":2})", R"({"path":"/c","data":null})"}));
        set(*m_db, "/q/a", "5"); // outside the window: nothing
        set(*m_db, "/q/e", "3"); // inside: changed
        QTRY_COMPARE(window.count(), 1);
        QCOMPARE(window.take().first(), QByteArray(R"({"path":"/e","data":3})"));
    }

    void eventsInCommitOrderFromManyThreads()
    {
        Recorder all;
        m_db->subscribe(path("/c"), {}, all.sink());
        QTRY_COMPARE(all.count(), 1);
        all.take();
        std::vector<std::thread> writers;
        for (int t = 0; t < 4; ++t) {
            writers.emplace_back([this, t] {
                for (int i = 0; i < 50; ++i) {
                    const QByteArray at = QByteArray("/c/t") + QByteArray::number(t) + "_" +
                                          QByteArray::number(i).rightJustified(3, '0');
                    set(*m_db, at.constData(), QByteArray::number(i).constData());
                }
            });
        }
        for (auto& w : writers)
            w.join();
        QTRY_COMPARE(all.count(), 200);
        QList<int> lastSeen(4, -1);
        for (const QByteArray& event : all.take()) {
            const auto object = QJsonDocument::fromJson(event).object();
            const QString p = object.value(QStringLiteral("path")).toString(); // "/tN_iii"
            const int thread = p.mid(2, 1).toInt();
            const int index = p.mid(4).toInt();
            QCOMPARE(index, lastSeen[thread] + 1); // each writer's events in its order
            lastSeen[thread] = index;
        }
    }

    void replayAfterReopen()
    {
        set(*m_db, "/a", R"({"x":1,"y":[1,2,3]})");
        update(*m_db, "/a", {{"x", "null"}, {"z/deep", R"("v")"}});
        set(*m_db, "/b", R"({".value":"p",".priority":2})");
        const QByteArray expected = oiso::protocol::toJson(m_db->read({}), {{}, true});
        m_db.reset(); // writes a snapshot
        m_db = std::make_unique<Database>(QStringLiteral("test"), m_dir->path());
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        QCOMPARE(oiso::protocol::toJson(m_db->read({}), {{}, true}), expected);
    }

private:
    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
