#include "client_bench_e2e.h"

#include "client_bench_data.h"
#include "rtdb/database_location.h"
#include "rtdb/rtdb_client.h"
#include "rtdb/stream_listener.h"
#include "server/server.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace oiso::bench::client {

namespace {

using protocol::Node;

// Runs the event loop until `done()` holds, re-checked whenever a handler calls check(). The
// timeout only turns a lost message into a reported failure instead of a hang.
class Waiter {
public:
    bool waitUntil(std::function<bool()> done, int timeoutMs)
    {
        if (done())
            return true;
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
        timeout.start(timeoutMs);
        m_done = std::move(done);
        m_loop = &loop;
        loop.exec();
        m_loop = nullptr;
        const bool ok = m_done();
        m_done = nullptr;
        return ok;
    }

    void check()
    {
        if (m_loop && m_done && m_done())
            m_loop->quit();
    }

private:
    QEventLoop* m_loop = nullptr;
    std::function<bool()> m_done;
};

} // namespace

void runEndToEnd(const Options& o, Figures& f, Failures& failures)
{
    QTemporaryDir data;
    server::ServerOptions serverOptions;
    serverOptions.dataDirectory = data.path();
    server::Server server(serverOptions);
    QString error;
    if (!data.isValid() || !server.start(&error)) {
        failures.add("the embedded server did not start: " + error.toStdString());
        return;
    }
    const std::optional<rtdb::DatabaseLocation> location =
        rtdb::DatabaseLocation::parse(server.url(), &error);
    if (!location) {
        failures.add("DatabaseLocation::parse(" + server.url().toStdString() +
                     "): " + error.toStdString());
        return;
    }

    // A proxy configured in the environment must not carry loopback traffic (and its latency).
    QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));

    // Two clients as two app instances would be: A writes, B watches the room. Both run in this
    // thread's event loop, as in the app's GUI thread; the server runs on its own threads.
    QNetworkAccessManager writerNetwork;
    rtdb::RtdbClient writer(*location, writerNetwork);
    QNetworkAccessManager readerNetwork;
    rtdb::RtdbClient reader(*location, readerNetwork);
    rtdb::StreamOptions streamOptions;
    streamOptions.followNetworkChanges = false; // no network-manager backend on a test machine
    const protocol::Path room{"chatlist", "bench-room"};
    rtdb::StreamListener listener(reader, room, {}, streamOptions);

    Waiter waiter;
    QElapsedTimer clock;
    clock.start();
    bool loaded = false;
    std::map<std::string, int> arrivals;
    std::string awaited;
    qint64 arrivedAtNs = -1;
    QObject context; // declared after what its handlers use, so it disconnects them first
    QObject::connect(&listener, &rtdb::StreamListener::updated, &context,
                     [&](const rtdb::StreamUpdate& update) {
                         const qint64 now = clock.nsecsElapsed();
                         if (update.origin != rtdb::StreamUpdate::Origin::Live)
                             loaded = true;
                         for (const rtdb::ChildAdded& added : update.change.added) {
                             ++arrivals[added.key];
                             if (added.key == awaited)
                                 arrivedAtNs = now;
                         }
                         if (!update.change.changed.empty() || !update.change.removed.empty())
                             failures.add("StreamListener reported a changed or removed message");
                         waiter.check();
                     });
    QObject::connect(&listener, &rtdb::StreamListener::errorOccurred, &context,
                     [&](const rtdb::RtdbError& streamError) {
                         failures.add("StreamListener: " +
                                      streamError.technicalMessage().toStdString());
                     });
    listener.start();
    if (!waiter.waitUntil([&] { return loaded; }, 10000)) {
        failures.add("StreamListener did not load the room within 10 s");
        return;
    }

    MessageFactory factory(5);
    Node::Children sent;
    std::vector<double> latencies, acks;
    const int total = o.e2eWarmUp + o.e2eMessages;
    qint64 measuredStartNs = 0;
    for (int i = 0; i < total; ++i) {
        if (i == o.e2eWarmUp)
            measuredStartNs = clock.nsecsElapsed();
        ChatMessage message = factory.next();
        message.key = writer.newPushId(); // what RtdbClient::push writes under
        const Node value = messageNode(message);
        sent.emplace(message.key, value);

        awaited = message.key;
        arrivedAtNs = -1;
        qint64 ackedAtNs = -1;
        QObject iteration; // disconnects the reply's handler if this message is given up
        const qint64 startNs = clock.nsecsElapsed();
        rtdb::RtdbReply* reply = writer.set(protocol::concat(room, {message.key}), value);
        reply->then(&iteration, [&](rtdb::RtdbReply& answer) {
            ackedAtNs = clock.nsecsElapsed();
            if (!answer.ok())
                failures.add("RtdbClient::set failed: " +
                             answer.error().technicalMessage().toStdString());
            waiter.check();
        });
        if (!waiter.waitUntil([&] { return ackedAtNs >= 0 && arrivedAtNs >= 0; }, 10000)) {
            failures.add("message " + std::to_string(i) + " was not " +
                         (ackedAtNs < 0 ? "acknowledged" : "delivered") + " within 10 s");
            break;
        }
        if (i >= o.e2eWarmUp) {
            latencies.push_back(double(arrivedAtNs - startNs) / 1e6);
            acks.push_back(double(ackedAtNs - startNs) / 1e6);
        }
    }
    f.e2eSeconds = double(clock.nsecsElapsed() - measuredStartNs) / 1e9;
    f.e2eMessages = int(latencies.size());
    f.e2eSent = total;
    f.e2eMs = percentilesOf(latencies);
    f.ackMs = percentilesOf(acks);

    // Exactly once: every sent key arrived one time, nothing else arrived, and the mirror holds
    // exactly what was sent.
    f.e2eArrivedOnce = 0;
    for (const auto& [key, value] : sent) {
        const auto it = arrivals.find(key);
        if (it != arrivals.end() && it->second == 1)
            ++f.e2eArrivedOnce;
        else
            failures.add("message " + key + " arrived " +
                         std::to_string(it == arrivals.end() ? 0 : it->second) + " times");
    }
    if (arrivals.size() != sent.size())
        failures.add("the listener reported " + std::to_string(arrivals.size()) +
                     " distinct messages for " + std::to_string(sent.size()) + " sent");
    if (!(listener.mirror().value() == Node::object(std::move(sent))))
        failures.add("the listener's mirror is not exactly the messages sent");
    if (listener.reconnectCount() != 0)
        failures.add("the event stream reconnected " + std::to_string(listener.reconnectCount()) +
                     " times on loopback");
    listener.stop();
}

} // namespace oiso::bench::client
