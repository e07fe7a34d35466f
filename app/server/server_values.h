#pragma once

#include "protocol/node.h"

#include <QString>

#include <functional>
#include <optional>

namespace oiso::server {

// Replaces the {".sv": …} placeholders of a write (reference §5): "timestamp" becomes nowMs,
// {"increment": n} becomes the current number at that place plus n (n alone when the place is
// absent or not a number). `currentAt` returns the value the place holds before the write,
// given the path relative to the written value. Unknown server values → nullopt and *error.
std::optional<protocol::Node>
resolveServerValues(const protocol::Node& value, qint64 nowMs,
                    const std::function<const protocol::Node&(const protocol::Path&)>& currentAt,
                    QString* error);

// True when the value holds a placeholder anywhere (most writes do not: skip the copy).
bool containsServerValues(const protocol::Node& value);

// Depth of a value: 0 for a leaf, 1 + the deepest child for an object.
std::size_t valueDepth(const protocol::Node& value);

} // namespace oiso::server
