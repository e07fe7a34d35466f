#pragma once

#include <QString>

namespace oiso::market {

// Messages are ordered by key in the Firebase key order (push keys sort by creation time;
// integer-like keys of array-shaped legacy rooms sort numerically first), never by the sender's
// clock.
bool messageKeyLess(const QString& a, const QString& b);

} // namespace oiso::market
