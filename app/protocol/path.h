#pragma once

#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oiso::protocol {

// A database location: the keys from the root, already percent-decoded.
using Path = std::vector<std::string>;

inline constexpr std::size_t kMaxKeyBytes = 768;
inline constexpr std::size_t kMaxPathBytes = 768;
inline constexpr std::size_t kMaxDepth = 32;

// Why a key or path is not acceptable, in the words the service uses; empty when valid.
QString keyError(std::string_view key);

// Splits "a/b/c" (leading, trailing and doubled slashes ignored) and validates each key and the
// whole path's length and depth. On failure returns nullopt and sets *error.
std::optional<Path> parsePath(std::string_view slashSeparated, QString* error = nullptr);

// "/a/b" for {"a","b"}; "/" for the root.
std::string pathToString(const Path& path);

bool isPrefix(const Path& prefix, const Path& path);
Path concat(const Path& a, const Path& b);
Path relativeTo(const Path& base, const Path& path); // requires isPrefix(base, path)

} // namespace oiso::protocol
