#pragma once
// The figures oiso-client-bench measures, the goals, how they are printed, and the
// correctness failures that make its exit code non-zero.

#include <QString>

#include <cstddef>
#include <string>
#include <vector>

namespace oiso::bench::client {

struct Options {
    bool quick = false;
    bool json = false;
    QString only;              // one part (sse, mirror, snapshot, e2e); empty runs all
    double streamMiB = 64;     // the SSE stream fed through the parser
    int chunkBytes = 16384;    // bytes per network read
    int repetitions = 5;       // of each throughput figure; the median is reported
    int growEvents = 10000;    // puts into a room that starts empty
    int patchEvents = 10000;   // patches of that room's messages afterwards
    double snapshotMiB = 50;   // the snapshot loaded into the mirror
    int messagesPerRoom = 200; // of that snapshot
    int e2eMessages = 2000;
    int e2eWarmUp = 20; // messages before the measured ones (connections, caches)
};

inline bool runs(const Options& options, const char* part)
{
    return options.only.isEmpty() || options.only == QLatin1String(part);
}

// Goals of the issue; speed is reported against them, never asserted.
constexpr double kGoalSseParseMBps = 200;
constexpr double kGoalMirrorEventsPerSecond = 100000;
constexpr double kGoalE2eP99Ms = 20;

// The median, least and greatest of several repetitions.
struct Spread {
    double median = 0;
    double min = 0;
    double max = 0;
};
Spread spreadOf(std::vector<double> samples);

struct Percentiles {
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};
Percentiles percentilesOf(std::vector<double> samples);

// Puts and patches applied to a mirror already holding a room of `roomSize` messages.
struct RoomSizeRate {
    int roomSize = 0;
    double putsPerSecond = 0;
    double patchesPerSecond = 0;
};

struct Figures {
    // SSE
    double streamMB = 0; // 10^6 bytes
    long streamEvents = 0;
    Spread parseMBps;
    Spread parseDecodeMBps;
    double decodedEventsPerSecond = 0; // at the median parse + decode speed
    // Mirror
    int growEvents = 0;
    double growEventsPerSecond = 0;
    double growLastTenthEventsPerSecond = 0; // the rate once the room is nearly full
    int patchEvents = 0;
    double patchEventsPerSecond = 0;
    std::vector<RoomSizeRate> bySize;
    double sketchPutsPerSecond = 0; // the growing room's events without the whole-root snapshot
    double sketchPatchesPerSecond = 0;
    int referenceRoomSize = 0;
    double referenceSetsPerSecond = 0; // Node::set of the same puts, no mirror
    // Snapshot
    double snapshotMB = 0;
    long snapshotRooms = 0;
    long snapshotMessages = 0;
    Spread loadMBps;
    double loadParseSeconds = 0; // of the median repetition
    double loadReplaceSeconds = 0;
    double resyncMB = 0;
    Spread resyncMBps;
    double resyncParseSeconds = 0;
    double resyncReplaceSeconds = 0;
    std::size_t resyncAdded = 0;
    std::size_t resyncChanged = 0;
    std::size_t resyncRemoved = 0;
    // End to end
    int e2eMessages = 0; // measured
    int e2eSent = 0;     // measured and warm-up
    Percentiles e2eMs;
    Percentiles ackMs;
    double e2eSeconds = 0;
    long e2eArrivedOnce = 0;
};

// Correctness problems; any one makes the exit code non-zero.
class Failures {
public:
    void add(const std::string& text);
    bool any() const { return m_count > 0; }
    void print() const;

private:
    std::vector<std::string> m_texts;
    std::size_t m_count = 0;
};

void printTable(const Options& options, const Figures& figures, const Failures& failures,
                const QString& loadAverage);
void printJson(const Figures& figures, const Failures& failures, const QString& loadAverage);

// /proc/loadavg's first three fields, to print next to the figures.
QString loadAverage();

} // namespace oiso::bench::client
