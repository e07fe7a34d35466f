#pragma once

#include "protocol/node.h"
#include "protocol/query.h"
#include "rtdb/rtdb_error.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oiso::rtdb {

// The outcome of one database call, delivered once through finished(). The caller owns the
// reply (delete it, or use then(), which does). Cancelling finishes it at once with
// RtdbError::Kind::Cancelled; nothing arrives after that.
class RtdbReply : public QObject {
    Q_OBJECT

public:
    explicit RtdbReply(QObject* parent = nullptr)
        : QObject(parent)
    {
    }

    bool isFinished() const { return m_finished; }
    const RtdbError& error() const { return m_error; }
    bool ok() const { return m_finished && !m_error; }

    // GET: the value (a query's surviving children as an object); PUT/PATCH: the written value
    // as the server resolved it; 412: the current value; print=silent and DELETE: null.
    const protocol::Node& value() const { return m_value; }
    // The ETag when asked for, and always on a 412 (for the next attempt). "null_etag" = empty.
    QByteArray etag() const { return m_etag; }
    // push(): the client-generated key the value was written under.
    QString pushKey() const { return m_pushKey; }
    // transaction(): false when the update function aborted (the value is then the current one).
    bool committed() const { return m_committed; }
    int attempts() const { return m_attempts; }

    // The children of value() in the query's order (Firebase's comparator, §3.6), since a JSON
    // object carries no order (§13 pitfall 1); key order for a plain read.
    std::vector<std::pair<std::string, protocol::Node>> orderedChildren() const;

    void cancel();

    // Runs `handler` when finished (at once if it already is), as long as `context` lives, then
    // deletes the reply.
    void then(QObject* context, std::function<void(RtdbReply&)> handler);

signals:
    void finished();

private:
    friend class RtdbClient;
    friend class RequestRun;

    void finish(RtdbError error);

    bool m_finished = false;
    RtdbError m_error;
    protocol::Node m_value;
    QByteArray m_etag;
    QString m_pushKey;
    protocol::Query m_query;
    bool m_committed = true;
    int m_attempts = 0;
};

} // namespace oiso::rtdb
