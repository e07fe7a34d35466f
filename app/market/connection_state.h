#pragma once

#include <QMetaType>

namespace oiso::market {

// What the UI shows about the connection: live data, connecting (showing cached data
// meanwhile), offline (cached data, retrying), or signed out (the credential is no longer
// accepted: sign in again).
enum class ConnectionState { Connecting, Live, Offline, SignedOut };

} // namespace oiso::market

Q_DECLARE_METATYPE(oiso::market::ConnectionState)
