#include "market/market_paths.h"

namespace oiso::market {

std::string utf8(const QString& text)
{
    return text.toUtf8().toStdString();
}

namespace paths {

namespace {

// The top-level nodes. The web app's names are fixed by its code; ours are documented in
// docs/database.md.
constexpr const char* kUsers = "users";
constexpr const char* kItems = "item";
constexpr const char* kRooms = "chatlist";
constexpr const char* kBuyerChats = "buyer_chatlist";
constexpr const char* kPurchases = "buylist";
constexpr const char* kLoginOwners = "user_ids";
constexpr const char* kAccountLogins = "user_logins";
constexpr const char* kRoomMembers = "room_members";
constexpr const char* kSummaries = "chat_summary";

} // namespace

protocol::Path users()
{
    return {kUsers};
}

protocol::Path items()
{
    return {kItems};
}

protocol::Path item(const QString& itemKey)
{
    return {kItems, utf8(itemKey)};
}

protocol::Path room(const QString& itemKey)
{
    return {kRooms, utf8(itemKey)};
}

protocol::Path message(const QString& itemKey, const QString& messageKey)
{
    return {kRooms, utf8(itemKey), utf8(messageKey)};
}

protocol::Path buyerChats(const QString& loginId)
{
    return {kBuyerChats, utf8(loginId)};
}

protocol::Path buyerChat(const QString& loginId, const QString& itemKey)
{
    return {kBuyerChats, utf8(loginId), utf8(itemKey)};
}

protocol::Path purchases(const QString& loginId)
{
    return {kPurchases, utf8(loginId)};
}

protocol::Path purchase(const QString& loginId, const QString& pushKey)
{
    return {kPurchases, utf8(loginId), utf8(pushKey)};
}

protocol::Path loginOwner(const QString& loginId)
{
    return {kLoginOwners, utf8(loginId)};
}

protocol::Path accountLogin(const QString& uid)
{
    return {kAccountLogins, utf8(uid)};
}

protocol::Path loginOwners()
{
    return {kLoginOwners};
}

protocol::Path roomMembers(const QString& itemKey)
{
    return {kRoomMembers, utf8(itemKey)};
}

protocol::Path summaries(const QString& loginId)
{
    return {kSummaries, utf8(loginId)};
}

protocol::Path summary(const QString& loginId, const QString& itemKey)
{
    return {kSummaries, utf8(loginId), utf8(itemKey)};
}

} // namespace paths

} // namespace oiso::market
