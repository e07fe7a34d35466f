#pragma once
// Header-only helpers for driving the server over real HTTP from QTest:
//  * HttpClient: one request at a time, waited for on its `finished` signal with a timer guard
//    (the event loop keeps running, so in-process servers, streams and other replies progress);
//  * EventStreamReader: a text/event-stream response parsed incrementally as bytes arrive;
//  * ServerFixture: an in-process oiso::server::Server on 127.0.0.1:0 over a QTemporaryDir;
//  * ServerProcess: the oiso-server executable as a child process, restartable on its folder;
//  * canon(): JSON in one canonical compact form, so QCOMPARE prints readable differences.

#include "server/server.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#ifdef Q_OS_UNIX
#include <signal.h>
#endif

namespace oiso::test {

constexpr int kRequestTimeoutMs = 20000;
constexpr int kProcessTimeoutMs = 60000;

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// Parses any JSON text, top-level primitives included; Undefined when it is not JSON.
inline QJsonValue parseJson(QByteArrayView text)
{
    QJsonParseError error;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray("[") + text.toByteArray() + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return doc.array().at(0);
}

// Compact JSON with object keys sorted (QJsonObject keeps them sorted): two values are equal as
// JSON exactly when their canonical forms are equal, whatever the member order on the wire.
inline QByteArray canon(const QJsonValue& value)
{
    if (value.isUndefined())
        return QByteArrayLiteral("<not JSON>");
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

// The canonical form of a JSON literal written in a test; a literal that does not parse is a
// mistake in the test itself, so it stops the run.
inline QByteArray canon(QByteArrayView jsonLiteral)
{
    const QJsonValue value = parseJson(jsonLiteral);
    if (value.isUndefined())
        qFatal("test bug: not JSON: %s", jsonLiteral.toByteArray().constData());
    return canon(value);
}
inline QByteArray canon(const char* jsonLiteral)
{
    return canon(QByteArrayView(jsonLiteral));
}

// A readable query string (orderBy="price"&startAt=10000) with every value percent-encoded the
// way a client sends it: JSON first, then URL encoding (reference §3.1). Tests stay legible and
// still spell out exactly what goes on the wire.
inline QString encodeQuery(const QByteArray& readable)
{
    QByteArray out;
    for (const QByteArray& pair : readable.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (!out.isEmpty())
            out += '&';
        out += pair.left(eq);
        out += '=';
        out += QUrl::toPercentEncoding(QString::fromUtf8(pair.mid(eq + 1)));
    }
    return QString::fromLatin1(out);
}

// Runs the event loop until `done()` holds or the time is up, checking again whenever `sender`
// emits one of `wakeSignals` (and at the deadline). Returns done().
template <typename Sender, typename... Signals>
bool waitUntil(const std::function<bool()>& done, int timeoutMs, const Sender* sender,
               Signals... wakeSignals)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer guard;
        guard.setSingleShot(true);
        QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        (QObject::connect(sender, wakeSignals, &loop, &QEventLoop::quit), ...);
        guard.start(int(std::max<qint64>(1, deadline.remainingTime())));
        loop.exec();
    }
    return true;
}

struct Response {
    int status = 0; // 0 when there was no HTTP answer at all (see error)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool timedOut = false;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;
    QJsonValue json{QJsonValue::Undefined}; // the parsed body; Undefined when not JSON

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    bool hasHeader(const QByteArray& name) const
    {
        return std::any_of(headers.begin(), headers.end(), [&name](const auto& pair) {
            return pair.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    }
    QByteArray canonical() const { return canon(json); }
    // The RTDB error text ({"error": "..."}); empty when the body has no such member.
    QString errorText() const { return json.toObject().value(QStringLiteral("error")).toString(); }
};

class HttpClient {
public:
    explicit HttpClient(QString baseUrl)
        : m_base(std::move(baseUrl))
    {
    }

    QUrl url(const QString& pathAndQuery) const
    {
        // Taken as already percent-encoded: tests spell out exactly what goes on the wire.
        return QUrl::fromEncoded((m_base + pathAndQuery).toUtf8(), QUrl::StrictMode);
    }

    // Starts a request; finish it with wait(). Several may be in flight at once.
    QNetworkReply* send(const QByteArray& method, const QString& pathAndQuery,
                        const QByteArray& body = {}, const Headers& headers = {})
    {
        QNetworkRequest request(url(pathAndQuery));
        // Redirects are part of what is being tested, never followed silently.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        const bool typed = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
            return h.first.compare("content-type", Qt::CaseInsensitive) == 0;
        });
        if (!body.isEmpty() && !typed)
            request.setRawHeader("Content-Type", "application/json");
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        return m_nam.sendCustomRequest(request, method, body);
    }

    static Response wait(QNetworkReply* reply, int timeoutMs = kRequestTimeoutMs)
    {
        Response response;
        if (!reply->isFinished()) {
            QEventLoop loop;
            QTimer guard;
            guard.setSingleShot(true);
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
            guard.start(timeoutMs);
            loop.exec();
            if (!reply->isFinished()) {
                response.timedOut = true;
                reply->abort();
            }
        }
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.error = reply->error();
        response.headers = reply->rawHeaderPairs();
        response.body = reply->readAll();
        response.json = parseJson(response.body);
        reply->deleteLater();
        return response;
    }

    Response request(const QByteArray& method, const QString& pathAndQuery,
                     const QByteArray& body = {}, const Headers& headers = {})
    {
        return wait(send(method, pathAndQuery, body, headers));
    }
    Response get(const QString& pathAndQuery, const Headers& headers = {})
    {
        return request("GET", pathAndQuery, {}, headers);
    }
    Response put(const QString& pathAndQuery, const QByteArray& body, const Headers& headers = {})
    {
        return request("PUT", pathAndQuery, body, headers);
    }
    Response post(const QString& pathAndQuery, const QByteArray& body, const Headers& headers = {})
    {
        return request("POST", pathAndQuery, body, headers);
    }
    Response patch(const QString& pathAndQuery, const QByteArray& body, const Headers& headers = {})
    {
        return request("PATCH", pathAndQuery, body, headers);
    }
    Response del(const QString& pathAndQuery, const Headers& headers = {})
    {
        return request("DELETE", pathAndQuery, {}, headers);
    }

    QNetworkAccessManager& manager() { return m_nam; }
    const QString& base() const { return m_base; }

private:
    QString m_base;
    QNetworkAccessManager m_nam;
};

// Reads one `Accept: text/event-stream` response. Bytes are parsed as they arrive (readyRead):
// events split over several reads, several events per read, CRLF / CR / LF line ends, multi-line
// data and comments are all handled, and only complete lines are decoded, so a UTF-8 character
// split between reads is safe. Tests QTRY on count(), events() or describe().
class EventStreamReader : public QObject {
public:
    struct Event {
        QByteArray type; // "put", "patch", "keep-alive", "cancel", "auth_revoked", ...
        QByteArray rawData;
        QJsonValue data{QJsonValue::Undefined};
    };

    EventStreamReader(QNetworkAccessManager& nam, const QUrl& url, const Headers& headers = {})
    {
        QNetworkRequest request(url);
        request.setRawHeader("Accept", "text/event-stream");
        request.setRawHeader("Cache-Control", "no-cache");
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        m_reply = nam.get(request);
        connect(m_reply, &QNetworkReply::readyRead, this, &EventStreamReader::onReadyRead);
        connect(m_reply, &QNetworkReply::finished, this, [this] {
            onReadyRead();
            m_error = m_reply->error();
            m_finished = true;
        });
    }
    ~EventStreamReader() override
    {
        if (m_reply) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
        }
    }

    std::function<void(const Event&)> onEvent; // optional, called for every dispatched event

    const QList<Event>& events() const { return m_events; }
    qsizetype count() const { return m_events.size(); }
    bool finished() const { return m_finished; } // the response ended (server or client)
    QNetworkReply::NetworkError error() const { return m_error; }
    qint64 bytesReceived() const { return m_bytes; }
    int status() const
    {
        return m_reply ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    }
    QByteArray header(const QByteArray& name) const
    {
        return m_reply ? m_reply->rawHeader(name) : QByteArray();
    }
    bool isEventStream() const { return header("Content-Type").startsWith("text/event-stream"); }
    // The body of a response that was not an event stream (an error answer).
    const QByteArray& plainBody() const { return m_plainBody; }

    void close() // the client hangs up
    {
        if (m_reply)
            m_reply->abort();
    }

    // Events as "<type> <path> <canonical data>" for put/patch and "<type> <canonical data>"
    // otherwise, from index `from` on: whole sequences compare, and print, in one QCOMPARE.
    QList<QByteArray> describe(qsizetype from = 0) const
    {
        QList<QByteArray> out;
        for (qsizetype i = from; i < m_events.size(); ++i)
            out.append(describe(m_events.at(i)));
        return out;
    }
    static QByteArray describe(const Event& event)
    {
        if (event.type == "put" || event.type == "patch") {
            const QJsonObject o = event.data.toObject();
            return event.type + ' ' + o.value(QStringLiteral("path")).toString().toUtf8() + ' ' +
                   canon(o.value(QStringLiteral("data")));
        }
        return event.type + ' ' + canon(event.data);
    }

private:
    void onReadyRead()
    {
        if (!m_reply || !m_reply->isOpen())
            return;
        const QByteArray chunk = m_reply->readAll();
        m_bytes += chunk.size();
        if (!isEventStream()) {
            m_plainBody += chunk;
            return;
        }
        m_pending += chunk;
        parseLines();
    }

    void parseLines()
    {
        qsizetype start = 0;
        while (start < m_pending.size()) {
            qsizetype end = start;
            while (end < m_pending.size() && m_pending.at(end) != '\n' && m_pending.at(end) != '\r')
                ++end;
            if (end == m_pending.size())
                break; // no complete line yet
            qsizetype next = end + 1;
            if (m_pending.at(end) == '\r') {
                if (end + 1 == m_pending.size())
                    break; // a CR at the very end may be the first half of CRLF
                if (m_pending.at(end + 1) == '\n')
                    next = end + 2;
            }
            handleLine(m_pending.mid(start, end - start));
            start = next;
        }
        m_pending.remove(0, start);
    }

    void handleLine(const QByteArray& line)
    {
        if (line.isEmpty()) {
            if (!m_type.isEmpty() || !m_dataLines.isEmpty())
                dispatch();
            return;
        }
        if (line.startsWith(':'))
            return; // comment
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
        if (name == "event")
            m_type = value;
        else if (name == "data")
            m_dataLines.append(value);
        // id: and retry: carry nothing Firebase uses.
    }

    void dispatch()
    {
        Event event;
        event.type = m_type.isEmpty() ? QByteArrayLiteral("message") : m_type;
        event.rawData = m_dataLines.join('\n');
        event.data = parseJson(event.rawData);
        m_type.clear();
        m_dataLines.clear();
        m_events.append(event);
        if (onEvent)
            onEvent(m_events.last());
    }

    QPointer<QNetworkReply> m_reply; // owned by its manager too: it may go first
    QByteArray m_pending;
    QByteArray m_type;
    QList<QByteArray> m_dataLines;
    QList<Event> m_events;
    QByteArray m_plainBody;
    qint64 m_bytes = 0;
    bool m_finished = false;
    QNetworkReply::NetworkError m_error = QNetworkReply::NoError;
};

// An in-process server on an ephemeral loopback port with its own data folder, a client for
// plain requests, and stream readers spread over several managers: QNetworkAccessManager opens
// at most six connections per host, and each open stream holds one.
class ServerFixture {
public:
    // `options` as given, except for the port and the data folder, which are the fixture's.
    explicit ServerFixture(server::ServerOptions options = {})
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary folder: ") + m_dir.errorString();
            return;
        }
        options.port = 0;
        options.dataDirectory = m_dir.path();
        m_server = std::make_unique<server::Server>(options);
        if (!m_server->start(&m_error))
            return;
        m_client = std::make_unique<HttpClient>(m_server->url());
    }
    ~ServerFixture()
    {
        // Readers and managers go before the server, so nothing talks to a stopped server.
        m_client.reset();
        m_streamManagers.clear();
        m_server.reset();
    }
    ServerFixture(const ServerFixture&) = delete;
    ServerFixture& operator=(const ServerFixture&) = delete;

    bool ok() const { return m_client != nullptr; }
    const QString& error() const { return m_error; }
    QString url() const { return m_server->url(); }
    QString dataPath() const { return m_dir.path(); }
    server::Server& server() { return *m_server; }
    HttpClient& client() { return *m_client; }

    std::unique_ptr<EventStreamReader> listen(const QString& pathAndQuery,
                                              const Headers& headers = {})
    {
        if (m_streamsOnLastManager == 0 || m_streamsOnLastManager == 6) {
            m_streamManagers.push_back(std::make_unique<QNetworkAccessManager>());
            m_streamsOnLastManager = 0;
        }
        ++m_streamsOnLastManager;
        return std::make_unique<EventStreamReader>(*m_streamManagers.back(),
                                                   m_client->url(pathAndQuery), headers);
    }

private:
    QTemporaryDir m_dir;
    QString m_error;
    std::unique_ptr<server::Server> m_server;
    std::unique_ptr<HttpClient> m_client;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_streamManagers;
    int m_streamsOnLastManager = 0;
};

// SIGINT and SIGTERM are what stop a server in production; elsewhere only terminate() exists.
inline void sendSignal(QProcess& process, int signalNumber)
{
#ifdef Q_OS_UNIX
    ::kill(pid_t(process.processId()), signalNumber);
#else
    Q_UNUSED(signalNumber);
    process.terminate();
#endif
}

// One oiso-server process (`program`, the built executable) on a data folder; start() again
// after it ended restarts it there, which is what durability is about.
class ServerProcess {
public:
    ServerProcess(const QString& program, QString dataDir, QStringList extraArguments = {})
        : m_dataDir(std::move(dataDir))
        , m_extra(std::move(extraArguments))
    {
        m_process.setProgram(program);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning)
            kill();
    }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Starts it and reads the one line it prints when ready: "listening on http://HOST:PORT".
    bool start()
    {
        m_url.clear();
        m_process.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                           QStringLiteral("--data"), m_dataDir} +
                               m_extra);
        m_process.start();
        // Also woken when it ends or fails to start, so a server that dies early fails fast.
        const bool gotLine = waitUntil(
            [this] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; },
            kProcessTimeoutMs, &m_process, &QProcess::readyReadStandardOutput, &QProcess::finished,
            &QProcess::errorOccurred);
        if (!gotLine || !m_process.canReadLine()) {
            qWarning() << "no 'listening on' line; state" << m_process.state()
                       << "stderr:" << m_process.readAllStandardError();
            return false;
        }
        const QString line = QString::fromUtf8(m_process.readLine()).chopped(1);
        static const QRegularExpression ready(
            QStringLiteral("^listening on (http://127\\.0\\.0\\.1:[1-9][0-9]*)$"));
        const auto match = ready.match(line);
        if (!match.hasMatch()) {
            qWarning() << "unexpected first line:" << line;
            return false;
        }
        m_url = match.captured(1);
        return true;
    }

    void kill() // SIGKILL: no chance to sync, snapshot or clean up
    {
        m_process.kill();
        waitForExit();
    }
    // Sends a stop signal and returns the exit code (-1 for a crash or a timeout).
    int stopWith(int signalNumber)
    {
        sendSignal(m_process, signalNumber);
        if (!waitForExit())
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    int terminate() { return stopWith(SIGTERM); }

    QString url() const { return m_url; }
    QByteArray stderrText() { return m_process.readAllStandardError(); }

private:
    bool waitForExit()
    {
        return waitUntil([this] { return m_process.state() == QProcess::NotRunning; },
                         kProcessTimeoutMs, &m_process, &QProcess::finished);
    }

    QString m_dataDir;
    QStringList m_extra;
    QString m_url;
    QProcess m_process;
};

} // namespace oiso::test
