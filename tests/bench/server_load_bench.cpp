// oiso-server-bench: drives the real oiso-server binary over loopback and reports what the issue
// asks for: PUT/s and PUT latency from keep-alive writers while event streams watch the written
// location (every stream must get every event, once, in commit order), GET/s of a 1 KB value,
// and memory and start-up time with a database of chat messages. Correctness is asserted (the
// exit code); speed is only reported, against the goals.
//
// The server runs as a child process, as in production, so its memory and start-up time are its
// own. The load comes from plain synchronous Boost.Beast clients on threads, and the streams are
// read by one epoll thread (load_bench_streams.h): they cost the least CPU per request and per
// event, which matters on a small machine where client and server share the cores.
#include "load_bench_failures.h"
#include "load_bench_report.h"
#include "load_bench_streams.h"
#include "protocol/pushid.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QUrl>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <latch>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace oiso::bench;

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

// ---------------------------------------------------------------------------------------------
// The server as a child process.

class ServerProcess {
public:
    explicit ServerProcess(QString program)
        : m_program(std::move(program))
    {
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Starts the server and waits for its "listening on" line; the time from launching the
    // process to that line is the start-up time (it includes loading the data).
    bool start(const QString& dataDirectory, std::string* error)
    {
        m_process.setProgram(m_program);
        m_process.setArguments({QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("--port"), QStringLiteral("0"),
                                QStringLiteral("--data"), dataDirectory});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_launched = Clock::now();
        const auto launched = m_launched;
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            *error = "cannot start " + m_program.toStdString() + ": " +
                     m_process.errorString().toStdString();
            return false;
        }
        const auto deadline = launched + std::chrono::minutes(2);
        for (;;) {
            if (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine().trimmed();
                if (!line.startsWith("listening on "))
                    continue;
                m_startupSeconds = secondsBetween(launched, Clock::now());
                const QUrl url(QString::fromUtf8(line.mid(13)));
                m_host = url.host().toStdString();
                m_port = static_cast<unsigned short>(url.port());
                if (m_host.empty() || m_port == 0) {
                    *error = "cannot read the server's address from \"" + line.toStdString() + '"';
                    return false;
                }
                return true;
            }
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) {
                *error = "the server did not say it was listening within 2 minutes";
                return false;
            }
            if (!m_process.waitForReadyRead(static_cast<int>(left.count())) &&
                m_process.state() == QProcess::NotRunning) {
                *error = "the server exited before listening (exit code " +
                         std::to_string(m_process.exitCode()) + ")";
                return false;
            }
        }
    }

    // SIGTERM, as a service manager stops it: the server syncs and writes a snapshot.
    bool stop(double* seconds, std::string* error)
    {
        const auto sent = Clock::now();
        m_process.terminate();
        if (!m_process.waitForFinished(120000)) {
            *error = "the server did not stop within 2 minutes of SIGTERM";
            return false;
        }
        *seconds = secondsBetween(sent, Clock::now());
        if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
            *error = "the server did not exit cleanly on SIGTERM (exit code " +
                     std::to_string(m_process.exitCode()) + ")";
            return false;
        }
        return true;
    }

    double startupSeconds() const { return m_startupSeconds; }
    Clock::time_point launchedAt() const { return m_launched; }
    tcp::endpoint endpoint() const { return {net::ip::make_address(m_host), m_port}; }
    std::string hostHeader() const { return m_host + ':' + std::to_string(m_port); }

    // Resident and peak resident memory from /proc (Linux), in MiB; -1 when unavailable.
    double memoryMiB(const char* field) const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray prefix = QByteArray(field) + ':';
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith(prefix))
                return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
        return -1;
    }

    // User plus system CPU time the server has used so far, in seconds; -1 when unavailable.
    double cpuSeconds() const
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(m_process.processId()));
        if (!stat.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray text = stat.readAll();
        // Fields after the command name (which may hold spaces): state is field 3, utime 14.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 13)
            return -1;
        const double ticks = fields.at(11).toDouble() + fields.at(12).toDouble();
        return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
    }

private:
    QString m_program;
    QProcess m_process;
    Clock::time_point m_launched;
    double m_startupSeconds = 0;
    std::string m_host;
    unsigned short m_port = 0;
};

double ownCpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

qint64 directoryBytes(const QString& path)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += QFileInfo(it.next()).size();
    return total;
}

// ---------------------------------------------------------------------------------------------
// A synchronous keep-alive HTTP/1.1 client: one connection, one request at a time.

class Client {
public:
    Client(const tcp::endpoint& endpoint, std::string host)
        : m_socket(m_io)
        , m_host(std::move(host))
    {
        m_socket.connect(endpoint);
        m_socket.set_option(tcp::no_delay(true));
    }

    // Sends a request and reads the answer; throws on a broken connection.
    const http::response<http::string_body>& send(http::verb method, const std::string& target,
                                                  std::string body = {})
    {
        http::request<http::string_body> request{method, target, 11};
        request.set(http::field::host, m_host);
        if (!body.empty())
            request.set(http::field::content_type, "application/json");
        request.body() = std::move(body);
        request.prepare_payload();
        http::write(m_socket, request);
        m_response = {};
        http::response_parser<http::string_body> parser;
        parser.body_limit(std::numeric_limits<std::uint64_t>::max());
        http::read(m_socket, m_buffer, parser);
        m_response = parser.release();
        if (!m_response.keep_alive())
            throw std::runtime_error("the server closed a keep-alive connection");
        return m_response;
    }

private:
    net::io_context m_io;
    tcp::socket m_socket;
    beast::flat_buffer m_buffer;
    std::string m_host;
    http::response<http::string_body> m_response;
};

// A chat message in the web app's shape; the text is Korean like the real rooms' (UTF-8).
std::string messageJson(const std::string& sender, long long number, qint64 timestamp)
{
    return "{\"id\":\"" + sender + "\",\"msg\":\"안녕하세요! 아직 판매 중인가요? 내일 학생회관 " +
           "앞에서 거래 가능할까요? (" + std::to_string(number) +
           ")\",\"timestamp\":" + std::to_string(timestamp) + '}';
}

// ---------------------------------------------------------------------------------------------
// The phases.

bool runPutPhase(const Options& options, ServerProcess& server, Failures& failures, Figures& out)
{
    out.streams = options.streams;
    out.writers = options.writers;
    const tcp::endpoint endpoint = server.endpoint();
    const std::string host = server.hostHeader();

    // (a) the streams, on one thread of their own (load_bench_streams.h).
    StreamWatchers watchers(options.streams, options.writers, failures);
    auto stopStreams = [&] { watchers.stop(); };
    if (!watchers.start(endpoint.address().to_string(), endpoint.port(), host,
                        "/bench/room.json")) {
        stopStreams();
        return false;
    }
    const auto subscribeDeadline = Clock::now() + std::chrono::seconds(30);
    while (watchers.initialised() < options.streams && Clock::now() < subscribeDeadline &&
           !failures.any())
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (watchers.initialised() < options.streams) {
        failures.add(std::to_string(options.streams - watchers.initialised()) +
                     " streams did not receive their initial put within 30 s");
        stopStreams();
        return false;
    }

    // (b) the writers: one keep-alive connection each, one PUT at a time.
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(options.writers));
    std::vector<int> written(static_cast<std::size_t>(options.writers), 0);
    std::vector<Clock::time_point> finished(static_cast<std::size_t>(options.writers));
    std::latch ready(options.writers + 1);
    std::atomic<bool> go{false};
    Clock::time_point started;
    std::vector<std::thread> writers;
    for (int w = 0; w < options.writers; ++w) {
        writers.emplace_back([&, w] {
            const auto slot = static_cast<std::size_t>(w);
            auto& samples = latencies[slot];
            samples.reserve(static_cast<std::size_t>(options.putsPerWriter));
            std::optional<Client> client;
            try {
                client.emplace(endpoint, host);
            } catch (const std::exception& e) {
                failures.add("writer " + std::to_string(w) + " cannot connect: " + e.what());
            }
            ready.arrive_and_wait();
            while (!go.load())
                std::this_thread::yield();
            const auto deadline = started + std::chrono::duration_cast<Clock::duration>(
                                                std::chrono::duration<double>(options.putSeconds));
            const std::string sender = "writer" + std::to_string(w);
            for (int n = 0; client && n < options.putsPerWriter; ++n) {
                const auto before = Clock::now();
                if (before >= deadline)
                    break;
                try {
                    const auto& response =
                        client->send(http::verb::put, "/bench/room/" + messageKey(n, w) + ".json",
                                     messageJson(sender, n, QDateTime::currentMSecsSinceEpoch()));
                    if (response.result() != http::status::ok) {
                        failures.add("PUT answered " + std::to_string(response.result_int()));
                        break;
                    }
                } catch (const std::exception& e) {
                    failures.add("writer " + std::to_string(w) + ": " + e.what());
                    break;
                }
                samples.push_back(secondsBetween(before, Clock::now()) * 1000.0);
                written[slot] = n + 1;
            }
            finished[slot] = Clock::now();
        });
    }
    ready.arrive_and_wait();
    const double serverCpuBefore = server.cpuSeconds();
    const double clientCpuBefore = ownCpuSeconds();
    started = Clock::now();
    go.store(true);
    for (auto& thread : writers)
        thread.join();
    const auto writesDone = *std::max_element(finished.begin(), finished.end());

    // (c) every stream must now get every event: wait for the last ones to arrive.
    long total = 0;
    for (int n : written)
        total += n;
    const auto drainDeadline = Clock::now() + std::chrono::seconds(60);
    auto allArrived = [&] {
        const auto& streams = watchers.streams();
        return std::all_of(streams.begin(), streams.end(), [&](const auto& watcher) {
            return watcher->received() >= total || watcher->failed();
        });
    };
    while (!allArrived() && Clock::now() < drainDeadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const double serverCpu = server.cpuSeconds() - serverCpuBefore;
    const double clientCpu = ownCpuSeconds() - clientCpuBefore;
    stopStreams();

    Clock::time_point lastEvent = writesDone;
    out.eventsExpected = total * options.streams;
    out.fanOutComplete = true;
    const std::uint64_t expectedHash = watchers.streams().front()->orderHash();
    for (const auto& watcher : watchers.streams()) {
        out.eventsReceived += watcher->received();
        lastEvent = std::max(lastEvent, watcher->lastEventAt());
        for (int w = 0; w < options.writers; ++w) {
            const int got = watcher->nextSequences()[static_cast<std::size_t>(w)];
            if (got != written[static_cast<std::size_t>(w)]) {
                failures.add("a stream got writer " + std::to_string(w) + "'s messages up to " +
                             std::to_string(got) + " of " +
                             std::to_string(written[static_cast<std::size_t>(w)]));
                out.fanOutComplete = false;
            }
        }
        if (watcher->failed())
            out.fanOutComplete = false;
        if (watcher->orderHash() != expectedHash) {
            failures.add("streams received the events in different orders");
            out.fanOutComplete = false;
        }
    }
    if (out.eventsReceived != out.eventsExpected)
        out.fanOutComplete = false;

    std::vector<double> all;
    for (const auto& samples : latencies)
        all.insert(all.end(), samples.begin(), samples.end());
    out.puts = total;
    out.putLatencyMs = percentiles(std::move(all));
    out.putSeconds = secondsBetween(started, writesDone);
    out.fanOutSeconds = secondsBetween(started, lastEvent);
    out.ackedPutsPerSecond = out.putSeconds > 0 ? double(total) / out.putSeconds : 0;
    out.putsPerSecond =
        out.fanOutComplete && out.fanOutSeconds > 0 ? double(total) / out.fanOutSeconds : 0;
    out.serverCpuDuringPuts = out.fanOutSeconds > 0 ? serverCpu / out.fanOutSeconds : 0;
    out.clientCpuDuringPuts = out.fanOutSeconds > 0 ? clientCpu / out.fanOutSeconds : 0;
    return out.fanOutComplete;
}

void runGetPhase(const Options& options, ServerProcess& server, Failures& failures, Figures& out)
{
    const tcp::endpoint endpoint = server.endpoint();
    const std::string host = server.hostHeader();
    // A 1 KB message: the text is padded so that the stored JSON is 1024 bytes.
    std::string value = messageJson("seller", 0, 1700000000000);
    const std::string padding(1024 - value.size(), 'x');
    value.insert(value.find("\",\"timestamp\""), padding);
    out.valueBytes = static_cast<int>(value.size());
    std::size_t expectedBytes = 0;
    try {
        Client client(endpoint, host);
        const auto& response = client.send(http::verb::put, "/bench/value.json", value);
        if (response.result() != http::status::ok)
            return failures.add("PUT of the 1 KB value failed");
        expectedBytes = response.body().size();
    } catch (const std::exception& e) {
        return failures.add(std::string("PUT of the 1 KB value failed: ") + e.what());
    }

    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(options.writers));
    std::latch ready(options.writers + 1);
    std::atomic<bool> go{false};
    Clock::time_point started;
    std::vector<std::thread> readers;
    for (int r = 0; r < options.writers; ++r) {
        readers.emplace_back([&, r] {
            auto& samples = latencies[static_cast<std::size_t>(r)];
            std::optional<Client> client;
            try {
                client.emplace(endpoint, host);
            } catch (const std::exception& e) {
                failures.add(std::string("GET client cannot connect: ") + e.what());
            }
            ready.arrive_and_wait();
            while (!go.load())
                std::this_thread::yield();
            const auto deadline = started + std::chrono::duration_cast<Clock::duration>(
                                                std::chrono::duration<double>(options.getSeconds));
            while (client) {
                const auto before = Clock::now();
                if (before >= deadline)
                    break;
                try {
                    const auto& response = client->send(http::verb::get, "/bench/value.json");
                    if (response.result() != http::status::ok ||
                        response.body().size() != expectedBytes) {
                        failures.add("GET of the 1 KB value returned something else");
                        break;
                    }
                } catch (const std::exception& e) {
                    failures.add(std::string("GET failed: ") + e.what());
                    break;
                }
                samples.push_back(secondsBetween(before, Clock::now()) * 1000.0);
            }
        });
    }
    ready.arrive_and_wait();
    started = Clock::now();
    go.store(true);
    for (auto& thread : readers)
        thread.join();
    const double seconds = secondsBetween(started, Clock::now());
    std::vector<double> all;
    for (const auto& samples : latencies)
        all.insert(all.end(), samples.begin(), samples.end());
    out.gets = static_cast<long>(all.size());
    out.getsPerSecond = seconds > 0 ? double(out.gets) / seconds : 0;
    out.getLatencyMs = percentiles(std::move(all));
}

// (e) A database of chat messages, chatlist/<item>/<pushId> = {id, msg, timestamp} as the web app
// writes them: memory with it loaded, then a clean stop and the start-up time on that data.
void runMessagesPhase(const Options& options, Failures& failures, Figures& out)
{
    out.messages = options.messages;
    QTemporaryDir dataDir;
    ServerProcess server(options.serverPath);
    std::string error;
    if (!dataDir.isValid() || !server.start(dataDir.path(), &error))
        return failures.add("messages phase: " + error);

    oiso::protocol::PushIdGenerator pushIds;
    std::vector<std::string> items;
    for (int i = 0; i < options.items; ++i)
        items.push_back(pushIds.next());
    const auto started = Clock::now();
    try {
        Client client(server.endpoint(), server.hostHeader());
        const qint64 baseTime = QDateTime::currentMSecsSinceEpoch();
        for (int first = 0; first < options.messages; first += options.batch) {
            std::string body = "{";
            const int last = std::min(options.messages, first + options.batch);
            for (int n = first; n < last; ++n) {
                if (n > first)
                    body += ',';
                const std::string& item = items[static_cast<std::size_t>(n % options.items)];
                body += '"' + item + '/' + pushIds.next() +
                        "\":" + messageJson("user" + std::to_string(n % 37), n, baseTime + n);
            }
            body += '}';
            const auto& response = client.send(http::verb::patch, "/chatlist.json", body);
            if (response.result() != http::status::ok)
                return failures.add("PATCH of messages answered " +
                                    std::to_string(response.result_int()));
        }
    } catch (const std::exception& e) {
        return failures.add(std::string("writing the messages failed: ") + e.what());
    }
    const double writeSeconds = secondsBetween(started, Clock::now());
    out.messagesWrittenPerSecond = writeSeconds > 0 ? options.messages / writeSeconds : 0;
    out.rssAfterWritesMiB = server.memoryMiB("VmRSS");
    out.peakRssMiB = server.memoryMiB("VmHWM");
    if (!server.stop(&out.stopSeconds, &error))
        return failures.add(error);
    out.dataMiB = double(directoryBytes(dataDir.path())) / (1024.0 * 1024.0);

    ServerProcess restarted(options.serverPath);
    if (!restarted.start(dataDir.path(), &error))
        return failures.add("restart: " + error);
    out.startupSeconds = restarted.startupSeconds();

    // Everything written before the stop must be back. The first request opens the database,
    // so its answer marks the end of the real start-up.
    try {
        Client client(restarted.endpoint(), restarted.hostHeader());
        const auto& first = client.send(http::verb::get, "/.json?shallow=true");
        out.firstAnswerSeconds = secondsBetween(restarted.launchedAt(), Clock::now());
        if (first.result() != http::status::ok)
            failures.add("the first GET after the restart answered " +
                         std::to_string(first.result_int()));
        out.rssAfterStartMiB = restarted.memoryMiB("VmRSS");
        out.peakRssMiB = std::max(out.peakRssMiB, restarted.memoryMiB("VmHWM"));
        const auto& response = client.send(http::verb::get, "/chatlist.json");
        const QJsonObject rooms =
            QJsonDocument::fromJson(QByteArray::fromStdString(response.body())).object();
        long count = 0;
        for (auto it = rooms.begin(); it != rooms.end(); ++it)
            count += it.value().toObject().size();
        out.restartRestoredAll = response.result() == http::status::ok &&
                                 rooms.size() == std::min(options.items, options.messages) &&
                                 count == options.messages;
        if (!out.restartRestoredAll)
            failures.add("after the restart the database holds " + std::to_string(count) +
                         " messages, not " + std::to_string(options.messages));
    } catch (const std::exception& e) {
        failures.add(std::string("reading the messages after the restart failed: ") + e.what());
    }
    double ignored = 0;
    if (!restarted.stop(&ignored, &error))
        failures.add("restarted server: " + error);
}

} // namespace

int main(int argc, char* argv[])
{
    // A stream closed by the server while we write must be an error code, not a signal.
    ::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Load benchmark of oiso-server on loopback: PUT/s and latency with event streams "
        "watching, GET/s, memory and start-up time with a database of chat messages."));
    parser.addHelpOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"), QStringLiteral("The oiso-server binary to run."),
        QStringLiteral("path"), QStringLiteral(OISO_SERVER_BINARY));
    const QCommandLineOption quickOption(
        QStringLiteral("quick"), QStringLiteral("Small counts: a smoke test that takes seconds."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print the figures as JSON."));
    const QCommandLineOption streamsOption(QStringLiteral("streams"),
                                           QStringLiteral("Event streams (default 100)."),
                                           QStringLiteral("n"));
    const QCommandLineOption putsOption(QStringLiteral("puts"),
                                        QStringLiteral("PUTs per writer (default 5000)."),
                                        QStringLiteral("n"));
    const QCommandLineOption messagesOption(
        QStringLiteral("messages"),
        QStringLiteral("Messages for the memory and start-up figures "
                       "(default 100000)."),
        QStringLiteral("n"));
    parser.addOptions(
        {serverOption, quickOption, jsonOption, streamsOption, putsOption, messagesOption});
    parser.process(app);

    Options options;
    options.serverPath = parser.value(serverOption);
    options.quick = parser.isSet(quickOption);
    options.json = parser.isSet(jsonOption);
    if (options.quick) {
        options.putsPerWriter = 100;
        options.putSeconds = 10;
        options.getSeconds = 0.5;
        options.messages = 5000;
        options.items = 100;
    }
    auto positive = [&](const QCommandLineOption& option, int* target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value <= 0)
            return false;
        *target = value;
        return true;
    };
    if (!positive(streamsOption, &options.streams) ||
        !positive(putsOption, &options.putsPerWriter) ||
        !positive(messagesOption, &options.messages)) {
        std::fprintf(stderr, "oiso-server-bench: counts must be positive numbers\n");
        return 2;
    }
    if (!QFileInfo(options.serverPath).isExecutable()) {
        std::fprintf(stderr, "oiso-server-bench: no server binary at %s (use --server)\n",
                     qUtf8Printable(options.serverPath));
        return 2;
    }

    Failures failures;
    Figures figures;
    {
        QTemporaryDir dataDir;
        ServerProcess server(options.serverPath);
        std::string error;
        if (!dataDir.isValid() || !server.start(dataDir.path(), &error)) {
            std::fprintf(stderr, "oiso-server-bench: %s\n", error.c_str());
            return 2;
        }
        if (!options.json)
            std::fprintf(stderr, "PUTs with %d streams watching…\n", options.streams);
        runPutPhase(options, server, failures, figures);
        if (!options.json)
            std::fprintf(stderr, "GETs…\n");
        runGetPhase(options, server, failures, figures);
        double ignored = 0;
        if (!server.stop(&ignored, &error))
            failures.add(error);
    }
    if (!options.json)
        std::fprintf(stderr, "%d messages, stop and restart…\n", options.messages);
    runMessagesPhase(options, failures, figures);

    const bool correct = !failures.any();
    if (options.json)
        printJson(figures, correct);
    else
        printTable(options, figures, correct);
    failures.print();
    return correct ? 0 : 1;
}
