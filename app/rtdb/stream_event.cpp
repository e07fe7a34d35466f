#include "stream_event.h"

#include "protocol/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace oiso::rtdb {

namespace {

using protocol::Node;
using protocol::Path;

std::optional<StreamEvent> failure(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

std::optional<Path> decodePath(const QJsonObject& payload, QString* error)
{
    const QJsonValue path = payload.value(QLatin1String("path"));
    if (!path.isString()) {
        if (error)
            *error = QStringLiteral("Stream event without a \"path\" string");
        return std::nullopt;
    }
    // The service always sends a leading '/', but parsePath does not need it: accepting "a/b"
    // costs nothing and cannot be misread.
    QString problem;
    auto parsed = protocol::parsePath(path.toString().toStdString(), &problem);
    if (!parsed && error)
        *error = QStringLiteral("Stream event with an invalid path: ") + problem;
    return parsed;
}

// The "data" of a put, or the value of one patch key: a normalised tree.
std::optional<Node> decodeValue(const QJsonValue& value, QString* error)
{
    QString problem;
    auto node = protocol::fromJsonValue(value, &problem);
    if (!node && error)
        *error = QStringLiteral("Stream event with invalid data: ") + problem;
    return node;
}

std::optional<StreamEvent> decodeWrite(const SseEvent& sse, StreamEvent event, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(sse.data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return failure(error, QStringLiteral("Stream event \"%1\" whose data is not a JSON object")
                                  .arg(QString::fromUtf8(sse.type)));
    }
    const QJsonObject payload = doc.object();
    auto path = decodePath(payload, error);
    if (!path)
        return std::nullopt;
    event.path = std::move(*path);
    const auto dataIt = payload.constFind(QLatin1String("data"));
    if (dataIt == payload.constEnd())
        return failure(error, QStringLiteral("Stream event without \"data\""));

    if (event.kind == StreamEvent::Kind::Put) {
        auto data = decodeValue(*dataIt, error);
        if (!data)
            return std::nullopt;
        event.data = std::move(*data);
        return event;
    }

    // Each patch value is converted on its own: parsing the whole object into a Node would drop
    // the null children, and those are the deletions.
    if (!dataIt->isObject())
        return failure(error, QStringLiteral("Stream patch whose data is not an object"));
    const QJsonObject children = dataIt->toObject();
    for (auto it = children.begin(); it != children.end(); ++it) {
        QString problem;
        auto relative = protocol::parsePath(it.key().toStdString(), &problem);
        if (!relative || relative->empty()) {
            if (problem.isEmpty())
                problem = QStringLiteral("it names no child");
            return failure(error, QStringLiteral("Stream patch with an invalid key \"%1\": %2")
                                      .arg(it.key(), problem));
        }
        auto value = decodeValue(it.value(), error);
        if (!value)
            return std::nullopt;
        event.entries.push_back({std::move(*relative), std::move(*value)});
    }
    return event;
}

// cancel / auth_revoked carry null, a JSON string, or (defensively) bare text.
QString decodeText(const QByteArray& data)
{
    const QByteArray trimmed = data.trimmed();
    if (trimmed.isEmpty() || trimmed == "null")
        return {};
    // Wrapping in an array lets QJsonDocument read a top-level string literal.
    const QJsonDocument doc = QJsonDocument::fromJson('[' + trimmed + ']');
    if (doc.isArray() && doc.array().size() == 1 && doc.array().at(0).isString())
        return doc.array().at(0).toString();
    return QString::fromUtf8(trimmed);
}

} // namespace

std::optional<StreamEvent> decodeStreamEvent(const SseEvent& sse, QString* error)
{
    StreamEvent event;
    event.name = sse.type;
    if (sse.type == "put") {
        event.kind = StreamEvent::Kind::Put;
        return decodeWrite(sse, std::move(event), error);
    }
    if (sse.type == "patch") {
        event.kind = StreamEvent::Kind::Patch;
        return decodeWrite(sse, std::move(event), error);
    }
    if (sse.type == "keep-alive") {
        event.kind = StreamEvent::Kind::KeepAlive;
    } else if (sse.type == "cancel") {
        event.kind = StreamEvent::Kind::Cancel;
        event.text = decodeText(sse.data);
    } else if (sse.type == "auth_revoked") {
        event.kind = StreamEvent::Kind::AuthRevoked;
        event.text = decodeText(sse.data);
    } else {
        event.kind = StreamEvent::Kind::Ignored;
    }
    return event;
}

} // namespace oiso::rtdb
