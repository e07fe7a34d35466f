#include "market/user_profile.h"

#include "market/item.h"

namespace oiso::market {

UserProfile userFromNode(const QString& pushKey, const protocol::Node& node)
{
    UserProfile user;
    user.pushKey = pushKey;
    user.loginId = textField(node, "id");
    user.name = textField(node, "name");
    user.email = textField(node, "email");
    user.raw = node;
    return user;
}

} // namespace oiso::market
