#include "path.h"

#include <algorithm>

namespace oiso::protocol {

QString keyError(std::string_view key)
{
    if (key.empty())
        return QStringLiteral("Invalid key: keys must be non-empty strings");
    if (key.size() > kMaxKeyBytes)
        return QStringLiteral("Invalid key: keys must be at most 768 bytes of UTF-8");
    for (const char c : key) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F || c == '.' || c == '$' || c == '#' || c == '[' || c == ']' ||
            c == '/') {
            return QStringLiteral("Invalid key: \"%1\". Keys must not contain '/', '.', '#', "
                                  "'$', '[', ']' or control characters")
                .arg(QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size())));
        }
    }
    return {};
}

std::optional<Path> parsePath(std::string_view text, QString* error)
{
    Path path;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t slash = std::min(text.find('/', start), text.size());
        if (slash > start) {
            const std::string_view key = text.substr(start, slash - start);
            const QString problem = keyError(key);
            if (!problem.isEmpty()) {
                if (error)
                    *error = problem;
                return std::nullopt;
            }
            path.emplace_back(key);
        }
        start = slash + 1;
    }
    std::size_t bytes = 0;
    for (const auto& key : path)
        bytes += key.size() + 1;
    if (path.size() > kMaxDepth || bytes > kMaxPathBytes) {
        if (error)
            *error =
                QStringLiteral("Invalid path: paths must be at most 768 bytes and 32 keys deep");
        return std::nullopt;
    }
    return path;
}

std::string pathToString(const Path& path)
{
    if (path.empty())
        return "/";
    std::string out;
    for (const auto& key : path) {
        out += '/';
        out += key;
    }
    return out;
}

bool isPrefix(const Path& prefix, const Path& path)
{
    return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

Path concat(const Path& a, const Path& b)
{
    Path out = a;
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

Path relativeTo(const Path& base, const Path& path)
{
    return Path(path.begin() + static_cast<std::ptrdiff_t>(base.size()), path.end());
}

} // namespace oiso::protocol
