// Which events a committed write sends to which stream (reference §6.8), split from
// database.cpp because it is the one intricate part of the write path.
#include "database.h"

#include "stream_events.h"

#include <algorithm>

namespace oiso::server {

using protocol::Node;
using protocol::Path;

namespace {

bool strictlyAbove(const Path& ancestor, const Path& path)
{
    return ancestor.size() < path.size() && protocol::isPrefix(ancestor, path);
}

bool related(const Path& a, const Path& b)
{
    return protocol::isPrefix(a, b) || protocol::isPrefix(b, a);
}

} // namespace

Database::BeforeValues Database::valuesBeforeWrite(const std::vector<Path>& written) const
{
    // Only streams below a replaced location need their old value, to tell whether the
    // replacement changed them. Copying the value of a stream that the write changes *inside*
    // would make the write copy that whole level (copy-on-write), so those are left out.
    BeforeValues before;
    for (const auto& [id, sub] : m_subscriptions) {
        if (!sub->query.isEmpty())
            continue;
        const bool replacedFromAbove =
            std::any_of(written.begin(), written.end(),
                        [&](const Path& w) { return strictlyAbove(w, sub->path); });
        if (replacedFromAbove)
            before.emplace(sub.get(), m_root.at(sub->path));
    }
    return before;
}

QByteArray Database::queryDiffEvents(Subscription& sub)
{
    std::map<std::string, Node, protocol::KeyLess> next;
    for (auto& [key, child] : protocol::queryChildren(m_root.at(sub.path), sub.query))
        next.emplace(std::move(key), std::move(child));
    QByteArray bytes;
    for (const auto& [key, child] : next) {
        const auto old = sub.window.find(key);
        if (old == sub.window.end() || !(old->second == child))
            bytes += putEvent(Path{key}, child);
    }
    for (const auto& [key, child] : sub.window) {
        if (!next.contains(key))
            bytes += putEvent(Path{key}, Node()); // left the window
    }
    sub.window = std::move(next);
    return bytes;
}

void Database::collectEvents(const WriteRequest& applied, const std::vector<Path>& written,
                             const BeforeValues& before, EventBatch& events)
{
    // Streams on the same location get byte-identical events: build them once per write.
    std::map<Path, QByteArray> plainCache;
    const bool isSet = applied.kind == WriteRequest::Kind::Set;

    for (const auto& [id, sub] : m_subscriptions) {
        const Path& at = sub->path;
        if (std::none_of(written.begin(), written.end(),
                         [&](const Path& w) { return related(w, at); }))
            continue;
        if (!sub->query.isEmpty()) {
            QByteArray bytes = queryDiffEvents(*sub);
            if (!bytes.isEmpty())
                events.events.emplace_back(sub, std::move(bytes));
            continue;
        }
        const auto cached = plainCache.find(at);
        if (cached != plainCache.end()) {
            if (!cached->second.isEmpty())
                events.events.emplace_back(sub, cached->second);
            continue;
        }

        QByteArray bytes;
        const auto old = before.find(sub.get());
        const bool changedAsWhole = old != before.end() && !(old->second == m_root.at(at));
        if (isSet) {
            if (protocol::isPrefix(at, applied.path))
                bytes = putEvent(protocol::relativeTo(at, applied.path), m_root.at(applied.path));
            else if (changedAsWhole)
                bytes = putEvent(Path{}, m_root.at(at));
        } else if (protocol::isPrefix(at, applied.path)) {
            // The update's location is at or below the stream: one patch when every key is a
            // child name, else one put per updated path.
            const bool childNamesOnly =
                std::all_of(applied.updates.begin(), applied.updates.end(),
                            [](const auto& entry) { return entry.first.size() == 1; });
            if (childNamesOnly) {
                std::vector<std::pair<std::string, Node>> entries;
                for (const auto& [rel, value] : applied.updates)
                    entries.emplace_back(rel.front(),
                                         m_root.at(protocol::concat(applied.path, rel)));
                bytes = patchEvent(protocol::relativeTo(at, applied.path), entries);
            } else {
                for (const Path& w : written)
                    bytes += putEvent(protocol::relativeTo(at, w), m_root.at(w));
            }
        } else {
            // The update's location is above the stream.
            const bool replacesStream =
                std::any_of(written.begin(), written.end(),
                            [&](const Path& w) { return protocol::isPrefix(w, at); });
            if (replacesStream) {
                if (changedAsWhole || old == before.end())
                    bytes = putEvent(Path{}, m_root.at(at));
            } else {
                for (const Path& w : written) {
                    if (protocol::isPrefix(at, w))
                        bytes += putEvent(protocol::relativeTo(at, w), m_root.at(w));
                }
            }
        }
        plainCache.emplace(at, bytes);
        if (!bytes.isEmpty())
            events.events.emplace_back(sub, std::move(bytes));
    }
}

} // namespace oiso::server
