#include "http_session.h"

#include <QByteArray>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace oiso::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// Idle keep-alive connections are dropped after this long without a request.
constexpr auto kIdleTimeout = std::chrono::seconds(120);

std::string percentDecode(std::string_view text, bool plusIsSpace)
{
    QByteArray raw(text.data(), static_cast<qsizetype>(text.size()));
    if (plusIsSpace)
        raw.replace('+', ' ');
    return QByteArray::fromPercentEncoding(raw).toStdString();
}

HttpRequest toHttpRequest(const http::request<http::string_body>& message)
{
    HttpRequest request;
    request.method = QByteArray::fromStdString(std::string(message.method_string())).toUpper();
    const std::string_view target = message.target();
    const std::size_t question = target.find('?');
    request.path = percentDecode(target.substr(0, question), false);
    if (question != std::string_view::npos) {
        std::string_view rest = target.substr(question + 1);
        while (!rest.empty()) {
            const std::size_t amp = rest.find('&');
            const std::string_view item = rest.substr(0, amp);
            if (!item.empty()) {
                const std::size_t eq = item.find('=');
                request.query.emplace_back(percentDecode(item.substr(0, eq), true),
                                           eq == std::string_view::npos
                                               ? std::string()
                                               : percentDecode(item.substr(eq + 1), true));
            }
            if (amp == std::string_view::npos)
                break;
            rest = rest.substr(amp + 1);
        }
    }
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[name] = QByteArray::fromStdString(std::string(field.value()));
    }
    request.body = QByteArray::fromStdString(message.body());

    // X-HTTP-Method-Override (header or query parameter) on POST, for clients that cannot send
    // PUT, PATCH or DELETE (reference §2.6).
    if (request.method == "POST") {
        QByteArray override = request.header("x-http-method-override");
        if (override.isEmpty()) {
            if (const std::string* q = request.queryValue("x-http-method-override"))
                override = QByteArray::fromStdString(*q);
        }
        override = override.trimmed().toUpper();
        if (override == "PUT" || override == "PATCH" || override == "DELETE" || override == "GET")
            request.method = override;
    }
    return request;
}

class SessionResponder final : public Responder {
public:
    explicit SessionResponder(std::shared_ptr<HttpSession> session)
        : m_session(std::move(session))
    {
    }
    void respond(HttpResponse response) override
    {
        auto session = std::move(m_session);
        if (!session)
            return; // answered already
        net::post(session->executor(), [session, response = std::move(response)]() mutable {
            session->writeResponse(std::move(response));
        });
    }
    std::shared_ptr<EventStream> startEventStream(std::function<void()> onClosed) override
    {
        auto session = std::move(m_session);
        if (!session)
            return makeSessionEventStream({});
        auto stream = makeSessionEventStream(session);
        net::post(session->executor(), [session, onClosed = std::move(onClosed)]() mutable {
            session->beginEventStream(std::move(onClosed));
        });
        return stream;
    }

private:
    std::shared_ptr<HttpSession> m_session;
};

} // namespace

HttpSession::HttpSession(net::ip::tcp::socket socket, const RequestHandler& handler,
                         Options options, SessionRegistry& registry)
    : m_stream(std::move(socket))
    , m_handler(handler)
    , m_options(options)
    , m_registry(registry)
    , m_keepAliveTimer(m_stream.get_executor())
    , m_finalEventTimer(m_stream.get_executor())
{
}

HttpSession::~HttpSession()
{
    m_registry.remove(this);
}

void HttpSession::start()
{
    m_registry.add(shared_from_this());
    net::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->readHeader(); });
}

std::future<void> HttpSession::shutdown()
{
    auto done = std::make_shared<std::promise<void>>();
    auto future = done->get_future();
    net::post(m_stream.get_executor(), [self = shared_from_this(), done] {
        self->close();
        done->set_value();
    });
    return future;
}

void HttpSession::readHeader()
{
    m_parser.emplace();
    m_parser->body_limit(m_options.maxBodyBytes);
    m_stream.expires_after(kIdleTimeout);
    http::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
}

void HttpSession::onHeader(beast::error_code ec)
{
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || m_closed)
        return close();
    if (ec)
        return answerAndClose(400, "Bad request");
    const auto& header = m_parser->get();
    if (header.has_content_length() && header.payload_size() &&
        *header.payload_size() > m_options.maxBodyBytes) {
        return answerAndClose(413, "Payload is too large");
    }
    const auto expect = header[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
        auto bytes = std::make_shared<const std::string>("HTTP/1.1 100 Continue\r\n\r\n");
        net::async_write(
            m_stream, net::buffer(*bytes),
            [self = shared_from_this(), bytes](beast::error_code writeError, std::size_t) {
                if (writeError)
                    return self->close();
                self->readBody();
            });
        return;
    }
    readBody();
}

void HttpSession::readBody()
{
    http::async_read(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRequest(ec); });
}

void HttpSession::onRequest(beast::error_code ec)
{
    if (ec == http::error::body_limit)
        return answerAndClose(413, "Payload is too large");
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || m_closed)
        return close();
    if (ec)
        return answerAndClose(400, "Bad request");
    m_stream.expires_never();
    const auto& message = m_parser->get();
    m_keepAlive = message.keep_alive();
    m_httpVersion = message.version();
    HttpRequest request = toHttpRequest(message);
    m_parser.reset();
    m_handler(std::move(request), std::make_shared<SessionResponder>(shared_from_this()));
}

void HttpSession::answerAndClose(int status, const char* message)
{
    HttpResponse response =
        jsonResponse(status, QByteArray("{\n  \"error\" : \"") + message + "\"\n}\n");
    m_keepAlive = false;
    writeResponse(std::move(response));
}

void HttpSession::writeResponse(HttpResponse response)
{
    if (m_closed)
        return;
    http::response<http::string_body> message{static_cast<http::status>(response.status),
                                              m_httpVersion};
    for (const auto& [name, value] : response.headers)
        message.set(name.toStdString(), value.toStdString());
    message.body() = response.body.toStdString();
    message.keep_alive(m_keepAlive);
    message.prepare_payload();
    auto shared = std::make_shared<http::response<http::string_body>>(std::move(message));
    http::async_write(m_stream, *shared,
                      [self = shared_from_this(), shared](beast::error_code ec, std::size_t) {
                          if (ec || !self->m_keepAlive)
                              return self->close();
                          self->readHeader();
                      });
}

void HttpSession::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_keepAliveTimer.cancel();
    m_finalEventTimer.cancel();
    {
        // A stream's delivery thread may be sending: it must never meet a closed descriptor
        // (or another connection's that reused the number).
        std::lock_guard lock(m_streamMutex);
        m_streamClosed = true;
        m_queued.clear();
        m_queuedBytes = 0;
        beast::error_code ignored;
        m_stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
        m_stream.socket().close(ignored);
    }
    if (auto callback = std::exchange(m_onStreamClosed, nullptr))
        callback();
}

} // namespace oiso::server
