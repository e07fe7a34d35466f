#include "stream_events.h"

#include "protocol/json.h"

namespace oiso::server {

namespace {

QByteArray event(const char* type, const QByteArray& data)
{
    return QByteArray("event: ") + type + "\ndata: " + data + "\n\n";
}

QByteArray pathAndData(const protocol::Path& path, const QByteArray& dataJson)
{
    QByteArray body = "{\"path\":";
    protocol::appendJsonString(body, protocol::pathToString(path));
    body += ",\"data\":";
    body += dataJson;
    body += '}';
    return body;
}

} // namespace

QByteArray putEvent(const protocol::Path& relativePath, const protocol::Node& data)
{
    return event("put", pathAndData(relativePath, protocol::toJson(data)));
}

QByteArray patchEvent(const protocol::Path& relativePath,
                      const std::vector<std::pair<std::string, protocol::Node>>& entries)
{
    QByteArray object = "{";
    for (const auto& [key, value] : entries) {
        if (object.size() > 1)
            object += ',';
        protocol::appendJsonString(object, key);
        object += ':';
        object += protocol::toJson(value);
    }
    object += '}';
    return event("patch", pathAndData(relativePath, object));
}

QByteArray keepAliveEvent()
{
    return event("keep-alive", "null");
}

QByteArray cancelEvent(const QString& reason)
{
    QByteArray text;
    protocol::appendJsonString(text, reason.toStdString());
    return event("cancel", text);
}

QByteArray authRevokedEvent()
{
    return event("auth_revoked", "\"credential is no longer valid\"");
}

} // namespace oiso::server
