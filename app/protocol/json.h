#pragma once

#include "node.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace oiso::protocol {

struct JsonParseOptions {
    // Keep {".sv": …} placeholders (as an object with the single child ".sv") for the writer to
    // resolve; when false they are rejected like any other key starting with a dot.
    bool allowServerValues = false;
};

// Parses any JSON value (object, array or primitive) into a normalised tree: arrays become
// integer-keyed objects without their nulls, empty objects become null, ".priority" and
// ".value" are applied, and every key is validated. Returns nullopt and sets *error for text
// that is not JSON or holds a key the database does not accept.
std::optional<Node> parseJson(QByteArrayView text, QString* error = nullptr,
                              JsonParseOptions options = {});

// Converts an already parsed QJsonValue with the same rules as parseJson.
std::optional<Node> fromJsonValue(const QJsonValue& value, QString* error = nullptr,
                                  JsonParseOptions options = {});

enum class JsonStyle { Compact, Pretty };

struct JsonWriteOptions {
    JsonStyle style = JsonStyle::Compact;
    // format=export: priorities included and objects never rendered as arrays.
    bool exportFormat = false;
};

// Serialises a tree. Objects whose keys are all small non-negative integers are rendered as
// JSON arrays with null holes, as the service does (reference §1.4).
QByteArray toJson(const Node& node, JsonWriteOptions options = {});

// Appends a JSON string literal for UTF-8 text.
void appendJsonString(QByteArray& out, std::string_view utf8);

} // namespace oiso::protocol
