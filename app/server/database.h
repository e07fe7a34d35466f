#pragma once

#include "event_delivery.h"
#include "protocol/node.h"
#include "protocol/query.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace oiso::server {

class Journal;

// One write, as the REST layer hands it over: a replace at a path (PUT, POST, DELETE) or a
// multi-path update (PATCH) whose entries are relative to `path`.
struct WriteRequest {
    enum class Kind { Set, Update };
    Kind kind = Kind::Set;
    protocol::Path path;
    protocol::Node value;                                           // Set (null deletes)
    std::vector<std::pair<protocol::Path, protocol::Node>> updates; // Update, relative paths
    std::optional<QByteArray> ifMatch;                              // Set only: conditional write
};

struct WriteOutcome {
    int status = 200;     // 200, or 412 when if-match did not match, 400 for a bad value
    QString error;        // with 400
    protocol::Node value; // 200 Set: the stored value at the path; 412: the current value
    std::vector<std::pair<protocol::Path, protocol::Node>> updates; // 200 Update: resolved entries
    QByteArray etag; // 200 Set / 412: ETag of `value`
};

// One namespace's data: the tree, its journal and its event streams. Writes are serialised by
// one lock, which fixes the commit order; each write is acknowledged, and its events delivered,
// only after the journal has it on disk, in commit order.
class Database {
public:
    // Receives complete SSE events ("event: put\ndata: …\n\n"), in commit order, once they are
    // durable, on the database's delivery thread; one call may carry the events of many writes
    // (event_delivery.h). It must not block. After unsubscribe() it gets nothing more, but for a
    // call that was already under way.
    using EventSink = std::function<void(const QByteArray& events)>;

    Database(QString name, QString directory);
    ~Database(); // syncs, and writes a snapshot so the next start is fast
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool open(QString* error);
    const QString& name() const { return m_name; }

    // A consistent copy of the value at a path (O(1); safe to serialise without the lock).
    protocol::Node read(const protocol::Path& path) const;
    bool isEmpty() const;

    // Applies a write and calls `done` once it is durable (immediately for a rejected one).
    // Server values are resolved with one timestamp, taken under the write lock.
    void write(WriteRequest request, std::function<void(WriteOutcome)> done);

    // Opens an event stream: the sink first gets a `put` at "/" with the current value (or the
    // query's result), then one event per change that touches the location.
    std::uint64_t subscribe(protocol::Path path, protocol::Query query, EventSink sink);
    void unsubscribe(std::uint64_t id);
    std::size_t subscriberCount() const;

    // Blocks until every acknowledged-or-pending write is on disk (tests, shutdown).
    void sync();

    // Base64 of the SHA-1 of the value's canonical JSON; "null_etag" for null.
    static QByteArray etagOf(const protocol::Node& value);

private:
    struct Subscription : EventTarget {
        protocol::Path path;
        protocol::Query query;
        // For query streams: the children in the window the client was last told about.
        std::map<std::string, protocol::Node, protocol::KeyLess> window;
    };
    struct EventBatch {
        std::vector<std::pair<std::shared_ptr<const EventTargets>, QByteArray>> events;
    };

    // Old values of the locations of streams without a query, by location.
    using BeforeValues = std::map<protocol::Path, protocol::Node>;
    BeforeValues valuesBeforeWrite(const std::vector<protocol::Path>& written) const;
    void collectEvents(const WriteRequest& applied, const std::vector<protocol::Path>& written,
                       const BeforeValues& before, EventBatch& events);
    QByteArray journalRecord(const WriteRequest& applied) const;
    void replay(const QByteArray& record);
    void maybeSnapshotLocked();
    QByteArray plainEvents(const WriteRequest& applied, const std::vector<protocol::Path>& written,
                           const BeforeValues& before, const protocol::Path& at) const;
    QByteArray queryDiffEvents(Subscription& sub);

    QString m_name;
    QString m_directory;
    std::unique_ptr<Journal> m_journal;

    mutable std::mutex m_mutex; // guards everything below
    protocol::Node m_root;
    std::map<std::uint64_t, std::shared_ptr<Subscription>> m_subscriptions; // every stream
    // Streams without a query get the same events as every other such stream on their location:
    // a write works them out once per location, not once per stream. A list is replaced, never
    // changed, when a stream comes or goes (EventTargets).
    std::map<protocol::Path, std::shared_ptr<const EventTargets>> m_plainStreams;
    std::map<std::uint64_t, std::shared_ptr<Subscription>> m_queryStreams; // each has its window
    std::uint64_t m_nextSubscriptionId = 1;
    std::thread m_snapshotThread;
    std::atomic<bool> m_snapshotDone{true};

    // Fed by the journal's callbacks, in commit order; outlives the journal (~Database).
    EventDelivery m_delivery;
};

} // namespace oiso::server
