#include "query.h"

#include "json.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <iterator>

namespace oiso::protocol {

namespace {

// ---------------------------------------------------------------------------------------------
// Parameters

enum class Param {
    OrderBy,
    StartAt,
    StartAfter,
    EndAt,
    EndBefore,
    EqualTo,
    LimitToFirst,
    LimitToLast,
    Count
};

struct ParamName {
    std::string_view name;
    Param param;
};

constexpr ParamName kParamNames[] = {
    {"orderBy", Param::OrderBy},           {"startAt", Param::StartAt},
    {"startAfter", Param::StartAfter},     {"endAt", Param::EndAt},
    {"endBefore", Param::EndBefore},       {"equalTo", Param::EqualTo},
    {"limitToFirst", Param::LimitToFirst}, {"limitToLast", Param::LimitToLast},
};

QString utf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QByteArrayView bytes(std::string_view text)
{
    return QByteArrayView(text.data(), static_cast<qsizetype>(text.size()));
}

// parseJson normalises `{}` and `[]` to null and `{".value": 5}` to 5, so a structured value has to
// be recognised from its text before it could pass for a primitive.
bool looksStructured(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

std::optional<Node> parsePrimitive(std::string_view text)
{
    if (looksStructured(text))
        return std::nullopt;
    return parseJson(bytes(text));
}

// `<json primitive>` or `<json primitive>,<json key string>`. A JSON string may itself contain
// commas, so the whole text is tried first and then every comma that ends a complete primitive.
std::optional<Query::Bound> parseBound(std::string_view text, QString* error)
{
    if (auto whole = parsePrimitive(text))
        return Query::Bound{std::move(*whole), std::nullopt};
    bool badKey = false;
    for (auto comma = text.find(','); comma != std::string_view::npos;
         comma = text.find(',', comma + 1)) {
        auto value = parsePrimitive(text.substr(0, comma));
        if (!value)
            continue;
        const auto key = parseJson(bytes(text.substr(comma + 1)));
        if (!key)
            continue;
        if (key->type() != Node::Type::String || !keyError(key->stringValue()).isEmpty()) {
            badKey = true;
            continue;
        }
        return Query::Bound{std::move(*value), key->stringValue()};
    }
    *error = badKey ? QStringLiteral("Constraint key field must be a valid key name")
                    : QStringLiteral("Constraint index field must be a JSON primitive");
    return std::nullopt;
}

std::optional<int> parseLimit(std::string_view name, std::string_view text, QString* error)
{
    const auto value = parsePrimitive(text);
    if (value && value->type() == Node::Type::Number) {
        const double d = value->numberValue();
        if (std::trunc(d) == d && d >= 1 && d <= INT_MAX)
            return static_cast<int>(d);
    }
    *error = utf8(name) + QStringLiteral(" must be a positive integer");
    return std::nullopt;
}

bool parseOrderBy(std::string_view text, Query& query)
{
    const auto value = parsePrimitive(text);
    if (!value || value->type() != Node::Type::String)
        return false;
    const std::string& spec = value->stringValue();
    if (spec == "$key") {
        query.orderBy = Query::OrderBy::Key;
    } else if (spec == "$value") {
        query.orderBy = Query::OrderBy::Value;
    } else if (spec == "$priority") {
        query.orderBy = Query::OrderBy::Priority;
    } else {
        auto path = parsePath(spec);
        if (!path || path->empty())
            return false;
        query.orderBy = Query::OrderBy::Child;
        query.childPath = std::move(*path);
    }
    return true;
}

std::string jsonText(const Node& value)
{
    return toJson(value).toStdString();
}

std::string boundText(const Query::Bound& bound)
{
    std::string text = jsonText(bound.value);
    if (bound.key) {
        QByteArray key;
        appendJsonString(key, *bound.key);
        text += ',';
        text += key.toStdString();
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const Node& emptyStringNode()
{
    static const Node node = Node::string({});
    return node;
}

// Children are stored in key order, so without another ordering the map order is the query order.
bool orderedByKey(const Query& query)
{
    return query.orderBy == Query::OrderBy::Key || query.orderBy == Query::OrderBy::None;
}

// The index value of a child for the orderings that index a value ($key has none to point at).
const Node& indexOf(const Query& query, const Node& child)
{
    switch (query.orderBy) {
    case Query::OrderBy::Priority:
        return child.priority();
    case Query::OrderBy::Child:
        return child.at(query.childPath);
    case Query::OrderBy::Value:
    case Query::OrderBy::Key:
    case Query::OrderBy::None:
        break;
    }
    return child;
}

// A bound as a point in the (index value, key) order. Without a key tie-breaker it lies before
// or after every child whose index value equals the bound's value.
struct Position {
    enum class Tie { BeforeEqualValues, AfterEqualValues, Key };
    const Node* value;
    Tie tie;
    const std::string* key;
};

// `inclusive` edges keep children at the position itself (only possible with a key tie-breaker).
struct Edge {
    Position position;
    bool inclusive;
};

Edge makeEdge(const Query::Bound& bound, Position::Tie withoutKey, bool inclusive)
{
    const auto tie = bound.key ? Position::Tie::Key : withoutKey;
    return Edge{Position{&bound.value, tie, bound.key ? &*bound.key : nullptr}, inclusive};
}

struct Edges {
    std::vector<Edge> lower;
    std::vector<Edge> upper;
};

Edges edgesOf(const Query& query)
{
    using Tie = Position::Tie;
    Edges edges;
    if (query.startAt)
        edges.lower.push_back(makeEdge(*query.startAt, Tie::BeforeEqualValues, true));
    if (query.startAfter)
        edges.lower.push_back(makeEdge(*query.startAfter, Tie::AfterEqualValues, false));
    if (query.equalTo) {
        edges.lower.push_back(makeEdge(*query.equalTo, Tie::BeforeEqualValues, true));
        edges.upper.push_back(makeEdge(*query.equalTo, Tie::AfterEqualValues, true));
    }
    if (query.endAt)
        edges.upper.push_back(makeEdge(*query.endAt, Tie::AfterEqualValues, true));
    if (query.endBefore)
        edges.upper.push_back(makeEdge(*query.endBefore, Tie::BeforeEqualValues, false));
    return edges;
}

int compareTie(const std::string& key, const Position& position)
{
    switch (position.tie) {
    case Position::Tie::BeforeEqualValues:
        return 1;
    case Position::Tie::AfterEqualValues:
        return -1;
    case Position::Tie::Key:
        break;
    }
    return compareKeys(key, *position.key);
}

// A $key index compared with a bound value: keys are strings, so a bound of another type only
// decides by type rank.
int compareKeyIndex(const std::string& key, const Node& value)
{
    if (value.type() == Node::Type::String)
        return compareKeys(key, value.stringValue());
    return compareIndexValues(emptyStringNode(), value);
}

int compareToPosition(const Query& query, const std::string& key, const Node& child,
                      const Position& position)
{
    const int c = orderedByKey(query) ? compareKeyIndex(key, *position.value)
                                      : compareIndexValues(indexOf(query, child), *position.value);
    return c != 0 ? c : compareTie(key, position);
}

bool withinEdges(const Query& query, const Edges& edges, const std::string& key, const Node& child)
{
    for (const Edge& edge : edges.lower) {
        const int c = compareToPosition(query, key, child, edge.position);
        if (c < 0 || (c == 0 && !edge.inclusive))
            return false;
    }
    for (const Edge& edge : edges.upper) {
        const int c = compareToPosition(query, key, child, edge.position);
        if (c > 0 || (c == 0 && !edge.inclusive))
            return false;
    }
    return true;
}

using ChildIt = Node::Children::const_iterator;

// The first child (in key order) that lies after `position`, or at it when `orAt` is set.
// Logarithmic: only the child whose key equals the bound value needs the tie-breaker.
ChildIt firstFrom(const Node::Children& children, const Position& position, bool orAt)
{
    if (position.value->type() != Node::Type::String)
        return compareKeyIndex({}, *position.value) > 0 ? children.begin() : children.end();
    const std::string& value = position.value->stringValue();
    const auto it = children.lower_bound(value);
    if (it == children.end() || it->first != value)
        return it;
    const int c = compareTie(it->first, position);
    return (c > 0 || (orAt && c == 0)) ? it : std::next(it);
}

ChildIt laterOf(ChildIt a, ChildIt b, ChildIt end)
{
    if (a == end || b == end)
        return end;
    return compareKeys(a->first, b->first) >= 0 ? a : b;
}

ChildIt earlierOf(ChildIt a, ChildIt b, ChildIt end)
{
    if (a == end)
        return b;
    if (b == end)
        return a;
    return compareKeys(a->first, b->first) <= 0 ? a : b;
}

// $key ordering straight on the key-ordered map: O(log n) per bound plus O(limit) for a limit,
// so the last page of a 100k-message room costs as much as the last page of a small one.
std::vector<std::pair<std::string, Node>> queryByKey(const Node::Children& children,
                                                     const Query& query)
{
    const Edges edges = edgesOf(query);
    const ChildIt end = children.end();
    ChildIt first = children.begin();
    ChildIt last = end; // one past the last survivor
    for (const Edge& edge : edges.lower)
        first = laterOf(first, firstFrom(children, edge.position, edge.inclusive), end);
    for (const Edge& edge : edges.upper)
        last = earlierOf(last, firstFrom(children, edge.position, !edge.inclusive), end);
    if (first == end || (last != end && compareKeys(first->first, last->first) >= 0))
        return {};

    if (query.limitToFirst) {
        ChildIt it = first;
        for (int n = 0; n < *query.limitToFirst && it != last; ++n)
            ++it;
        last = it;
    }
    if (query.limitToLast) {
        ChildIt it = last;
        for (int n = 0; n < *query.limitToLast && it != first; ++n)
            --it;
        first = it;
    }
    std::vector<std::pair<std::string, Node>> result;
    for (ChildIt it = first; it != last; ++it)
        result.emplace_back(it->first, it->second);
    return result;
}

struct Entry {
    const std::string* key;
    const Node* child;
    const Node* index;
};

bool entryLess(const Entry& a, const Entry& b)
{
    const int c = compareIndexValues(*a.index, *b.index);
    return c != 0 ? c < 0 : compareKeys(*a.key, *b.key) < 0;
}

// Orderings by a value: filter first (O(n)), then order only what a limit keeps.
std::vector<std::pair<std::string, Node>> queryByIndex(const Node::Children& children,
                                                       const Query& query)
{
    const Edges edges = edgesOf(query);
    std::vector<Entry> entries;
    entries.reserve(children.size());
    for (const auto& [key, child] : children) {
        if (withinEdges(query, edges, key, child))
            entries.push_back(Entry{&key, &child, &indexOf(query, child)});
    }
    if (query.limitToFirst && static_cast<std::size_t>(*query.limitToFirst) < entries.size()) {
        const auto keep = static_cast<std::ptrdiff_t>(*query.limitToFirst);
        std::nth_element(entries.begin(), entries.begin() + keep, entries.end(), entryLess);
        entries.erase(entries.begin() + keep, entries.end());
    }
    if (query.limitToLast && static_cast<std::size_t>(*query.limitToLast) < entries.size()) {
        const auto drop = static_cast<std::ptrdiff_t>(entries.size()) - *query.limitToLast;
        std::nth_element(entries.begin(), entries.begin() + drop, entries.end(), entryLess);
        entries.erase(entries.begin(), entries.begin() + drop);
    }
    std::sort(entries.begin(), entries.end(), entryLess);
    std::vector<std::pair<std::string, Node>> result;
    result.reserve(entries.size());
    for (const Entry& entry : entries)
        result.emplace_back(*entry.key, *entry.child);
    return result;
}

} // namespace

std::optional<Query>
Query::fromParameters(const std::vector<std::pair<std::string, std::string>>& parameters,
                      QString* error)
{
    QString ignored;
    QString& message = error ? *error : ignored;
    const auto fail = [&message](QString text) -> std::optional<Query> {
        message = std::move(text);
        return std::nullopt;
    };

    std::optional<std::string_view> raw[static_cast<int>(Param::Count)];
    for (const auto& [name, value] : parameters) {
        for (const ParamName& known : kParamNames) {
            if (name != known.name)
                continue;
            auto& slot = raw[static_cast<int>(known.param)];
            if (slot)
                return fail(utf8(name) + QStringLiteral(" may only be specified once"));
            slot = value;
        }
    }
    const auto rawOf = [&raw](Param p) { return raw[static_cast<int>(p)]; };

    Query query;
    const auto orderBy = rawOf(Param::OrderBy);
    if (!orderBy) {
        for (const ParamName& known : kParamNames) {
            if (rawOf(known.param))
                return fail(QStringLiteral(
                    "orderBy must be defined when other query parameters are defined"));
        }
        return query;
    }
    if (!parseOrderBy(*orderBy, query))
        return fail(QStringLiteral("orderBy must be a valid JSON encoded path"));

    if (const auto text = rawOf(Param::LimitToFirst)) {
        query.limitToFirst = parseLimit("limitToFirst", *text, &message);
        if (!query.limitToFirst)
            return std::nullopt;
    }
    if (const auto text = rawOf(Param::LimitToLast)) {
        query.limitToLast = parseLimit("limitToLast", *text, &message);
        if (!query.limitToLast)
            return std::nullopt;
    }
    if (query.limitToFirst && query.limitToLast)
        return fail(QStringLiteral("Only one of limitToFirst and limitToLast may be specified"));

    const std::pair<Param, std::optional<Bound>*> bounds[] = {
        {Param::StartAt, &query.startAt}, {Param::StartAfter, &query.startAfter},
        {Param::EndAt, &query.endAt},     {Param::EndBefore, &query.endBefore},
        {Param::EqualTo, &query.equalTo},
    };
    for (const auto& [param, slot] : bounds) {
        const auto text = rawOf(param);
        if (!text)
            continue;
        *slot = parseBound(*text, &message);
        if (!*slot)
            return std::nullopt;
        if (query.orderBy == OrderBy::Key && (*slot)->value.type() != Node::Type::String)
            return fail(QStringLiteral("Provided key index type is invalid, must be string"));
    }
    if (query.startAt && query.startAfter)
        return fail(QStringLiteral("startAt and startAfter cannot both be specified"));
    if (query.endAt && query.endBefore)
        return fail(QStringLiteral("endAt and endBefore cannot both be specified"));
    if (query.equalTo && (query.startAt || query.startAfter || query.endAt || query.endBefore)) {
        return fail(QStringLiteral("equalTo cannot be specified in addition to startAfter, "
                                   "startAt, endAt, or endBefore"));
    }
    return query;
}

std::vector<std::pair<std::string, std::string>> Query::toParameters() const
{
    std::vector<std::pair<std::string, std::string>> parameters;
    switch (orderBy) {
    case OrderBy::None:
        break;
    case OrderBy::Key:
        parameters.emplace_back("orderBy", "\"$key\"");
        break;
    case OrderBy::Value:
        parameters.emplace_back("orderBy", "\"$value\"");
        break;
    case OrderBy::Priority:
        parameters.emplace_back("orderBy", "\"$priority\"");
        break;
    case OrderBy::Child: {
        std::string joined = pathToString(childPath).substr(1);
        QByteArray quoted;
        appendJsonString(quoted, joined);
        parameters.emplace_back("orderBy", quoted.toStdString());
        break;
    }
    }
    const std::pair<const char*, const std::optional<Bound>*> bounds[] = {
        {"startAt", &startAt},     {"startAfter", &startAfter}, {"endAt", &endAt},
        {"endBefore", &endBefore}, {"equalTo", &equalTo},
    };
    for (const auto& [name, bound] : bounds) {
        if (*bound)
            parameters.emplace_back(name, boundText(**bound));
    }
    if (limitToFirst)
        parameters.emplace_back("limitToFirst", std::to_string(*limitToFirst));
    if (limitToLast)
        parameters.emplace_back("limitToLast", std::to_string(*limitToLast));
    return parameters;
}

Node indexValue(const Query& query, const std::string& key, const Node& child)
{
    if (orderedByKey(query))
        return Node::string(key);
    return indexOf(query, child);
}

int compareChildren(const Query& query, const std::string& keyA, const Node& childA,
                    const std::string& keyB, const Node& childB)
{
    if (!orderedByKey(query)) {
        const int c = compareIndexValues(indexOf(query, childA), indexOf(query, childB));
        if (c != 0)
            return c;
    }
    return compareKeys(keyA, keyB);
}

std::vector<std::pair<std::string, Node>> queryChildren(const Node& location, const Query& query)
{
    if (!location.isObject())
        return {};
    return orderedByKey(query) ? queryByKey(location.children(), query)
                               : queryByIndex(location.children(), query);
}

Node applyQuery(const Node& location, const Query& query)
{
    // Without a filter every child survives, so the location is its own answer (no copy).
    if (!location.isObject() || !query.hasFilter())
        return location;
    Node::Children children;
    for (auto& [key, child] : queryChildren(location, query))
        children.emplace_hint(children.end(), std::move(key), std::move(child));
    return Node::object(std::move(children));
}

} // namespace oiso::protocol
