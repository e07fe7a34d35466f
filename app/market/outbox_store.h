#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace oiso::market {

// One message the user wrote, from the moment they pressed Enter until the server has it.
struct OutboxEntry {
    enum class State { Pending, Sent, Failed };

    qint64 id = 0; // order of writing (per room, messages are sent in this order)
    QString room;  // item key
    QString key;   // the message's push id, fixed at enqueue: a resend rewrites the same key
    QString senderId;
    QString text;
    qint64 createdMs = 0;
    State state = State::Pending;
    int attempts = 0; // attempts that reached the server and were refused
    QString error;    // the last failure, for the user (translated text)
};

// The durable outbox (SQLite, WAL, synchronous=FULL): an entry is on disk before enqueue()
// returns, survives the app being killed, and is resent on the next start. Sent entries are kept
// for a while (pruneSent) as a record of what this profile wrote. Lives on one thread.
//
// It is precious, unlike the cache: a damaged file is moved aside (kept for recovery, named in
// errorString()) and a new one started, rather than deleted.
class OutboxStore {
public:
    explicit OutboxStore(const QString& filePath);
    ~OutboxStore();
    OutboxStore(const OutboxStore&) = delete;
    OutboxStore& operator=(const OutboxStore&) = delete;

    bool isOpen() const;
    // Why the store is not open, the last failure, or (after opening) that a damaged file was
    // moved aside and where it is kept. Translated where the user may see it.
    QString errorString() const;

    // Stores a new Pending entry (id assigned) durably; false when the disk refused it, or when
    // the entry has no room or key or its key is already in the outbox. A createdMs of 0 is set
    // to now.
    bool enqueue(OutboxEntry& entry);

    std::vector<OutboxEntry> pending() const;                   // every room, in id order
    std::vector<OutboxEntry> unsent(const QString& room) const; // Pending and Failed, id order
    std::optional<OutboxEntry> entry(const QString& key) const;
    int countForRoom(const QString& room) const; // every state

    // Each returns false when no entry has that key (or its state does not allow the change).
    bool markSent(const QString& key); // from any state: the server has it (true again if Sent)
    // Pending (or Failed) → Failed with the error; attempts unchanged. Not for Sent entries.
    bool markFailed(const QString& key, const QString& error);
    // A refused attempt that will be tried again: attempts + 1, error kept.
    bool recordAttempt(const QString& key, const QString& error);
    bool retry(const QString& key);  // Failed → Pending, attempts and error reset
    bool remove(const QString& key); // only Failed or Pending entries; false otherwise

    void pruneSent(qint64 olderThanMs); // drops Sent entries created before that time

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Unsent text per room, kept across restarts (same file as the outbox: both are the user's own
// words). Saving empty text removes the draft.
class DraftStore {
public:
    explicit DraftStore(const QString& filePath);
    ~DraftStore();
    DraftStore(const DraftStore&) = delete;
    DraftStore& operator=(const DraftStore&) = delete;

    bool isOpen() const;
    QString errorString() const; // as OutboxStore's: each store checks the file it opens
    bool save(const QString& room, const QString& text);
    QString draft(const QString& room) const;
    std::vector<std::pair<QString, QString>> all() const; // (room, text)

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace oiso::market
