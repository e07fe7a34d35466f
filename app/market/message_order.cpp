#include "message_order.h"

#include "protocol/ordering.h"

namespace oiso::market {

bool messageKeyLess(const QString& a, const QString& b)
{
    const QByteArray left = a.toUtf8();
    const QByteArray right = b.toUtf8();
    return protocol::compareKeys({left.constData(), std::size_t(left.size())},
                                 {right.constData(), std::size_t(right.size())}) < 0;
}

} // namespace oiso::market
