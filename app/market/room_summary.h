#pragma once

#include "chat_message.h"
#include "protocol/node.h"

#include <QString>

#include <optional>

namespace oiso::market {

// chat_summary/<loginId>/<itemKey> (ours): {last: {key, id, msg, timestamp}, read: <messageKey>}.
// `last` is written by every sender to every member of the room in the same multi-path update as
// the message (fan-out on write), so one stream per user keeps every list row live. `read` is the
// owner's read mark: the key of the newest message they have seen in that room.
struct RoomSummary {
    QString itemKey;
    std::optional<ChatMessage> last;
    QString readKey;
};

RoomSummary summaryFromNode(const QString& itemKey, const protocol::Node& node);

// The `last` record for a message being sent: {key, id, msg, timestamp: server time}.
protocol::Node summaryLastNode(const QString& messageKey, const QString& senderId,
                               const QString& text);

} // namespace oiso::market
