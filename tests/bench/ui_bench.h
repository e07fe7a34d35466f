#pragma once
// What oiso-ui-bench measures (the desktop app's issue: tests and figures), its goals, and how it
// reports. The parts:
//   startup  oiso-chat as a child process, start → first painted chat list from its cache;
//   open     a chat window on a room of 100k cached messages, construction → first paint;
//   echo     Enter in the composer → the paint that shows the new bubble;
//   scroll   one page up at a time through that room, each viewport paint;
//   rss      the process's resident memory with 20 chat windows open.

#include "client_bench_report.h"

#include <QString>

#include <vector>

namespace oiso::bench::ui {

using client::Failures;
using client::Percentiles;
using client::Spread;

struct Options {
    bool quick = false;
    QString only; // one part; empty runs all
    QString chatBinary;
    double devicePixelRatio = 1;
    int startupRooms = 1000;
    int startupRuns = 5; // after one warm-up run
    int bigRoomMessages = 100000;
    int opens = 5;
    int echoes = 50;
    int scrollPages = 200;
    int rssRooms = 20;
    int rssMessagesPerRoom = 500;
};

inline bool runs(const Options& options, const char* part)
{
    return options.only.isEmpty() || options.only == QLatin1String(part);
}

// Goals of the issue; speed is reported against them, never asserted.
constexpr double kGoalStartupMs = 300;
constexpr double kGoalOpenMs = 100;
constexpr double kGoalEchoMs = 16;
constexpr double kGoalScrollPaintMs = 4;
constexpr double kGoalRssMiB = 200;

struct Figures {
    // startup (child process)
    int startupRooms = 0;
    int startupRowsPainted = 0; // of the list painted first (Selling)
    Spread startupMs;           // spawn → the child's "first-paint-ms" line, as the parent saw it
    Spread startupChildMs;      // the child's own figure (from its load, before main)
    Spread inProcessListMs;     // in-process: session open → chat list first painted
    // open
    int bigRoomMessages = 0;
    double openFirstMs = 0; // the first open (cold caches of this process)
    Spread openMs;          // every open
    double openPaintMs = 0; // the first paint alone, median
    // echo
    Percentiles echoMs;
    Percentiles echoHandlerMs; // of which inside the Enter key's handling (synchronous)
    // scroll
    int scrollSteps = 0;
    int scrollRowsLoaded = 0; // rows in the model after scrolling
    Percentiles scrollPaintMs;
    Percentiles scrollFrameMs; // page step → its paint ended (layout of new rows included)
    int scrollPaints = 0;
    // rss
    int rssWindows = 0;
    double rssBeforeMiB = 0; // the chat list and the session, before any chat window
    double rssMiB = 0;
    double rssPeakMiB = 0;
};

void runStartup(const Options& options, Figures& figures, Failures& failures);
void runWindows(const Options& options, Figures& figures, Failures& failures);
void printTable(const Options& options, const Figures& figures, const Failures& failures);

} // namespace oiso::bench::ui
