#pragma once

#include <QString>
#include <QUrl>

namespace oiso::rtdb {
class RtdbClient;
}

namespace oiso::market {

class LocalCache;
class OutboxStore;
class DraftStore;
class RoomActivity;

// What every market service works with, passed in through constructors (no singletons): the
// database client, the signed-in user's login id, the stores of their profile and the hub that
// tells services about each other's changes. The MarketSession owns all of it.
struct MarketContext {
    rtdb::RtdbClient& client;
    LocalCache& cache;
    OutboxStore& outbox;
    DraftStore& drafts;
    RoomActivity& activity;
    QString me;     // login id
    QUrl imageBase; // relative img_path values resolve against it
};

} // namespace oiso::market
