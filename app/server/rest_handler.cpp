#include "rest_handler.h"

#include "auth_service.h"
#include "database_registry.h"
#include "protocol/json.h"
#include "protocol/pushid.h"
#include "rest_call.h"
#include "server_values.h"
#include "stream_events.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace oiso::server {

using protocol::Node;
using protocol::Path;

HttpResponse errorResponse(int status, const QString& message)
{
    QByteArray body = "{\n  \"error\" : ";
    protocol::appendJsonString(body, message.toStdString());
    body += "\n}\n";
    return jsonResponse(status, std::move(body));
}

namespace {

HttpResponse valueResponse(const RestCall& call, int status, const Node& value)
{
    if (call.silent) {
        HttpResponse response = jsonResponse(204, {});
        response.headers.erase(response.headers.begin()); // no body, no content type
        return response;
    }
    QByteArray body = protocol::toJson(
        value, {call.pretty ? protocol::JsonStyle::Pretty : protocol::JsonStyle::Compact,
                call.exportFormat});
    return jsonResponse(status, std::move(body));
}

// `timeout=<n>(ms|s|min)`, more than zero and at most 15 minutes (reference §2.7).
bool validTimeout(const std::string* timeout)
{
    if (!timeout)
        return true;
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,9})(ms|s|min)$"));
    const auto match = pattern.match(QString::fromStdString(*timeout));
    if (!match.hasMatch())
        return false;
    const qint64 n = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 ms = unit == QLatin1String("ms")  ? n
                      : unit == QLatin1String("s") ? n * 1000
                                                   : n * 60000;
    return ms > 0 && ms <= 15 * 60000;
}

Node shallowCopy(const Node& value)
{
    if (value.isLeaf())
        return value;
    Node::Children children;
    for (const auto& [key, child] : value.children())
        children.emplace(key, Node::boolean(true));
    return Node::object(std::move(children));
}

} // namespace

RestHandler::RestHandler(DatabaseRegistry& databases, AuthService& auth,
                         protocol::PushIdGenerator& pushIds)
    : m_databases(databases)
    , m_auth(auth)
    , m_pushIds(pushIds)
{
}

bool RestHandler::isRestRequest(const HttpRequest& request)
{
    return request.path.size() >= 6 && request.path.ends_with(".json") &&
           request.path.front() == '/';
}

void RestHandler::handle(const HttpRequest& request, const std::shared_ptr<Responder>& responder)
{
    QString error;
    int status = 400;
    auto call = RestCall::prepare(request, m_databases, m_auth, &status, &error);
    if (!call)
        return responder->respond(errorResponse(status, error));

    if (request.method == "GET")
        return get(*call, request, responder);
    if (request.method == "PUT" || request.method == "POST" || request.method == "DELETE" ||
        request.method == "PATCH")
        return write(*call, request, responder);
    if (request.method == "OPTIONS") {
        HttpResponse preflight = jsonResponse(204, {});
        preflight.setHeader("Access-Control-Allow-Methods",
                            "GET, PUT, POST, PATCH, DELETE, OPTIONS");
        preflight.setHeader("Access-Control-Allow-Headers",
                            "Content-Type, X-Firebase-ETag, If-Match, If-None-Match, "
                            "X-HTTP-Method-Override");
        return responder->respond(std::move(preflight));
    }
    responder->respond(errorResponse(405, QStringLiteral("Method not allowed")));
}

void RestHandler::get(const RestCall& call, const HttpRequest& request,
                      const std::shared_ptr<Responder>& responder)
{
    if (!request.header("if-match").isEmpty()) {
        return responder->respond(
            errorResponse(400, QStringLiteral("if-match is not supported on GET requests")));
    }
    if (!validTimeout(request.queryValue("timeout"))) {
        return responder->respond(errorResponse(
            400, QStringLiteral("Invalid timeout: use a number followed by ms, s or min, at most "
                                "15min")));
    }
    const bool shallow = request.queryValue("shallow") && *request.queryValue("shallow") == "true";
    if (shallow && !call.query.isEmpty()) {
        return responder->respond(errorResponse(
            400, QStringLiteral("shallow cannot be combined with orderBy, limits or bounds")));
    }
    if (request.header("accept").contains("text/event-stream"))
        return stream(call, responder);

    Node value = call.database->read(call.path);
    if (!call.query.isEmpty())
        value = protocol::applyQuery(value, call.query);
    if (shallow)
        value = shallowCopy(value);

    const bool wantsEtag = request.header("x-firebase-etag") == "true";
    const QByteArray ifNoneMatch = request.header("if-none-match");
    if (wantsEtag || !ifNoneMatch.isEmpty()) {
        const QByteArray etag = Database::etagOf(value);
        if (!ifNoneMatch.isEmpty() && ifNoneMatch == etag) {
            HttpResponse notModified;
            notModified.status = 304;
            notModified.setHeader("ETag", etag);
            return responder->respond(std::move(notModified));
        }
        HttpResponse response = valueResponse(call, 200, value);
        response.setHeader("ETag", etag);
        return responder->respond(std::move(response));
    }
    responder->respond(valueResponse(call, 200, value));
}

void RestHandler::stream(const RestCall& call, const std::shared_ptr<Responder>& responder)
{
    // The subscription id is known only after subscribe(); the stream may close before that.
    struct State {
        std::mutex mutex;
        std::uint64_t id = 0;
        bool closed = false;
    };
    auto state = std::make_shared<State>();
    Database* database = call.database;
    auto eventStream = responder->startEventStream([state, database] {
        std::lock_guard lock(state->mutex);
        state->closed = true;
        if (state->id)
            database->unsubscribe(state->id);
    });
    // The subscription owns the stream handle; the handle only points weakly at the
    // connection, so a closed connection frees everything once unsubscribed.
    const std::uint64_t id =
        database->subscribe(call.path, call.query,
                            [eventStream](const QByteArray& bytes) { eventStream->send(bytes); });
    {
        std::lock_guard lock(state->mutex);
        state->id = id;
        if (state->closed)
            database->unsubscribe(id);
    }
    if (call.tokenExpiry) {
        // When the stream's credential runs out the client is told, and the stream ends
        // (reference §6.7): it refreshes its token and reconnects.
        eventStream->sendFinalEventAt(*call.tokenExpiry, authRevokedEvent());
    }
}

} // namespace oiso::server
