// The streaming half of the client library: a StreamListener against the embedded server (live
// child events, a server restart, token expiry with and without a proactive refresh) and against
// a fault-injecting server (307, malformed events, silence, cancel, CRLF framing, HTTP errors).
#include "client_test_support.h"

#include <QDeadlineTimer>
#include <QMap>

using namespace oiso;
using namespace oiso::test;
using rtdb::StreamListener;
using rtdb::StreamUpdate;

namespace {

// Everything a listener reported, child by child, to check "exactly once".
struct ChildLog : QObject {
    explicit ChildLog(StreamListener& listener)
    {
        connect(&listener, &StreamListener::updated, this, [this](const StreamUpdate& update) {
            ++updates;
            origins << update.origin;
            for (const auto& child : update.change.added)
                ++added[child.key];
            for (const auto& changed : update.change.changed)
                ++changedCount[changed.key];
            for (const auto& removed : update.change.removed)
                ++removedCount[removed.key];
        });
        connect(&listener, &StreamListener::stateChanged, this,
                [this](StreamListener::State state) { states << state; });
        connect(&listener, &StreamListener::errorOccurred, this,
                [this](const rtdb::RtdbError& error) { errors << error.kind; });
    }
    bool eachAddedOnce() const
    {
        for (auto it = added.begin(); it != added.end(); ++it) {
            if (it.value() != 1)
                return false;
        }
        return true;
    }
    int updates = 0;
    QMap<std::string, int> added;
    QMap<std::string, int> changedCount;
    QMap<std::string, int> removedCount;
    QList<StreamUpdate::Origin> origins;
    QList<StreamListener::State> states;
    QList<rtdb::RtdbError::Kind> errors;
};

rtdb::StreamOptions fastOptions()
{
    rtdb::StreamOptions options;
    options.initialBackoffMs = 50;
    options.maxBackoffMs = 400;
    options.followNetworkChanges = false;
    return options;
}

QByteArray message(int i)
{
    return QStringLiteral(R"({"id":"minji","msg":"메시지 %1"})").arg(i).toUtf8();
}

} // namespace

class TestStreamListener : public QObject {
    Q_OBJECT

private slots:
    void initialLoadThenLiveChildEvents()
    {
        EmbeddedServer server;
        ClientSet writer(server.location());
        QVERIFY(finished(writer.client.set(dbPath("room/a"), json(message(1))))->ok());

        ClientSet reader(server.location());
        StreamListener listener(reader.client, dbPath("room"), {}, fastOptions());
        ChildLog log(listener);
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        QTRY_COMPARE(log.updates, 1);
        QCOMPARE(log.origins.first(), StreamUpdate::Origin::InitialLoad);
        QCOMPARE(log.added.value("a"), 1);

        QVERIFY(finished(writer.client.set(dbPath("room/b"), json(message(2))))->ok());
        QVERIFY(finished(writer.client.set(dbPath("room/a/msg"), json(R"("고침")")))->ok());
        QVERIFY(finished(writer.client.remove(dbPath("room/b")))->ok());
        QTRY_COMPARE(log.removedCount.value("b"), 1);
        QCOMPARE(log.added.value("b"), 1);
        QCOMPARE(log.changedCount.value("a"), 1);
        QCOMPARE(listener.mirror().value().at(dbPath("a/msg")), json(R"("고침")"));
    }

    void survivesServerRestartWithoutLossOrDuplicates()
    {
        EmbeddedServer server;
        ClientSet writer(server.location());
        ClientSet reader(server.location());
        StreamListener listener(reader.client, dbPath("room"), {}, fastOptions());
        ChildLog log(listener);
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        for (int i = 0; i < 5; ++i)
            QVERIFY(finished(writer.client.push(dbPath("room"), json(message(i))))->ok());
        QTRY_COMPARE(log.added.size(), 5);

        server.stop();
        QTRY_VERIFY(listener.state() == StreamListener::State::Offline ||
                    listener.state() == StreamListener::State::Stale);
        server.start();
        // Written while the listener may still be away: it learns of them through the resync or
        // live — either way exactly once.
        for (int i = 5; i < 10; ++i)
            QVERIFY(finished(writer.client.push(dbPath("room"), json(message(i))))->ok());
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        for (int i = 10; i < 12; ++i)
            QVERIFY(finished(writer.client.push(dbPath("room"), json(message(i))))->ok());
        QTRY_COMPARE(log.added.size(), 12);
        QVERIFY(log.eachAddedOnce());
        QVERIFY(log.removedCount.isEmpty());
        QCOMPARE(listener.mirror().value().childCount(), std::size_t(12));
        QVERIFY(listener.reconnectCount() >= 1);
    }

    void tokenRefreshReopensWithoutAGap()
    {
        server::ServerOptions options;
        options.tokenLifetimeSeconds = 4; // refreshed a quarter before expiry: every 3 s
        EmbeddedServer server(options);
        ClientSet reader(server.location());
        QVERIFY(reader.signUp(QStringLiteral("reader@oiso.test")));
        ClientSet writer(server.location());
        QVERIFY(writer.signUp(QStringLiteral("writer@oiso.test")));

        StreamListener listener(reader.client, dbPath("room"), {}, fastOptions());
        ChildLog log(listener);
        QSignalSpy refreshed(&reader.session, &rtdb::AuthSession::tokenRefreshed);
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        int written = 0;
        const QDeadlineTimer deadline(30'000);
        while (refreshed.count() < 2) {
            QVERIFY(finished(writer.client.push(dbPath("room"), json(message(written++))))->ok());
            QTRY_COMPARE_WITH_TIMEOUT(log.added.size(), written, 10'000);
            if (deadline.hasExpired())
                QFAIL("the token was never refreshed");
        }
        QVERIFY(finished(writer.client.push(dbPath("room"), json(message(written++))))->ok());
        QTRY_COMPARE(log.added.size(), written);
        QVERIFY(log.eachAddedOnce());
        // The new stream was opened before the old one closed: never anything but live.
        QCOMPARE(log.states, QList<StreamListener::State>(
                                 {StreamListener::State::Connecting, StreamListener::State::Live}));
    }

    void authRevokedRefreshesAndReconnects()
    {
        server::ServerOptions options;
        options.tokenLifetimeSeconds = 3;
        EmbeddedServer server(options);
        ClientSet reader(server.location());
        QVERIFY(reader.signUp(QStringLiteral("reader@oiso.test")));
        reader.session.setAutoRefresh(false); // let the token run out on the open stream
        ClientSet writer(server.location());

        StreamListener listener(reader.client, dbPath("room"), {}, fastOptions());
        ChildLog log(listener);
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        QVERIFY(finished(writer.client.push(dbPath("room"), json(message(1))))->ok());
        QTRY_COMPARE(log.added.size(), 1);

        QSignalSpy refreshed(&reader.session, &rtdb::AuthSession::tokenRefreshed);
        QVERIFY(refreshed.wait(15'000)); // auth_revoked at expiry made the listener refresh
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        QVERIFY(log.states.contains(StreamListener::State::Stale));
        QVERIFY(finished(writer.client.push(dbPath("room"), json(message(2))))->ok());
        QTRY_COMPARE(log.added.size(), 2);
        QVERIFY(log.eachAddedOnce());
    }

    void followsA307ToTheStream()
    {
        EmbeddedServer server;
        ClientSet writer(server.location());
        QVERIFY(finished(writer.client.set(dbPath("room/a"), json(message(1))))->ok());
        const QByteArray target = server.url().toUtf8();
        FaultServer redirector([target](QTcpSocket* socket, const RecordedRequest& request, int) {
            FaultServer::respond(socket, 307, {}, "Location: " + target + request.target + "\r\n");
        });
        ClientSet reader(redirector.location());
        StreamListener listener(reader.client, dbPath("room"), {}, fastOptions());
        ChildLog log(listener);
        listener.start();
        QTRY_COMPARE(log.added.value("a"), 1);
        QCOMPARE(redirector.requests().front().header("Accept"), QByteArray("text/event-stream"));
        QVERIFY(finished(writer.client.set(dbPath("room/b"), json(message(2))))->ok());
        QTRY_COMPARE(log.added.value("b"), 1);
    }

    void malformedEventIsReportedAndResynchronised()
    {
        FaultServer faulty([](QTcpSocket* socket, const RecordedRequest&, int index) {
            FaultServer::startEventStream(socket);
            if (index == 0) {
                FaultServer::sendEvent(socket, "put", R"({"path":"/","data":{"a":1}})");
                FaultServer::sendEvent(socket, "put", R"({"path":"/b","data":{2)"); // broken
                FaultServer::sendEvent(socket, "put", R"({"path":"/c","data":3})");
            } else {
                FaultServer::sendEvent(socket, "put", R"({"path":"/","data":{"a":1,"b":2,"c":3}})");
            }
        });
        ClientSet reader(faulty.location());
        StreamListener listener(reader.client, dbPath(""), {}, fastOptions());
        ChildLog log(listener);
        listener.start();
        QTRY_COMPARE(listener.mirror().value(), json(R"({"a":1,"b":2,"c":3})"));
        QVERIFY(log.errors.contains(rtdb::RtdbError::Kind::MalformedResponse));
        QCOMPARE(faulty.requestCount(), 2);
        QVERIFY(log.eachAddedOnce());
        QCOMPARE(log.origins.last(), StreamUpdate::Origin::Resync);
    }

    void silentConnectionTripsTheWatchdog()
    {
        FaultServer quiet([](QTcpSocket* socket, const RecordedRequest&, int index) {
            FaultServer::startEventStream(socket);
            FaultServer::sendEvent(socket, "put",
                                   index == 0 ? R"({"path":"/","data":{"a":1}})"
                                              : R"({"path":"/","data":{"a":1,"b":2}})");
            // …then nothing, not even keep-alives, and the socket stays open.
        });
        ClientSet reader(quiet.location());
        rtdb::StreamOptions options = fastOptions();
        options.watchdogMs = 400;
        StreamListener listener(reader.client, dbPath(""), {}, options);
        ChildLog log(listener);
        listener.start();
        QTRY_COMPARE(log.added.value("b"), 1);
        QCOMPARE(log.added.value("a"), 1);
        QVERIFY(log.errors.contains(rtdb::RtdbError::Kind::Timeout));
    }

    void cancelStopsWithoutReconnecting()
    {
        FaultServer cancelling([](QTcpSocket* socket, const RecordedRequest&, int) {
            FaultServer::startEventStream(socket);
            FaultServer::sendEvent(socket, "put", R"({"path":"/","data":"x"})");
            FaultServer::sendEvent(socket, "cancel", R"("Permission denied.")");
        });
        ClientSet reader(cancelling.location());
        StreamListener listener(reader.client, dbPath(""), {}, fastOptions());
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Failed);
        QCOMPARE(listener.lastError().kind, rtdb::RtdbError::Kind::PermissionDenied);
        QCOMPARE(listener.lastError().serverMessage, QStringLiteral("Permission denied."));
        QCOMPARE(listener.reconnectCount(), 0);
        QCOMPARE(cancelling.requestCount(), 1);
    }

    void crlfFramingAndSplitUtf8()
    {
        FaultServer crlf([](QTcpSocket* socket, const RecordedRequest&, int) {
            FaultServer::startEventStream(socket);
            const QByteArray stream = QByteArray(
                ": comment\r\nevent: put\r\ndata: {\"path\":\"/\",\r\ndata: "
                "\"data\":{\"k\":\"한글\"}}\r\n\r\n"
                "event: keep-alive\r\ndata: null\r\n\r\nevent: rules_debug\r\ndata: x\r\n\r\n"
                "event: patch\r\ndata: {\"path\":\"/\",\"data\":{\"m\":\"가나다\"}}\r\n\r\n");
            for (qsizetype i = 0; i < stream.size(); ++i) {
                socket->write(stream.mid(i, 1)); // split inside every multi-byte character
                socket->flush();
            }
        });
        ClientSet reader(crlf.location());
        StreamListener listener(reader.client, dbPath(""), {}, fastOptions());
        listener.start();
        QTRY_COMPARE(listener.mirror().value(), json(R"({"k":"한글","m":"가나다"})"));
        QCOMPARE(listener.state(), StreamListener::State::Live);
    }

    void httpErrorsStopOrRetryByKind()
    {
        int answered = 0;
        FaultServer refusing([&answered](QTcpSocket* socket, const RecordedRequest&, int index) {
            ++answered;
            if (index == 0)
                FaultServer::respond(socket, 503, R"({"error":"busy"})");
            else
                FaultServer::respond(socket, 400, R"({"error":"orderBy must be defined"})");
        });
        ClientSet reader(refusing.location());
        StreamListener listener(reader.client, dbPath(""), {}, fastOptions());
        ChildLog log(listener);
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Failed); // 503 retried, 400 final
        QCOMPARE(answered, 2);
        QCOMPARE(listener.lastError().httpStatus, 400);
        QVERIFY(log.states.contains(StreamListener::State::Offline));
    }

    void reconnectNowSkipsTheBackoff()
    {
        // What a network-change signal or a resume from sleep triggers.
        FaultServer flaky([](QTcpSocket* socket, const RecordedRequest&, int index) {
            if (index == 0) {
                FaultServer::respond(socket, 503, R"({"error":"busy"})");
                return;
            }
            FaultServer::startEventStream(socket);
            FaultServer::sendEvent(socket, "put", R"({"path":"/","data":1})");
        });
        ClientSet reader(flaky.location());
        rtdb::StreamOptions options = fastOptions();
        options.initialBackoffMs = 600'000;
        options.maxBackoffMs = 600'000;
        StreamListener listener(reader.client, dbPath(""), {}, options);
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Offline);
        listener.reconnectNow();
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        QCOMPARE(flaky.requestCount(), 2);
    }

    void queryStreamReportsMoves()
    {
        EmbeddedServer server;
        ClientSet writer(server.location());
        QVERIFY(finished(writer.client.set(dbPath("items"),
                                           json(R"({"a":{"p":1},"b":{"p":2},"c":{"p":3}})")))
                    ->ok());
        ClientSet reader(server.location());
        protocol::Query query;
        query.orderBy = protocol::Query::OrderBy::Child;
        query.childPath = {"p"};
        StreamListener listener(reader.client, dbPath("items"), query, fastOptions());
        QList<rtdb::ChildMoved> moves;
        connect(&listener, &StreamListener::updated, this, [&moves](const StreamUpdate& update) {
            moves.append(QList<rtdb::ChildMoved>(update.moved.begin(), update.moved.end()));
        });
        listener.start();
        QTRY_COMPARE(listener.state(), StreamListener::State::Live);
        QVERIFY(finished(writer.client.set(dbPath("items/a/p"), json("5")))->ok());
        QTRY_COMPARE(moves.size(), 1);
        QCOMPARE(moves.first().key, std::string("a"));
        QCOMPARE(moves.first().previousKey, std::optional<std::string>("c"));
    }
};

QTEST_GUILESS_MAIN(TestStreamListener)
#include "tst_stream_listener.moc"
