#include "cli_runner.h"

#include "cli_market.h"
#include "market/identity_service.h"
#include "protocol/json.h"

#include <QCoreApplication>
#include <QTimer>

namespace oiso::cli {

using rtdb::StreamListener;
using rtdb::StreamUpdate;

namespace {

QByteArray eventLine(const char* kind, const protocol::Path& path, const QByteArray& dataJson)
{
    QByteArray line = R"({"event":")";
    line += kind;
    line += R"(","path":)";
    protocol::appendJsonString(line, protocol::pathToString(path));
    line += R"(,"data":)";
    line += dataJson;
    line += '}';
    return line;
}

QByteArray patchData(const std::vector<rtdb::PatchEntry>& entries)
{
    QByteArray data = "{";
    for (const rtdb::PatchEntry& entry : entries) {
        if (data.size() > 1)
            data += ',';
        protocol::appendJsonString(data, protocol::pathToString(entry.path).substr(1));
        data += ':';
        data += protocol::toJson(entry.value);
    }
    data += '}';
    return data;
}

QString describeState(StreamListener::State state)
{
    switch (state) {
    case StreamListener::State::Connecting:
        return QStringLiteral("connecting…");
    case StreamListener::State::Live:
        return QStringLiteral("live");
    case StreamListener::State::Stale:
        return QStringLiteral("connection lost; reconnecting…");
    case StreamListener::State::Offline:
        return QStringLiteral("offline; will retry");
    default:
        return {};
    }
}

} // namespace

QByteArray orderedJson(const protocol::Node& value,
                       const std::vector<std::pair<std::string, protocol::Node>>& children,
                       bool ordered)
{
    if (!ordered || !value.isObject())
        return protocol::toJson(value);
    QByteArray json = "{";
    for (const auto& [key, child] : children) {
        if (json.size() > 1)
            json += ',';
        protocol::appendJsonString(json, key);
        json += ':';
        json += protocol::toJson(child);
    }
    json += '}';
    return json;
}

CliRunner::CliRunner(CliConfig config, std::FILE* out, std::FILE* err, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_out(out)
    , m_err(err)
{
}

void CliRunner::start()
{
    const rtdb::AuthEndpoints endpoints =
        m_config.database.isHostedFirebase()
            ? rtdb::AuthEndpoints::google(m_config.apiKey)
            : rtdb::AuthEndpoints::underServer(m_config.database.baseUrl(), m_config.apiKey);
    m_authClient = std::make_unique<rtdb::AuthClient>(m_network, endpoints);
    m_authClient->setTimeoutMs(m_config.timeoutMs);
    m_session = std::make_unique<rtdb::AuthSession>(m_authClient.get());
    m_client = std::make_unique<rtdb::RtdbClient>(m_config.database, m_network, m_session.get());
    rtdb::RetryPolicy retry;
    retry.deadlineMs = m_config.timeoutMs;
    retry.attemptTimeoutMs = std::min(retry.attemptTimeoutMs, m_config.timeoutMs);
    m_client->setRetryPolicy(retry);

    if (m_config.email.isEmpty()) {
        m_session->useFixedCredential(m_config.fixedCredential);
        runCommand();
        return;
    }
    connect(m_session.get(), &rtdb::AuthSession::signInFinished, this,
            [this](const rtdb::AuthError& error) {
                if (m_done || m_commandStarted)
                    return;
                if (error) {
                    fail(QStringLiteral("sign-in failed: %1 (%2)")
                             .arg(error.userMessage(), error.technicalMessage()));
                    return;
                }
                runCommand();
            });
    m_session->signIn(m_config.email, m_config.password);
}

void CliRunner::runCommand()
{
    m_commandStarted = true;
    if (isMarketCommand(m_config.command)) {
        startMarketCommand();
        return;
    }
    if (m_config.command == Command::Listen) {
        startListening();
        return;
    }
    rtdb::RtdbReply* reply = nullptr;
    switch (m_config.command) {
    case Command::Get: {
        rtdb::GetOptions options;
        options.query = m_config.query;
        options.shallow = m_config.shallow;
        reply = m_client->get(m_config.path, options);
        break;
    }
    case Command::Put:
        reply = m_client->set(m_config.path, m_config.value);
        break;
    case Command::Patch:
        reply = m_client->update(m_config.path, m_config.updates);
        break;
    case Command::Delete:
        reply = m_client->remove(m_config.path);
        break;
    case Command::Push:
        reply = m_client->push(m_config.path, m_config.value);
        break;
    default:
        return;
    }
    reply->then(this, [this](rtdb::RtdbReply& finished) { printReply(finished); });
}

void CliRunner::startMarketCommand()
{
    m_market = std::make_unique<MarketCommand>(m_config, *m_client, m_out, m_err);
    connect(m_market.get(), &MarketCommand::finished, this, [this](int code) {
        m_done = true;
        emit finished(code);
    });
    if (!m_config.actAs.isEmpty()) {
        m_market->run(m_config.actAs);
        return;
    }
    // Signed in: the market identity is the login id bound to the account.
    auto* identity = new market::IdentityService(*m_client, this);
    connect(identity, &market::IdentityService::resolved, this,
            [this](const QString&, const QString& loginId, const QString& error) {
                if (!error.isEmpty())
                    fail(error);
                else if (loginId.isEmpty())
                    fail(QStringLiteral("this account has no login id yet; sign up in the app"));
                else
                    m_market->run(loginId);
            });
    identity->resolve(m_session->uid());
}

void CliRunner::printReply(rtdb::RtdbReply& reply)
{
    if (reply.error()) {
        fail(reply.error().technicalMessage());
        return;
    }
    if (m_config.command == Command::Push)
        printLine(reply.pushKey().toUtf8());
    else
        printLine(orderedJson(reply.value(), reply.orderedChildren(), !m_config.query.isEmpty()));
    m_done = true;
    emit finished(0);
}

void CliRunner::startListening()
{
    rtdb::StreamOptions options;
    options.connectTimeoutMs = m_config.timeoutMs;
    m_listener =
        std::make_unique<StreamListener>(*m_client, m_config.path, m_config.query, options);
    connect(m_listener.get(), &StreamListener::updated, this, &CliRunner::printUpdate);
    connect(m_listener.get(), &StreamListener::stateChanged, this,
            [this](StreamListener::State state) {
                if (state == StreamListener::State::AuthError ||
                    state == StreamListener::State::Failed) {
                    fail(m_listener->lastError().technicalMessage());
                    return;
                }
                const QString note = describeState(state);
                if (!note.isEmpty())
                    std::fprintf(m_err, "oiso-cli: %s\n", qUtf8Printable(note));
            });
    m_listener->start();
}

void CliRunner::printUpdate(const StreamUpdate& update)
{
    if (m_done)
        return;
    const rtdb::MirrorChange& change = update.change;
    if (update.origin == StreamUpdate::Origin::Resync) {
        // Print what changed while we were away, child by child, so a reader sees each change
        // once — not the whole location again (§6.5).
        const protocol::Node& value = m_listener->mirror().value();
        if (!value.isObject() && change.added.empty() && change.removed.empty() &&
            change.changed.empty()) {
            printLine(eventLine("put", {}, protocol::toJson(value)));
            return;
        }
        for (const rtdb::ChildRemoved& removed : change.removed)
            printLine(eventLine("put", {removed.key}, "null"));
        for (const rtdb::ChildAdded& added : change.added)
            printLine(eventLine("put", {added.key}, protocol::toJson(added.value)));
        for (const rtdb::ChildChanged& changed : change.changed)
            printLine(eventLine("put", {changed.key}, protocol::toJson(changed.value)));
        return;
    }
    const rtdb::StreamEvent& event = update.event;
    if (event.kind == rtdb::StreamEvent::Kind::Patch)
        printLine(eventLine("patch", event.path, patchData(event.entries)));
    else
        printLine(eventLine("put", event.path, protocol::toJson(event.data)));
}

void CliRunner::printLine(const QByteArray& line)
{
    if (m_done)
        return;
    std::fwrite(line.constData(), 1, size_t(line.size()), m_out);
    std::fputc('\n', m_out);
    std::fflush(m_out);
    ++m_printed;
    if (m_config.command == Command::Listen && m_config.count > 0 && m_printed >= m_config.count) {
        m_done = true;
        m_listener->stop();
        emit finished(0);
    }
}

void CliRunner::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    std::fprintf(m_err, "oiso-cli: %s\n", qUtf8Printable(message));
    std::fflush(m_err);
    if (m_listener)
        m_listener->stop();
    emit finished(1);
}

} // namespace oiso::cli
