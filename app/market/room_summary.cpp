#include "market/room_summary.h"

#include "market/item.h"
#include "market/market_paths.h"
#include "rtdb/rtdb_client.h"

namespace oiso::market {

RoomSummary summaryFromNode(const QString& itemKey, const protocol::Node& node)
{
    RoomSummary summary;
    summary.itemKey = itemKey;
    // `last` is a copy of a message plus its key; anything but a record there is no message.
    const protocol::Node& last = recordField(node, kSummaryLast);
    if (last.isObject())
        summary.last = messageFromNode(textField(last, "key"), last);
    summary.readKey = textField(node, kSummaryRead);
    return summary;
}

protocol::Node summaryLastNode(const QString& messageKey, const QString& senderId,
                               const QString& text)
{
    return protocol::Node::object({{"key", protocol::Node::string(messageKey.toStdString())},
                                   {"id", protocol::Node::string(senderId.toStdString())},
                                   {"msg", protocol::Node::string(text.toStdString())},
                                   {"timestamp", rtdb::RtdbClient::serverTimestamp()}});
}

} // namespace oiso::market
