#include "market/image_ref.h"

#include <QRegularExpression>

namespace oiso::market {

namespace {

bool isWebScheme(const QString& scheme)
{
    return scheme.compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 ||
           scheme.compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

// RFC 3986 scheme syntax. Checked on the text rather than with QUrl, which would take
// "static/a:b.png" apart differently and accepts schemes we must refuse.
bool hasScheme(const QString& text)
{
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    return scheme.match(text).hasMatch();
}

// Image paths come from other users' records: only http(s) may cross the network, so a
// javascript:, file: or data: value can never be loaded (or open anything local).
QUrl absoluteImageUrl(const QString& text)
{
    const QUrl url(text, QUrl::TolerantMode);
    if (!url.isValid() || !isWebScheme(url.scheme()) || url.host().isEmpty())
        return {};
    return url;
}

QUrl relativeImageUrl(QString path, const QUrl& imageBase)
{
    if (!imageBase.isValid() || !isWebScheme(imageBase.scheme()) || imageBase.host().isEmpty())
        return {};
    // Windows-style separators are folded, and every leading slash is dropped: "/static/x" and
    // "static/x" mean the same file, and "//host/x" must stay a path on the image server rather
    // than name another host.
    path.replace(u'\\', u'/');
    while (path.startsWith(u'/'))
        path.remove(0, 1);
    if (path.isEmpty())
        return {};
    // The base names a folder even when written without its trailing slash.
    QUrl base = imageBase;
    if (!base.path().endsWith(u'/'))
        base.setPath(base.path() + u'/');
    const QUrl relative(path, QUrl::TolerantMode);
    if (!relative.isValid())
        return {};
    return base.resolved(relative);
}

} // namespace

QStringList imagePathsFromNode(const protocol::Node& node)
{
    QStringList paths;
    auto add = [&paths](const protocol::Node& entry) {
        if (entry.type() != protocol::Node::Type::String)
            return;
        const QString path = QString::fromStdString(entry.stringValue());
        if (!path.trimmed().isEmpty())
            paths.append(path);
    };
    if (node.isObject()) {
        // A JSON list arrives as an integer-keyed object without its nulls; push-keyed or named
        // children are taken too, all in key order.
        for (const auto& [key, entry] : node.children())
            add(entry);
    } else {
        add(node);
    }
    return paths;
}

QUrl resolveImageUrl(const QString& path, const QUrl& imageBase)
{
    const QString text = path.trimmed();
    if (text.isEmpty())
        return {};
    return hasScheme(text) ? absoluteImageUrl(text) : relativeImageUrl(text, imageBase);
}

QUrl firstImageUrl(const QStringList& paths, const QUrl& imageBase)
{
    for (const QString& path : paths) {
        const QUrl url = resolveImageUrl(path, imageBase);
        if (url.isValid())
            return url;
    }
    return {};
}

protocol::Node imagePathsToNode(const QStringList& paths)
{
    // Integer keys without holes, so the value is written (and read by the web app) as a list.
    protocol::Node::Children children;
    int index = 0;
    for (const QString& path : paths) {
        if (path.trimmed().isEmpty())
            continue;
        children.emplace(std::to_string(index++), protocol::Node::string(path.toStdString()));
    }
    return protocol::Node::object(std::move(children));
}

} // namespace oiso::market
