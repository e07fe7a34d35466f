// TEMPORARY until the demo-data component lands: an empty market (the lead replaces this file).
#include "demo_seed.h"

namespace oiso::server {

DemoMarket buildDemoMarket(qint64)
{
    return {};
}

QString demoResourceForRequestPath(QStringView)
{
    return {};
}

} // namespace oiso::server
