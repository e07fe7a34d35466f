#include "send_plan.h"

#include "chat_message.h"
#include "market_paths.h"
#include "room_summary.h"

namespace oiso::market {

SendPlan planSend(const std::vector<OutboxEntry>& entries, const QStringList& members)
{
    SendPlan plan;
    if (entries.empty())
        return plan;
    const OutboxEntry& newest = entries.back();
    const QString& room = newest.room;

    for (const OutboxEntry& entry : entries)
        plan.updates.emplace_back(paths::message(room, entry.key),
                                  newMessageNode(entry.senderId, entry.text));

    protocol::Path member = paths::roomMembers(room);
    member.push_back(utf8(newest.senderId));
    plan.updates.emplace_back(std::move(member), protocol::Node::boolean(true));

    // Every member's list row follows from this one write; the sender's own too, so their other
    // devices see it. Members are de-duplicated: overlapping PATCH paths are refused.
    QStringList recipients = members;
    if (!recipients.contains(newest.senderId))
        recipients.append(newest.senderId);
    recipients.removeDuplicates();
    const protocol::Node last = summaryLastNode(newest.key, newest.senderId, newest.text);
    for (const QString& recipient : std::as_const(recipients)) {
        if (recipient.isEmpty() || !protocol::keyError(utf8(recipient)).isEmpty())
            continue; // a legacy sender id that cannot be a key gets no summary
        protocol::Path at = paths::summary(recipient, room);
        at.push_back(kSummaryLast);
        plan.updates.emplace_back(std::move(at), last);
    }
    return plan;
}

} // namespace oiso::market
