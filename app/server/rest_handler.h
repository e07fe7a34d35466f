#pragma once

#include "http_server.h"

#include <memory>

namespace oiso::protocol {
class PushIdGenerator;
}

namespace oiso::server {

class AuthService;
class DatabaseRegistry;
struct RestCall;

// The Realtime Database REST and streaming API (reference §2–§6): `/<path>.json` with GET, PUT,
// POST, PATCH and DELETE, queries, ETags, server values and event streams.
class RestHandler {
public:
    RestHandler(DatabaseRegistry& databases, AuthService& auth, protocol::PushIdGenerator& pushIds);

    static bool isRestRequest(const HttpRequest& request);
    void handle(const HttpRequest& request, const std::shared_ptr<Responder>& responder);

private:
    void get(const RestCall& call, const HttpRequest& request,
             const std::shared_ptr<Responder>& responder);
    void stream(const RestCall& call, const std::shared_ptr<Responder>& responder);
    void write(const RestCall& call, const HttpRequest& request,
               const std::shared_ptr<Responder>& responder);

    DatabaseRegistry& m_databases;
    AuthService& m_auth;
    protocol::PushIdGenerator& m_pushIds;
};

// The service's error body: `{\n  "error" : "<text>"\n}\n` (pretty-printed, as production does).
HttpResponse errorResponse(int status, const QString& message);

} // namespace oiso::server
