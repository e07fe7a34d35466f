#pragma once

#include "protocol/node.h"
#include "rtdb/backoff.h"
#include "rtdb/http_exchange.h"
#include "rtdb/rtdb_client.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace oiso::rtdb {

// What one REST call sends, fixed before the first attempt so every retry is identical.
struct RequestPlan {
    QByteArray method;
    protocol::Path path;
    std::vector<std::pair<QString, QString>> parameters;
    QByteArray body;
    HttpHeaders headers;
    bool idempotent = true;
    // The value a conditional write sends, when it holds no server value: a 412 on a retry that
    // shows exactly this value means the first attempt did land (its answer was lost).
    std::optional<protocol::Node> conditionalValue;
    protocol::Query query;
    QString pushKey;
};

// Drives one call to its end: fresh credentials, the HTTP exchange, one token refresh and retry
// on 401, retries of transient failures with backoff for idempotent calls, and decoding of the
// answer into the reply. A child of the reply, so a cancelled or deleted reply stops it.
class RequestRun : public QObject {
    Q_OBJECT

public:
    RequestRun(RtdbClient& client, RequestPlan plan, RtdbReply* reply);
    void start();

private:
    void attempt();
    void send();
    void onResult(const HttpResult& result);
    bool retryLater(const RtdbError& error);
    void succeed(const HttpResult& result);

    RtdbClient& m_client;
    RequestPlan m_plan;
    RtdbReply* m_reply;
    QPointer<HttpExchange> m_exchange;
    QElapsedTimer m_elapsed;
    Backoff m_backoff;
    bool m_refreshedAfter401 = false;
};

} // namespace oiso::rtdb
