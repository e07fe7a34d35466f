#pragma once
// Helpers shared by the tests of the protocol layer and of everything built on it.

#include "protocol/json.h"
#include "protocol/node.h"
#include "protocol/path.h"

#include <QByteArray>
#include <QtGlobal>

#include <initializer_list>

namespace oiso::protocol {
// How QTest prints a Node in a failed comparison (found by argument-dependent lookup).
inline char* toString(const Node& node)
{
    return qstrdup(toJson(node, {.exportFormat = true}).constData());
}
} // namespace oiso::protocol

namespace oiso::test {

// A tree from JSON text written in the test; a typo in it stops the test at once.
inline protocol::Node json(const QByteArray& text)
{
    auto node = protocol::parseJson(text);
    if (!node)
        qFatal("bad test JSON: %s", text.constData());
    return *node;
}

inline protocol::Path path(std::initializer_list<const char*> keys)
{
    return protocol::Path(keys.begin(), keys.end());
}

} // namespace oiso::test
