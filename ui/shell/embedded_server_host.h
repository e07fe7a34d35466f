#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace oiso::server {
class Server;
}

namespace oiso::ui {

// The built-in RTDB-compatible server, in this process (DESIGN §5). Starting it loads its
// journal from disk and seeds the demo market on first run, which can take a moment with a
// large database, so it happens on a worker thread; started() or failed() arrives on the GUI
// thread. The server then runs on its own threads.
class EmbeddedServerHost : public QObject {
    Q_OBJECT

public:
    explicit EmbeddedServerHost(QString dataDirectory, QObject* parent = nullptr);
    ~EmbeddedServerHost() override; // stops the server (syncs its journal)

    void start();
    bool isRunning() const { return m_server != nullptr; }
    QString url() const { return m_url; }
    const QString& dataDirectory() const { return m_dataDirectory; }

signals:
    void started(const QString& url);
    void failed(const QString& userMessage);

private:
    QString m_dataDirectory;
    std::shared_ptr<server::Server> m_server;
    QString m_url;
    bool m_starting = false;
};

} // namespace oiso::ui
