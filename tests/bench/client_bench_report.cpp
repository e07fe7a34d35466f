#include "client_bench_report.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <algorithm>
#include <cstdio>
#include <thread>

namespace oiso::bench::client {

namespace {

double at(const std::vector<double>& sorted, double q)
{
    const auto index = static_cast<std::size_t>(q * double(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
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

const char* verdict(bool pass)
{
    return pass ? "PASS" : "MISS";
}

void row(const std::string& name, const std::string& value, const char* goal = "",
         const char* result = "")
{
    std::printf("%-56s %22s   %-10s %s\n", name.c_str(), value.c_str(), goal, result);
}

QJsonObject spreadJson(const Spread& s)
{
    return {{QStringLiteral("median"), s.median},
            {QStringLiteral("min"), s.min},
            {QStringLiteral("max"), s.max}};
}

QJsonObject percentilesJson(const Percentiles& p)
{
    return {{QStringLiteral("p50"), p.p50},
            {QStringLiteral("p99"), p.p99},
            {QStringLiteral("max"), p.max}};
}

} // namespace

Spread spreadOf(std::vector<double> samples)
{
    Spread result;
    if (samples.empty())
        return result;
    std::sort(samples.begin(), samples.end());
    result.median = samples[samples.size() / 2];
    result.min = samples.front();
    result.max = samples.back();
    return result;
}

Percentiles percentilesOf(std::vector<double> samples)
{
    Percentiles result;
    if (samples.empty())
        return result;
    std::sort(samples.begin(), samples.end());
    result.p50 = at(samples, 0.50);
    result.p99 = at(samples, 0.99);
    result.max = samples.back();
    return result;
}

void Failures::add(const std::string& text)
{
    if (m_texts.size() < 20) // the first few say enough
        m_texts.push_back(text);
    ++m_count;
}

void Failures::print() const
{
    for (const auto& text : m_texts)
        std::fprintf(stderr, "FAIL: %s\n", text.c_str());
    if (m_count > m_texts.size())
        std::fprintf(stderr, "FAIL: … and %zu more\n", m_count - m_texts.size());
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("n/a");
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    return QString::fromLatin1(fields.mid(0, 3).join(' '));
}

void printTable(const Options& o, const Figures& f, const Failures& failures,
                const QString& loadAverageText)
{
    // A part that did not run (--only) counts as neither met nor missed.
    const bool parseOk = !runs(o, "sse") || f.parseMBps.median >= kGoalSseParseMBps;
    const bool growOk = !runs(o, "mirror") || f.growEventsPerSecond >= kGoalMirrorEventsPerSecond;
    const bool patchOk = !runs(o, "mirror") || f.patchEventsPerSecond >= kGoalMirrorEventsPerSecond;
    const bool e2eOk = !runs(o, "e2e") || (f.e2eMessages > 0 && f.e2eMs.p99 < kGoalE2eP99Ms);
    std::printf("\noiso-client-bench%s — %u CPUs (%s), load average %s\n",
                o.quick ? " --quick" : "", std::thread::hardware_concurrency(), cpuModel().c_str(),
                qUtf8Printable(loadAverageText));
    std::printf("MB = 10^6 bytes; throughputs are the median (least-greatest) of %d runs\n\n",
                o.repetitions);
    row("figure", "measured", "goal");
    row("------", "--------", "----");

    if (runs(o, "sse")) {
        const std::string stream = number(f.streamMB, 1) + " MB stream, " +
                                   std::to_string(f.streamEvents) + " events, " +
                                   std::to_string(o.chunkBytes / 1024) + " KB reads";
        std::printf("SSE (%s)\n", stream.c_str());
        row("  SseParser::feed, parse only (MB/s)", spread(f.parseMBps, 0), ">= 200",
            verdict(parseOk));
        row("  feed + decodeStreamEvent (MB/s)", spread(f.parseDecodeMBps, 1));
        row("  feed + decodeStreamEvent (events/s)", number(f.decodedEventsPerSecond, 0));
    }

    if (runs(o, "mirror")) {
        std::printf("Mirror (decoded events of one room)\n");
        const std::string room = std::to_string(f.growEvents);
        row("  puts of new messages, room 0 -> " + room + " (events/s)",
            number(f.growEventsPerSecond, 0), ">= 100000", verdict(growOk));
        row("    the last tenth of those puts (events/s)",
            number(f.growLastTenthEventsPerSecond, 0));
        row("  patches {read:true}, room of " + room + " (events/s)",
            number(f.patchEventsPerSecond, 0), ">= 100000", verdict(patchOk));
        for (const RoomSizeRate& r : f.bySize) {
            row("  room of " + std::to_string(r.roomSize) + ": puts / patches (events/s)",
                number(r.putsPerSecond, 0) + " / " + number(r.patchesPerSecond, 0));
        }
        row("  sketch, no whole-root snapshot: the puts / patches",
            number(f.sketchPutsPerSecond, 0) + " / " + number(f.sketchPatchesPerSecond, 0));
        row("  reference: Node::set alone, room of " + std::to_string(f.referenceRoomSize) +
                " (sets/s)",
            number(f.referenceSetsPerSecond, 0));
    }

    if (runs(o, "snapshot")) {
        std::printf("Snapshot -> mirror (%s MB: %ld rooms, %ld messages)\n",
                    number(f.snapshotMB, 1).c_str(), f.snapshotRooms, f.snapshotMessages);
        row("  parseJson + Mirror::replaceAll, first load (MB/s)", spread(f.loadMBps, 1));
        row("    parseJson / replaceAll (s)",
            number(f.loadParseSeconds, 3) + " / " + number(f.loadReplaceSeconds, 3));
        row("  reconnect diff onto the loaded mirror (MB/s)", spread(f.resyncMBps, 1));
        row("    parseJson / replaceAll incl. freeing the old tree (s)",
            number(f.resyncParseSeconds, 3) + " / " + number(f.resyncReplaceSeconds, 3));
        row("    rooms added / changed / removed", std::to_string(f.resyncAdded) + " / " +
                                                       std::to_string(f.resyncChanged) + " / " +
                                                       std::to_string(f.resyncRemoved));
    }

    if (runs(o, "e2e")) {
        std::printf("End to end (embedded server in-process, loopback, %d sequential messages)\n",
                    f.e2eMessages);
        row("  RtdbClient::set -> StreamListener::updated p50 (ms)", number(f.e2eMs.p50, 2));
        row("  ... p99 (ms)", number(f.e2eMs.p99, 2), "< 20", verdict(e2eOk));
        row("  ... max (ms)", number(f.e2eMs.max, 2));
        row("  write acknowledged p50 / p99 (ms)",
            number(f.ackMs.p50, 2) + " / " + number(f.ackMs.p99, 2));
        row("  messages/s (one at a time)",
            number(f.e2eSeconds > 0 ? f.e2eMessages / f.e2eSeconds : 0, 0));
        row("  every message arrived exactly once (incl. warm-up)",
            std::to_string(f.e2eArrivedOnce) + "/" + std::to_string(f.e2eSent), "all",
            f.e2eSent > 0 && f.e2eArrivedOnce == f.e2eSent ? "PASS" : "FAIL");
    }

    const bool goals = parseOk && growOk && patchOk && e2eOk;
    std::printf("\ncorrectness: %s; goals: %s\n", failures.any() ? "FAIL" : "PASS",
                goals ? "all met" : "some missed (speed is not asserted)");
}

void printJson(const Figures& f, const Failures& failures, const QString& loadAverageText)
{
    QJsonArray bySize;
    for (const RoomSizeRate& r : f.bySize) {
        bySize.append(QJsonObject{{QStringLiteral("roomSize"), r.roomSize},
                                  {QStringLiteral("putsPerSecond"), r.putsPerSecond},
                                  {QStringLiteral("patchesPerSecond"), r.patchesPerSecond}});
    }
    QJsonObject o;
    o[QStringLiteral("loadAverage")] = loadAverageText;
    o[QStringLiteral("streamMB")] = f.streamMB;
    o[QStringLiteral("streamEvents")] = double(f.streamEvents);
    o[QStringLiteral("sseParseMBps")] = spreadJson(f.parseMBps);
    o[QStringLiteral("sseParseDecodeMBps")] = spreadJson(f.parseDecodeMBps);
    o[QStringLiteral("decodedEventsPerSecond")] = f.decodedEventsPerSecond;
    o[QStringLiteral("mirrorGrowEvents")] = f.growEvents;
    o[QStringLiteral("mirrorGrowEventsPerSecond")] = f.growEventsPerSecond;
    o[QStringLiteral("mirrorGrowLastTenthEventsPerSecond")] = f.growLastTenthEventsPerSecond;
    o[QStringLiteral("mirrorPatchEventsPerSecond")] = f.patchEventsPerSecond;
    o[QStringLiteral("mirrorBySize")] = bySize;
    o[QStringLiteral("sketchPutsPerSecond")] = f.sketchPutsPerSecond;
    o[QStringLiteral("sketchPatchesPerSecond")] = f.sketchPatchesPerSecond;
    o[QStringLiteral("referenceSetsPerSecond")] = f.referenceSetsPerSecond;
    o[QStringLiteral("snapshotMB")] = f.snapshotMB;
    o[QStringLiteral("snapshotLoadMBps")] = spreadJson(f.loadMBps);
    o[QStringLiteral("snapshotResyncMBps")] = spreadJson(f.resyncMBps);
    o[QStringLiteral("snapshotLoadParseSeconds")] = f.loadParseSeconds;
    o[QStringLiteral("snapshotLoadReplaceSeconds")] = f.loadReplaceSeconds;
    o[QStringLiteral("snapshotResyncParseSeconds")] = f.resyncParseSeconds;
    o[QStringLiteral("snapshotResyncReplaceSeconds")] = f.resyncReplaceSeconds;
    o[QStringLiteral("e2eMessages")] = f.e2eMessages;
    o[QStringLiteral("e2eSent")] = f.e2eSent;
    o[QStringLiteral("e2eArrivedOnce")] = double(f.e2eArrivedOnce);
    o[QStringLiteral("e2eLatencyMs")] = percentilesJson(f.e2eMs);
    o[QStringLiteral("e2eAckMs")] = percentilesJson(f.ackMs);
    o[QStringLiteral("correct")] = !failures.any();
    std::printf("%s", QJsonDocument(o).toJson(QJsonDocument::Indented).constData());
}

} // namespace oiso::bench::client
