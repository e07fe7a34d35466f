// Event streams (text/event-stream) of an in-process server over real HTTP, checked against the
// protocol reference §6: the initial put, the events of §6.8 for writes at, below and above the
// location, silence for unrelated and no-op writes, commit order, query windows (§6.9),
// keep-alives, auth_revoked on token expiry, client hang-ups and many concurrent streams.
//
// "Nothing happened" is never checked by waiting: a later write that does produce an event is
// made, and the stream must show that event next, since events arrive in commit order.
#include "http_test_support.h"

#include <algorithm>

using oiso::server::ServerOptions;
using oiso::test::canon;
using oiso::test::encodeQuery;
using oiso::test::EventStreamReader;
using oiso::test::HttpClient;
using oiso::test::Response;
using oiso::test::ServerFixture;

namespace {

constexpr int kEventTimeoutMs = 10000;

QList<QByteArray> sorted(QList<QByteArray> list)
{
    std::sort(list.begin(), list.end());
    return list;
}

QByteArray put(const QByteArray& path, const QByteArray& json)
{
    return "put " + path + ' ' + canon(QByteArrayView(json));
}

QByteArray patch(const QByteArray& path, const QByteArray& json)
{
    return "patch " + path + ' ' + canon(QByteArrayView(json));
}

} // namespace

// Waits until the stream has exactly `n` events in all (more, or fewer after the timeout, fail).
// `n` is evaluated repeatedly: no side effects in it.
#define WAIT_FOR_EVENTS(stream, n)                                                                 \
    QTRY_COMPARE_WITH_TIMEOUT((stream)->count(), qsizetype(n), kEventTimeoutMs)

class TestStreaming : public QObject {
    Q_OBJECT

private:
    bool start(const ServerOptions& options = {})
    {
        m_fx = std::make_unique<ServerFixture>(options);
        if (!m_fx->ok())
            qWarning("server did not start: %s", qPrintable(m_fx->error()));
        return m_fx->ok();
    }
    HttpClient& c() { return m_fx->client(); }
    std::unique_ptr<EventStreamReader> listen(const QString& pathAndQuery)
    {
        return m_fx->listen(pathAndQuery);
    }

    std::unique_ptr<ServerFixture> m_fx;

private slots:
    void cleanup() { m_fx.reset(); }

    // §6.1/§6.3: 200, text/event-stream, and first a put at "/" with the whole value or null.
    void initialPutCarriesTheWholeValue()
    {
        QVERIFY(start());
        QCOMPARE(c().put(QStringLiteral("/room/r1.json"), R"({"m1":{"text":"안녕"},"n":2})").status,
                 200);
        auto empty = listen(QStringLiteral("/nothing/here.json"));
        auto room = listen(QStringLiteral("/room/r1.json"));
        auto root = listen(QStringLiteral("/.json"));
        auto leaf = listen(QStringLiteral("/room/r1/m1/text.json"));
        WAIT_FOR_EVENTS(empty, 1);
        WAIT_FOR_EVENTS(room, 1);
        WAIT_FOR_EVENTS(root, 1);
        WAIT_FOR_EVENTS(leaf, 1);
        QCOMPARE(empty->describe(), QList<QByteArray>{put("/", "null")});
        QCOMPARE(room->describe(), QList<QByteArray>{put("/", R"({"m1":{"text":"안녕"},"n":2})")});
        QCOMPARE(root->describe(),
                 QList<QByteArray>{put("/", R"({"room":{"r1":{"m1":{"text":"안녕"},"n":2}}})")});
        QCOMPARE(leaf->describe(), QList<QByteArray>{put("/", R"("안녕")")});

        QCOMPARE(room->status(), 200);
        QCOMPARE(room->header("Content-Type"), QByteArray("text/event-stream; charset=utf-8"));
        QCOMPARE(room->header("Cache-Control"), QByteArray("no-cache"));
        QVERIFY(!room->finished());
    }

    // §6.8, one write after another, each with exactly the events the table prescribes.
    void eventsForWritesAtBelowAndAboveTheLocation()
    {
        QVERIFY(start());
        auto s = listen(QStringLiteral("/room/r1.json"));
        WAIT_FOR_EVENTS(s, 1);
        qsizetype n = 1;

        // PUT below S
        QCOMPARE(c().put(QStringLiteral("/room/r1/m2.json"), R"({"text":"b"})").status, 200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/m2", R"({"text":"b"})")});

        // PUT at S
        QCOMPARE(c().put(QStringLiteral("/room/r1.json"), R"({"m1":{"text":"a"}})").status, 200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/", R"({"m1":{"text":"a"}})")});

        // PATCH below S: one patch at the PATCH location
        QCOMPARE(
            c().patch(QStringLiteral("/room/r1/m1.json"), R"({"text":"A","read":true})").status,
            200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1),
                 QList<QByteArray>{patch("/m1", R"({"text":"A","read":true})")});

        // PATCH at S with child names, a deletion among them
        QCOMPARE(
            c().patch(QStringLiteral("/room/r1.json"), R"({"m3":{"text":"c"},"m1":null})").status,
            200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1),
                 QList<QByteArray>{patch("/", R"({"m3":{"text":"c"},"m1":null})")});

        // PATCH at S with server values: the event carries the resolved value
        Response r = c().patch(QStringLiteral("/room/r1.json"), R"({"ts":{".sv":"timestamp"}})");
        QCOMPARE(r.status, 200);
        const QByteArray ts =
            QByteArray::number(r.json.toObject().value(QStringLiteral("ts")).toInteger());
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{patch("/", R"({"ts":)" + ts + "}")});

        // PATCH at S with slash keys: one put per key (their relative order is not specified)
        QCOMPARE(
            c().patch(QStringLiteral("/room/r1.json"), R"({"m3/text":"C","m4/text":"d"})").status,
            200);
        n += 2;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(sorted(s->describe(n - 2)),
                 sorted({put("/m3/text", R"("C")"), put("/m4/text", R"("d")")}));

        // POST at S
        r = c().post(QStringLiteral("/room/r1.json"), R"({"text":"e"})");
        QCOMPARE(r.status, 200);
        const QByteArray name = r.json.toObject().value(QStringLiteral("name")).toString().toUtf8();
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/" + name, R"({"text":"e"})")});

        // DELETE below S
        QCOMPARE(c().del(QStringLiteral("/room/r1/m4.json")).status, 200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/m4", "null")});

        // PUT above S that changes S: a put at "/" with S's new value
        QCOMPARE(c().put(QStringLiteral("/room.json"), R"({"r1":{"x":1},"r2":{"y":2}})").status,
                 200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/", R"({"x":1})")});

        // PUT above S that leaves S as it was: nothing (checked by the next event)
        QCOMPARE(c().put(QStringLiteral("/room.json"), R"({"r1":{"x":1},"r2":{"y":3}})").status,
                 200);

        // PATCH above S updating a path below S: a put at that path
        QCOMPARE(
            c().patch(QStringLiteral("/.json"), R"({"room/r1/m5":{"t":5},"other/z":1})").status,
            200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/m5", R"({"t":5})")});

        // PATCH above S replacing S itself, then replacing an ancestor of S
        QCOMPARE(
            c().patch(QStringLiteral("/.json"), R"({"room/r1":{"only":true},"other/z":2})").status,
            200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/", R"({"only":true})")});
        QCOMPARE(c().patch(QStringLiteral("/.json"), R"({"room":{"r1":{"o":1}}})").status, 200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/", R"({"o":1})")});

        // PATCH above S touching only a sibling: nothing
        QCOMPARE(c().patch(QStringLiteral("/room.json"), R"({"r2":{"y":9}})").status, 200);

        // DELETE above S
        QCOMPARE(c().del(QStringLiteral("/room.json")).status, 200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/", "null")});

        // DELETE at S when it is already gone: nothing; then a last event closes the sequence
        QCOMPARE(c().del(QStringLiteral("/room/r1.json")).status, 200);
        QCOMPARE(c().put(QStringLiteral("/room/r1/end.json"), "true").status, 200);
        ++n;
        WAIT_FOR_EVENTS(s, n);
        QCOMPARE(s->describe(n - 1), QList<QByteArray>{put("/end", "true")});
        QVERIFY(!s->finished());
    }

    // §6.8: writes elsewhere and writes that change nothing send nothing.
    void unrelatedAndNoOpWritesSendNothing()
    {
        QVERIFY(start());
        QCOMPARE(c().put(QStringLiteral("/room/r1.json"), R"({"a":1,"o":{"p":"q"}})").status, 200);
        auto s = listen(QStringLiteral("/room/r1.json"));
        WAIT_FOR_EVENTS(s, 1);

        QCOMPARE(c().put(QStringLiteral("/room/r2/x.json"), "1").status, 200); // sibling
        QCOMPARE(c().put(QStringLiteral("/room/r10.json"), "1").status, 200);  // name prefix
        QCOMPARE(c().put(QStringLiteral("/other.json"), R"({"a":1})").status, 200);
        QCOMPARE(c().patch(QStringLiteral("/.json"), R"({"x/y":1,"room/r3":2})").status, 200);
        QCOMPARE(c().put(QStringLiteral("/room/r1.json"), R"({"a":1,"o":{"p":"q"}})").status,
                 200); // same value
        QCOMPARE(c().put(QStringLiteral("/room/r1/a.json"), "1").status, 200);
        QCOMPARE(c().patch(QStringLiteral("/room/r1.json"), R"({"a":1,"o/p":"q"})").status, 200);
        QCOMPARE(c().patch(QStringLiteral("/.json"), R"({"room/r1/a":1})").status, 200);
        QCOMPARE(c().del(QStringLiteral("/room/r1/absent.json")).status, 200);
        QCOMPARE(c().put(QStringLiteral("/room/r1/empty.json"), "{}").status, 200);
        QCOMPARE(c().put(QStringLiteral("/room/r1/o/p/deeper.json"), "null").status, 200);
        QCOMPARE(c().put(QStringLiteral("/room/r1/a.json?ns=other-db"), "5").status, 200);
        QCOMPARE(c().put(QStringLiteral("/room/r1.json?print=silent"), R"({"a":1,"o":{"p":"q"}})")
                     .status,
                 204);

        QCOMPARE(c().put(QStringLiteral("/room/r1/b.json"), "2").status, 200);
        WAIT_FOR_EVENTS(s, 2);
        QCOMPARE(s->describe(),
                 (QList<QByteArray>{put("/", R"({"a":1,"o":{"p":"q"}})"), put("/b", "2")}));
    }

    // Events are sent after commit, in commit order: sequential writes arrive in order, and
    // concurrent increments (each write's value is its position in the commit order) arrive
    // as exactly 1, 2, 3, …
    void eventsArriveInCommitOrder()
    {
        QVERIFY(start());
        auto seq = listen(QStringLiteral("/seq.json"));
        WAIT_FOR_EVENTS(seq, 1);
        QList<QByteArray> expected{put("/", "null")};
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(c().put(QStringLiteral("/seq/n.json"), QByteArray::number(i)).status, 200);
            expected.append(put("/n", QByteArray::number(i)));
        }
        WAIT_FOR_EVENTS(seq, expected.size());
        QCOMPARE(seq->describe(), expected);

        auto counter = listen(QStringLiteral("/ctr.json"));
        WAIT_FOR_EVENTS(counter, 1);
        std::vector<std::unique_ptr<HttpClient>> clients;
        for (int i = 0; i < 4; ++i)
            clients.push_back(std::make_unique<HttpClient>(m_fx->url()));
        QList<QNetworkReply*> pending;
        for (int i = 0; i < 100; ++i) {
            pending.append(
                clients.at(std::size_t(i % 4))
                    ->send("PUT", QStringLiteral("/ctr.json"), R"({".sv":{"increment":1}})"));
        }
        for (QNetworkReply* reply : pending)
            QCOMPARE(HttpClient::wait(reply).status, 200);
        expected = {put("/", "null")};
        for (int i = 1; i <= 100; ++i)
            expected.append(put("/", QByteArray::number(i)));
        WAIT_FOR_EVENTS(counter, expected.size());
        QCOMPARE(counter->describe(), expected);
    }

    // Two streams on one location see the same sequence, also for concurrent writers.
    void twoStreamsSeeTheSameSequence()
    {
        QVERIFY(start());
        auto a = listen(QStringLiteral("/chat.json"));
        auto b = listen(QStringLiteral("/chat.json"));
        WAIT_FOR_EVENTS(a, 1);
        WAIT_FOR_EVENTS(b, 1);
        std::vector<std::unique_ptr<HttpClient>> clients;
        for (int i = 0; i < 4; ++i)
            clients.push_back(std::make_unique<HttpClient>(m_fx->url()));
        QList<QNetworkReply*> pending;
        for (int i = 0; i < 100; ++i) {
            const QString path =
                i % 3 ? QStringLiteral("/chat/last.json") : QStringLiteral("/chat/m%1.json").arg(i);
            pending.append(
                clients.at(std::size_t(i % 4))->send("PUT", path, QByteArray::number(i)));
        }
        for (QNetworkReply* reply : pending)
            QCOMPARE(HttpClient::wait(reply).status, 200);
        WAIT_FOR_EVENTS(a, 101);
        WAIT_FOR_EVENTS(b, 101);
        QCOMPARE(a->describe(), b->describe());
        // Replaying the events gives what is stored: the last event for "last" is its value.
        const QByteArray stored = c().get(QStringLiteral("/chat/last.json")).canonical();
        const QList<QByteArray> events = a->describe();
        const auto lastOfLast =
            std::find_if(events.rbegin(), events.rend(),
                         [](const QByteArray& e) { return e.startsWith("put /last "); });
        QVERIFY(lastOfLast != events.rend());
        QCOMPARE(*lastOfLast, QByteArray("put /last " + stored));
    }

    // §6.9 stand-in behaviour: a query stream gets puts for children entering or changing in
    // its window and null puts for children leaving it, nothing for changes outside.
    void queryStreamFollowsItsWindow()
    {
        QVERIFY(start());
        QCOMPARE(c().put(QStringLiteral("/room.json"), R"({"a":1,"b":2,"c":3,"d":4})").status, 200);
        auto w =
            listen(QStringLiteral("/room.json?") + encodeQuery(R"(orderBy="$key"&limitToLast=3)"));
        WAIT_FOR_EVENTS(w, 1);
        QCOMPARE(w->describe(), QList<QByteArray>{put("/", R"({"b":2,"c":3,"d":4})")});
        QCOMPARE(w->status(), 200);

        QCOMPARE(c().put(QStringLiteral("/room/e.json"), "5").status, 200); // e enters, b leaves
        WAIT_FOR_EVENTS(w, 3);
        QCOMPARE(sorted(w->describe(1)), sorted({put("/e", "5"), put("/b", "null")}));

        QCOMPARE(c().put(QStringLiteral("/room/a.json"), "9").status, 200); // outside: nothing
        QCOMPARE(c().put(QStringLiteral("/room/c.json"), "3").status, 200); // unchanged: nothing
        QCOMPARE(c().put(QStringLiteral("/room/d.json"), "7").status, 200); // inside: changed
        WAIT_FOR_EVENTS(w, 4);
        QCOMPARE(w->describe(3), QList<QByteArray>{put("/d", "7")});

        QCOMPARE(c().del(QStringLiteral("/room/e.json")).status, 200); // e leaves, b re-enters
        WAIT_FOR_EVENTS(w, 6);
        QCOMPARE(sorted(w->describe(4)), sorted({put("/e", "null"), put("/b", "2")}));

        QCOMPARE(c().patch(QStringLiteral("/room.json"), R"({"f":6,"g":7})").status, 200);
        WAIT_FOR_EVENTS(w, 10);
        QCOMPARE(sorted(w->describe(6)),
                 sorted({put("/f", "6"), put("/g", "7"), put("/b", "null"), put("/c", "null")}));
        QCOMPARE(
            c().get(QStringLiteral("/room.json?") + encodeQuery(R"(orderBy="$key"&limitToLast=3)"))
                .canonical(),
            canon(R"({"d":7,"f":6,"g":7})"));
    }

    // §6.3/§6.6: keep-alive (data null) after the configured silence, again and again.
    void keepAliveAfterSilence()
    {
        ServerOptions options;
        options.keepAliveSeconds = 1;
        QVERIFY(start(options));
        auto quiet = listen(QStringLiteral("/quiet.json"));
        QTRY_VERIFY_WITH_TIMEOUT(quiet->count() >= 3, kEventTimeoutMs);
        const QList<QByteArray> events = quiet->describe();
        QCOMPARE(events.first(), put("/", "null"));
        for (qsizetype i = 1; i < events.size(); ++i)
            QCOMPARE(events.at(i), QByteArray("keep-alive null"));
        // The stream still carries data afterwards.
        QCOMPARE(c().put(QStringLiteral("/quiet.json"), R"("hi")").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(quiet->describe().contains(put("/", R"("hi")")), kEventTimeoutMs);
        QVERIFY(!quiet->finished());
    }

    // §6.7: when the stream's ID token expires the server sends auth_revoked and ends the
    // stream; the expired token is then refused with 401, also for a new stream.
    void expiringTokenRevokesTheStream()
    {
        ServerOptions options;
        options.tokenLifetimeSeconds = 2;
        QVERIFY(start(options));
        const Response signUp = c().post(
            QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=k"),
            R"({"email":"short@oiso.test","password":"secret-pw","returnSecureToken":true})");
        QCOMPARE(signUp.status, 200);
        const QString token = signUp.json.toObject().value(QStringLiteral("idToken")).toString();
        QVERIFY(!token.isEmpty());

        auto s = listen(QStringLiteral("/x.json?auth=") + token);
        QTRY_VERIFY_WITH_TIMEOUT(s->finished(), 15000);
        QCOMPARE(s->status(), 200);
        QCOMPARE(s->count(), qsizetype(2));
        QCOMPARE(s->describe(0).first(), put("/", "null"));
        const EventStreamReader::Event revoked = s->events().last();
        QCOMPARE(revoked.type, QByteArray("auth_revoked"));
        QVERIFY2(revoked.data.isString() && !revoked.data.toString().isEmpty(),
                 revoked.rawData.constData());

        QTRY_COMPARE_WITH_TIMEOUT(c().get(QStringLiteral("/x.json?auth=") + token).status, 401,
                                  kEventTimeoutMs);
        auto refused = listen(QStringLiteral("/x.json?auth=") + token);
        QTRY_VERIFY_WITH_TIMEOUT(refused->finished(), kEventTimeoutMs);
        QCOMPARE(refused->status(), 401);
        QCOMPARE(refused->count(), qsizetype(0));
        QVERIFY(!oiso::test::parseJson(refused->plainBody())
                     .toObject()
                     .value(QStringLiteral("error"))
                     .toString()
                     .isEmpty());
    }

    // §6.1: a stream that cannot start is an ordinary error response.
    void streamErrorsAreOrdinaryResponses_data()
    {
        QTest::addColumn<QString>("pathAndQuery");
        QTest::addColumn<int>("status");
        QTest::newRow("bad query") << QStringLiteral("/x.json?limitToFirst=1") << 400;
        QTest::newRow("bad path") << QStringLiteral("/a%23b.json") << 400;
        QTest::newRow("bad token") << QStringLiteral("/x.json?auth=garbage") << 401;
        QTest::newRow("shallow with query")
            << QString(QStringLiteral("/x.json?shallow=true&") + encodeQuery(R"(orderBy="$key")"))
            << 400;
    }
    void streamErrorsAreOrdinaryResponses()
    {
        QFETCH(QString, pathAndQuery);
        QFETCH(int, status);
        QVERIFY(start());
        auto s = listen(pathAndQuery);
        QTRY_VERIFY_WITH_TIMEOUT(s->finished(), kEventTimeoutMs);
        QCOMPARE(s->status(), status);
        QVERIFY(!s->isEventStream());
        QCOMPARE(s->count(), qsizetype(0));
        QVERIFY2(!oiso::test::parseJson(s->plainBody())
                      .toObject()
                      .value(QStringLiteral("error"))
                      .toString()
                      .isEmpty(),
                 s->plainBody().constData());
    }

    // A client that hangs up is unsubscribed; the server carries on for everyone else.
    void closingTheClientSideUnsubscribes()
    {
        QVERIFY(start());
        auto gone = listen(QStringLiteral("/c.json"));
        auto stays = listen(QStringLiteral("/c.json"));
        WAIT_FOR_EVENTS(gone, 1);
        WAIT_FOR_EVENTS(stays, 1);
        gone->close();
        QTRY_VERIFY_WITH_TIMEOUT(gone->finished(), kEventTimeoutMs);

        // Streams closed at once, before their first event, leave nothing behind either.
        for (int i = 0; i < 20; ++i)
            listen(QStringLiteral("/c.json"))->close();

        QCOMPARE(c().put(QStringLiteral("/c/x.json"), "1").status, 200);
        WAIT_FOR_EVENTS(stays, 2);
        QCOMPARE(stays->describe(1), QList<QByteArray>{put("/x", "1")});
        QCOMPARE(gone->count(), qsizetype(1));

        auto fresh = listen(QStringLiteral("/c.json"));
        WAIT_FOR_EVENTS(fresh, 1);
        QCOMPARE(fresh->describe(), QList<QByteArray>{put("/", R"({"x":1})")});
        QCOMPARE(c().put(QStringLiteral("/c/y.json"), "2").status, 200);
        WAIT_FOR_EVENTS(fresh, 2);
        WAIT_FOR_EVENTS(stays, 3);
        QCOMPARE(fresh->describe(1), QList<QByteArray>{put("/y", "2")});
    }

    // 200 concurrent streams on one location all get the initial put and the next event.
    void manyConcurrentStreams()
    {
        QVERIFY(start());
        std::vector<std::unique_ptr<EventStreamReader>> streams;
        for (int i = 0; i < 200; ++i)
            streams.push_back(listen(QStringLiteral("/crowd.json")));
        const auto allHave = [&streams](qsizetype n) {
            return std::all_of(streams.begin(), streams.end(),
                               [n](const auto& s) { return s->count() == n; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allHave(1), 20000);
        QCOMPARE(c().put(QStringLiteral("/crowd/news.json"), R"("hello")").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(allHave(2), 20000);
        const QList<QByteArray> expected{put("/", "null"), put("/news", R"("hello")")};
        for (const auto& s : streams)
            QCOMPARE(s->describe(), expected);
    }
};

QTEST_GUILESS_MAIN(TestStreaming)
#include "tst_streaming.moc"
