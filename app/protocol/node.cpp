#include "node.h"

#include <cassert>

namespace oiso::protocol {

namespace {

const Node& nullNode()
{
    static const Node null;
    return null;
}

const Node::Children& emptyChildren()
{
    static const Node::Children empty;
    return empty;
}

int typeRank(const Node& node)
{
    switch (node.type()) {
    case Node::Type::Null:
        return 0;
    case Node::Type::Bool:
        return node.boolValue() ? 2 : 1;
    case Node::Type::Number:
        return 3;
    case Node::Type::String:
        return 4;
    case Node::Type::Object:
        return 5;
    }
    return 0;
}

} // namespace

Node::Node(const Node& other)
    : m_value(other.m_value)
    , m_priority(other.m_priority ? std::make_unique<Node>(*other.m_priority) : nullptr)
{
}

Node& Node::operator=(const Node& other)
{
    if (this != &other) {
        m_value = other.m_value;
        m_priority = other.m_priority ? std::make_unique<Node>(*other.m_priority) : nullptr;
    }
    return *this;
}

Node Node::boolean(bool value)
{
    Node n;
    n.m_value = value;
    return n;
}

Node Node::number(double value)
{
    Node n;
    n.m_value = value;
    return n;
}

Node Node::string(std::string value)
{
    Node n;
    n.m_value = std::move(value);
    return n;
}

Node Node::object(Children children)
{
    std::erase_if(children, [](const auto& entry) { return entry.second.isNull(); });
    Node n;
    if (!children.empty())
        n.m_value = std::make_shared<Children>(std::move(children));
    return n;
}

bool Node::boolValue() const
{
    const bool* b = std::get_if<bool>(&m_value);
    return b && *b;
}

double Node::numberValue() const
{
    const double* d = std::get_if<double>(&m_value);
    return d ? *d : 0.0;
}

const std::string& Node::stringValue() const
{
    static const std::string empty;
    const std::string* s = std::get_if<std::string>(&m_value);
    return s ? *s : empty;
}

const Node::Children& Node::children() const
{
    const ChildrenPtr* c = std::get_if<ChildrenPtr>(&m_value);
    return c ? **c : emptyChildren();
}

const Node* Node::child(std::string_view key) const
{
    const Children& c = children();
    const auto it = c.find(key);
    return it == c.end() ? nullptr : &it->second;
}

const Node& Node::at(const Path& path) const
{
    const Node* current = this;
    for (const auto& key : path) {
        current = current->child(key);
        if (!current)
            return nullNode();
    }
    return *current;
}

Node::Children& Node::detachedChildren()
{
    auto* ptr = std::get_if<ChildrenPtr>(&m_value);
    if (!ptr) {
        // Writing below a primitive (or null) turns it into an object.
        m_value = std::make_shared<Children>();
        ptr = std::get_if<ChildrenPtr>(&m_value);
    } else if (ptr->use_count() > 1) {
        // Someone holds a snapshot: copy this level before changing it.
        *ptr = std::make_shared<Children>(**ptr);
    }
    return **ptr;
}

bool Node::setChild(const std::string& key, Node value)
{
    if (value.isNull()) {
        if (!child(key))
            return false;
        Children& c = detachedChildren();
        c.erase(key);
        if (c.empty())
            m_value = std::monostate{};
        return true;
    }
    if (const Node* existing = child(key); existing && *existing == value)
        return false;
    detachedChildren().insert_or_assign(key, std::move(value));
    return true;
}

bool Node::set(const Path& path, Node value)
{
    if (path.empty()) {
        if (*this == value)
            return false;
        *this = std::move(value);
        return true;
    }
    if (path.size() == 1)
        return setChild(path.front(), std::move(value));

    const std::string& key = path.front();
    const Path rest(path.begin() + 1, path.end());
    const Node* existing = child(key);
    if (value.isNull() && !existing)
        return false; // deleting below something absent (or below a primitive) changes nothing
    if (existing && value.isNull() && existing->isLeaf())
        return false;
    if (existing) {
        // Compare first so an unchanged write does not detach shared levels.
        if (existing->at(rest) == value)
            return false;
    }
    Children& c = detachedChildren();
    Node& target = c[key];
    const bool changed = target.set(rest, std::move(value));
    if (target.isNull()) {
        c.erase(key);
        if (c.empty())
            m_value = std::monostate{};
    }
    return changed;
}

const Node& Node::priority() const
{
    return m_priority ? *m_priority : nullNode();
}

void Node::setPriority(Node priority)
{
    if (priority.isNull() || priority.isObject() || priority.type() == Type::Bool)
        m_priority.reset();
    else
        m_priority = std::make_unique<Node>(std::move(priority));
}

std::size_t Node::nodeCount() const
{
    std::size_t count = 1;
    for (const auto& [key, value] : children())
        count += value.nodeCount();
    return count;
}

bool operator==(const Node& a, const Node& b)
{
    if (a.type() != b.type())
        return false;
    if ((a.m_priority || b.m_priority) && !(a.priority() == b.priority()))
        return false; // priorities never carry priorities, so this recursion is one level deep
    switch (a.type()) {
    case Node::Type::Null:
        return true;
    case Node::Type::Bool:
        return a.boolValue() == b.boolValue();
    case Node::Type::Number:
        return a.numberValue() == b.numberValue();
    case Node::Type::String:
        return a.stringValue() == b.stringValue();
    case Node::Type::Object: {
        const auto& pa = std::get<Node::ChildrenPtr>(a.m_value);
        const auto& pb = std::get<Node::ChildrenPtr>(b.m_value);
        return pa == pb || *pa == *pb;
    }
    }
    return false;
}

int compareIndexValues(const Node& a, const Node& b)
{
    const int ra = typeRank(a);
    const int rb = typeRank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a.type() == Node::Type::Number) {
        const double x = a.numberValue();
        const double y = b.numberValue();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.type() == Node::Type::String)
        return compareStrings(a.stringValue(), b.stringValue());
    return 0;
}

} // namespace oiso::protocol
