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
    for (const auto& [at, streams] : m_plainStreams) {
        const bool replacedFromAbove = std::any_of(
            written.begin(), written.end(), [&](const Path& w) { return strictlyAbove(w, at); });
        if (replacedFromAbove)
            before.emplace(at, m_root.at(at));
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

QByteArray Database::plainEvents(const WriteRequest& applied, const std::vector<Path>& written,
                                 const BeforeValues& before, const Path& at) const
{
    QByteArray bytes;
    const auto old = before.find(at);
    const bool changedAsWhole = old != before.end() && !(old->second == m_root.at(at));
    if (applied.kind == WriteRequest::Kind::Set) {
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
                entries.emplace_back(rel.front(), m_root.at(protocol::concat(applied.path, rel)));
            bytes = patchEvent(protocol::relativeTo(at, applied.path), entries);
        } else {
            for (const Path& w : written)
                bytes += putEvent(protocol::relativeTo(at, w), m_root.at(w));
        }
    } else {
        // The update's location is above the stream.
        const bool replacesStream = std::any_of(written.begin(), written.end(), [&](const Path& w) {
            return protocol::isPrefix(w, at);
        });
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
    return bytes;
}

void Database::collectEvents(const WriteRequest& applied, const std::vector<Path>& written,
                             const BeforeValues& before, EventBatch& events)
{
    auto touches = [&](const Path& at) {
        return std::any_of(written.begin(), written.end(),
                           [&](const Path& w) { return related(w, at); });
    };
    // Every stream without a query on a location gets the same bytes: built once, and handed on
    // with the list of those streams as it is now.
    for (const auto& [at, streams] : m_plainStreams) {
        if (!touches(at))
            continue;
        QByteArray bytes = plainEvents(applied, written, before, at);
        if (!bytes.isEmpty())
            events.events.emplace_back(streams, std::move(bytes));
    }
    for (const auto& [id, sub] : m_queryStreams) {
        if (!touches(sub->path))
            continue;
        QByteArray bytes = queryDiffEvents(*sub);
        if (!bytes.isEmpty()) {
            events.events.emplace_back(std::make_shared<const EventTargets>(EventTargets{sub}),
                                       std::move(bytes));
        }
    }
}

} // namespace oiso::server
