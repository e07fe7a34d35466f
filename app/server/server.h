#pragma once

#include <QString>

#include <memory>

namespace oiso::server {

class AuthService;

struct ServerOptions {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;      // 0 picks a free port
    QString dataDirectory; // required: journal, snapshots, accounts, secret
    bool seedDemo = false; // seed the demo market when the database is empty
    int tokenLifetimeSeconds = 3600;
    int keepAliveSeconds = 30; // an idle event stream gets a keep-alive event after this long
    int ioThreads = 2;
};

// The embeddable RTDB-compatible server: owns the databases (one per namespace), the auth
// service and the HTTP front end. Everything runs on the server's own threads; start() returns
// once it is listening, so the GUI or a test can use url() right away.
class Server {
public:
    explicit Server(ServerOptions options);
    ~Server(); // stop()
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    bool start(QString* error);
    void stop(); // closes connections and streams, syncs the journals

    quint16 port() const;
    QString url() const; // "http://HOST:PORT"
    AuthService& auth();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace oiso::server
