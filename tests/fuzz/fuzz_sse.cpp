// Fuzz harness for the stream pipeline: raw SSE bytes → SseParser → decodeStreamEvent → Mirror.
// Besides "no crash, no sanitizer report" it checks invariants and aborts when one breaks:
//  * feeding the bytes whole or cut into pieces gives the same events and the same error state;
//  * a mirror change, applied to the old children, gives exactly the new children, with the
//    previous keys a view needs, and "nothing changed" really means nothing changed;
//  * a reconnect's put of the same tree changes nothing (the no-duplicates guarantee).
//
// Input layout: byte 0 picks the line bound (small, to reach the error path, or the default),
// bytes 1–2 pick the cut points, the rest is the event stream.
#include "rtdb/mirror.h"
#include "rtdb/sse_parser.h"
#include "rtdb/stream_event.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <vector>

using oiso::protocol::Node;
using oiso::rtdb::decodeStreamEvent;
using oiso::rtdb::Mirror;
using oiso::rtdb::MirrorChange;
using oiso::rtdb::SseEvent;
using oiso::rtdb::SseParser;

namespace {

[[noreturn]] void violated(const char* what)
{
    std::fprintf(stderr, "fuzz_sse: invariant violated: %s\n", what);
    std::abort();
}

void append(std::vector<SseEvent>& all, std::vector<SseEvent> more)
{
    all.insert(all.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
}

// Cuts with a step derived from two input bytes, so the fuzzer controls the split points.
std::vector<SseEvent> feedInPieces(SseParser& parser, QByteArrayView input, std::uint8_t a,
                                   std::uint8_t b)
{
    std::vector<SseEvent> events;
    const qsizetype first = a % 17;
    const qsizetype step = 1 + b % 7;
    qsizetype pos = 0;
    qsizetype length = first;
    while (pos < input.size()) {
        length = std::min(length, input.size() - pos);
        append(events, parser.feed(input.sliced(pos, length)));
        pos += length;
        length = step;
    }
    return events;
}

void checkChange(const Node& before, const Node& after, const MirrorChange& change)
{
    if (!change.valueChanged) {
        if (!(before == after) || !change.added.empty() || !change.changed.empty() ||
            !change.removed.empty()) {
            violated("a change reported as none");
        }
        return;
    }
    Node::Children rebuilt = before.children();
    for (const auto& removed : change.removed) {
        const auto it = rebuilt.find(removed.key);
        if (it == rebuilt.end() || !(it->second == removed.oldValue))
            violated("removed a child that was not there");
        rebuilt.erase(it);
    }
    for (const auto& added : change.added) {
        if (!rebuilt.emplace(added.key, added.value).second)
            violated("added a child that was already there");
        const auto it = rebuilt.find(added.key);
        const auto expectedPrevious = it == rebuilt.begin()
                                          ? std::optional<std::string>()
                                          : std::optional<std::string>(std::prev(it)->first);
        if (added.previousKey != expectedPrevious)
            violated("wrong previous key for an added child");
    }
    for (const auto& changed : change.changed) {
        const auto it = rebuilt.find(changed.key);
        if (it == rebuilt.end() || !(it->second == changed.oldValue) ||
            changed.oldValue == changed.value) {
            violated("a changed child that did not change");
        }
        it->second = changed.value;
    }
    if (!(rebuilt == after.children()))
        violated("the reported child changes do not add up to the new value");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 3)
        return 0;
    const qsizetype bound = data[0] % 2 ? 64 : SseParser::kDefaultMaxLineBytes;
    const QByteArrayView input(reinterpret_cast<const char*>(data) + 3,
                               static_cast<qsizetype>(size - 3));

    SseParser whole(bound);
    const std::vector<SseEvent> events = whole.feed(input);
    SseParser pieces(bound);
    if (feedInPieces(pieces, input, data[1], data[2]) != events ||
        whole.hasError() != pieces.hasError()) {
        violated("cutting the input changed the events");
    }

    Mirror mirror;
    for (const SseEvent& sse : events) {
        QString error;
        const auto event = decodeStreamEvent(sse, &error);
        if (!event) {
            if (error.isEmpty())
                violated("a refused event without a reason");
            continue;
        }
        const Node before = mirror.value();
        const MirrorChange change = mirror.apply(*event);
        checkChange(before, mirror.value(), change);
    }

    const bool loaded = mirror.isLoaded();
    const MirrorChange reconnect = mirror.replaceAll(Node(mirror.value()));
    if (loaded && reconnect.valueChanged)
        violated("a reconnect with the same data reported a change");
    return 0;
}
