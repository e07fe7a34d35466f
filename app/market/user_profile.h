#pragma once

#include "protocol/node.h"

#include <QString>

namespace oiso::market {

// users/<pushKey> = {id, name, email, phone, profile, …}: `id` is the login id.
struct UserProfile {
    QString pushKey;
    QString loginId;
    QString name;
    QString email;
    protocol::Node raw;
};

UserProfile userFromNode(const QString& pushKey, const protocol::Node& node);

} // namespace oiso::market
