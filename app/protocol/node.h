#pragma once

#include "ordering.h"
#include "path.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace oiso::protocol {

// One node of a Realtime Database tree: null, a boolean, a number, a string or an object whose
// children are kept in Firebase key order. Objects share their children copy-on-write, so taking
// a snapshot of a large tree is O(1) and can be serialised outside a lock.
//
// The tree is always normalised the way the database stores data: there are no arrays (they
// become integer-keyed objects), no empty objects (they are null) and no null children.
class Node {
public:
    enum class Type : std::uint8_t { Null, Bool, Number, String, Object };
    using Children = std::map<std::string, Node, KeyLess>;

    Node() = default;
    Node(const Node& other);
    Node& operator=(const Node& other);
    Node(Node&&) noexcept = default;
    Node& operator=(Node&&) noexcept = default;
    ~Node() = default;

    static Node boolean(bool value);
    static Node number(double value);
    static Node string(std::string value);
    // Builds an object; null children are dropped and an empty result is null.
    static Node object(Children children);

    Type type() const { return static_cast<Type>(m_value.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isObject() const { return type() == Type::Object; }
    bool isLeaf() const { return type() != Type::Object; }

    bool boolValue() const;
    double numberValue() const;
    const std::string& stringValue() const;

    // Children of an object; an empty map for every other type.
    const Children& children() const;
    std::size_t childCount() const { return children().size(); }
    const Node* child(std::string_view key) const;

    // The value at a relative path; null when anything along it is absent.
    const Node& at(const Path& path) const;

    // Replaces the value at `path` (null deletes). Writing below a primitive turns it into an
    // object; deleting the last child of an object removes the object too (pruning upward).
    // Returns true when the tree changed.
    bool set(const Path& path, Node value);

    // Priority (legacy Firebase feature): null, a number or a string.
    const Node& priority() const;
    void setPriority(Node priority);

    // Number of nodes in this subtree (leaves and objects), for statistics and limits.
    std::size_t nodeCount() const;

    friend bool operator==(const Node& a, const Node& b);

private:
    using ChildrenPtr = std::shared_ptr<Children>;
    Children& detachedChildren();
    bool setChild(const std::string& key, Node value);

    std::variant<std::monostate, bool, double, std::string, ChildrenPtr> m_value;
    std::unique_ptr<Node> m_priority;
};

// The index value used for ordering by $value / child / $priority: compares type rank first.
int compareIndexValues(const Node& a, const Node& b);

} // namespace oiso::protocol
