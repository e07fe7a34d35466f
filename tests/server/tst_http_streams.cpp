// Event streams over real HTTP (reference §6): the initial put, the events of §6.8 for writes
// at, above and below the location, commit order, query windows, keep-alives, auth_revoked on
// token expiry, and many concurrent streams.
#include "http_test_support.h"

using oiso::test::EventStreamReader;
using oiso::test::HttpTestClient;
using oiso::test::TestServer;

class TestHttpStreams : public QObject {
    Q_OBJECT

private:
    void start(oiso::server::ServerOptions options = {})
    {
        m_server = std::make_unique<TestServer>(options);
        m_client = std::make_unique<HttpTestClient>(m_server->url());
    }
    std::unique_ptr<EventStreamReader> listen(const QString& pathAndQuery)
    {
        return std::make_unique<EventStreamReader>(m_client->manager(),
                                                   m_server->url() + pathAndQuery);
    }

private slots:
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void initialPutThenEventsForEveryKindOfWrite()
    {
        start();
        m_client->put(QStringLiteral("/chatlist/i1/m1.json"), R"({"id":"minji","msg":"안녕"})");
        auto empty = listen(QStringLiteral("/nothing.json"));
        auto room = listen(QStringLiteral("/chatlist/i1.json"));
        QTRY_COMPARE(room->events.size(), 1);
        QCOMPARE(room->status(), 200);
        QCOMPARE(room->describe(), QList<QByteArray>{R"(/ {"m1":{"id":"minji","msg":"안녕"}})"});
        QTRY_COMPARE(empty->describe(), QList<QByteArray>{"/ null"});

        m_client->put(QStringLiteral("/chatlist/i1/m2.json"), R"({"id":"junho","msg":"네"})");
        m_client->send("PATCH", QStringLiteral("/chatlist/i1/m2.json"), R"({"msg":"넵"})");
        m_client->put(QStringLiteral("/chatlist/i2/m1.json"), R"({"msg":"elsewhere"})");
        m_client->put(QStringLiteral("/chatlist/i1/m2/msg.json"), R"("넵")"); // no change
        m_client->send("PATCH", QStringLiteral("/.json"),
                       R"({"chatlist/i1/m3":{"msg":"fan-out"},"summary/minji":1})");
        m_client->send("DELETE", QStringLiteral("/chatlist/i1/m1.json"));
        m_client->put(QStringLiteral("/chatlist.json"), R"({"i1":{"m9":{"msg":"reset"}}})");
        QTRY_COMPARE(room->events.size(), 6);
        QCOMPARE(room->describe(), (QList<QByteArray>{
                                       R"(/ {"m1":{"id":"minji","msg":"안녕"}})",
                                       R"(/m2 {"id":"junho","msg":"네"})",
                                       R"(/m3 {"msg":"fan-out"})",
                                       R"(/m1 null)",
                                       R"(/ {"m9":{"msg":"reset"}})",
                                   }));
        QCOMPARE(room->describe("patch"), QList<QByteArray>{R"(/m2 {"msg":"넵"})"});
        QCOMPARE(empty->events.size(), 1); // nothing written there
    }

    void eventsArriveInCommitOrder()
    {
        start();
        auto a = listen(QStringLiteral("/seq.json"));
        auto b = listen(QStringLiteral("/seq.json"));
        QTRY_COMPARE(a->events.size(), 1);
        QTRY_COMPARE(b->events.size(), 1);
        QList<QNetworkReply*> pending;
        for (int i = 0; i < 100; ++i) {
            pending.append(
                m_client->start("PUT", QStringLiteral("/seq/n.json"), QByteArray::number(i)));
        }
        for (QNetworkReply* reply : pending)
            QCOMPARE(HttpTestClient::finish(reply).status, 200);
        QTRY_VERIFY(a->events.size() > 1 && a->describe().last() == b->describe().last() &&
                    a->describe() == b->describe());
        // Both saw the same order, and the last event matches what is stored.
        const QByteArray stored = m_client->get(QStringLiteral("/seq/n.json")).body;
        QTRY_COMPARE(a->describe().last(), "/n " + stored);
    }

    void queryStreamKeepsItsWindow()
    {
        start();
        m_client->put(QStringLiteral("/room.json"), R"({"a":1,"b":2,"c":3,"d":4})");
        auto last = listen(QStringLiteral("/room.json?orderBy=%22%24key%22&limitToLast=3"));
        QTRY_COMPARE(last->describe(), QList<QByteArray>{R"(/ {"b":2,"c":3,"d":4})"});
        m_client->put(QStringLiteral("/room/e.json"), "5"); // e enters, b leaves
        m_client->put(QStringLiteral("/room/a.json"), "9"); // outside: nothing
        m_client->put(QStringLiteral("/room/d.json"), "7"); // inside: changed
        QTRY_COMPARE(last->describe(),
                     (QList<QByteArray>{R"(/ {"b":2,"c":3,"d":4})", "/e 5", "/b null", "/d 7"}));
    }

    void keepAliveAfterSilence()
    {
        oiso::server::ServerOptions options;
        options.keepAliveSeconds = 1;
        start(options);
        auto quiet = listen(QStringLiteral("/quiet.json"));
        QTRY_VERIFY_WITH_TIMEOUT(quiet->events.size() >= 2, 10000);
        QCOMPARE(quiet->events.at(1).type, QByteArray("keep-alive"));
        QVERIFY(quiet->events.at(1).data.isNull());
    }

    void expiringTokenGetsAuthRevokedAndTheStreamEnds()
    {
        oiso::server::ServerOptions options;
        options.tokenLifetimeSeconds = 2;
        start(options);
        const auto signUp = m_client->send(
            "POST", QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=k"),
            R"({"email":"short@oiso.test","password":"secret-pw","returnSecureToken":true})");
        QCOMPARE(signUp.status, 200);
        const QString token = signUp.json().toObject().value(QStringLiteral("idToken")).toString();
        auto stream = listen(QStringLiteral("/x.json?auth=") + token);
        QTRY_COMPARE(stream->events.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(stream->finished(), 15000);
        QCOMPARE(stream->events.last().type, QByteArray("auth_revoked"));
        // A new stream with the expired token is refused outright.
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(QStringLiteral("/x.json?auth=") + token).status,
                                  401, 10000);
    }

    void closedStreamsLeaveTheServerHealthy()
    {
        start();
        {
            auto gone = listen(QStringLiteral("/c.json"));
            QTRY_COMPARE(gone->events.size(), 1);
            gone->close();
        }
        m_client->put(QStringLiteral("/c/x.json"), "1");
        auto fresh = listen(QStringLiteral("/c.json"));
        QTRY_COMPARE(fresh->describe(), QList<QByteArray>{R"(/ {"x":1})"});
    }

    void manyStreamsAllGetTheEvent()
    {
        start();
        std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
        std::vector<std::unique_ptr<EventStreamReader>> streams;
        // QNetworkAccessManager opens at most six connections per host: spread the streams.
        for (int i = 0; i < 200; ++i) {
            if (i % 6 == 0)
                managers.push_back(std::make_unique<QNetworkAccessManager>());
            streams.push_back(std::make_unique<EventStreamReader>(
                *managers.back(), m_server->url() + QStringLiteral("/crowd.json")));
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(streams.begin(), streams.end(),
                                             [](const auto& s) { return s->events.size() == 1; }),
                                 20000);
        m_client->put(QStringLiteral("/crowd/news.json"), R"("hello")");
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(streams.begin(), streams.end(),
                        [](const auto& s) {
                            return s->describe() == QList<QByteArray>{"/ null", R"(/news "hello")"};
                        }),
            20000);
        streams.clear();
    }

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestHttpStreams)
#include "tst_http_streams.moc"
