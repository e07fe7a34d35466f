#include "ui/shell/embedded_server_host.h"

#include "server/server.h"

#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace oiso::ui {

namespace {

struct StartResult {
    std::shared_ptr<server::Server> server;
    QString url;
    QString error;
};

StartResult startServer(const QString& dataDirectory)
{
    StartResult result;
    if (!QDir().mkpath(dataDirectory)) {
        result.error = EmbeddedServerHost::tr("The folder %1 cannot be created.")
                           .arg(QDir::toNativeSeparators(dataDirectory));
        return result;
    }
    server::ServerOptions options;
    options.dataDirectory = dataDirectory;
    options.seedDemo = true;
    options.port = 0; // loopback, any free port: nothing to configure, nothing to collide with
    auto instance = std::make_shared<server::Server>(options);
    QString error;
    if (!instance->start(&error)) {
        result.error = error;
        return result;
    }
    result.url = instance->url();
    result.server = std::move(instance);
    return result;
}

} // namespace

EmbeddedServerHost::EmbeddedServerHost(QString dataDirectory, QObject* parent)
    : QObject(parent)
    , m_dataDirectory(std::move(dataDirectory))
{
}

EmbeddedServerHost::~EmbeddedServerHost()
{
    if (m_server)
        m_server->stop();
}

void EmbeddedServerHost::start()
{
    if (m_server || m_starting)
        return;
    m_starting = true;
    auto* watcher = new QFutureWatcher<StartResult>(this);
    connect(watcher, &QFutureWatcher<StartResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_starting = false;
        StartResult result = watcher->result();
        if (!result.server) {
            emit failed(tr("The built-in demo server could not start: %1").arg(result.error));
            return;
        }
        m_server = std::move(result.server);
        m_url = result.url;
        emit started(m_url);
    });
    watcher->setFuture(QtConcurrent::run(startServer, m_dataDirectory));
}

} // namespace oiso::ui
