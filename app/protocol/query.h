#pragma once

#include "node.h"
#include "path.h"

#include <QString>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oiso::protocol {

// A Realtime Database query (reference §3): an ordering, optional bounds and one limit. Shared by
// the server (which parses and evaluates it) and the client (which encodes it and re-sorts the
// unordered results with the same comparator).
struct Query {
    enum class OrderBy { None, Key, Value, Priority, Child };

    // An inclusive/exclusive bound: a JSON primitive, optionally with a key tie-breaker
    // (the REST form `startAt=<value>,<key>`).
    struct Bound {
        Node value;
        std::optional<std::string> key;
        friend bool operator==(const Bound&, const Bound&) = default;
    };

    OrderBy orderBy = OrderBy::None;
    Path childPath; // for OrderBy::Child, e.g. {"meta","updatedAt"}
    std::optional<Bound> startAt;
    std::optional<Bound> startAfter;
    std::optional<Bound> endAt;
    std::optional<Bound> endBefore;
    std::optional<Bound> equalTo;
    std::optional<int> limitToFirst;
    std::optional<int> limitToLast;

    // True when there is no ordering and no filter: the plain location.
    bool isEmpty() const { return orderBy == OrderBy::None; }
    bool hasFilter() const
    {
        return startAt || startAfter || endAt || endBefore || equalTo || limitToFirst ||
               limitToLast;
    }

    // Parses the query parameters of a request (names and values already percent-decoded; other
    // parameters such as auth or print are ignored). Values are JSON, as on the wire:
    // orderBy="$key", startAt=5, equalTo="abc". On a violation of §3.3 returns nullopt and sets
    // *error to the text the service answers with 400.
    static std::optional<Query>
    fromParameters(const std::vector<std::pair<std::string, std::string>>& parameters,
                   QString* error = nullptr);

    // The query parameters that express this query (unencoded JSON values), for a client URL.
    std::vector<std::pair<std::string, std::string>> toParameters() const;

    friend bool operator==(const Query&, const Query&) = default;
};

// The index value of a child for a query's ordering ($key → the key as a string, $value → the
// child, $priority → its priority, child path → the value there or null).
Node indexValue(const Query& query, const std::string& key, const Node& child);

// Orders two children as the query's ordering does: index value (§3.6), then key.
int compareChildren(const Query& query, const std::string& keyA, const Node& childA,
                    const std::string& keyB, const Node& childB);

// The children of `location` that satisfy the query, in query order (bounds, then the limit).
// A primitive location yields no children.
std::vector<std::pair<std::string, Node>> queryChildren(const Node& location, const Query& query);

// The query result as the REST API returns it: an object of the surviving children (null when
// none survive); a primitive location is returned as it is; an empty query returns the location.
Node applyQuery(const Node& location, const Query& query);

} // namespace oiso::protocol
