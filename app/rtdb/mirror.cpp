#include "mirror.h"

#include <algorithm>
#include <iterator>

namespace oiso::rtdb {

namespace {

using protocol::Node;
using protocol::Path;

std::optional<std::string> previousKeyOf(const Node& after, const std::string& key)
{
    const auto& children = after.children();
    const auto it = children.find(key);
    if (it == children.begin() || it == children.end())
        return std::nullopt;
    return std::prev(it)->first;
}

void diffChild(const std::string& key, const Node* old, const Node* now, const Node& after,
               MirrorChange& change)
{
    if (old && now) {
        // Unchanged children share their storage with the old tree, so this is usually O(1).
        if (!(*old == *now))
            change.changed.push_back({key, *now, *old});
    } else if (now) {
        change.added.push_back({key, *now, previousKeyOf(after, key)});
    } else if (old) {
        change.removed.push_back({key, *old});
    }
}

// Walks both child maps in key order at once.
void diffAllChildren(const Node& before, const Node& after, MirrorChange& change)
{
    const auto& a = before.children();
    const auto& b = after.children();
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        const int order = ia == a.end()   ? 1
                          : ib == b.end() ? -1
                                          : protocol::compareKeys(ia->first, ib->first);
        if (order < 0) {
            diffChild(ia->first, &ia->second, nullptr, after, change);
            ++ia;
        } else if (order > 0) {
            diffChild(ib->first, nullptr, &ib->second, after, change);
            ++ib;
        } else {
            diffChild(ia->first, &ia->second, &ib->second, after, change);
            ++ia;
            ++ib;
        }
    }
}

} // namespace

MirrorChange Mirror::applyPut(const Path& path, Node value)
{
    if (path.empty()) {
        const Node before = m_root; // replaced whole, so sharing it costs nothing
        const bool changed = m_root.set(path, std::move(value));
        return finish(before, changed);
    }
    // Keep only the touched child from before the write, never the root: a copy of the root
    // would share its child map, and the write would then copy the whole map (O(room size) per
    // event instead of O(log n)).
    std::vector<std::pair<std::string, Node>> before{{path.front(), childOf(path.front())}};
    const bool changed = m_root.set(path, std::move(value));
    return finishTouched(before, changed);
}

MirrorChange Mirror::applyPatch(const Path& path, const std::vector<PatchEntry>& entries)
{
    std::vector<std::string> touched;
    for (const auto& entry : entries) {
        const Path target = protocol::concat(path, entry.path);
        if (target.empty()) {
            const Node before = m_root;
            bool changed = false;
            for (const auto& each : entries)
                changed = m_root.set(protocol::concat(path, each.path), each.value) || changed;
            return finish(before, changed);
        }
        touched.push_back(target.front());
    }
    // Report each child once, in key order, however many entries went below it.
    std::sort(touched.begin(), touched.end(), protocol::KeyLess());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    std::vector<std::pair<std::string, Node>> before;
    before.reserve(touched.size());
    for (auto& key : touched)
        before.emplace_back(key, childOf(key));
    bool changed = false;
    for (const auto& entry : entries)
        changed = m_root.set(protocol::concat(path, entry.path), entry.value) || changed;
    return finishTouched(before, changed);
}

Node Mirror::childOf(const std::string& key) const
{
    const Node* child = m_root.child(key);
    return child ? *child : Node();
}

MirrorChange Mirror::finishTouched(const std::vector<std::pair<std::string, Node>>& before,
                                   bool changed)
{
    MirrorChange change;
    change.valueChanged = changed || !m_loaded;
    m_loaded = true;
    if (!changed)
        return change;
    for (const auto& [key, old] : before)
        diffChild(key, old.isNull() ? nullptr : &old, m_root.child(key), m_root, change);
    return change;
}

MirrorChange Mirror::replaceAll(Node value)
{
    return applyPut({}, std::move(value));
}

MirrorChange Mirror::apply(const StreamEvent& event)
{
    switch (event.kind) {
    case StreamEvent::Kind::Put:
        return applyPut(event.path, event.data);
    case StreamEvent::Kind::Patch:
        return applyPatch(event.path, event.entries);
    case StreamEvent::Kind::KeepAlive:
    case StreamEvent::Kind::Cancel:
    case StreamEvent::Kind::AuthRevoked:
    case StreamEvent::Kind::Ignored:
        break;
    }
    return {};
}

void Mirror::clear()
{
    m_root = Node();
    m_loaded = false;
}

MirrorChange Mirror::finish(const Node& before, bool changed)
{
    MirrorChange change;
    change.valueChanged = changed || !m_loaded;
    m_loaded = true;
    if (changed)
        diffAllChildren(before, m_root, change);
    return change;
}

} // namespace oiso::rtdb
