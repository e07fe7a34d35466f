#pragma once
// The figures oiso-server-bench measures, the goals, and how they are printed.

#include <QString>

#include <vector>

namespace oiso::bench {

struct Options {
    QString serverPath;
    int streams = 100;
    int writers = 8;
    int putsPerWriter = 5000; // 40,000 PUTs in all
    double putSeconds = 20;   // the write phase stops here even if not every PUT was sent
    double getSeconds = 5;
    int messages = 100000; // for the memory and start-up figures
    int items = 1000;      // rooms the messages are spread over
    int batch = 1000;      // messages per PATCH
    bool quick = false;
    bool json = false;
};

// Goals of the issue; speed is reported against them, never asserted.
constexpr double kGoalPutsPerSecond = 5000;
constexpr double kGoalPutP99Ms = 10;
constexpr double kGoalRssMiB = 300;

struct Percentiles {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

// p50, p99 and max of a sample set.
Percentiles percentiles(std::vector<double> samples);

struct Figures {
    int streams = 0;
    int writers = 0;
    long puts = 0;
    double putSeconds = 0;         // first PUT sent → last PUT answered
    double fanOutSeconds = 0;      // first PUT sent → last event received by the last stream
    double putsPerSecond = 0;      // PUTs / fanOutSeconds: writes whose fan-out completed
    double ackedPutsPerSecond = 0; // PUTs / putSeconds
    Percentiles putLatencyMs;
    long eventsExpected = 0;
    long eventsReceived = 0;
    bool fanOutComplete = false;
    double serverCpuDuringPuts = 0; // seconds of server CPU per second of the PUT phase
    double clientCpuDuringPuts = 0;
    long gets = 0;
    double getsPerSecond = 0;
    Percentiles getLatencyMs;
    int valueBytes = 0;
    int messages = 0;
    double messagesWrittenPerSecond = 0;
    double rssAfterWritesMiB = 0;
    double peakRssMiB = 0;
    double stopSeconds = 0;
    double startupSeconds = 0;     // launch → "listening on"
    double firstAnswerSeconds = 0; // launch → first answer; the database loads on first use
    double rssAfterStartMiB = 0;
    double dataMiB = 0;
    bool restartRestoredAll = false;
};

void printTable(const Options& options, const Figures& figures, bool correct);
void printJson(const Figures& figures, bool correct);

} // namespace oiso::bench
