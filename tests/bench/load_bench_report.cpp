#include "load_bench_report.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

namespace oiso::bench {

Percentiles percentiles(std::vector<double> samples)
{
    Percentiles result;
    if (samples.empty())
        return result;
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) {
        const auto index = static_cast<std::size_t>(q * double(samples.size() - 1) + 0.5);
        return samples[std::min(index, samples.size() - 1)];
    };
    result.p50 = at(0.50);
    result.p99 = at(0.99);
    result.max = samples.back();
    return result;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Reporting.

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

const char* verdict(bool pass)
{
    return pass ? "PASS" : "MISS";
}

} // namespace

void printTable(const Options& options, const Figures& f, bool correct)
{
    const bool putRateOk = f.fanOutComplete && f.putsPerSecond >= kGoalPutsPerSecond;
    const bool p99Ok = f.putLatencyMs.p99 < kGoalPutP99Ms;
    const bool rssOk = f.rssAfterWritesMiB >= 0 && f.rssAfterWritesMiB < kGoalRssMiB &&
                       f.rssAfterStartMiB < kGoalRssMiB;
    std::printf("\noiso-server-bench%s — %u CPUs (%s), loopback\n", options.quick ? " --quick" : "",
                std::thread::hardware_concurrency(), cpuModel().c_str());
    std::printf("server: %s\n\n", qUtf8Printable(options.serverPath));
    std::printf("%-52s %14s   %-14s %s\n", "figure", "measured", "goal", "");
    std::printf("%-52s %14s   %-14s %s\n", "------", "--------", "----", "");
    auto row = [](const std::string& name, const std::string& value, const char* goal,
                  const char* result) {
        std::printf("%-52s %14s   %-14s %s\n", name.c_str(), value.c_str(), goal, result);
    };
    auto number = [](double value, int decimals) {
        char text[64];
        std::snprintf(text, sizeof text, "%.*f", decimals, value);
        return std::string(text);
    };
    const std::string putWhat = "PUT/s, " + std::to_string(f.writers) + " keep-alive conns, " +
                                std::to_string(f.streams) + " streams";
    row(putWhat + " (fan-out done)", number(f.putsPerSecond, 0), ">= 5000", verdict(putRateOk));
    row("  PUT/s as acknowledged to the writers", number(f.ackedPutsPerSecond, 0), "", "");
    row("  PUTs written", std::to_string(f.puts), "", "");
    row("PUT latency p50 (ms)", number(f.putLatencyMs.p50, 2), "", "");
    row("PUT latency p99 (ms)", number(f.putLatencyMs.p99, 2), "< 10", verdict(p99Ok));
    row("PUT latency max (ms)", number(f.putLatencyMs.max, 2), "", "");
    row("fan-out: events received / expected",
        std::to_string(f.eventsReceived) + "/" + std::to_string(f.eventsExpected), "all, in order",
        f.fanOutComplete ? "PASS" : "FAIL");
    row("  fan-out events/s",
        number(f.fanOutSeconds > 0 ? f.eventsReceived / f.fanOutSeconds : 0, 0), "", "");
    row("  server CPU during PUTs (cores)", number(f.serverCpuDuringPuts, 2), "", "");
    row("  bench CPU during PUTs (cores)", number(f.clientCpuDuringPuts, 2), "", "");
    row("GET/s of a " + std::to_string(f.valueBytes) + " B value, " + std::to_string(f.writers) +
            " conns",
        number(f.getsPerSecond, 0), "", "");
    row("GET latency p50 / p99 (ms)",
        number(f.getLatencyMs.p50, 2) + " / " + number(f.getLatencyMs.p99, 2), "", "");
    const std::string with = "with " + std::to_string(f.messages) + " messages";
    row("messages written/s (PATCH of " + std::to_string(options.batch) + ")",
        number(f.messagesWrittenPerSecond, 0), "", "");
    row("RSS after writing them (MiB)", number(f.rssAfterWritesMiB, 1), "< 300",
        verdict(f.rssAfterWritesMiB < kGoalRssMiB));
    row("RSS after a restart, data loaded (MiB)", number(f.rssAfterStartMiB, 1), "< 300",
        verdict(f.rssAfterStartMiB < kGoalRssMiB));
    row("peak RSS, VmHWM (MiB)", number(f.peakRssMiB, 1), "", "");
    row("stop on SIGTERM, incl. snapshot (s)", number(f.stopSeconds, 3), "", "");
    row("start-up " + with + ": until listening (s)", number(f.startupSeconds, 3), "", "");
    row("  until the first answer, data loaded (s)", number(f.firstAnswerSeconds, 3), "", "");
    row("data folder after stop (MiB)", number(f.dataMiB, 1), "", "");
    row("restart restored every message", f.restartRestoredAll ? "yes" : "no", "yes",
        f.restartRestoredAll ? "PASS" : "FAIL");
    std::printf("\ncorrectness: %s; goals: %s\n", correct ? "PASS" : "FAIL",
                putRateOk && p99Ok && rssOk ? "all met" : "some missed (speed is not asserted)");
}

void printJson(const Figures& f, bool correct)
{
    QJsonObject o;
    o[QStringLiteral("streams")] = f.streams;
    o[QStringLiteral("writers")] = f.writers;
    o[QStringLiteral("puts")] = double(f.puts);
    o[QStringLiteral("putsPerSecond")] = f.putsPerSecond;
    o[QStringLiteral("ackedPutsPerSecond")] = f.ackedPutsPerSecond;
    o[QStringLiteral("putLatencyP50Ms")] = f.putLatencyMs.p50;
    o[QStringLiteral("putLatencyP99Ms")] = f.putLatencyMs.p99;
    o[QStringLiteral("putLatencyMaxMs")] = f.putLatencyMs.max;
    o[QStringLiteral("eventsExpected")] = double(f.eventsExpected);
    o[QStringLiteral("eventsReceived")] = double(f.eventsReceived);
    o[QStringLiteral("fanOutComplete")] = f.fanOutComplete;
    o[QStringLiteral("serverCpuCoresDuringPuts")] = f.serverCpuDuringPuts;
    o[QStringLiteral("getsPerSecond")] = f.getsPerSecond;
    o[QStringLiteral("getLatencyP50Ms")] = f.getLatencyMs.p50;
    o[QStringLiteral("getLatencyP99Ms")] = f.getLatencyMs.p99;
    o[QStringLiteral("messages")] = f.messages;
    o[QStringLiteral("messagesWrittenPerSecond")] = f.messagesWrittenPerSecond;
    o[QStringLiteral("rssAfterWritesMiB")] = f.rssAfterWritesMiB;
    o[QStringLiteral("rssAfterStartMiB")] = f.rssAfterStartMiB;
    o[QStringLiteral("peakRssMiB")] = f.peakRssMiB;
    o[QStringLiteral("stopSeconds")] = f.stopSeconds;
    o[QStringLiteral("startupSeconds")] = f.startupSeconds;
    o[QStringLiteral("firstAnswerSeconds")] = f.firstAnswerSeconds;
    o[QStringLiteral("dataMiB")] = f.dataMiB;
    o[QStringLiteral("restartRestoredAll")] = f.restartRestoredAll;
    o[QStringLiteral("correct")] = correct;
    std::printf("%s", QJsonDocument(o).toJson(QJsonDocument::Indented).constData());
}

} // namespace oiso::bench
