#pragma once

#include "buyer_entry.h"
#include "chat_list_service.h"
#include "item.h"
#include "room_summary.h"

#include <QString>
#include <QUrl>

#include <map>
#include <vector>

namespace oiso::market {

class DraftStore;
class LocalCache;

// What the chat list knows from its streams (or, before they answer, from the cache).
struct ChatListData {
    QString me;
    QUrl imageBase;
    std::map<QString, Item> selling;          // my items, by item key
    std::map<QString, BuyerChatEntry> buying; // by item key
    std::map<QString, Purchase> purchases;    // by buylist push key
    std::map<QString, RoomSummary> summaries; // chat_summary/<me>, by item key
};

// The rows of one list, newest conversation first: joins what the streams said with the cache
// (newest message, unread count, senders, items of buying rows) and the drafts. One pass over
// the cache's indexes for all rooms of the list, so it is cheap enough to redo on every change.
std::vector<ChatListRow> buildRows(ListKind kind, const ChatListData& data, const LocalCache& cache,
                                   const DraftStore& drafts);

} // namespace oiso::market
