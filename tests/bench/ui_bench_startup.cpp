// oiso-ui-bench, part "startup": process start → first painted chat list from the cache.
//
// oiso-chat runs as a child process exactly as a user starts it with no hosted database
// configured (`oiso-chat --profile DIR`): it starts the embedded server in-process, signs the
// demo account minji in, opens her stores and paints the chat list from cache.sqlite, which
// this bench filled with 1,000 rooms beforehand. OISO_REPORT_FIRST_PAINT=1 makes the chat list
// print "first-paint-ms N rows R" at the end of its first paint (ui/common/first_paint_report.h);
// the time from spawning the process to reading that line is the figure. A warm-up run first
// makes the profile (the server seeds its demo market on a first run); before every measured run
// the filled cache file is copied back, since each run brings the lists up to date with the
// server afterwards.
//
// The same list is also measured in-process, without the server start and the sign-in: the
// market session opened on the filled cache, the chat list window built and shown, until the
// end of its first paint (the database unreachable, as offline).

#include "market/market_session.h"
#include "rtdb/rtdb_client.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/shell/room_opener.h"
#include "ui_bench.h"
#include "ui_bench_cache.h"
#include "ui_bench_paint.h"

#include <QAbstractItemView>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>

#include <optional>

namespace oiso::bench::ui {

namespace {

constexpr int kChildTimeoutMs = 60'000;

struct ChildRun {
    double parentMs = 0; // spawn → line read
    double childMs = 0;  // the child's own figure
    int rows = 0;
};

// Runs the event loop until `done()` or the deadline.
bool loopUntil(const std::function<bool()>& done, int timeoutMs)
{
    const double deadline = nowMs() + timeoutMs;
    while (!done()) {
        if (nowMs() > deadline)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

std::optional<ChildRun> runChild(const Options& options, const QString& profile, Failures& failures)
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("OISO_REPORT_FIRST_PAINT"), QStringLiteral("1"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.remove(QStringLiteral("OISO_DATABASE_URL")); // the embedded server, as by default
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    QByteArray errors;
    std::optional<ChildRun> run;
    double started = 0;
    QObject::connect(&child, &QProcess::readyReadStandardError, &child, [&] {
        const double at = nowMs();
        errors += child.readAllStandardError();
        const qsizetype from = errors.indexOf("first-paint-ms ");
        if (run || from < 0 || errors.indexOf('\n', from) < 0)
            return;
        const QList<QByteArray> fields =
            errors.mid(from, errors.indexOf('\n', from) - from).split(' ');
        run = ChildRun{at - started, fields.value(1).toDouble(), fields.value(3).toInt()};
    });
    started = nowMs();
    child.start(options.chatBinary, {QStringLiteral("--profile"), profile});
    const bool reported = loopUntil(
        [&] { return run.has_value() || child.state() == QProcess::NotRunning; }, kChildTimeoutMs);
    if (child.state() != QProcess::NotRunning) {
        child.kill();
        child.waitForFinished();
    }
    if (!reported || !run) {
        failures.add("oiso-chat did not report its first paint: " +
                     errors.right(2000).toStdString());
        return std::nullopt;
    }
    return run;
}

QString cacheFile(const QString& profile)
{
    return QDir(profile).filePath(QStringLiteral("data/accounts/embedded/minji/cache.sqlite"));
}

// The filled cache in place of the profile's, as the app left it after a clean exit (the run
// before was killed: without its in-use marker, the cache is not checked page by page).
bool copyOver(const QString& from, const QString& to)
{
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral(".in-use")})
        QFile::remove(to + suffix);
    return QFile::copy(from, to);
}

// The chat list of the filled cache in this process, offline: the session opened, the window
// built and shown, until its list's first paint ended.
double inProcessList(const QString& pristine, Failures& failures)
{
    QTemporaryDir profile;
    copyOver(pristine, QDir(profile.path()).filePath(QStringLiteral("cache.sqlite")));
    QNetworkAccessManager network;
    rtdb::RtdbClient client(*rtdb::DatabaseLocation::parse(QStringLiteral("http://127.0.0.1:9")),
                            network);
    QSettings settings(profile.filePath(QStringLiteral("ui.ini")), QSettings::IniFormat);
    oiso::ui::ThumbnailLoader thumbnails(network, {});
    struct NoRooms : oiso::ui::RoomOpener {
        void openRoom(const QString&) override {}
    } opener;

    double ended = 0;
    PaintProbe probe(
        [](QObject* widget) {
            return widget->parent() && qobject_cast<QAbstractItemView*>(widget->parent());
        },
        [&](const Paint& paint) {
            if (ended == 0)
                ended = paint.endMs;
        });
    const double started = nowMs();
    market::MarketSession session(client, {profile.path(), kMe, QUrl()});
    QString error;
    if (!session.open(&error)) {
        failures.add("session did not open: " + error.toStdString());
        return 0;
    }
    session.start();
    oiso::ui::ChatListWindow window(session.chatList(), &thumbnails, opener, settings);
    window.setAccount(kMe, false);
    window.show();
    if (!loopUntil([&] { return ended > 0; }, kChildTimeoutMs)) {
        failures.add("the in-process chat list never painted");
        return 0;
    }
    return ended - started;
}

} // namespace

void runStartup(const Options& options, Figures& figures, Failures& failures)
{
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("profile"));
    // Warm-up: the profile, the embedded server's demo market, minji's account folder.
    if (!runChild(options, profile, failures))
        return;
    const QString pristine = dir.filePath(QStringLiteral("filled.sqlite"));
    {
        market::LocalCache cache(pristine);
        KeyClock keys;
        fillChatList(cache, keys, options.startupRooms, 20);
    }
    figures.startupRooms = options.startupRooms;
    std::vector<double> parent, child;
    for (int i = 0; i < options.startupRuns; ++i) {
        if (!copyOver(pristine, cacheFile(profile))) {
            failures.add("could not put the filled cache in the profile");
            return;
        }
        const std::optional<ChildRun> run = runChild(options, profile, failures);
        if (!run)
            return;
        parent.push_back(run->parentMs);
        child.push_back(run->childMs);
        figures.startupRowsPainted = run->rows;
        if (run->rows != sellingRooms(options.startupRooms))
            failures.add("the first paint showed " + std::to_string(run->rows) +
                         " rows, not the cached " +
                         std::to_string(sellingRooms(options.startupRooms)));
    }
    figures.startupMs = client::spreadOf(parent);
    figures.startupChildMs = client::spreadOf(child);

    std::vector<double> inProcess;
    for (int i = 0; i < options.startupRuns; ++i)
        inProcess.push_back(inProcessList(pristine, failures));
    figures.inProcessListMs = client::spreadOf(inProcess);
}

} // namespace oiso::bench::ui
