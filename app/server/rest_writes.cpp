// PUT, POST, PATCH and DELETE of the REST API (reference §2.2–§2.5, §4, §5).
#include "rest_handler.h"

#include "database.h"
#include "protocol/json.h"
#include "protocol/pushid.h"
#include "rest_call.h"
#include "server_values.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace oiso::server {

using protocol::Node;
using protocol::Path;

namespace {

const QString kNoData = QStringLiteral("Error: No data supplied.");
const QString kTooDeep =
    QStringLiteral("Invalid data; the data is nested more than 32 levels deep");

HttpResponse bodyResponse(const RestCall& call, int status, QByteArray body)
{
    if (call.silent && status == 200) {
        HttpResponse response;
        response.status = 204;
        response.setHeader("Access-Control-Allow-Origin", "*");
        return response;
    }
    return jsonResponse(status, std::move(body));
}

QByteArray render(const RestCall& call, const Node& value)
{
    return protocol::toJson(
        value, {call.pretty ? protocol::JsonStyle::Pretty : protocol::JsonStyle::Compact,
                call.exportFormat});
}

// PATCH bodies keep their null entries (they delete), so they are read key by key rather than
// through parseJson, which drops nulls as stored data does.
std::optional<std::vector<std::pair<Path, Node>>>
parseUpdate(const RestCall& call, const QByteArray& body, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("Invalid data; couldn't parse JSON object. A PATCH body must be "
                                "an object whose keys are paths.");
        return std::nullopt;
    }
    std::vector<std::pair<Path, Node>> updates;
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        auto rel = protocol::parsePath(it.key().toStdString(), error);
        if (!rel)
            return std::nullopt;
        if (rel->empty()) {
            *error = QStringLiteral("Invalid data; an update key must name a child path");
            return std::nullopt;
        }
        auto value = protocol::fromJsonValue(it.value(), error, {.allowServerValues = true});
        if (!value)
            return std::nullopt;
        if (call.path.size() + rel->size() + valueDepth(*value) > protocol::kMaxDepth) {
            *error = kTooDeep;
            return std::nullopt;
        }
        updates.emplace_back(std::move(*rel), std::move(*value));
    }
    // Overlapping paths (one the ancestor of another) have no defined order: refuse them.
    std::sort(updates.begin(), updates.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < updates.size(); ++i) {
        if (protocol::isPrefix(updates[i - 1].first, updates[i].first)) {
            *error = QStringLiteral("Invalid data; the paths \"%1\" and \"%2\" of the update "
                                    "overlap")
                         .arg(QString::fromStdString(protocol::pathToString(updates[i - 1].first)),
                              QString::fromStdString(protocol::pathToString(updates[i].first)));
            return std::nullopt;
        }
    }
    return updates;
}

QByteArray renderUpdate(const RestCall& call, const std::vector<std::pair<Path, Node>>& updates)
{
    QByteArray body = "{";
    for (const auto& [rel, value] : updates) {
        if (body.size() > 1)
            body += ',';
        if (call.pretty)
            body += "\n  ";
        std::string key = protocol::pathToString(rel).substr(1);
        protocol::appendJsonString(body, key);
        body += call.pretty ? " : " : ":";
        body += render(call, value);
    }
    if (call.pretty && body.size() > 1)
        body += '\n';
    body += '}';
    return body;
}

} // namespace

void RestHandler::write(const RestCall& call, const HttpRequest& request,
                        const std::shared_ptr<Responder>& responder)
{
    const QByteArray& method = request.method;
    const bool wantsEtag = request.header("x-firebase-etag") == "true";
    const QByteArray ifMatch = request.header("if-match").trimmed();
    auto fail = [&](int status, const QString& text) {
        responder->respond(errorResponse(status, text));
    };
    if (method == "PATCH" && (wantsEtag || !ifMatch.isEmpty()))
        return fail(400, QStringLiteral("ETags are not supported on PATCH requests"));
    if (method == "POST" && !ifMatch.isEmpty())
        return fail(400, QStringLiteral("if-match is not supported on POST requests"));

    WriteRequest write;
    write.path = call.path;
    QString error;
    std::string pushKey;
    if (method == "PATCH") {
        auto updates = parseUpdate(call, request.body, &error);
        if (!updates)
            return fail(400, error);
        write.kind = WriteRequest::Kind::Update;
        write.updates = std::move(*updates);
    } else if (method == "DELETE") {
        write.value = Node();
    } else {
        if (request.body.trimmed().isEmpty())
            return fail(400, kNoData);
        auto value = protocol::parseJson(request.body, &error, {.allowServerValues = true});
        if (!value)
            return fail(400, error);
        write.value = std::move(*value);
        if (method == "POST") {
            pushKey = m_pushIds.next();
            write.path.push_back(pushKey);
        }
        if (write.path.size() + valueDepth(write.value) > protocol::kMaxDepth)
            return fail(400, kTooDeep);
    }
    if (!ifMatch.isEmpty())
        write.ifMatch = ifMatch;

    call.database->write(
        std::move(write), [call, method, wantsEtag, pushKey, responder](WriteOutcome outcome) {
            if (outcome.status == 400)
                return responder->respond(errorResponse(400, outcome.error));
            if (outcome.status == 412) {
                HttpResponse conflict = jsonResponse(412, render(call, outcome.value));
                conflict.setHeader("ETag", outcome.etag);
                return responder->respond(std::move(conflict));
            }
            QByteArray body;
            if (method == "POST") {
                body = "{\"name\":";
                protocol::appendJsonString(body, pushKey);
                body += '}';
            } else if (method == "PATCH") {
                body = renderUpdate(call, outcome.updates);
            } else {
                body = render(call, outcome.value);
            }
            HttpResponse response = bodyResponse(call, 200, std::move(body));
            if (wantsEtag)
                response.setHeader("ETag", outcome.etag);
            responder->respond(std::move(response));
        });
}

} // namespace oiso::server
