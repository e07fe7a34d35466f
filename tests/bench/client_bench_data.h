#pragma once
// Test data of oiso-client-bench: chat messages in the web app's shape ({id, msg, timestamp},
// Korean text included) as a Firebase event stream, as decoded events, and as database
// snapshots. Everything is generated from a seed, so two runs measure the same bytes.

#include "protocol/node.h"
#include "rtdb/sse_parser.h"
#include "rtdb/stream_event.h"

#include <QByteArray>

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace oiso::bench::client {

struct ChatMessage {
    std::string key; // a push id
    std::string sender;
    std::string text;
    std::int64_t timestamp = 0;
};

// Generates messages with increasing push ids (as clients create them) and varied, mostly
// Korean, text of realistic lengths.
class MessageFactory {
public:
    explicit MessageFactory(std::uint32_t seed, std::int64_t startMs = 1732521600000);

    ChatMessage next();
    std::string nextKey();
    std::mt19937& random() { return m_random; }

private:
    std::mt19937 m_random;
    std::int64_t m_clockMs;
};

protocol::Node messageNode(const ChatMessage& message);
QByteArray messageJson(const ChatMessage& message);

// One SSE event the way the Firebase service frames it: "event: NAME\ndata: DATA\n\n".
QByteArray sseFrame(const char* name, const QByteArray& data);

// The events the service sends for a new message in a watched room, and for a message marked
// read, relative to the room: {"path":"/<key>","data":…}.
rtdb::SseEvent putEventFor(const ChatMessage& message);
rtdb::SseEvent readPatchFor(const std::string& key);

// A stream as it arrives from the service, for one room: the initial put at "/", then puts of
// new messages and patches of earlier ones ({"read":true}), with a keep-alive every
// `keepAliveEvery` events.
struct GeneratedStream {
    QByteArray bytes;
    std::vector<rtdb::SseEvent> expected; // every event, in order, as the parser must return it
    std::vector<ChatMessage> messages;    // the puts, in order
    std::set<std::string> patchedKeys;    // messages marked read by a patch
    int puts = 0;                         // not counting the initial put at "/"
    int patches = 0;
    int keepAlives = 0;
};

GeneratedStream makeEventStream(qsizetype targetBytes, std::uint32_t seed, int patchEvery = 5,
                                int keepAliveEvery = 64);

// A snapshot of /chatlist: rooms of messages, as the service sends it in a connection's first
// put (and as a GET returns it): keys in Firebase order, compact JSON.
struct Snapshot {
    protocol::Node tree;
    QByteArray json;
};

// Rooms of `messagesPerRoom` messages until the JSON reaches `targetBytes`.
Snapshot makeSnapshot(qsizetype targetBytes, int messagesPerRoom, std::uint32_t seed);

// What changed between two snapshots at the room level: what Mirror::replaceAll must report.
struct SnapshotEdit {
    Snapshot after;
    std::set<std::string> addedRooms;
    std::set<std::string> changedRooms;
    std::set<std::string> removedRooms;
};

// A reconnect's snapshot: most rooms unchanged, some with new messages or an edited one, a few
// rooms gone and a few new.
SnapshotEdit editSnapshot(const Snapshot& before, std::uint32_t seed);

} // namespace oiso::bench::client
