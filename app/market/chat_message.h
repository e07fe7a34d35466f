#pragma once

#include "protocol/node.h"

#include <QString>

#include <optional>

namespace oiso::market {

// chatlist/<itemKey>/<messageKey> = {id, msg, timestamp}. Messages are ordered by key (push keys
// sort by creation time), never by the sender's clock.
struct ChatMessage {
    QString key;
    QString senderId; // the sender's login id; empty when missing
    QString text;
    // Milliseconds since the epoch: the server time we write, a legacy string the web app wrote
    // ("2024-05-01 13:22:10", read as Korean time, or ISO 8601), or — when neither is readable —
    // the time encoded in a push-id key. nullopt when nothing gives a time.
    std::optional<qint64> timestampMs;
    protocol::Node raw;

    friend bool operator==(const ChatMessage& a, const ChatMessage& b)
    {
        return a.key == b.key && a.senderId == b.senderId && a.text == b.text &&
               a.timestampMs == b.timestampMs;
    }
};

ChatMessage messageFromNode(const QString& key, const protocol::Node& node);

// A timestamp field: a number (ms since the epoch; values below 10^11 are taken as seconds), a
// numeric string, "yyyy-MM-dd HH:mm[:ss]" / "yyyy.MM.dd HH:mm" (Asia/Seoul, as the web app
// runs there) or ISO 8601 with a zone. nullopt when unreadable.
std::optional<qint64> parseTimestamp(const protocol::Node& value);

// The record a new message is written as: {id, msg, timestamp: {".sv": "timestamp"}}.
protocol::Node newMessageNode(const QString& senderId, const QString& text);

} // namespace oiso::market
