// The REST half of the client library against the embedded server (and a fault-injecting server
// for what a healthy one never does): every call, queries in Firebase order, conditional writes
// and ETag races between two clients, transactions, server values, retries, redirects, timeouts
// and cancellation.
#include "client_test_support.h"

#include <QElapsedTimer>

using namespace oiso;
using namespace oiso::test;
using rtdb::RtdbError;

class TestRtdbClient : public QObject {
    Q_OBJECT

private slots:
    void init() { m_server = std::make_unique<EmbeddedServer>(); }
    void cleanup() { m_server.reset(); }

    void setGetUpdateRemove()
    {
        ClientSet c(m_server->location());
        auto put = finished(c.client.set(dbPath("room/a"), json(R"({"msg":"안녕","n":1})")));
        QVERIFY2(put->ok(), qPrintable(put->error().technicalMessage()));
        QCOMPARE(put->value(), json(R"({"msg":"안녕","n":1})"));

        auto patch = finished(c.client.update(
            dbPath("room"), {{dbPath("a/n"), json("2")}, {dbPath("b"), json("true")}}));
        QVERIFY(patch->ok());
        auto get = finished(c.client.get(dbPath("room")));
        QCOMPARE(get->value(), json(R"({"a":{"msg":"안녕","n":2},"b":true})"));

        auto removed = finished(c.client.remove(dbPath("room/a")));
        QVERIFY(removed->ok());
        QVERIFY(removed->value().isNull());
        QCOMPARE(finished(c.client.get(dbPath("room")))->value(), json(R"({"b":true})"));
    }

    void keysAreEncodedInUrls()
    {
        ClientSet c(m_server->location());
        const protocol::Path odd = {"a b", "가+나", "%41", "q?x&y=z"};
        QVERIFY(finished(c.client.set(odd, json("1")))->ok());
        auto get = finished(c.client.get(dbPath("")));
        QVERIFY2(get->ok(), qPrintable(get->error().technicalMessage()));
        QCOMPARE(get->value().at(odd), json("1"));
    }

    void pushUsesIncreasingClientKeys()
    {
        ClientSet c(m_server->location());
        QString previous;
        for (int i = 0; i < 5; ++i) {
            auto reply = finished(c.client.push(dbPath("list"), json(R"("m")")));
            QVERIFY(reply->ok());
            QCOMPARE(reply->pushKey().size(), 20);
            QVERIFY(reply->pushKey() > previous);
            previous = reply->pushKey();
        }
        QCOMPARE(finished(c.client.get(dbPath("list")))->value().childCount(), std::size_t(5));
    }

    void pushIsAPutOfAClientKeySoRetriesCannotDuplicate()
    {
        // §13 pitfall 13: the first answer is lost (503 after the write), the retry rewrites the
        // same key — one message, not two.
        ClientSet direct(m_server->location());
        FaultServer proxy([&direct](QTcpSocket* socket, const RecordedRequest& request, int index) {
            const QByteArray path = request.target.left(request.target.indexOf(".json"));
            const auto written = protocol::parsePath(path.toStdString());
            finished(direct.client.set(*written, *protocol::parseJson(request.body)));
            FaultServer::respond(socket, index == 0 ? 503 : 200, index == 0 ? "" : request.body);
        });
        ClientSet c(proxy.location());
        rtdb::RetryPolicy policy;
        policy.initialDelayMs = 10;
        c.client.setRetryPolicy(policy);
        auto reply = finished(c.client.push(dbPath("chat"), json(R"({"msg":"once"})")));
        QVERIFY(reply->ok());
        QCOMPARE(proxy.requestCount(), 2);
        for (const RecordedRequest& request : proxy.requests()) {
            QCOMPARE(request.method, QByteArray("PUT"));
            QVERIFY(request.target.startsWith(
                QByteArray("/chat/" + reply->pushKey().toUtf8() + ".json")));
        }
        QCOMPARE(finished(direct.client.get(dbPath("chat")))->value().childCount(), std::size_t(1));
    }

    void silentWritesAnswer204()
    {
        ClientSet c(m_server->location());
        rtdb::WriteOptions silent;
        silent.silent = true;
        auto reply = finished(c.client.set(dbPath("quiet"), json("1"), silent));
        QVERIFY(reply->ok()); // an empty 204 body is not malformed JSON (§13 pitfall 17)
        QVERIFY(reply->value().isNull());
        QCOMPARE(finished(c.client.get(dbPath("quiet")))->value(), json("1"));
    }

    void queryResultsComeInFirebaseOrder()
    {
        ClientSet c(m_server->location());
        // Mixed types: null < false < true < numbers < strings < objects (§3.6), ties by key.
        QVERIFY(finished(c.client.set(dbPath("items"), json(R"({
            "a": {"p": "10"}, "b": {"p": 5}, "c": {"p": true}, "d": {"q": 1},
            "e": {"p": 5}, "f": {"p": {"x": 1}}, "g": {"p": 1.5}})")))
                    ->ok());
        rtdb::GetOptions options;
        options.query.orderBy = protocol::Query::OrderBy::Child;
        options.query.childPath = {"p"};
        auto all = finished(c.client.get(dbPath("items"), options));
        QVERIFY(all->ok());
        QList<std::string> keys;
        for (const auto& [key, child] : all->orderedChildren())
            keys << key;
        QCOMPARE(keys, QList<std::string>({"d", "c", "g", "b", "e", "a", "f"}));

        options.query.limitToLast = 3;
        auto last = finished(c.client.get(dbPath("items"), options));
        keys.clear();
        for (const auto& [key, child] : last->orderedChildren())
            keys << key;
        QCOMPARE(keys, QList<std::string>({"e", "a", "f"}));

        rtdb::GetOptions equal;
        equal.query.orderBy = protocol::Query::OrderBy::Child;
        equal.query.childPath = {"p"};
        equal.query.equalTo = protocol::Query::Bound{json("5"), std::nullopt};
        QCOMPARE(finished(c.client.get(dbPath("items"), equal))->value(),
                 json(R"({"b":{"p":5},"e":{"p":5}})"));
    }

    void shallowRead()
    {
        ClientSet c(m_server->location());
        QVERIFY(finished(c.client.set(dbPath("s"), json(R"({"a":{"x":1},"b":2})")))->ok());
        rtdb::GetOptions options;
        options.shallow = true;
        QCOMPARE(finished(c.client.get(dbPath("s"), options))->value(),
                 json(R"({"a":true,"b":true})"));
    }

    void etagRaceBetweenTwoClients()
    {
        ClientSet alice(m_server->location());
        ClientSet bob(m_server->location());
        QVERIFY(finished(alice.client.set(dbPath("doc"), json(R"("v1")")))->ok());
        rtdb::GetOptions withEtag;
        withEtag.withEtag = true;
        auto aliceRead = finished(alice.client.get(dbPath("doc"), withEtag));
        auto bobRead = finished(bob.client.get(dbPath("doc"), withEtag));
        QVERIFY(!aliceRead->etag().isEmpty());
        QCOMPARE(aliceRead->etag(), bobRead->etag());

        rtdb::WriteOptions aliceWrite;
        aliceWrite.ifMatch = aliceRead->etag();
        QVERIFY(finished(alice.client.set(dbPath("doc"), json(R"("alice")"), aliceWrite))->ok());

        rtdb::WriteOptions bobWrite;
        bobWrite.ifMatch = bobRead->etag();
        auto lost = finished(bob.client.set(dbPath("doc"), json(R"("bob")"), bobWrite));
        QCOMPARE(lost->error().kind, RtdbError::Kind::PreconditionFailed);
        QCOMPARE(lost->error().httpStatus, 412);
        QCOMPARE(lost->value(), json(R"("alice")")); // the 412 carries the current value…
        QVERIFY(!lost->etag().isEmpty());            // …and its ETag for the next try
        QVERIFY(lost->etag() != bobRead->etag());
        QCOMPARE(finished(bob.client.get(dbPath("doc")))->value(), json(R"("alice")"));
    }

    void createIfAbsentClaimsOnce()
    {
        ClientSet first(m_server->location());
        ClientSet second(m_server->location());
        auto a = first.client.createIfAbsent(dbPath("claims/minji"), json(R"("uid-1")"));
        auto b = second.client.createIfAbsent(dbPath("claims/minji"), json(R"("uid-2")"));
        auto ra = finished(a);
        auto rb = finished(b);
        QCOMPARE(int(ra->ok()) + int(rb->ok()), 1);
        const auto& loser = ra->ok() ? rb : ra;
        QCOMPARE(loser->error().kind, RtdbError::Kind::PreconditionFailed);
        QCOMPARE(finished(first.client.get(dbPath("claims/minji")))->value(),
                 ra->ok() ? json(R"("uid-1")") : json(R"("uid-2")"));
    }

    void transactionsFromTwoClientsLoseNoIncrement()
    {
        ClientSet alice(m_server->location());
        ClientSet bob(m_server->location());
        auto increment = [](const protocol::Node& current) -> std::optional<protocol::Node> {
            return protocol::Node::number((current.isNull() ? 0 : current.numberValue()) + 1);
        };
        std::vector<std::unique_ptr<rtdb::RtdbReply>> replies;
        std::vector<rtdb::RtdbReply*> pending;
        for (int i = 0; i < 10; ++i) {
            pending.push_back(alice.client.transaction(dbPath("counter"), increment));
            pending.push_back(bob.client.transaction(dbPath("counter"), increment));
        }
        for (rtdb::RtdbReply* reply : pending) {
            replies.push_back(finished(reply, 60'000));
            QVERIFY2(replies.back()->ok(), qPrintable(replies.back()->error().technicalMessage()));
            QVERIFY(replies.back()->committed());
        }
        QCOMPARE(finished(alice.client.get(dbPath("counter")))->value(), json("20"));
    }

    void transactionCanAbort()
    {
        ClientSet c(m_server->location());
        QVERIFY(finished(c.client.set(dbPath("stock"), json("0")))->ok());
        auto reply = finished(c.client.transaction(dbPath("stock"), [](const protocol::Node&) {
            return std::optional<protocol::Node>();
        }));
        QVERIFY(reply->ok());
        QVERIFY(!reply->committed());
        QCOMPARE(reply->value(), json("0"));
    }

    void serverValuesResolveOnTheServer()
    {
        ClientSet c(m_server->location());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        auto write = finished(c.client.set(
            dbPath("m"), protocol::Node::object({{"ts", rtdb::RtdbClient::serverTimestamp()},
                                                 {"n", rtdb::RtdbClient::serverIncrement(2)}})));
        QVERIFY2(write->ok(), qPrintable(write->error().technicalMessage()));
        const double ts = write->value().child("ts")->numberValue();
        QVERIFY(ts >= double(before) && ts <= double(QDateTime::currentMSecsSinceEpoch()));
        QCOMPARE(write->value().child("n")->numberValue(), 2.0);
    }

    void serverErrorsAreTyped()
    {
        ClientSet c(m_server->location());
        rtdb::GetOptions bad;
        bad.query.limitToFirst = 1; // a limit without orderBy: 400 with the server's text
        auto reply = finished(c.client.get(dbPath("x"), bad));
        QCOMPARE(reply->error().kind, RtdbError::Kind::Http);
        QCOMPARE(reply->error().httpStatus, 400);
        QVERIFY(reply->error().serverMessage.contains(QLatin1String("orderBy")));
        QCOMPARE(reply->attempts(), 1); // a 400 is not retried
        QVERIFY(!reply->error().userMessage().isEmpty());
    }

    void signedInRequestsCarryTheToken()
    {
        ClientSet c(m_server->location());
        QVERIFY(c.signUp(QStringLiteral("new@oiso.test")));
        QVERIFY(!c.session.uid().isEmpty());
        QVERIFY(finished(c.client.set(dbPath("who"), json(R"("me")")))->ok());

        ClientSet forged(m_server->location());
        forged.session.useFixedCredential(
            {rtdb::Credential::Kind::IdToken, QStringLiteral("x.y.z")});
        auto refused = finished(forged.client.get(dbPath("who")));
        QCOMPARE(refused->error().kind, RtdbError::Kind::AuthExpired); // cannot refresh a fixed one
    }

    void unreachableHostFailsWithinTheDeadline()
    {
        QTcpServer probe; // find a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        ClientSet c(
            *rtdb::DatabaseLocation::parse(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        rtdb::RetryPolicy policy;
        policy.initialDelayMs = 20;
        policy.deadlineMs = 2'000;
        c.client.setRetryPolicy(policy);
        auto reply = finished(c.client.get(dbPath("x")));
        QCOMPARE(reply->error().kind, RtdbError::Kind::Network);
        QVERIFY(reply->attempts() >= 2); // a GET is retried…
        QVERIFY(reply->attempts() <= policy.maxAttempts);
    }

    void silentServerTimesOut()
    {
        FaultServer silent([](QTcpSocket*, const RecordedRequest&, int) {});
        ClientSet c(silent.location());
        rtdb::RetryPolicy policy;
        policy.attemptTimeoutMs = 300;
        policy.deadlineMs = 300;
        c.client.setRetryPolicy(policy);
        auto reply = finished(c.client.get(dbPath("x")));
        QCOMPARE(reply->error().kind, RtdbError::Kind::Timeout);
    }

    void transientFailuresAreRetriedOnlyWhenIdempotent()
    {
        FaultServer flaky([](QTcpSocket* socket, const RecordedRequest& request, int index) {
            if (index % 3 < 2)
                FaultServer::respond(socket, 503, R"({"error":"try later"})");
            else
                FaultServer::respond(socket, 200,
                                     request.method == "GET" ? "\"ok\"" : request.body);
        });
        ClientSet c(flaky.location());
        rtdb::RetryPolicy policy;
        policy.initialDelayMs = 10;
        c.client.setRetryPolicy(policy);
        auto get = finished(c.client.get(dbPath("x")));
        QVERIFY2(get->ok(), qPrintable(get->error().technicalMessage()));
        QCOMPARE(get->attempts(), 3);
        QCOMPARE(get->value(), json(R"("ok")"));

        // An increment is not idempotent: a lost answer retried could add twice.
        auto increment = finished(c.client.set(dbPath("n"), rtdb::RtdbClient::serverIncrement(1)));
        QCOMPARE(increment->error().kind, RtdbError::Kind::Http);
        QCOMPARE(increment->error().httpStatus, 503);
        QCOMPARE(increment->attempts(), 1);
    }

    void redirectsKeepMethodBodyHeadersAndQuery()
    {
        const QString target = m_server->url();
        FaultServer redirector([target](QTcpSocket* socket, const RecordedRequest& request, int) {
            FaultServer::respond(socket, 307, {},
                                 "Location: " + target.toUtf8() + request.target + "\r\n");
        });
        ClientSet c(redirector.location());
        rtdb::WriteOptions options;
        options.withEtag = true;
        auto put = finished(c.client.set(dbPath("moved/here"), json(R"({"a":"가"})"), options));
        QVERIFY2(put->ok(), qPrintable(put->error().technicalMessage()));
        QVERIFY(!put->etag().isEmpty()); // X-Firebase-ETag survived the hop
        QCOMPARE(redirector.requests().front().method, QByteArray("PUT"));

        ClientSet direct(m_server->location());
        QCOMPARE(finished(direct.client.get(dbPath("moved/here")))->value(), json(R"({"a":"가"})"));

        rtdb::GetOptions query;
        query.query.orderBy = protocol::Query::OrderBy::Key;
        query.query.limitToFirst = 1;
        auto get = finished(c.client.get(dbPath("moved"), query));
        QVERIFY(get->ok());
        QCOMPARE(get->value(), json(R"({"here":{"a":"가"}})"));
    }

    void retriedCreateIfAbsentThatLandedSucceeds()
    {
        // The first attempt is written but its answer lost (503 from a proxy after the write);
        // the retry meets 412 with exactly our value: that is success, not a conflict.
        const QString target = m_server->url();
        ClientSet direct(m_server->location());
        FaultServer proxy([&direct](QTcpSocket* socket, const RecordedRequest& request, int index) {
            if (index == 0) {
                finished(direct.client.set(dbPath("claim"), json(R"("mine")")));
                FaultServer::respond(socket, 503, {});
                return;
            }
            Q_UNUSED(request);
            FaultServer::respond(socket, 412, R"("mine")", "ETag: abc\r\n");
        });
        ClientSet c(proxy.location());
        rtdb::RetryPolicy policy;
        policy.initialDelayMs = 10;
        c.client.setRetryPolicy(policy);
        auto reply = finished(c.client.createIfAbsent(dbPath("claim"), json(R"("mine")")));
        QVERIFY2(reply->ok(), qPrintable(reply->error().technicalMessage()));
        QCOMPARE(proxy.requests().at(1).header("if-match"), QByteArray("null_etag"));
    }

    void malformedAnswerIsAnError()
    {
        FaultServer broken([](QTcpSocket* socket, const RecordedRequest&, int) {
            FaultServer::respond(socket, 200, "{not json");
        });
        ClientSet c(broken.location());
        auto reply = finished(c.client.get(dbPath("x")));
        QCOMPARE(reply->error().kind, RtdbError::Kind::MalformedResponse);
    }

    void cancelFinishesOnceAndAtOnce()
    {
        FaultServer silent([](QTcpSocket*, const RecordedRequest&, int) {});
        ClientSet c(silent.location());
        rtdb::RtdbReply* reply = c.client.get(dbPath("x"));
        QSignalSpy spy(reply, &rtdb::RtdbReply::finished);
        QTRY_COMPARE(silent.requestCount(), 1);
        reply->cancel();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(reply->error().kind, RtdbError::Kind::Cancelled);
        reply->cancel();
        QCOMPARE(spy.count(), 1);
        delete reply;
    }

private:
    std::unique_ptr<EmbeddedServer> m_server;
};

QTEST_GUILESS_MAIN(TestRtdbClient)
#include "tst_rtdb_client.moc"
