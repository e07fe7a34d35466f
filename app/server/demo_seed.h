#pragma once

#include "protocol/node.h"

#include <QString>
#include <QStringView>

#include <map>
#include <vector>

namespace oiso::server {

// One demo login. The password is only for AuthService::ensureAccount; it never enters the tree.
struct DemoAccount {
    QString loginId, name, email, password, uid;
};

struct DemoMarket {
    protocol::Node tree;
    // In template order; the first one is the market's main character (sells and buys), the
    // natural account for the desktop app to sign in with.
    std::vector<DemoAccount> accounts;
    // Template key ("laptop") → the item's database key, for callers that want a known item.
    std::map<QString, QString> itemKeys;
};

// Builds the whole demo database root from :/demo/market.json in the web app's layout, plus
// `user_ids/<loginId>` = uid. Timestamps are placed relative to nowMs; message keys and all push
// keys are real push ids generated from those timestamps, so key order is time order.
// Deterministic for a given nowMs (and time zone, for the legacy date strings) except the random
// part of push ids. Returns an empty market when the bundled template cannot be read.
DemoMarket buildDemoMarket(qint64 nowMs);

// Where a demo image is served: request path "/static/images/x.png" → ":/demo/static/images/x.png";
// empty when there is no such bundled file or the path is anything but plain segments below
// "/static/" (dot segments, escapes, empty segments and odd characters are refused).
QString demoResourceForRequestPath(QStringView requestPath);

} // namespace oiso::server
