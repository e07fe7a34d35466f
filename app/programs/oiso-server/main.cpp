// oiso-server: the embedded Realtime Database server, headless, so several desktop clients (on
// one machine or a LAN) can chat through it, and so tests can run it as a child process.
#include "server/server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

#include <csignal>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <pthread.h>
#include <signal.h>
#else
#include <condition_variable>
#include <mutex>
#endif

namespace {

#ifndef Q_OS_UNIX
std::mutex g_stopMutex;
std::condition_variable g_stopCondition;
bool g_stopRequested = false;

void requestStop(int)
{
    std::lock_guard lock(g_stopMutex);
    g_stopRequested = true;
    g_stopCondition.notify_all();
}
#endif

} // namespace

int main(int argc, char* argv[])
{
#ifdef Q_OS_UNIX
    // Block SIGINT/SIGTERM in every thread (the server's threads inherit the mask) and take
    // them synchronously below: a clean stop syncs the journals and writes a snapshot.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Oiso"));
    QCoreApplication::setApplicationName(QStringLiteral("oiso-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OISO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Realtime Database compatible server for Oiso Chat (REST, event streams, Auth REST)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on; 0 picks a free one."),
                                  QStringLiteral("port"), QStringLiteral("9000"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Folder for the data (default: the user's "
                                                 "app-data folder)."),
                                  QStringLiteral("dir"));
    const QCommandLineOption demo(
        QStringLiteral("demo"), QStringLiteral("Seed the demo market when the database is empty."));
    const QCommandLineOption tokenLifetime(
        QStringLiteral("token-lifetime"),
        QStringLiteral("Lifetime of issued ID tokens in seconds (default 3600)."),
        QStringLiteral("seconds"), QStringLiteral("3600"));
    const QCommandLineOption keepAlive(
        QStringLiteral("keep-alive"),
        QStringLiteral("Seconds of silence before an event stream gets a keep-alive (default 30)."),
        QStringLiteral("seconds"), QStringLiteral("30"));
    parser.addOptions({host, port, data, demo, tokenLifetime, keepAlive});
    parser.process(app);

    oiso::server::ServerOptions options;
    options.host = parser.value(host);
    bool ok = true;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        std::fprintf(stderr, "oiso-server: --port must be a number from 0 to 65535\n");
        return 2;
    }
    options.port = static_cast<quint16>(portNumber);
    options.dataDirectory = parser.isSet(data)
                                ? parser.value(data)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.seedDemo = parser.isSet(demo);
    options.tokenLifetimeSeconds = parser.value(tokenLifetime).toInt(&ok);
    if (!ok || options.tokenLifetimeSeconds <= 0) {
        std::fprintf(stderr, "oiso-server: --token-lifetime must be a positive number\n");
        return 2;
    }
    options.keepAliveSeconds = parser.value(keepAlive).toInt(&ok);
    if (!ok || options.keepAliveSeconds <= 0) {
        std::fprintf(stderr, "oiso-server: --keep-alive must be a positive number\n");
        return 2;
    }

    oiso::server::Server server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "oiso-server: %s\n", qUtf8Printable(error));
        return 1;
    }
    std::printf("listening on %s\n", qUtf8Printable(server.url()));
    std::fflush(stdout);

#ifdef Q_OS_UNIX
    int received = 0;
    sigwait(&stopSignals, &received);
#else
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    std::unique_lock lock(g_stopMutex);
    g_stopCondition.wait(lock, [] { return g_stopRequested; });
#endif
    server.stop();
    return 0;
}
