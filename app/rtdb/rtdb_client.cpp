#include "rtdb/rtdb_client.h"

#include "protocol/json.h"
#include "rtdb/request_run.h"

namespace oiso::rtdb {

namespace {

const QString kTrue = QStringLiteral("true");

void addWriteOptions(const WriteOptions& options, std::vector<std::pair<QString, QString>>& params,
                     HttpHeaders& headers)
{
    if (options.silent)
        params.emplace_back(QStringLiteral("print"), QStringLiteral("silent"));
    if (options.withEtag)
        headers.append(std::pair(QByteArray("X-Firebase-ETag"), QByteArray("true")));
    if (options.ifMatch)
        headers.append(std::pair(QByteArray("if-match"), *options.ifMatch));
}

} // namespace

bool containsServerValue(const protocol::Node& value, bool incrementOnly)
{
    if (!value.isObject())
        return false;
    if (const protocol::Node* sv = value.child(".sv"))
        return !incrementOnly || sv->isObject();
    for (const auto& [key, child] : value.children()) {
        if (containsServerValue(child, incrementOnly))
            return true;
    }
    return false;
}

RtdbClient::RtdbClient(DatabaseLocation location, QNetworkAccessManager& manager, AuthSession* auth,
                       QObject* parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_manager(manager)
    , m_auth(auth)
{
}

protocol::Node RtdbClient::serverTimestamp()
{
    return protocol::Node::object({{".sv", protocol::Node::string("timestamp")}});
}

protocol::Node RtdbClient::serverIncrement(double delta)
{
    return protocol::Node::object(
        {{".sv", protocol::Node::object({{"increment", protocol::Node::number(delta)}})}});
}

RtdbReply* RtdbClient::run(RequestPlan plan, RtdbReply* reply)
{
    if (!reply)
        reply = new RtdbReply(this);
    reply->m_query = plan.query;
    auto* runner = new RequestRun(*this, std::move(plan), reply);
    runner->start();
    return reply;
}

RtdbReply* RtdbClient::get(const protocol::Path& path, const GetOptions& options)
{
    RequestPlan plan;
    plan.method = "GET";
    plan.path = path;
    plan.query = options.query;
    plan.parameters = queryParameters(options.query);
    if (options.shallow)
        plan.parameters.emplace_back(QStringLiteral("shallow"), kTrue);
    if (options.withEtag)
        plan.headers.append(std::pair(QByteArray("X-Firebase-ETag"), QByteArray("true")));
    return run(std::move(plan));
}

RtdbReply* RtdbClient::set(const protocol::Path& path, const protocol::Node& value,
                           const WriteOptions& options)
{
    RequestPlan plan;
    plan.method = "PUT";
    plan.path = path;
    plan.body = protocol::toJson(value);
    plan.idempotent = !containsServerValue(value, true);
    if (options.ifMatch && !containsServerValue(value))
        plan.conditionalValue = value;
    addWriteOptions(options, plan.parameters, plan.headers);
    return run(std::move(plan));
}

RtdbReply* RtdbClient::update(const protocol::Path& path,
                              const std::vector<std::pair<protocol::Path, protocol::Node>>& values,
                              const WriteOptions& options)
{
    RequestPlan plan;
    plan.method = "PATCH";
    plan.path = path;
    QByteArray body = "{";
    for (const auto& [relative, value] : values) {
        if (body.size() > 1)
            body += ',';
        protocol::appendJsonString(body, protocol::pathToString(relative).substr(1));
        body += ':';
        body += protocol::toJson(value);
        if (containsServerValue(value, true))
            plan.idempotent = false;
    }
    body += '}';
    plan.body = std::move(body);
    if (values.empty()) {
        auto* reply = new RtdbReply(this);
        reply->finish({}); // nothing to write; not a round trip
        return reply;
    }
    addWriteOptions(options, plan.parameters, plan.headers);
    return run(std::move(plan));
}

RtdbReply* RtdbClient::remove(const protocol::Path& path, const WriteOptions& options)
{
    RequestPlan plan;
    plan.method = "DELETE";
    plan.path = path;
    addWriteOptions(options, plan.parameters, plan.headers);
    return run(std::move(plan));
}

RtdbReply* RtdbClient::push(const protocol::Path& parent, const protocol::Node& value)
{
    const std::string key = newPushId();
    protocol::Path path = parent;
    path.push_back(key);
    RequestPlan plan;
    plan.method = "PUT";
    plan.path = std::move(path);
    plan.body = protocol::toJson(value);
    plan.idempotent = !containsServerValue(value, true);
    plan.pushKey = QString::fromStdString(key);
    return run(std::move(plan));
}

RtdbReply* RtdbClient::createIfAbsent(const protocol::Path& path, const protocol::Node& value)
{
    WriteOptions options;
    options.ifMatch = QByteArrayLiteral("null_etag");
    return set(path, value, options);
}

RtdbReply* RtdbClient::transaction(const protocol::Path& path, TransactionUpdate update,
                                   int maxAttempts)
{
    auto* outer = new RtdbReply(this);
    transactionStep(outer, path, std::make_shared<TransactionUpdate>(std::move(update)),
                    maxAttempts, std::nullopt);
    return outer;
}

void RtdbClient::transactionStep(RtdbReply* outer, const protocol::Path& path,
                                 std::shared_ptr<TransactionUpdate> update, int attemptsLeft,
                                 std::optional<std::pair<protocol::Node, QByteArray>> known)
{
    if (outer->isFinished())
        return;
    if (!known) {
        GetOptions options;
        options.withEtag = true;
        get(path, options)->then(outer, [=, this](RtdbReply& read) {
            if (read.error()) {
                outer->finish(read.error());
                return;
            }
            transactionStep(outer, path, update, attemptsLeft,
                            std::make_pair(read.value(), read.etag()));
        });
        return;
    }
    const auto& [current, etag] = *known;
    ++outer->m_attempts;
    std::optional<protocol::Node> next = (*update)(current);
    if (!next) {
        outer->m_value = current;
        outer->m_committed = false;
        outer->finish({});
        return;
    }
    WriteOptions options;
    options.ifMatch = etag.isEmpty() ? QByteArrayLiteral("null_etag") : etag;
    set(path, *next, options)->then(outer, [=, this](RtdbReply& write) {
        if (!write.error()) {
            outer->m_value = write.value();
            outer->m_committed = true;
            outer->finish({});
            return;
        }
        if (write.error().kind == RtdbError::Kind::PreconditionFailed && attemptsLeft > 1) {
            // The 412 carries the fresh value and its ETag: no extra read needed.
            transactionStep(outer, path, update, attemptsLeft - 1,
                            std::make_pair(write.value(), write.etag()));
            return;
        }
        outer->finish(write.error());
    });
}

} // namespace oiso::rtdb
