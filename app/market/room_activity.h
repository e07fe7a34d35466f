#pragma once

#include "outbox_store.h"

#include <QObject>
#include <QString>

namespace oiso::market {

// A hub through which the market services tell each other what changed, so a room window and
// the chat list stay consistent without knowing each other: an open room stores live messages in
// the cache and the list's row follows; the list learns of a read and clears the badge.
class RoomActivity : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

signals:
    // New or changed messages of `room` are in the cache.
    void messagesStored(const QString& room);
    // The user's read mark of `room` moved (locally or from another of their devices).
    void readMarkChanged(const QString& room);
    // An outbox entry was added or changed state (sending → sent / failed, retried, deleted).
    void outboxChanged(const oiso::market::OutboxEntry& entry);
    void outboxRemoved(const QString& room, const QString& key);
    // The draft of a room changed (the list shows "Draft: …").
    void draftChanged(const QString& room);
};

} // namespace oiso::market
