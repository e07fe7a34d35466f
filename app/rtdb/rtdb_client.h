#pragma once

#include "protocol/node.h"
#include "protocol/path.h"
#include "protocol/pushid.h"
#include "protocol/query.h"
#include "rtdb/auth_session.h"
#include "rtdb/database_location.h"
#include "rtdb/rtdb_reply.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

class QNetworkAccessManager;

namespace oiso::rtdb {

struct RequestPlan;

struct GetOptions {
    protocol::Query query;
    bool shallow = false;
    bool withEtag = false;
};

struct WriteOptions {
    std::optional<QByteArray> ifMatch; // an ETag, or "null_etag" for create-if-absent
    bool withEtag = false;
    bool silent = false; // print=silent: 204, no echo
};

// A write whose echo nobody reads (print=silent).
inline WriteOptions silentWrite()
{
    WriteOptions options;
    options.silent = true;
    return options;
}

// How hard a call tries. Only idempotent calls are retried (GET, PUT, PATCH and DELETE without an
// increment), and only for transient failures (network, timeout, 5xx, 429), with capped
// exponential backoff and jitter, until the attempts or the overall deadline run out.
struct RetryPolicy {
    int maxAttempts = 4;
    int initialDelayMs = 250;
    int maxDelayMs = 8'000;
    int attemptTimeoutMs = 20'000;
    int deadlineMs = 60'000;
};

// The Realtime Database over REST (reference §2–§5, §8): reads with queries, writes, conditional
// writes, transactions, server values, client push ids. Lives in one thread and uses that
// thread's network manager, which is injected. Authentication comes from an AuthSession (may be
// null: unauthenticated requests). Knows nothing about items or chat.
class RtdbClient : public QObject {
    Q_OBJECT

public:
    RtdbClient(DatabaseLocation location, QNetworkAccessManager& manager,
               AuthSession* auth = nullptr, QObject* parent = nullptr);

    const DatabaseLocation& location() const { return m_location; }
    QNetworkAccessManager& networkManager() const { return m_manager; }
    AuthSession* auth() const { return m_auth; }
    const RetryPolicy& retryPolicy() const { return m_retry; }
    void setRetryPolicy(const RetryPolicy& policy) { m_retry = policy; }

    RtdbReply* get(const protocol::Path& path, const GetOptions& options = {});
    RtdbReply* set(const protocol::Path& path, const protocol::Node& value,
                   const WriteOptions& options = {});
    // A multi-path update: each entry replaces the value at `path` + entry path (a PATCH; nested
    // objects replace whole children, §13 pitfall 15). Paths must not overlap.
    RtdbReply* update(const protocol::Path& path,
                      const std::vector<std::pair<protocol::Path, protocol::Node>>& values,
                      const WriteOptions& options = {});
    RtdbReply* remove(const protocol::Path& path, const WriteOptions& options = {});
    // Writes `value` under a new client-generated push id with PUT, so a retry after a lost answer
    // rewrites the same key instead of adding a second one (§8, §13 pitfall 13).
    RtdbReply* push(const protocol::Path& parent, const protocol::Node& value);
    // Writes only if nothing is there (if-match: null_etag); PreconditionFailed otherwise, with
    // the value that is there.
    RtdbReply* createIfAbsent(const protocol::Path& path, const protocol::Node& value);

    // Reads the value with its ETag, asks `update` for the new value (nullopt aborts) and writes
    // it conditionally; on 412 tries again with the fresh value the server returned, at most
    // `maxAttempts` times (§4.4). The reply's value is the committed (or current) value.
    using TransactionUpdate = std::function<std::optional<protocol::Node>(const protocol::Node&)>;
    RtdbReply* transaction(const protocol::Path& path, TransactionUpdate update,
                           int maxAttempts = 25);

    std::string newPushId() { return m_pushIds.next(); }

    // Placeholders the server replaces (§5).
    static protocol::Node serverTimestamp();
    static protocol::Node serverIncrement(double delta);

private:
    RtdbReply* run(RequestPlan plan, RtdbReply* reply = nullptr);
    void transactionStep(RtdbReply* outer, const protocol::Path& path,
                         std::shared_ptr<TransactionUpdate> update, int attemptsLeft,
                         std::optional<std::pair<protocol::Node, QByteArray>> known);

    DatabaseLocation m_location;
    QNetworkAccessManager& m_manager;
    QPointer<AuthSession> m_auth;
    RetryPolicy m_retry;
    protocol::PushIdGenerator m_pushIds;
};

// True when the value holds {".sv": …} anywhere; `incrementOnly` restricts it to increments,
// which make a write non-idempotent.
bool containsServerValue(const protocol::Node& value, bool incrementOnly = false);

} // namespace oiso::rtdb
