#include "http_server.h"

#include "http_session.h"

#include <QLoggingCategory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#endif

#include <future>
#include <map>
#include <mutex>
#include <thread>

Q_LOGGING_CATEGORY(lcHttp, "oiso.server.http")

namespace oiso::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Asio opens sockets without close-on-exec. Without it every process the embedding app starts
// (a browser, xdg-open, a test's child) inherits the listening socket — so the server cannot
// listen on its port again after a restart while that child lives — and inherits accepted
// connections, which then never close for their clients.
template <typename Socket>
void keepFromChildProcesses(Socket& socket)
{
#ifdef Q_OS_UNIX
    const int fd = socket.native_handle();
    const int flags = ::fcntl(fd, F_GETFD);
    if (flags != -1)
        ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
#else
    Q_UNUSED(socket);
#endif
}

} // namespace

struct HttpServer::Private : SessionRegistry {
    // Declared before the io_context: handlers still queued in it own sessions, whose
    // destructors use the registry and the handler while the context is destroyed.
    std::mutex sessionsMutex;
    std::map<HttpSession*, std::weak_ptr<HttpSession>> sessions;
    HttpServerOptions options;
    RequestHandler handler;
    net::io_context io;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
    // On its own strand: the accept handler and the close in stop() never run concurrently.
    tcp::acceptor acceptor{net::make_strand(io)};
    std::vector<std::thread> threads;
    quint16 boundPort = 0;
    bool running = false;

    void add(const std::shared_ptr<HttpSession>& session) override
    {
        std::lock_guard lock(sessionsMutex);
        sessions.emplace(session.get(), session);
    }
    void remove(HttpSession* session) override
    {
        std::lock_guard lock(sessionsMutex);
        sessions.erase(session);
    }

    void accept()
    {
        acceptor.async_accept(net::make_strand(io),
                              [this](boost::system::error_code ec, tcp::socket socket) {
                                  if (!acceptor.is_open())
                                      return; // stopping
                                  if (ec) {
                                      qCWarning(lcHttp) << "accept failed:" << ec.message().c_str();
                                  } else {
                                      keepFromChildProcesses(socket);
                                      boost::system::error_code ignored;
                                      socket.set_option(tcp::no_delay(true), ignored);
                                      auto session = std::make_shared<HttpSession>(
                                          std::move(socket), handler, sessionOptions(), *this);
                                      session->start();
                                  }
                                  accept();
                              });
    }

    HttpSession::Options sessionOptions() const
    {
        return {options.keepAliveInterval, options.maxBodyBytes};
    }
};

HttpServer::HttpServer(HttpServerOptions options, RequestHandler handler)
    : d(std::make_unique<Private>())
{
    d->options = std::move(options);
    d->handler = std::move(handler);
}

HttpServer::~HttpServer()
{
    stop();
}

bool HttpServer::start(QString* error)
{
    boost::system::error_code ec;
    const auto address = net::ip::make_address(d->options.host.toStdString(), ec);
    if (ec) {
        if (error)
            *error = QStringLiteral("Invalid listen address \"%1\"").arg(d->options.host);
        return false;
    }
    const tcp::endpoint endpoint(address, d->options.port);
    d->acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        keepFromChildProcesses(d->acceptor);
    if (!ec)
        d->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor.bind(endpoint, ec);
    if (!ec)
        d->acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        if (error) {
            *error = QStringLiteral("Cannot listen on %1:%2: %3")
                         .arg(d->options.host)
                         .arg(d->options.port)
                         .arg(QString::fromStdString(ec.message()));
        }
        boost::system::error_code ignored;
        d->acceptor.close(ignored);
        return false;
    }
    d->boundPort = d->acceptor.local_endpoint().port();
    d->work.emplace(d->io.get_executor());
    d->accept();
    const int threadCount = std::max(1, d->options.threads);
    for (int i = 0; i < threadCount; ++i)
        d->threads.emplace_back([this] { d->io.run(); });
    d->running = true;
    return true;
}

void HttpServer::stop()
{
    if (!d->running)
        return;
    d->running = false;
    net::post(d->acceptor.get_executor(), [this] {
        boost::system::error_code ignored;
        d->acceptor.close(ignored);
    });
    std::vector<std::shared_ptr<HttpSession>> open;
    {
        std::lock_guard lock(d->sessionsMutex);
        for (auto& [ptr, weak] : d->sessions) {
            if (auto session = weak.lock())
                open.push_back(std::move(session));
        }
    }
    // Close every connection on its own strand (running its stream-closed callbacks), wait for
    // that, then stop the context: what is left pending only refers to closed sessions.
    std::vector<std::future<void>> closed;
    for (auto& session : open)
        closed.push_back(session->shutdown());
    for (auto& f : closed)
        f.wait();
    open.clear();
    d->work.reset();
    d->io.stop();
    for (auto& thread : d->threads)
        thread.join();
    d->threads.clear();
}

quint16 HttpServer::port() const
{
    return d->boundPort;
}

} // namespace oiso::server
