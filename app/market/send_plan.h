#pragma once

#include "item.h"
#include "outbox_store.h"
#include "protocol/node.h"
#include "protocol/path.h"

#include <QStringList>

#include <utility>
#include <vector>

namespace oiso::market {

// The one multi-path update (PATCH at the root) that sends a run of outbox entries of one room:
//   chatlist/<item>/<key>               = {id, msg, timestamp: server time}   for each entry
//   room_members/<item>/<sender>        = true
//   chat_summary/<member>/<item>/last   = the newest entry, for the sender and every member
// Every path is fixed by the entries (their keys were chosen at enqueue), so sending it again
// after any failure rewrites the same values: idempotent, never a duplicate message.
struct SendPlan {
    std::vector<std::pair<protocol::Path, protocol::Node>> updates;
};

// `entries` must be of one room, in outbox order, non-empty. `members`: the room's known
// members (the seller, room_members, senders seen); the sender is added when missing.
SendPlan planSend(const std::vector<OutboxEntry>& entries, const QStringList& members);

} // namespace oiso::market
