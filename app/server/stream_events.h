#pragma once

#include "protocol/node.h"
#include "protocol/path.h"

#include <QByteArray>

#include <utility>
#include <vector>

namespace oiso::server {

// Server-Sent Events in the framing of reference §6.2: `event: X\ndata: <compact JSON>\n\n`.
QByteArray putEvent(const protocol::Path& relativePath, const protocol::Node& data);
// A patch whose data keys are single child names relative to `relativePath`; null deletes.
QByteArray patchEvent(const protocol::Path& relativePath,
                      const std::vector<std::pair<std::string, protocol::Node>>& entries);
QByteArray keepAliveEvent();
QByteArray cancelEvent(const QString& reason);
QByteArray authRevokedEvent();

} // namespace oiso::server
