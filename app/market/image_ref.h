#pragma once

#include "protocol/node.h"

#include <QStringList>
#include <QUrl>

namespace oiso::market {

// `img_path` as the web app stores it: a list of paths, one path as a string, or missing. Paths
// are returned as stored (relative like "static/images/a.png", or absolute http(s) URLs); empty
// strings and non-text entries are skipped.
QStringList imagePathsFromNode(const protocol::Node& node);

// The URL to load an image path from: absolute http(s) URLs as they are; relative paths (with or
// without a leading "/") against `imageBase` (the web app's address, or the embedded server's).
// Anything else (other schemes, empty) gives an invalid URL, and the UI shows its placeholder.
QUrl resolveImageUrl(const QString& path, const QUrl& imageBase);

// The first resolvable image of a list, or an invalid URL.
QUrl firstImageUrl(const QStringList& paths, const QUrl& imageBase);

// The value written back for a list of paths (a JSON list, as the web app writes it).
protocol::Node imagePathsToNode(const QStringList& paths);

} // namespace oiso::market
