#include "server_values.h"

#include <algorithm>

namespace oiso::server {

using protocol::Node;
using protocol::Path;

namespace {

const Node* placeholderSpec(const Node& value)
{
    if (!value.isObject() || value.childCount() != 1)
        return nullptr;
    return value.child(".sv");
}

std::optional<Node> resolve(const Node& value, Path& at, qint64 nowMs,
                            const std::function<const Node&(const Path&)>& currentAt,
                            QString* error)
{
    if (const Node* spec = placeholderSpec(value)) {
        if (spec->type() == Node::Type::String && spec->stringValue() == "timestamp")
            return Node::number(static_cast<double>(nowMs));
        if (spec->isObject() && spec->childCount() == 1) {
            const Node* delta = spec->child("increment");
            if (delta && delta->type() == Node::Type::Number) {
                const Node& current = currentAt(at);
                // A missing or non-numeric value counts as absent (as the SDKs do).
                const double base =
                    current.type() == Node::Type::Number ? current.numberValue() : 0.0;
                return Node::number(base + delta->numberValue());
            }
        }
        if (error)
            *error = QStringLiteral("Invalid data; unknown server value");
        return std::nullopt;
    }
    if (value.isLeaf())
        return value;
    Node::Children children;
    for (const auto& [key, child] : value.children()) {
        at.push_back(key);
        auto resolved = resolve(child, at, nowMs, currentAt, error);
        at.pop_back();
        if (!resolved)
            return std::nullopt;
        children.emplace(key, std::move(*resolved));
    }
    Node result = Node::object(std::move(children));
    if (!result.isNull())
        result.setPriority(value.priority());
    return result;
}

} // namespace

std::optional<Node> resolveServerValues(const Node& value, qint64 nowMs,
                                        const std::function<const Node&(const Path&)>& currentAt,
                                        QString* error)
{
    if (!containsServerValues(value))
        return value;
    Path at;
    return resolve(value, at, nowMs, currentAt, error);
}

bool containsServerValues(const Node& value)
{
    if (placeholderSpec(value))
        return true;
    return std::any_of(value.children().begin(), value.children().end(),
                       [](const auto& entry) { return containsServerValues(entry.second); });
}

std::size_t valueDepth(const Node& value)
{
    std::size_t deepest = 0;
    for (const auto& [key, child] : value.children())
        deepest = std::max(deepest, valueDepth(child) + 1);
    return deepest;
}

} // namespace oiso::server
