// oiso-client-bench: the speed of the Realtime Database client library (app/rtdb) on the paths a
// chat window depends on: parsing the event stream (SseParser, decodeStreamEvent), applying
// events to the local mirror (Mirror), loading and re-diffing a large snapshot (parseJson +
// Mirror::replaceAll), and a message's trip from one client through the embedded server to
// another client's StreamListener. Correctness is asserted (the exit code); speed is only
// reported, against the goals.
//
// The library is measured in-process and single-threaded, as the app runs it: the GUI thread
// parses, decodes and applies events. Data is generated from fixed seeds (client_bench_data).
#include "client_bench_data.h"
#include "client_bench_e2e.h"
#include "client_bench_report.h"
#include "protocol/json.h"
#include "rtdb/mirror.h"
#include "rtdb/sse_parser.h"
#include "rtdb/stream_event.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace oiso;
using namespace oiso::bench::client;
using protocol::Node;

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kMB = 1e6;

double secondsSince(Clock::time_point from)
{
    return std::chrono::duration<double>(Clock::now() - from).count();
}

void progress(const char* what)
{
    std::fprintf(stderr, "== %s\n", what);
}

// Feeds `bytes` to `handle` in pieces of `chunk` bytes, as network reads deliver them.
void forEachChunk(QByteArrayView bytes, qsizetype chunk,
                  const std::function<void(QByteArrayView)>& handle)
{
    for (qsizetype pos = 0; pos < bytes.size(); pos += chunk)
        handle(bytes.sliced(pos, std::min(chunk, bytes.size() - pos)));
}

std::vector<rtdb::StreamEvent> decodeAll(const std::vector<rtdb::SseEvent>& events,
                                         Failures& failures)
{
    std::vector<rtdb::StreamEvent> decoded;
    decoded.reserve(events.size());
    for (const rtdb::SseEvent& sse : events) {
        QString error;
        std::optional<rtdb::StreamEvent> event = rtdb::decodeStreamEvent(sse, &error);
        if (!event) {
            failures.add("decodeStreamEvent rejected " + sse.data.toStdString() + ": " +
                         error.toStdString());
            continue;
        }
        decoded.push_back(std::move(*event));
    }
    return decoded;
}

// ---------------------------------------------------------------------------------------------
// 1. The event stream: SseParser alone, then with decodeStreamEvent.

void runSse(const Options& o, Figures& f, Failures& failures)
{
    progress("SSE parse");
    const GeneratedStream stream = makeEventStream(qsizetype(o.streamMiB * 1024 * 1024), 1);
    const QByteArrayView bytes(stream.bytes);
    f.streamMB = double(bytes.size()) / kMB;
    f.streamEvents = long(stream.expected.size());

    // Correctness first, untimed: every event in order and byte for byte, even though reads cut
    // lines (and UTF-8 characters) anywhere; every one decodes to the right kind.
    {
        rtdb::SseParser parser;
        std::vector<rtdb::SseEvent> got;
        forEachChunk(bytes, o.chunkBytes, [&](QByteArrayView chunk) {
            for (rtdb::SseEvent& event : parser.feed(chunk))
                got.push_back(std::move(event));
        });
        if (parser.hasError())
            failures.add("SseParser: " + parser.errorString().toStdString());
        if (got.size() != stream.expected.size()) {
            failures.add("SseParser returned " + std::to_string(got.size()) + " events, not " +
                         std::to_string(stream.expected.size()));
        }
        const std::size_t common = std::min(got.size(), stream.expected.size());
        for (std::size_t i = 0; i < common; ++i) {
            if (!(got[i] == stream.expected[i])) {
                failures.add("SseParser event " + std::to_string(i) +
                             " differs: " + got[i].data.toStdString());
                break;
            }
        }
        int puts = 0, patches = 0, keepAlives = 0;
        for (const rtdb::StreamEvent& event : decodeAll(got, failures)) {
            puts += event.kind == rtdb::StreamEvent::Kind::Put;
            patches += event.kind == rtdb::StreamEvent::Kind::Patch;
            keepAlives += event.kind == rtdb::StreamEvent::Kind::KeepAlive;
        }
        if (puts != stream.puts + 1 || patches != stream.patches ||
            keepAlives != stream.keepAlives) {
            failures.add("decoded puts/patches/keep-alives " + std::to_string(puts) + "/" +
                         std::to_string(patches) + "/" + std::to_string(keepAlives) +
                         ", expected " + std::to_string(stream.puts + 1) + "/" +
                         std::to_string(stream.patches) + "/" + std::to_string(stream.keepAlives));
        }
    }

    std::vector<double> parse, parseDecode;
    for (int rep = 0; rep < o.repetitions; ++rep) {
        rtdb::SseParser parser;
        std::size_t events = 0;
        const auto start = Clock::now();
        forEachChunk(bytes, o.chunkBytes,
                     [&](QByteArrayView chunk) { events += parser.feed(chunk).size(); });
        parse.push_back(double(bytes.size()) / kMB / secondsSince(start));
        if (events != stream.expected.size())
            failures.add("SseParser: a timed run returned a different number of events");
    }
    for (int rep = 0; rep < o.repetitions; ++rep) {
        rtdb::SseParser parser;
        std::size_t writes = 0;
        const auto start = Clock::now();
        forEachChunk(bytes, o.chunkBytes, [&](QByteArrayView chunk) {
            for (const rtdb::SseEvent& sse : parser.feed(chunk)) {
                const std::optional<rtdb::StreamEvent> event = rtdb::decodeStreamEvent(sse);
                writes += event && event->kind != rtdb::StreamEvent::Kind::KeepAlive;
            }
        });
        parseDecode.push_back(double(bytes.size()) / kMB / secondsSince(start));
        if (writes != std::size_t(stream.puts + 1 + stream.patches))
            failures.add("decodeStreamEvent: a timed run decoded a different number of writes");
    }
    f.parseMBps = spreadOf(parse);
    f.parseDecodeMBps = spreadOf(parseDecode);
    f.decodedEventsPerSecond =
        f.parseDecodeMBps.median * kMB / double(bytes.size()) * double(f.streamEvents);
}

// ---------------------------------------------------------------------------------------------
// 2. Decoded events applied to the mirror of one room.

Node roomOf(const std::vector<ChatMessage>& messages, const std::set<std::string>& read = {})
{
    Node::Children children;
    for (const ChatMessage& message : messages) {
        Node node = messageNode(message);
        if (read.count(message.key))
            node.set({"read"}, Node::boolean(true));
        children.emplace(message.key, std::move(node));
    }
    return Node::object(std::move(children));
}

std::vector<rtdb::StreamEvent> putEvents(const std::vector<ChatMessage>& messages,
                                         Failures& failures)
{
    std::vector<rtdb::SseEvent> sse;
    sse.reserve(messages.size());
    for (const ChatMessage& message : messages)
        sse.push_back(putEventFor(message));
    return decodeAll(sse, failures);
}

std::vector<rtdb::StreamEvent> readPatchEvents(const std::vector<std::string>& keys,
                                               Failures& failures)
{
    std::vector<rtdb::SseEvent> sse;
    sse.reserve(keys.size());
    for (const std::string& key : keys)
        sse.push_back(readPatchFor(key));
    return decodeAll(sse, failures);
}

// `count` distinct keys of `messages`, in random order.
std::vector<std::string> someKeys(const std::vector<ChatMessage>& messages, std::size_t count,
                                  std::mt19937& random)
{
    std::vector<std::string> keys;
    keys.reserve(messages.size());
    for (const ChatMessage& message : messages)
        keys.push_back(message.key);
    std::shuffle(keys.begin(), keys.end(), random);
    keys.resize(std::min(count, keys.size()));
    return keys;
}

// Applies events until all are applied or `budgetSeconds` ran out (a big room can make each
// event slow); returns the events/s and how many were applied, and counts what the mirror
// reported.
struct Applied {
    double perSecond = 0;
    std::size_t events = 0;
    std::size_t added = 0;
    std::size_t changed = 0;
};

Applied applyEvents(rtdb::Mirror& mirror, const std::vector<rtdb::StreamEvent>& events,
                    double budgetSeconds)
{
    Applied result;
    const auto start = Clock::now();
    for (const rtdb::StreamEvent& event : events) {
        const rtdb::MirrorChange change = mirror.apply(event);
        result.added += change.added.size();
        result.changed += change.changed.size();
        ++result.events;
        if (result.events % 16 == 0 && secondsSince(start) > budgetSeconds)
            break;
    }
    result.perSecond = double(result.events) / secondsSince(start);
    return result;
}

// Not app code: a sketch of Mirror keeping, from before a write, only the top-level children the
// write touches, instead of a copy-on-write snapshot of the whole root. With the whole-root
// snapshot held, Node::set has to copy the root's child map (the whole room) on every event, and
// the old copy is freed afterwards. Same Node::set, same per-child diff; it shows what that copy
// costs. (One entry per patch here, so no de-duplication of touched keys.)
class TouchedChildMirror {
public:
    explicit TouchedChildMirror(Node root)
        : m_root(std::move(root))
    {
    }
    const Node& value() const { return m_root; }

    // Returns how many children it would report (added + changed + removed).
    std::size_t apply(const rtdb::StreamEvent& event)
    {
        m_before.clear();
        if (event.kind == rtdb::StreamEvent::Kind::Put) {
            remember(event.path.front());
            m_root.set(event.path, event.data);
        } else {
            for (const rtdb::PatchEntry& entry : event.entries) {
                const protocol::Path target = protocol::concat(event.path, entry.path);
                remember(target.front());
                m_root.set(target, entry.value);
            }
        }
        std::size_t reported = 0;
        for (const auto& [key, old] : m_before) {
            const Node* now = m_root.child(key);
            if (now && old.isNull()) {
                // Added: Mirror also looks up the previous key.
                const auto it = m_root.children().find(key);
                reported += it != m_root.children().end();
            } else if (now ? !(*now == old) : !old.isNull()) {
                ++reported;
            }
        }
        return reported;
    }

private:
    void remember(const std::string& key)
    {
        const Node* old = m_root.child(key);
        m_before.emplace_back(key, old ? *old : Node());
    }

    Node m_root;
    std::vector<std::pair<std::string, Node>> m_before;
};

void runMirror(const Options& o, Figures& f, Failures& failures)
{
    progress("Mirror events");
    MessageFactory factory(2);
    std::vector<ChatMessage> messages;
    for (int i = 0; i < o.growEvents; ++i)
        messages.push_back(factory.next());
    const std::vector<rtdb::StreamEvent> puts = putEvents(messages, failures);

    // A room that starts empty (the connection's first put is null) and grows message by
    // message. The last tenth is timed apart too: it shows how the cost grows with the room.
    rtdb::Mirror mirror;
    mirror.replaceAll(Node());
    const std::size_t tenth = std::max<std::size_t>(1, puts.size() / 10);
    std::size_t added = 0;
    auto start = Clock::now();
    auto lastTenthStart = start;
    for (std::size_t i = 0; i < puts.size(); ++i) {
        if (i == puts.size() - tenth)
            lastTenthStart = Clock::now();
        added += mirror.apply(puts[i]).added.size();
    }
    const double lastTenthSeconds = secondsSince(lastTenthStart);
    f.growEvents = int(puts.size());
    f.growEventsPerSecond = double(puts.size()) / secondsSince(start);
    f.growLastTenthEventsPerSecond = double(tenth) / lastTenthSeconds;
    if (added != messages.size())
        failures.add("Mirror reported " + std::to_string(added) + " added children for " +
                     std::to_string(messages.size()) + " new messages");
    if (!(mirror.value() == roomOf(messages)))
        failures.add("Mirror: the grown room is not exactly the messages put");

    // Patches of distinct messages of that room: each must report exactly one changed child.
    const std::vector<std::string> patchKeys =
        someKeys(messages, std::size_t(o.patchEvents), factory.random());
    const std::vector<rtdb::StreamEvent> patches = readPatchEvents(patchKeys, failures);
    std::size_t changed = 0;
    start = Clock::now();
    for (const rtdb::StreamEvent& patch : patches)
        changed += mirror.apply(patch).changed.size();
    f.patchEvents = int(patches.size());
    f.patchEventsPerSecond = double(patches.size()) / secondsSince(start);
    if (changed != patchKeys.size())
        failures.add("Mirror reported " + std::to_string(changed) + " changed children for " +
                     std::to_string(patchKeys.size()) + " patches");
    const std::set<std::string> read(patchKeys.begin(), patchKeys.end());
    if (!(mirror.value() == roomOf(messages, read)))
        failures.add("Mirror: after the patches the room is not exactly what was written");

    // The sketch above, on the same events: the rate Mirror could reach without the copy.
    {
        TouchedChildMirror sketch{Node()};
        std::size_t reported = 0;
        start = Clock::now();
        for (const rtdb::StreamEvent& put : puts)
            reported += sketch.apply(put);
        f.sketchPutsPerSecond = double(puts.size()) / secondsSince(start);
        start = Clock::now();
        for (const rtdb::StreamEvent& patch : patches)
            reported += sketch.apply(patch);
        f.sketchPatchesPerSecond = double(patches.size()) / secondsSince(start);
        if (reported != puts.size() + patches.size() || !(sketch.value() == mirror.value()))
            failures.add("the touched-children sketch does not end where Mirror does");
    }

    // The same in rooms that are already big, with a time budget per size: how the cost
    // scales with the room.
    const std::vector<int> sizes =
        o.quick ? std::vector<int>{100, 1000} : std::vector<int>{1000, 10000, 100000};
    const std::size_t perSize = o.quick ? 200 : 2000;
    for (const int size : sizes) {
        std::vector<ChatMessage> existing;
        for (int i = 0; i < size; ++i)
            existing.push_back(factory.next());
        std::vector<ChatMessage> fresh;
        for (std::size_t i = 0; i < perSize; ++i)
            fresh.push_back(factory.next());
        const std::vector<rtdb::StreamEvent> sizedPuts = putEvents(fresh, failures);
        const std::vector<rtdb::StreamEvent> sizedPatches =
            readPatchEvents(someKeys(existing, perSize, factory.random()), failures);

        rtdb::Mirror sized;
        sized.replaceAll(roomOf(existing));
        const Applied p = applyEvents(sized, sizedPuts, o.quick ? 1.0 : 3.0);
        const Applied q = applyEvents(sized, sizedPatches, o.quick ? 1.0 : 3.0);
        f.bySize.push_back({size, p.perSecond, q.perSecond});
        if (p.added != p.events || q.changed != q.events ||
            sized.value().childCount() != std::size_t(size) + p.events)
            failures.add("Mirror with a room of " + std::to_string(size) +
                         " reported the wrong changes");

        if (size == sizes.back()) {
            // The floor: the same puts as plain Node::set on a tree nobody else shares.
            Node room = roomOf(existing);
            const auto setStart = Clock::now();
            std::size_t sets = 0;
            for (const rtdb::StreamEvent& event : sizedPuts)
                sets += room.set(event.path, event.data);
            f.referenceRoomSize = size;
            f.referenceSetsPerSecond = double(sizedPuts.size()) / secondsSince(setStart);
            if (sets != sizedPuts.size())
                failures.add("Node::set: not every put changed the room");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. A big snapshot (a connection's first put at "/") into the mirror, then a reconnect's
// slightly different snapshot onto the loaded mirror.

template <typename Set>
std::set<std::string> keysOf(const Set& entries)
{
    std::set<std::string> keys;
    for (const auto& entry : entries)
        keys.insert(entry.key);
    return keys;
}

void runSnapshot(const Options& o, Figures& f, Failures& failures)
{
    progress("Snapshot -> mirror (generating the data)");
    const Snapshot first =
        makeSnapshot(qsizetype(o.snapshotMiB * 1024 * 1024), o.messagesPerRoom, 3);
    const SnapshotEdit second = editSnapshot(first, 4);
    f.snapshotMB = double(first.json.size()) / kMB;
    f.resyncMB = double(second.after.json.size()) / kMB;
    f.snapshotRooms = long(first.tree.childCount());
    f.snapshotMessages = 0;
    for (const auto& [key, room] : first.tree.children())
        f.snapshotMessages += long(room.childCount());

    progress("Snapshot -> mirror");
    const int repetitions = std::max(1, std::min(o.repetitions, 3));
    std::vector<double> load, resync, loadParse, loadReplace, resyncParse, resyncReplace;
    for (int rep = 0; rep < repetitions; ++rep) {
        rtdb::Mirror mirror;
        QString error;
        auto start = Clock::now();
        std::optional<Node> parsed = protocol::parseJson(first.json, &error);
        loadParse.push_back(secondsSince(start));
        if (!parsed) {
            failures.add("parseJson rejected the snapshot: " + error.toStdString());
            return;
        }
        auto replaceStart = Clock::now();
        std::size_t addedRooms = 0;
        {
            // The listener emits the change and drops it; dropping it is part of the cost.
            const rtdb::MirrorChange change = mirror.replaceAll(std::move(*parsed));
            addedRooms = change.added.size();
        }
        loadReplace.push_back(secondsSince(replaceStart));
        load.push_back(f.snapshotMB / secondsSince(start));
        if (rep == 0 &&
            (addedRooms != std::size_t(f.snapshotRooms) || !(mirror.value() == first.tree)))
            failures.add("Mirror: the loaded snapshot differs from the one sent");

        start = Clock::now();
        parsed = protocol::parseJson(second.after.json, &error);
        resyncParse.push_back(secondsSince(start));
        if (!parsed) {
            failures.add("parseJson rejected the second snapshot: " + error.toStdString());
            return;
        }
        replaceStart = Clock::now();
        std::set<std::string> added, changed, removed;
        {
            const rtdb::MirrorChange change = mirror.replaceAll(std::move(*parsed));
            if (rep == 0) { // untimed on the later repetitions
                added = keysOf(change.added);
                changed = keysOf(change.changed);
                removed = keysOf(change.removed);
            }
            f.resyncAdded = change.added.size();
            f.resyncChanged = change.changed.size();
            f.resyncRemoved = change.removed.size();
        }
        resyncReplace.push_back(secondsSince(replaceStart));
        resync.push_back(f.resyncMB / secondsSince(start));
        if (rep == 0 && (added != second.addedRooms || changed != second.changedRooms ||
                         removed != second.removedRooms || !(mirror.value() == second.after.tree)))
            failures.add("Mirror: the reconnect diff is not exactly what changed");
    }
    f.loadMBps = spreadOf(load);
    f.resyncMBps = spreadOf(resync);
    // Parts of the median repetition (by total throughput).
    auto medianIndex = [](const std::vector<double>& v) {
        std::vector<std::size_t> order(v.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return v[a] < v[b]; });
        return order[order.size() / 2];
    };
    const std::size_t l = medianIndex(load);
    f.loadParseSeconds = loadParse[l];
    f.loadReplaceSeconds = loadReplace[l];
    const std::size_t r = medianIndex(resync);
    f.resyncParseSeconds = resyncParse[r];
    f.resyncReplaceSeconds = resyncReplace[r];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Speed of the RTDB client library: SSE parsing, the mirror, snapshots, "
                       "end-to-end latency through the embedded server."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("Small sizes: a correctness smoke run."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the figures as JSON as well."));
    const QCommandLineOption messages(QStringLiteral("messages"),
                                      QStringLiteral("End-to-end messages (default 2000)."),
                                      QStringLiteral("N"));
    const QCommandLineOption snapshot(QStringLiteral("snapshot-mib"),
                                      QStringLiteral("Snapshot size in MiB (default 50)."),
                                      QStringLiteral("MIB"));
    const QCommandLineOption only(
        QStringLiteral("only"),
        QStringLiteral("Run one part only, e.g. under a profiler: sse, mirror, snapshot or e2e."),
        QStringLiteral("PART"));
    parser.addOptions({quick, json, messages, snapshot, only});
    parser.process(app);

    Options o;
    if (parser.isSet(quick)) {
        o.quick = true;
        o.streamMiB = 1;
        o.repetitions = 1;
        o.growEvents = 2000;
        o.patchEvents = 1000;
        o.snapshotMiB = 1;
        o.messagesPerRoom = 50;
        o.e2eMessages = 50;
        o.e2eWarmUp = 5;
    }
    o.json = parser.isSet(json);
    if (parser.isSet(messages))
        o.e2eMessages = std::max(1, parser.value(messages).toInt());
    if (parser.isSet(snapshot))
        o.snapshotMiB = std::max(0.1, parser.value(snapshot).toDouble());

    o.only = parser.value(only);
    const QStringList parts = {QStringLiteral("sse"), QStringLiteral("mirror"),
                               QStringLiteral("snapshot"), QStringLiteral("e2e")};
    if (!o.only.isEmpty() && !parts.contains(o.only)) {
        std::fprintf(stderr, "--only takes one of: %s\n",
                     qUtf8Printable(parts.join(QStringLiteral(", "))));
        return 2;
    }

    Figures figures;
    Failures failures;
    if (runs(o, "sse"))
        runSse(o, figures, failures);
    if (runs(o, "mirror"))
        runMirror(o, figures, failures);
    if (runs(o, "snapshot"))
        runSnapshot(o, figures, failures);
    if (runs(o, "e2e")) {
        progress("End to end");
        runEndToEnd(o, figures, failures);
    }

    const QString load = loadAverage();
    printTable(o, figures, failures, load);
    if (o.json)
        printJson(figures, failures, load);
    failures.print();
    return failures.any() ? 1 : 0;
}
