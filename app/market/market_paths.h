#pragma once

#include "protocol/path.h"

#include <QString>

namespace oiso::market {

// Every database location the market core reads or writes (docs/database.md). The web app's
// nodes first, then ours (additive; the web app ignores them). Keys are UTF-8 login ids, item
// keys and push ids exactly as they appear in the database.
namespace paths {

protocol::Path users();                      // users/<pushKey> = {id, name, …}
protocol::Path items();                      // item
protocol::Path item(const QString& itemKey); // item/<itemKey>
protocol::Path room(const QString& itemKey); // chatlist/<itemKey>
protocol::Path message(const QString& itemKey, const QString& messageKey);
protocol::Path buyerChats(const QString& loginId); // buyer_chatlist/<loginId>
protocol::Path buyerChat(const QString& loginId, const QString& itemKey);
protocol::Path purchases(const QString& loginId); // buylist/<loginId>
protocol::Path purchase(const QString& loginId, const QString& pushKey);

// Ours.
protocol::Path loginOwner(const QString& loginId);  // user_ids/<loginId> = uid
protocol::Path accountLogin(const QString& uid);    // user_logins/<uid> = loginId
protocol::Path loginOwners();                       // user_ids
protocol::Path roomMembers(const QString& itemKey); // room_members/<itemKey>/<loginId> = true
protocol::Path summaries(const QString& loginId);   // chat_summary/<loginId>
protocol::Path summary(const QString& loginId, const QString& itemKey);

} // namespace paths

// The children of a summary record (chat_summary/<loginId>/<itemKey>): `last` is written by
// every sender (fan-out on write), `read` only by its owner (the read mark).
inline constexpr const char* kSummaryLast = "last";
inline constexpr const char* kSummaryRead = "read";

std::string utf8(const QString& text);

} // namespace oiso::market
