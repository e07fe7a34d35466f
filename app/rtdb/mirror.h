#pragma once

#include "protocol/node.h"
#include "protocol/path.h"
#include "rtdb/stream_event.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oiso::rtdb {

struct ChildAdded {
    std::string key;
    protocol::Node value;
    // The child just before it in key order after the change (nullopt: it is the first). It may
    // itself be added by the same change; applying `added` in order makes it present in time.
    std::optional<std::string> previousKey;
};

struct ChildChanged {
    std::string key;
    protocol::Node value;
    protocol::Node oldValue;
};

struct ChildRemoved {
    std::string key;
    protocol::Node oldValue;
};

// What one event changed at the watched location. Each list is in Firebase key order; a view
// applies removed, then added, then changed (the order the Firebase SDKs raise them).
//
// There is no "moved": the mirror keeps children in key order, where a child's position depends
// only on its key and so never changes. A view sorted by another ordering (a child value such as
// a timestamp) re-sorts the changed children itself with protocol::compareChildren.
struct MirrorChange {
    bool valueChanged = false; // false means nothing changed at all (the lists are empty too)
    std::vector<ChildAdded> added;
    std::vector<ChildChanged> changed;
    std::vector<ChildRemoved> removed;
};

// The local copy of a streamed location (reference §6.4): it applies put and patch events with
// the database's own semantics (Node::set: nulls delete, empty parents are pruned, a write below a
// primitive replaces it by an object, arrays are integer-keyed objects) and reports what changed
// for a listener.
//
// Reconnecting needs no special care from the caller: every connection starts with a put at "/"
// (§6.5), which replaces the whole tree and is diffed against the old one, so children the
// listener already has are not reported again — only what really changed while disconnected.
class Mirror {
public:
    // False until the first event arrived: "still loading" differs from "empty".
    bool isLoaded() const { return m_loaded; }
    const protocol::Node& value() const { return m_root; }

    MirrorChange applyPut(const protocol::Path& path, protocol::Node value);
    MirrorChange applyPatch(const protocol::Path& path, const std::vector<PatchEntry>& entries);
    // A connection's initial put at "/": the same as applyPut({}, value).
    MirrorChange replaceAll(protocol::Node value);
    // Put and Patch events; every other kind changes nothing.
    MirrorChange apply(const StreamEvent& event);

    // Forgets everything (a different location will be watched).
    void clear();

private:
    // Completes a change: the first event always reports a value (even null), later ones only
    // when the tree differs. finish() diffs every child (a write at the root); finishTouched()
    // only the top-level children a write went into, given as they were before it.
    MirrorChange finish(const protocol::Node& before, bool changed);

    MirrorChange finishTouched(const std::vector<std::pair<std::string, protocol::Node>>& before,
                               bool changed);
    protocol::Node childOf(const std::string& key) const;

    protocol::Node m_root;
    bool m_loaded = false;
};

} // namespace oiso::rtdb
