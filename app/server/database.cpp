#include "database.h"

#include "journal.h"
#include "protocol/json.h"
#include "server_values.h"
#include "stream_events.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <atomic>

Q_LOGGING_CATEGORY(lcDatabase, "oiso.server.database")

namespace oiso::server {

using protocol::Node;
using protocol::Path;

namespace {

// Past this much log since the last snapshot, a new snapshot is written in the background so
// that start-up replays little.
constexpr qint64 kSnapshotThresholdBytes = 16 * 1024 * 1024;

QByteArray exportJson(const Node& value)
{
    return protocol::toJson(value, {protocol::JsonStyle::Compact, true});
}

} // namespace

Database::Database(QString name, QString directory)
    : m_name(std::move(name))
    , m_directory(std::move(directory))
    , m_journal(std::make_unique<Journal>(m_directory))
{
    // Each group commit's events leave together, once its callbacks have collected them.
    m_journal->setAfterCallbacks([this] { m_delivery.handOver(); });
}

Database::~Database()
{
    if (m_snapshotThread.joinable())
        m_snapshotThread.join();
    if (m_journal->bytesSinceSnapshot() > 0) {
        std::uint64_t token = 0;
        Node root;
        {
            std::lock_guard lock(m_mutex);
            token = m_journal->beginSnapshot();
            root = m_root;
        }
        QString error;
        if (!m_journal->finishSnapshot(token, exportJson(root), &error))
            qCWarning(lcDatabase) << "final snapshot of" << m_name << "failed:" << error;
    }
    m_journal.reset(); // syncs and delivers what is pending
}

bool Database::open(QString* error)
{
    auto recovered = m_journal->open(error);
    if (!recovered)
        return false;
    if (!recovered->snapshot.isEmpty()) {
        QString parseError;
        auto root = protocol::parseJson(recovered->snapshot, &parseError);
        if (!root) {
            if (error)
                *error = QStringLiteral("The snapshot of database \"%1\" is unreadable: %2")
                             .arg(m_name, parseError);
            return false;
        }
        m_root = std::move(*root);
    }
    for (const QByteArray& record : recovered->records)
        replay(record);
    if (recovered->discardedTailBytes > 0) {
        qCWarning(lcDatabase) << "database" << m_name << ": cut off"
                              << recovered->discardedTailBytes
                              << "bytes of an incomplete last write (a crash during a write that "
                                 "was never acknowledged)";
    }
    return true;
}

Node Database::read(const Path& path) const
{
    std::lock_guard lock(m_mutex);
    return m_root.at(path);
}

bool Database::isEmpty() const
{
    std::lock_guard lock(m_mutex);
    return m_root.isNull();
}

QByteArray Database::etagOf(const Node& value)
{
    if (value.isNull())
        return QByteArrayLiteral("null_etag");
    return QCryptographicHash::hash(exportJson(value), QCryptographicHash::Sha1).toBase64();
}

void Database::write(WriteRequest request, std::function<void(WriteOutcome)> done)
{
    WriteOutcome outcome;
    EventBatch events;
    std::uint64_t seq = 0;
    {
        std::lock_guard lock(m_mutex);
        if (request.kind == WriteRequest::Kind::Set && request.ifMatch) {
            const Node& current = m_root.at(request.path);
            QByteArray currentTag = etagOf(current);
            if (currentTag != *request.ifMatch) {
                outcome.status = 412;
                outcome.value = current;
                outcome.etag = std::move(currentTag);
                seq = m_journal->lastSequence();
                request = {}; // nothing to apply
            }
        }
        if (outcome.status == 200) {
            // One timestamp for every placeholder of this write (reference §5).
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            auto resolve = [&](const Path& base, const Node& value) {
                return resolveServerValues(
                    value, now,
                    [&](const Path& rel) -> const Node& {
                        return m_root.at(protocol::concat(base, rel));
                    },
                    &outcome.error);
            };
            bool ok = true;
            if (request.kind == WriteRequest::Kind::Set) {
                auto resolved = resolve(request.path, request.value);
                ok = resolved.has_value();
                if (ok)
                    request.value = std::move(*resolved);
            } else {
                for (auto& [rel, value] : request.updates) {
                    auto resolved = resolve(protocol::concat(request.path, rel), value);
                    if (!resolved) {
                        ok = false;
                        break;
                    }
                    value = std::move(*resolved);
                }
            }
            if (!ok) {
                outcome.status = 400;
                seq = m_journal->lastSequence();
            } else {
                std::vector<Path> written;
                if (request.kind == WriteRequest::Kind::Set) {
                    written.push_back(request.path);
                } else {
                    for (const auto& entry : request.updates)
                        written.push_back(protocol::concat(request.path, entry.first));
                }
                const BeforeValues before = valuesBeforeWrite(written);

                bool changed = false;
                if (request.kind == WriteRequest::Kind::Set) {
                    changed = m_root.set(request.path, request.value);
                    outcome.value = m_root.at(request.path);
                    outcome.etag = etagOf(outcome.value);
                } else {
                    for (const auto& [rel, value] : request.updates)
                        changed |= m_root.set(protocol::concat(request.path, rel), value);
                    outcome.updates = request.updates;
                }
                if (changed) {
                    seq = m_journal->append(journalRecord(request));
                    collectEvents(request, written, before, events);
                    maybeSnapshotLocked();
                } else {
                    // A no-op still waits for the writes it observed to be durable.
                    seq = m_journal->lastSequence();
                }
            }
        }
        // Registered under the lock, so callbacks are queued in commit order: events reach
        // every stream in the order the writes were applied. The writer is answered at once;
        // the events leave with the rest of the group commit's (EventDelivery).
        m_journal->whenDurable(seq, [this, events = std::move(events), outcome = std::move(outcome),
                                     done = std::move(done)]() mutable {
            for (auto& [streams, bytes] : events.events)
                m_delivery.add(std::move(streams), std::move(bytes));
            done(std::move(outcome));
        });
    }
}

QByteArray Database::journalRecord(const WriteRequest& applied) const
{
    // A record is a list of [path, value] replacements applied together: a PATCH is atomic on
    // replay exactly as it was when it was written.
    QByteArray record = "[";
    auto append = [&record](const Path& path, const Node& value) {
        if (record.size() > 1)
            record += ',';
        record += '[';
        protocol::appendJsonString(record, protocol::pathToString(path));
        record += ',';
        record += exportJson(value);
        record += ']';
    };
    if (applied.kind == WriteRequest::Kind::Set) {
        append(applied.path, applied.value);
    } else {
        for (const auto& [rel, value] : applied.updates)
            append(protocol::concat(applied.path, rel), value);
    }
    record += ']';
    return record;
}

void Database::replay(const QByteArray& record)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(record, &parseError);
    if (!doc.isArray()) {
        // The journal's CRC passed, so this is a record we wrote; never expected.
        qCWarning(lcDatabase) << "skipping an unreadable journal record in" << m_name;
        return;
    }
    const QJsonArray entries = doc.array();
    for (const auto& entry : entries) {
        const QJsonArray pair = entry.toArray();
        const auto path = protocol::parsePath(pair.at(0).toString().toStdString());
        auto value = protocol::fromJsonValue(pair.at(1));
        if (path && value)
            m_root.set(*path, std::move(*value));
    }
}

void Database::maybeSnapshotLocked()
{
    if (m_journal->bytesSinceSnapshot() < kSnapshotThresholdBytes)
        return;
    if (m_snapshotThread.joinable()) {
        if (!m_snapshotDone.load())
            return; // one at a time
        m_snapshotThread.join();
    }
    m_snapshotDone = false;
    const std::uint64_t token = m_journal->beginSnapshot();
    // The copy shares the whole tree; later writes copy only the levels they touch.
    m_snapshotThread = std::thread([this, token, root = m_root] {
        QString error;
        if (!m_journal->finishSnapshot(token, exportJson(root), &error))
            qCWarning(lcDatabase) << "snapshot of" << m_name << "failed:" << error;
        m_snapshotDone = true;
    });
}

std::uint64_t Database::subscribe(Path path, protocol::Query query, EventSink sink)
{
    auto sub = std::make_shared<Subscription>();
    sub->path = std::move(path);
    sub->query = std::move(query);
    sub->sink = std::move(sink);
    std::uint64_t id = 0;
    QByteArray initial;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextSubscriptionId++;
        const Node& location = m_root.at(sub->path);
        Node value;
        if (sub->query.isEmpty()) {
            value = location;
        } else {
            for (auto& [key, child] : protocol::queryChildren(location, sub->query))
                sub->window.emplace(key, child);
            value = protocol::applyQuery(location, sub->query);
        }
        initial = putEvent(Path{}, value);
        m_subscriptions.emplace(id, sub);
        if (sub->query.isEmpty()) {
            auto& streams = m_plainStreams[sub->path];
            auto grown = streams ? std::make_shared<EventTargets>(*streams)
                                 : std::make_shared<EventTargets>();
            grown->push_back(sub);
            streams = std::move(grown);
        } else {
            m_queryStreams.emplace(id, sub);
        }
        // Delivered through the journal, registered under the lock: it lands after the writes
        // it reflects are durable and before the events of any later write.
        m_journal->whenDurable(m_journal->lastSequence(), [this, sub, initial] {
            m_delivery.add(std::make_shared<const EventTargets>(EventTargets{sub}), initial);
        });
    }
    return id;
}

void Database::unsubscribe(std::uint64_t id)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_subscriptions.find(id);
    if (it == m_subscriptions.end())
        return;
    const std::shared_ptr<Subscription>& sub = it->second;
    sub->active.store(false, std::memory_order_release);
    if (sub->query.isEmpty()) {
        const auto streams = m_plainStreams.find(sub->path);
        auto shrunk = std::make_shared<EventTargets>();
        for (const auto& other : *streams->second) {
            if (other != sub)
                shrunk->push_back(other);
        }
        if (shrunk->empty())
            m_plainStreams.erase(streams);
        else
            streams->second = std::move(shrunk);
    } else {
        m_queryStreams.erase(id);
    }
    m_subscriptions.erase(it);
}

std::size_t Database::subscriberCount() const
{
    std::lock_guard lock(m_mutex);
    return m_subscriptions.size();
}

void Database::sync()
{
    m_journal->sync();
}

} // namespace oiso::server
