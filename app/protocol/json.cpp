#include "json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <charconv>
#include <cmath>

namespace oiso::protocol {

namespace {

constexpr int kMaxValueDepth = 64; // generous: the writer checks path depth + value depth ≤ 32

struct Converter {
    JsonParseOptions options;
    QString error;

    std::optional<Node> convert(const QJsonValue& value, int depth)
    {
        if (depth > kMaxValueDepth) {
            error = QStringLiteral("Invalid data; the value is nested too deeply");
            return std::nullopt;
        }
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            return Node();
        case QJsonValue::Bool:
            return Node::boolean(value.toBool());
        case QJsonValue::Double:
            return Node::number(value.toDouble());
        case QJsonValue::String:
            return Node::string(value.toString().toStdString());
        case QJsonValue::Array:
            return convertArray(value.toArray(), depth);
        case QJsonValue::Object:
            return convertObject(value.toObject(), depth);
        }
        return Node();
    }

    std::optional<Node> convertArray(const QJsonArray& array, int depth)
    {
        Node::Children children;
        for (qsizetype i = 0; i < array.size(); ++i) {
            auto child = convert(array.at(i), depth + 1);
            if (!child)
                return std::nullopt;
            if (!child->isNull())
                children.emplace(std::to_string(i), std::move(*child));
        }
        return Node::object(std::move(children));
    }

    std::optional<Node> convertObject(const QJsonObject& object, int depth)
    {
        if (object.contains(QLatin1String(".sv"))) {
            if (!options.allowServerValues || object.size() != 1) {
                error = QStringLiteral("Invalid data; \".sv\" must be the only key of a server "
                                       "value placeholder");
                return std::nullopt;
            }
            // Kept verbatim for the writer, which knows the time and the current value.
            auto spec = convert(object.value(QLatin1String(".sv")), depth + 1);
            if (!spec)
                return std::nullopt;
            Node::Children placeholder;
            placeholder.emplace(".sv", std::move(*spec));
            return Node::object(std::move(placeholder));
        }
        Node result;
        Node priority;
        bool hasValue = false;
        Node::Children children;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const std::string key = it.key().toStdString();
            if (key == ".priority") {
                auto p = convert(it.value(), depth + 1);
                if (!p)
                    return std::nullopt;
                if (!p->isNull() && p->type() != Node::Type::Number &&
                    p->type() != Node::Type::String) {
                    error = QStringLiteral("Invalid data; a priority must be a number or a string");
                    return std::nullopt;
                }
                priority = std::move(*p);
                continue;
            }
            if (key == ".value") {
                auto v = convert(it.value(), depth + 1);
                if (!v)
                    return std::nullopt;
                result = std::move(*v);
                hasValue = true;
                continue;
            }
            const QString problem = keyError(key);
            if (!problem.isEmpty()) {
                error = problem;
                return std::nullopt;
            }
            auto child = convert(it.value(), depth + 1);
            if (!child)
                return std::nullopt;
            if (!child->isNull())
                children.emplace(key, std::move(*child));
        }
        if (hasValue && !children.empty()) {
            error = QStringLiteral("Invalid data; \".value\" cannot be mixed with other children");
            return std::nullopt;
        }
        if (!hasValue)
            result = Node::object(std::move(children));
        if (!result.isNull())
            result.setPriority(std::move(priority));
        return result;
    }
};

void appendNumber(QByteArray& out, double d)
{
    constexpr double kExactIntegers = 9007199254740992.0; // 2^53
    char buffer[32];
    if (std::trunc(d) == d && std::fabs(d) < kExactIntegers) {
        const auto [end, ec] =
            std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(d));
        out.append(buffer, end - buffer);
        return;
    }
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
    out.append(buffer, end - buffer);
}

bool rendersAsArray(const Node::Children& children)
{
    // All keys ^(0|[1-9][0-9]*)$ and maxKey < 2 * count (reference §1.4).
    long long maxKey = -1;
    for (const auto& [key, value] : children) {
        if (key.empty() || key.size() > 9 || (key.size() > 1 && key[0] == '0'))
            return false;
        long long k = 0;
        for (const char c : key) {
            if (c < '0' || c > '9')
                return false;
            k = k * 10 + (c - '0');
        }
        maxKey = std::max(maxKey, k);
    }
    return maxKey >= 0 && maxKey < 2 * static_cast<long long>(children.size());
}

struct Writer {
    JsonWriteOptions options;
    QByteArray out;

    void newline(int indent)
    {
        if (options.style == JsonStyle::Pretty) {
            out += '\n';
            out.append(indent * 2, ' ');
        }
    }

    void writeLeaf(const Node& node)
    {
        switch (node.type()) {
        case Node::Type::Null:
            out += "null";
            break;
        case Node::Type::Bool:
            out += node.boolValue() ? "true" : "false";
            break;
        case Node::Type::Number:
            appendNumber(out, node.numberValue());
            break;
        case Node::Type::String:
            appendJsonString(out, node.stringValue());
            break;
        case Node::Type::Object:
            break;
        }
    }

    void writeKey(std::string_view key)
    {
        appendJsonString(out, key);
        out += options.style == JsonStyle::Pretty ? " : " : ":";
    }

    void write(const Node& node, int indent)
    {
        const bool withPriority = options.exportFormat && !node.priority().isNull();
        if (node.isLeaf()) {
            if (!withPriority) {
                writeLeaf(node);
                return;
            }
            out += '{';
            newline(indent + 1);
            writeKey(".priority");
            writeLeaf(node.priority());
            out += ',';
            newline(indent + 1);
            writeKey(".value");
            writeLeaf(node);
            newline(indent);
            out += '}';
            return;
        }
        const auto& children = node.children();
        if (!options.exportFormat && rendersAsArray(children)) {
            out += '[';
            long long next = 0;
            bool first = true;
            for (const auto& [key, value] : children) {
                const long long index = std::stoll(key);
                for (; next <= index; ++next) {
                    if (!first)
                        out += ',';
                    first = false;
                    newline(indent + 1);
                    if (next == index)
                        write(value, indent + 1);
                    else
                        out += "null";
                }
            }
            newline(indent);
            out += ']';
            return;
        }
        out += '{';
        bool first = true;
        if (withPriority) {
            newline(indent + 1);
            writeKey(".priority");
            writeLeaf(node.priority());
            first = false;
        }
        for (const auto& [key, value] : children) {
            if (!first)
                out += ',';
            first = false;
            newline(indent + 1);
            writeKey(key);
            write(value, indent + 1);
        }
        newline(indent);
        out += '}';
    }
};

} // namespace

std::optional<Node> parseJson(QByteArrayView text, QString* error, JsonParseOptions options)
{
    // QJsonDocument only takes an object or an array at the top, so wrap the text in an array
    // and require exactly one element: that accepts every JSON value and nothing else.
    QByteArray wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped += '[';
    wrapped += text;
    wrapped += ']';
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) {
        if (error) {
            *error = QStringLiteral("Invalid data; couldn't parse JSON object, array, or value.");
        }
        return std::nullopt;
    }
    return fromJsonValue(doc.array().at(0), error, options);
}

std::optional<Node> fromJsonValue(const QJsonValue& value, QString* error, JsonParseOptions options)
{
    Converter converter{options, {}};
    auto node = converter.convert(value, 0);
    if (!node && error)
        *error = converter.error;
    return node;
}

QByteArray toJson(const Node& node, JsonWriteOptions options)
{
    Writer writer{options, {}};
    writer.write(node, 0);
    return std::move(writer.out);
}

void appendJsonString(QByteArray& out, std::string_view utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (u < 0x20 || u == 0x7F) {
                out += "\\u00";
                out += kHex[u >> 4];
                out += kHex[u & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace oiso::protocol
