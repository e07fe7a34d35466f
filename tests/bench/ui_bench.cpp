// oiso-ui-bench: the desktop app's figures (docs/benchmarks.md, "Desktop app"): process start to
// the first painted chat list from a cache of 1,000 rooms (oiso-chat as a child process), a room
// window opening on 100k cached messages, Enter to the painted local echo, the paint of one
// viewport while scrolling that room, and the resident memory with 20 chat windows open.
//
//   oiso-ui-bench [--quick] [--only startup|open|echo|scroll|rss] [--chat PATH] [--messages N]
//
// It runs on QT_QPA_PLATFORM=offscreen unless told otherwise (painting is then Qt's software
// raster). Correctness — the cached rows painted, every echo painted and then sent, the windows
// showing their messages — sets the exit code; the speed goals are reported, never asserted.
// --quick (ctest -L bench) uses small sizes as a smoke test; --messages sets the size of the big
// room (100,000).

#include "ui_bench.h"
#include "ui/shell/app_main.h"

#include <QApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <cstdlib>

using namespace oiso::bench::ui;

namespace {

// The offscreen platform says at every window that it cannot do what a window manager would
// (raise, size hints); the rest of Qt's and the app's messages go through.
QtMessageHandler defaultHandler = nullptr;

void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (!message.startsWith(QLatin1String("This plugin does not support")))
        defaultHandler(type, context, message);
}

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: oiso-ui-bench [--quick] [--only startup|open|echo|scroll|rss] "
                         "[--chat PATH] [--messages N]\n");
    std::exit(2);
}

Options parse(const QStringList& arguments)
{
    Options options;
    options.chatBinary = QStringLiteral(OISO_CHAT_BINARY);
    int messages = 0;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == QLatin1String("--quick"))
            options.quick = true;
        else if (argument == QLatin1String("--only") && i + 1 < arguments.size())
            options.only = arguments[++i];
        else if (argument == QLatin1String("--chat") && i + 1 < arguments.size())
            options.chatBinary = arguments[++i];
        else if (argument == QLatin1String("--messages") && i + 1 < arguments.size())
            messages = arguments[++i].toInt();
        else
            usage();
    }
    const QStringList parts = {QStringLiteral("startup"), QStringLiteral("open"),
                               QStringLiteral("echo"), QStringLiteral("scroll"),
                               QStringLiteral("rss")};
    if (!options.only.isEmpty() && !parts.contains(options.only))
        usage();
    if (options.quick) {
        options.startupRooms = 100;
        options.startupRuns = 1;
        options.bigRoomMessages = 5000;
        options.opens = 2;
        options.echoes = 5;
        options.scrollPages = 20;
        options.rssRooms = 3;
        options.rssMessagesPerRoom = 100;
    }
    if (messages > 0)
        options.bigRoomMessages = messages;
    return options;
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    defaultHandler = qInstallMessageHandler(quietHandler);
    // The offline chat list's retries say "connection refused" every time; warnings still show.
    QLoggingCategory::setFilterRules(QStringLiteral("oiso.*.info=false"));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Oiso"));
    QCoreApplication::setApplicationName(QStringLiteral("Oiso Chat (ui bench)"));
    oiso::ui::initUiResources();
    Options options = parse(QCoreApplication::arguments());
    options.devicePixelRatio = app.devicePixelRatio();

    Figures figures;
    Failures failures;
    if (runs(options, "startup"))
        runStartup(options, figures, failures);
    if (options.only != QLatin1String("startup"))
        runWindows(options, figures, failures);
    printTable(options, figures, failures);
    failures.print();
    return failures.any() ? 1 : 0;
}
