#include "server.h"

#include "auth_endpoints.h"
#include "auth_service.h"
#include "database_registry.h"
#include "demo_seed.h"
#include "http_server.h"
#include "protocol/pushid.h"
#include "rest_handler.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QThreadPool>

#include <future>

Q_LOGGING_CATEGORY(lcServer, "oiso.server")

namespace oiso::server {

struct Server::Private {
    explicit Private(ServerOptions o)
        : options(std::move(o))
        , auth(options.dataDirectory, AuthOptions{options.tokenLifetimeSeconds})
        , databases(options.dataDirectory)
        , rest(databases, auth, pushIds)
    {
        // Password hashing is deliberately slow; it runs here, never on a connection thread.
        authPool.setMaxThreadCount(2);
    }

    void route(HttpRequest request, const std::shared_ptr<Responder>& responder);
    bool seedDemo(QString* error);

    ServerOptions options;
    // Declared first so it is destroyed last: databases deliver their final events to
    // connections through it while they shut down.
    std::unique_ptr<HttpServer> http;
    AuthService auth;
    DatabaseRegistry databases;
    protocol::PushIdGenerator pushIds;
    RestHandler rest;
    QThreadPool authPool;
    bool started = false;
};

namespace {

HttpResponse staticFile(const HttpRequest& request)
{
    const QString resource = demoResourceForRequestPath(QString::fromStdString(request.path));
    QFile file(resource);
    if (resource.isEmpty() || !file.open(QIODevice::ReadOnly))
        return errorResponse(404, QStringLiteral("404 Not Found"));
    HttpResponse response;
    response.body = file.readAll();
    response.setHeader("Content-Type", resource.endsWith(QLatin1String(".png"))
                                           ? QByteArrayLiteral("image/png")
                                           : QByteArrayLiteral("application/octet-stream"));
    response.setHeader("Cache-Control", "public, max-age=86400");
    response.setHeader("Access-Control-Allow-Origin", "*");
    return response;
}

} // namespace

void Server::Private::route(HttpRequest request, const std::shared_ptr<Responder>& responder)
{
    if (isAuthRequest(request)) {
        authPool.start([this, request = std::move(request), responder] {
            responder->respond(handleAuthRequest(auth, request));
        });
        return;
    }
    if (RestHandler::isRestRequest(request))
        return rest.handle(request, responder);
    if (request.method == "GET" && request.path.starts_with("/static/"))
        return responder->respond(staticFile(request));
    if (request.method == "GET" && request.path == "/") {
        HttpResponse about;
        about.setHeader("Content-Type", "text/plain; charset=utf-8");
        about.body = "Oiso embedded Realtime Database server.\n"
                     "Data: GET/PUT/PATCH/POST/DELETE /<path>.json; streams: GET with "
                     "Accept: text/event-stream.\n"
                     "Auth: /identitytoolkit.googleapis.com/v1/accounts:signUp, "
                     ":signInWithPassword, :lookup; /securetoken.googleapis.com/v1/token\n";
        return responder->respond(std::move(about));
    }
    responder->respond(errorResponse(404, QStringLiteral("404 Not Found")));
}

bool Server::Private::seedDemo(QString* error)
{
    int status = 0;
    Database* database = databases.database(
        QString::fromLatin1(DatabaseRegistry::kDefaultNamespace), &status, error);
    if (!database)
        return false;
    if (!database->isEmpty())
        return true; // seeded before, or real data: never overwrite
    DemoMarket market = buildDemoMarket(QDateTime::currentMSecsSinceEpoch());
    for (const DemoAccount& account : market.accounts) {
        const auto created = auth.ensureAccount(account.email, account.password, account.uid);
        if (const auto* failure = std::get_if<AuthError>(&created)) {
            *error = QStringLiteral("Cannot create demo account %1: %2")
                         .arg(account.email, failure->message);
            return false;
        }
    }
    WriteRequest write;
    write.value = std::move(market.tree);
    std::promise<WriteOutcome> written;
    database->write(std::move(write),
                    [&written](WriteOutcome outcome) { written.set_value(std::move(outcome)); });
    const WriteOutcome outcome = written.get_future().get();
    if (outcome.status != 200) {
        *error = QStringLiteral("Cannot write the demo market: %1").arg(outcome.error);
        return false;
    }
    qCInfo(lcServer) << "seeded the demo market with" << market.accounts.size() << "accounts";
    return true;
}

Server::Server(ServerOptions options)
    : d(std::make_unique<Private>(std::move(options)))
{
}

Server::~Server()
{
    stop();
}

bool Server::start(QString* error)
{
    if (d->started)
        return true;
    if (d->options.dataDirectory.isEmpty() || !QDir().mkpath(d->options.dataDirectory)) {
        if (error)
            *error = QStringLiteral("Cannot create the data folder \"%1\"")
                         .arg(d->options.dataDirectory);
        return false;
    }
    QString problem;
    if (!d->auth.open(&problem) || (d->options.seedDemo && !d->seedDemo(&problem))) {
        if (error)
            *error = problem;
        return false;
    }
    // Load the default database before announcing readiness, so the first client does not
    // wait for a large journal to replay (and a damaged one stops the start with its reason).
    int status = 0;
    if (!d->databases.database(QString::fromLatin1(DatabaseRegistry::kDefaultNamespace), &status,
                               &problem)) {
        if (error)
            *error = problem;
        return false;
    }
    HttpServerOptions http;
    http.host = d->options.host;
    http.port = d->options.port;
    http.threads = d->options.ioThreads;
    http.keepAliveInterval = std::chrono::seconds(d->options.keepAliveSeconds);
    d->http = std::make_unique<HttpServer>(
        http, [this](HttpRequest request, std::shared_ptr<Responder> responder) {
            d->route(std::move(request), responder);
        });
    if (!d->http->start(error)) {
        d->http.reset();
        return false;
    }
    d->started = true;
    return true;
}

void Server::stop()
{
    if (!d->started)
        return;
    d->started = false;
    d->http->stop();
    d->authPool.waitForDone();
    d->databases.syncAll();
}

quint16 Server::port() const
{
    return d->http ? d->http->port() : 0;
}

QString Server::url() const
{
    const QString host = d->options.host.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + d->options.host + QLatin1Char(']')
                             : d->options.host;
    return QStringLiteral("http://%1:%2").arg(host).arg(port());
}

AuthService& Server::auth()
{
    return d->auth;
}

} // namespace oiso::server
