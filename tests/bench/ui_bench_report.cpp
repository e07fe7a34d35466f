#include "ui_bench.h"

#include <QFile>
#include <QSysInfo>

#include <cstdio>
#include <string>
#include <thread>

namespace oiso::bench::ui {

namespace {

std::string number(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string spread(const Spread& s, int decimals)
{
    return number(s.median, decimals) + " (" + number(s.min, decimals) + "-" +
           number(s.max, decimals) + ")";
}

std::string percentiles(const Percentiles& p, int decimals)
{
    return number(p.p50, decimals) + " / " + number(p.p99, decimals) + " / " +
           number(p.max, decimals);
}

const char* verdict(bool pass)
{
    return pass ? "PASS" : "MISS";
}

void row(const std::string& name, const std::string& value, const char* goal = "",
         const char* result = "")
{
    std::printf("%-60s %24s   %-9s %s\n", name.c_str(), value.c_str(), goal, result);
}

std::string cpuModel()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return line.mid(line.indexOf(':') + 1).trimmed().toStdString();
        }
    }
    return QSysInfo::currentCpuArchitecture().toStdString();
}

} // namespace

void printTable(const Options& o, const Figures& f, const Failures& failures)
{
    // A part that did not run (--only) counts as neither met nor missed.
    const bool startupOk = !runs(o, "startup") || f.startupMs.median < kGoalStartupMs;
    const bool openOk = !runs(o, "open") || f.openMs.median < kGoalOpenMs;
    const bool echoOk = !runs(o, "echo") || f.echoMs.p99 < kGoalEchoMs;
    const bool scrollOk = !runs(o, "scroll") || f.scrollPaintMs.p99 < kGoalScrollPaintMs;
    const bool rssOk = !runs(o, "rss") || f.rssMiB < kGoalRssMiB;
    std::printf("\noiso-ui-bench%s — %u CPUs (%s), load average %s\n", o.quick ? " --quick" : "",
                std::thread::hardware_concurrency(), cpuModel().c_str(),
                qUtf8Printable(client::loadAverage()));
    std::printf("QT_QPA_PLATFORM=%s: painting is Qt's software raster (no GPU), device pixel "
                "ratio %.0f\n",
                qgetenv("QT_QPA_PLATFORM").constData(), o.devicePixelRatio);
    std::printf("spreads are median (least-greatest); percentiles p50 / p99 / max\n\n");
    row("figure", "measured", "goal");
    row("------", "--------", "----");

    if (runs(o, "startup")) {
        std::printf("Start-up: oiso-chat child process, embedded server + demo sign-in, %d "
                    "cached rooms, %d runs\n",
                    f.startupRooms, o.startupRuns);
        row("  spawn -> chat list first painted (ms)", spread(f.startupMs, 0), "< 300",
            verdict(startupOk));
        row("  ... as the child counts it, from its load (ms)", spread(f.startupChildMs, 0));
        row("  rows in the first painted list (Selling)", std::to_string(f.startupRowsPainted));
        row("  in-process: session open -> list painted, offline (ms)",
            spread(f.inProcessListMs, 1));
    }
    if (runs(o, "open")) {
        std::printf("Room window, %d cached messages in the room, %d opens\n", f.bigRoomMessages,
                    o.opens);
        row("  openRoom -> end of first paint with messages (ms)", spread(f.openMs, 1), "< 100",
            verdict(openOk));
        row("  ... the first open of the process (ms)", number(f.openFirstMs, 1));
        row("  ... that first paint alone, median (ms)", number(f.openPaintMs, 2));
    }
    if (runs(o, "echo")) {
        std::printf("Local echo, %d messages (each waits for the previous one to be sent)\n",
                    o.echoes);
        row("  Enter -> bubble painted p50 / p99 / max (ms)", percentiles(f.echoMs, 2), "p99 < 16",
            verdict(echoOk));
        row("  ... of which the Enter key's handling (outbox fsync, rows)",
            percentiles(f.echoHandlerMs, 2));
    }
    if (runs(o, "scroll")) {
        std::printf("Scrolling up one page at a time, %d steps (%d rows loaded at the end)\n",
                    f.scrollSteps, f.scrollRowsLoaded);
        row("  viewport paint p50 / p99 / max (ms), " + std::to_string(f.scrollPaints) + " paints",
            percentiles(f.scrollPaintMs, 2), "p99 < 4", verdict(scrollOk));
        row("  page step -> paint ended p50 / p99 / max (ms)", percentiles(f.scrollFrameMs, 2));
    }
    if (runs(o, "rss")) {
        std::printf("Memory, %d chat windows of %d cached messages each (+ chat list, session, "
                    "embedded server)\n",
                    f.rssWindows, o.rssMessagesPerRoom);
        row("  VmRSS with the windows open (MiB)", number(f.rssMiB, 1), "< 200", verdict(rssOk));
        row("  VmRSS before the first chat window (MiB)", number(f.rssBeforeMiB, 1));
        row("  VmHWM, the peak so far (MiB)", number(f.rssPeakMiB, 1));
    }

    const bool goals = startupOk && openOk && echoOk && scrollOk && rssOk;
    std::printf("\ncorrectness: %s; goals: %s\n", failures.any() ? "FAIL" : "PASS",
                goals ? "all met" : "some missed (speed is not asserted)");
}

} // namespace oiso::bench::ui
