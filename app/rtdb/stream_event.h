#pragma once

#include "protocol/node.h"
#include "protocol/path.h"
#include "rtdb/sse_parser.h"

#include <QString>

#include <optional>
#include <vector>

namespace oiso::rtdb {

// One child of a `patch`: its location relative to the patch path (a key, or several when the
// key held slashes, §6.3) and its new value — null meaning "delete", so it is kept.
struct PatchEntry {
    protocol::Path path;
    protocol::Node value;

    friend bool operator==(const PatchEntry&, const PatchEntry&) = default;
};

// A Firebase streaming event (reference §6.3), decoded from one SseEvent.
struct StreamEvent {
    enum class Kind {
        Put,         // replace the value at `path` with `data` (null deletes)
        Patch,       // for each entry: replace the value at `path` + entry.path
        KeepAlive,   // liveness only
        Cancel,      // the server ended the stream (rules now deny, payload too large): `text`
        AuthRevoked, // the credential expired: refresh the token and reconnect
        Ignored,     // an event we do not use (rules_debug, unnamed messages…)
    };

    Kind kind = Kind::Ignored;
    protocol::Path path; // Put and Patch: relative to the stream location, empty for "/"
    protocol::Node data; // Put
    std::vector<PatchEntry> entries; // Patch, in QJsonObject (sorted) key order
    QString text;                    // Cancel and AuthRevoked: the reason, empty when null
    QByteArray name;                 // the SSE event name, for logs
};

// Decodes an SSE event. put/patch payloads must be {"path": "/…", "data": …} with a valid path,
// and patch data must be an object; otherwise returns nullopt with a reason in *error, so that a
// malformed event is reported and nothing of it is applied. Unknown event names are not errors:
// they decode to Kind::Ignored.
std::optional<StreamEvent> decodeStreamEvent(const SseEvent& event, QString* error = nullptr);

} // namespace oiso::rtdb
