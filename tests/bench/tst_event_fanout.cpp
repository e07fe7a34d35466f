// The fan-out fast path of the embedded server: events of many writes are delivered per group
// commit and per delivery round (server/event_delivery.h), shared by every stream on a location,
// and sent straight from the delivery thread (server/http_session_stream.cpp). Whatever is
// batched, every stream must get every event exactly once, in commit order, after its initial
// value. These tests fail if batching drops, repeats or reorders an event.
//
// (It lives beside the load benchmark, whose stream checker it reuses; it is a unit test, run
// by `ctest -L unit`, not a benchmark.)
#include "load_bench_failures.h"
#include "load_bench_streams.h"
#include "protocol/json.h"
#include "server/database.h"
#include "server/server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using oiso::bench::Failures;
using oiso::bench::messageKey;
using oiso::bench::StreamWatchers;
using oiso::protocol::Node;
using oiso::protocol::Path;
using oiso::protocol::Query;
using oiso::server::Database;
using oiso::server::WriteOutcome;
using oiso::server::WriteRequest;

namespace {

Path path(const char* text)
{
    return *oiso::protocol::parsePath(text);
}

// What one stream received: (path, data) of every event, and how many came in one sink call.
struct Recorder {
    std::mutex mutex;
    QList<std::pair<QString, QJsonValue>> events;
    int mostInOneCall = 0;

    Database::EventSink sink()
    {
        return [this](const QByteArray& bytes) {
            std::lock_guard lock(mutex);
            int inThisCall = 0;
            for (const QByteArray& block : bytes.split('\n')) {
                if (!block.startsWith("data: "))
                    continue;
                const QJsonObject event = QJsonDocument::fromJson(block.mid(6)).object();
                events.append({event.value(QStringLiteral("path")).toString(),
                               event.value(QStringLiteral("data"))});
                ++inThisCall;
            }
            mostInOneCall = std::max(mostInOneCall, inThisCall);
        };
    }
    qsizetype count()
    {
        std::lock_guard lock(mutex);
        return events.size();
    }
    QList<std::pair<QString, QJsonValue>> all()
    {
        std::lock_guard lock(mutex);
        return events;
    }
};

// The child keys a stream on /room was told about, in order, from its events after the first.
QStringList keysAfterInitial(const QList<std::pair<QString, QJsonValue>>& events,
                             const QString& prefix = QStringLiteral("/"))
{
    QStringList keys;
    for (qsizetype i = 1; i < events.size(); ++i)
        keys.append(events[i].first.mid(prefix.size()));
    return keys;
}

// Each writer's keys must appear in its own order, each exactly once.
bool inWriterOrder(const QStringList& keys, int writers, int perWriter, QString* problem)
{
    QList<int> next(writers, 0);
    for (const QString& key : keys) {
        const int writer = key.mid(9).toInt();
        const int sequence = key.left(8).toInt();
        if (writer < 0 || writer >= writers || sequence != next[writer]) {
            *problem = QStringLiteral("%1 arrived when %2 was due for writer %3")
                           .arg(key)
                           .arg(next.value(writer))
                           .arg(writer);
            return false;
        }
        ++next[writer];
    }
    for (int w = 0; w < writers; ++w) {
        if (next[w] != perWriter) {
            *problem =
                QStringLiteral("writer %1: %2 of %3 events").arg(w).arg(next[w]).arg(perWriter);
            return false;
        }
    }
    return true;
}

// A chain of PUTs from one writer over HTTP: the next one leaves when the last is answered.
class PutChain : public QObject {
public:
    PutChain(QNetworkAccessManager& network, QString baseUrl, int writer, int count, int valueBytes)
        : m_network(network)
        , m_baseUrl(std::move(baseUrl))
        , m_writer(writer)
        , m_count(count)
        , m_padding(valueBytes, 'x')
    {
        send();
    }
    bool done() const { return m_next == m_count || !m_error.isEmpty(); }
    const QString& error() const { return m_error; }

private:
    void send()
    {
        const QString key = QString::fromStdString(messageKey(m_next, m_writer));
        QNetworkRequest request(
            QUrl(m_baseUrl + QStringLiteral("/bench/room/") + key + QStringLiteral(".json")));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        const QByteArray body =
            "{\"n\":" + QByteArray::number(m_next) + ",\"pad\":\"" + m_padding + "\"}";
        QNetworkReply* reply = m_network.put(request, body);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 200) {
                m_error =
                    QStringLiteral("PUT answered %1: %2").arg(status).arg(reply->errorString());
                return;
            }
            if (++m_next < m_count)
                send();
        });
    }

    QNetworkAccessManager& m_network;
    QString m_baseUrl;
    int m_writer;
    int m_count;
    QByteArray m_padding;
    int m_next = 0;
    QString m_error;
};

// A plain keep-alive HTTP/1.1 client on a blocking socket, for a writer thread: QNetworkAccess-
// Manager takes tens of milliseconds per large upload, which would make the test slow.
class BlockingPutter {
public:
    explicit BlockingPutter(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in server{};
        server.sin_family = AF_INET;
        server.sin_port = htons(port);
        server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = m_fd >= 0 && ::connect(m_fd, reinterpret_cast<const sockaddr*>(&server),
                                             sizeof server) == 0;
    }
    ~BlockingPutter()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    // The status of the answer, or 0 when the connection failed.
    int put(const std::string& target, const std::string& body)
    {
        const std::string request =
            "PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n" + body;
        if (!m_connected || !sendAll(request))
            return 0;
        std::size_t headerEnd = std::string::npos;
        while ((headerEnd = m_in.find("\r\n\r\n")) == std::string::npos) {
            if (!receiveMore())
                return 0;
        }
        const std::string header = m_in.substr(0, headerEnd);
        const std::size_t length = header.find("Content-Length: ");
        const std::size_t bodyBytes =
            length == std::string::npos ? 0 : std::stoul(header.substr(length + 16));
        while (m_in.size() < headerEnd + 4 + bodyBytes) {
            if (!receiveMore())
                return 0;
        }
        m_in.erase(0, headerEnd + 4 + bodyBytes);
        return header.size() > 12 ? std::stoi(header.substr(9, 3)) : 0;
    }

private:
    bool sendAll(const std::string& bytes)
    {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += std::size_t(n);
        }
        return true;
    }
    bool receiveMore()
    {
        char buffer[4096];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return false;
        m_in.append(buffer, std::size_t(n));
        return true;
    }

    int m_fd = -1;
    bool m_connected = false;
    std::string m_in;
};

} // namespace

class TestEventFanout : public QObject {
    Q_OBJECT

private slots:
    // Concurrent writers make group commits of several writes, and delivery rounds of several
    // group commits; streams of every kind must still see every write once, in commit order.
    void batchedEventsKeepCommitOrder()
    {
        QTemporaryDir dir;
        Database db(QStringLiteral("test"), dir.path());
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));

        constexpr int kWriters = 4;
        constexpr int kPerWriter = 150;
        constexpr int kTotal = kWriters * kPerWriter;
        Recorder same[3]; // one location, so one shared list of streams and shared bytes
        Recorder root;    // above it: paths carry the location
        Recorder window;  // a query stream on it, wide enough to hold every message
        Recorder other;   // elsewhere: only its initial value
        for (Recorder& recorder : same)
            db.subscribe(path("/room"), {}, recorder.sink());
        db.subscribe(path("/"), {}, root.sink());
        Query everything;
        everything.orderBy = Query::OrderBy::Key;
        everything.limitToLast = kTotal;
        db.subscribe(path("/room"), everything, window.sink());
        db.subscribe(path("/elsewhere"), {}, other.sink());
        for (Recorder* recorder : {&same[0], &same[1], &same[2], &root, &window, &other})
            QTRY_COMPARE(recorder->count(), 1);

        // Writes are answered in commit order (the journal's callbacks run in it), so the order
        // of the answers is the order every stream must see.
        std::mutex commitMutex;
        QStringList commitOrder;
        std::atomic<int> written{0};
        std::vector<std::thread> writers;
        for (int w = 0; w < kWriters; ++w) {
            writers.emplace_back([&, w] {
                for (int n = 0; n < kPerWriter; ++n) {
                    const std::string key = messageKey(n, w);
                    WriteRequest request;
                    request.path = path("/room");
                    request.path.push_back(key);
                    request.value = Node::number(n);
                    std::promise<WriteOutcome> done;
                    db.write(std::move(request), [&](WriteOutcome outcome) {
                        {
                            std::lock_guard lock(commitMutex);
                            commitOrder.append(QString::fromStdString(key));
                        }
                        done.set_value(outcome);
                    });
                    done.get_future().get();
                    ++written;
                }
            });
        }
        // A stream that joins mid-way starts from its initial value and misses nothing after it.
        QTRY_VERIFY(written.load() >= kTotal / 4);
        Recorder late;
        db.subscribe(path("/room"), {}, late.sink());
        for (auto& writer : writers)
            writer.join();

        for (Recorder* recorder : {&same[0], &same[1], &same[2], &root, &window})
            QTRY_COMPARE(recorder->count(), 1 + kTotal);
        QTRY_VERIFY(late.count() >= 1);
        db.sync();

        QString problem;
        const QStringList order = keysAfterInitial(same[0].all());
        QVERIFY2(inWriterOrder(order, kWriters, kPerWriter, &problem), qPrintable(problem));
        QCOMPARE(order, commitOrder);
        QCOMPARE(keysAfterInitial(same[1].all()), order);
        QCOMPARE(keysAfterInitial(same[2].all()), order);
        QCOMPARE(keysAfterInitial(root.all(), QStringLiteral("/room/")), order);
        QCOMPARE(keysAfterInitial(window.all()), order);
        QCOMPARE(other.count(), 1);

        // The late stream: its initial value plus its events are every message, none twice,
        // and its events are the tail of everyone's order.
        QTRY_COMPARE(late.count() - 1 + late.all().first().second.toObject().size(), kTotal);
        const QStringList lateKeys = keysAfterInitial(late.all());
        QCOMPARE(lateKeys, order.mid(order.size() - lateKeys.size()));
        for (const QString& key : lateKeys)
            QVERIFY(!late.all().first().second.toObject().contains(key));

        // And batching did happen: some sink call carried the events of several writes.
        QVERIFY(same[0].mostInOneCall > 1);
    }

    // The same over HTTP, through the server's sessions: many streams, concurrent writers.
    void everyStreamGetsEveryEventOverHttp()
    {
        QTemporaryDir dir;
        oiso::server::ServerOptions options;
        options.dataDirectory = dir.path();
        oiso::server::Server server(options);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));

        constexpr int kStreams = 20;
        constexpr int kWriters = 4;
        constexpr int kPerWriter = 100;
        Failures failures;
        StreamWatchers watchers(kStreams, kWriters, failures);
        const std::string host = "127.0.0.1:" + std::to_string(server.port());
        QVERIFY(watchers.start("127.0.0.1", server.port(), host, "/bench/room.json"));
        QTRY_COMPARE(watchers.initialised(), kStreams);

        QNetworkAccessManager network;
        std::vector<std::unique_ptr<PutChain>> chains;
        for (int w = 0; w < kWriters; ++w)
            chains.push_back(std::make_unique<PutChain>(network, server.url(), w, kPerWriter, 64));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(chains.begin(), chains.end(), [](const auto& c) { return c->done(); }),
            120000);
        for (const auto& chain : chains)
            QVERIFY2(chain->error().isEmpty(), qPrintable(chain->error()));
        verifyEveryStream(watchers, failures, kWriters, kPerWriter);
    }

    // A stream whose client stops reading fills its socket; the server must then wait for room
    // and go on, never block, drop or reorder.
    void aStalledReaderStillGetsEverythingInOrder()
    {
        QTemporaryDir dir;
        oiso::server::ServerOptions options;
        options.dataDirectory = dir.path();
        oiso::server::Server server(options);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));

        Failures failures;
        StreamWatchers watchers(2, 1, failures);
        const std::string host = "127.0.0.1:" + std::to_string(server.port());
        QVERIFY(watchers.start("127.0.0.1", server.port(), host, "/bench/room.json"));
        QTRY_COMPARE(watchers.initialised(), 2);

        // 8 MB of events: more than loopback socket buffers hold (4 MB send, 128 KB receive
        // while nobody reads), so sends run into a full socket.
        constexpr int kPuts = 256;
        watchers.setPaused(true);
        std::atomic<int> answered{0};
        std::atomic<int> lastStatus{200}; // no failure yet
        std::thread writer([&, port = server.port()] {
            BlockingPutter client(port);
            const std::string padding(32 * 1024, 'x');
            for (int n = 0; n < kPuts; ++n) {
                lastStatus =
                    client.put("/bench/room/" + messageKey(n, 0) + ".json",
                               "{\"n\":" + std::to_string(n) + ",\"pad\":\"" + padding + "\"}");
                if (lastStatus != 200)
                    break;
                ++answered;
            }
        });
        // The writes are answered although nobody reads the streams.
        QTRY_VERIFY_WITH_TIMEOUT(answered.load() == kPuts || lastStatus.load() != 200, 120000);
        writer.join();
        QCOMPARE(lastStatus.load(), 200);
        watchers.setPaused(false);
        verifyEveryStream(watchers, failures, 1, kPuts);
    }

private:
    static void verifyEveryStream(StreamWatchers& watchers, Failures& failures, int writers,
                                  int perWriter)
    {
        const long total = long(writers) * perWriter;
        const auto& streams = watchers.streams();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(streams.begin(), streams.end(),
                        [&](const auto& s) { return s->received() >= total || s->failed(); }),
            120000);
        watchers.stop();
        if (failures.any())
            failures.print();
        QVERIFY(!failures.any());
        for (const auto& stream : streams) {
            QCOMPARE(stream->received(), total);
            for (int w = 0; w < writers; ++w)
                QCOMPARE(stream->nextSequences()[std::size_t(w)], perWriter);
            QCOMPARE(stream->orderHash(), streams.front()->orderHash());
        }
    }
};

QTEST_GUILESS_MAIN(TestEventFanout)
#include "tst_event_fanout.moc"
