#pragma once

#include "protocol/node.h"

#include <QString>
#include <QStringView>

#include <vector>

namespace oiso::server {

struct DemoAccount {
    QString loginId, name, email, password, uid;
};

struct DemoMarket {
    protocol::Node tree;
    std::vector<DemoAccount> accounts;
};

// Builds the whole demo database root from :/demo/market.json. Timestamps are placed relative to
// nowMs; message keys and all push keys are real push ids generated from those timestamps, so key
// order is time order.
DemoMarket buildDemoMarket(qint64 nowMs);

// Where a demo image is served: request path "/static/images/x.png" → ":/demo/static/images/x.png";
// empty when there is no such bundled file.
QString demoResourceForRequestPath(QStringView requestPath);

} // namespace oiso::server
