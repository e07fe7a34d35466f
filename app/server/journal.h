#pragma once

#include <QByteArray>
#include <QString>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace oiso::server {

// The durable store of one database: an append-only log of write records plus periodic
// snapshots. A record is acknowledged (its whenDurable callback runs) only after fdatasync, and
// concurrent writers share one fdatasync (group commit). Each record is framed with its length
// and a CRC-32, so a torn or corrupt tail left by a crash is detected, reported and cut off on
// the next open; everything before it is kept.
//
// Files in the directory: `snapshot.json` (+ a small header naming the first log segment it does
// not cover) and `log-<n>.oisolog` segments. Snapshots are written to a temporary file, synced and
// renamed, so a crash mid-snapshot leaves the previous one intact.
class Journal {
public:
    struct Recovered {
        QByteArray snapshot;             // JSON of the tree at the snapshot; empty = no snapshot
        std::vector<QByteArray> records; // payloads appended after the snapshot, in order
        qint64 discardedTailBytes = 0;   // bytes of a torn/corrupt tail that were cut off
    };

    explicit Journal(QString directory);
    ~Journal(); // syncs what was appended, runs pending callbacks, stops the sync thread
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // Creates the directory if needed and reads what is on disk. Must be called once, before
    // anything else. On failure (unreadable directory, unreadable snapshot) sets *error.
    std::optional<Recovered> open(QString* error);

    // Writes a record to the log (to the OS, not yet synced) and returns its sequence number,
    // starting at 1 and increasing by one. Callers serialise appends (the database write lock),
    // which fixes commit order.
    std::uint64_t append(QByteArrayView payload);

    // Runs `done` on the journal's sync thread once every record up to and including `seq` is on
    // disk; callbacks run in order of seq (and in registration order for equal seq). A seq of 0 or
    // one already synced runs `done` as soon as the callbacks registered before it have run.
    void whenDurable(std::uint64_t seq, std::function<void()> done);

    // Runs `hook` on the sync thread after each run of ready whenDurable callbacks (usually the
    // ones one fdatasync made durable), before the next sync starts. Callers that only collect
    // work in their callbacks hand it on here, once per group commit instead of once per record.
    // Set it before open().
    void setAfterCallbacks(std::function<void()> hook);

    // Blocks until everything appended so far is on disk (tests, shutdown).
    void sync();

    // The sequence number of the last appended record (0 when none).
    std::uint64_t lastSequence() const;

    // Snapshot support, in two steps so the expensive serialisation happens outside the caller's
    // lock. beginSnapshot() is called under the database write lock: it starts a new log segment
    // and returns a token naming it. finishSnapshot() is called later, from any thread, with the
    // JSON of the tree as it was at beginSnapshot(); it writes and syncs the snapshot and deletes
    // the segments the snapshot covers.
    std::uint64_t beginSnapshot();
    bool finishSnapshot(std::uint64_t token, const QByteArray& treeJson, QString* error);

    // Bytes appended since the last snapshot started (the database snapshots past a threshold).
    qint64 bytesSinceSnapshot() const;

private:
    // Implementation detail; the helper that writes journal.cpp may change everything below.
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace oiso::server
