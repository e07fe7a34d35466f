#include "rtdb/database_location.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace oiso::rtdb {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(oiso::rtdb::DatabaseLocation)
};

bool isFirebaseHost(const QString& host)
{
    return host.endsWith(QLatin1String(".firebaseio.com")) ||
           host.endsWith(QLatin1String(".firebasedatabase.app"));
}

QByteArray encodeComponent(const QString& text)
{
    // Everything but RFC 3986 unreserved characters, so '+', '&', '=', '/', '%' and non-ASCII
    // reach the server as the literal characters they are.
    return QUrl::toPercentEncoding(text);
}

} // namespace

std::optional<DatabaseLocation> DatabaseLocation::parse(const QString& text, QString* error)
{
    auto fail = [&](const QString& message) -> std::optional<DatabaseLocation> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QUrl url = QUrl::fromUserInput(text.trimmed());
    if (!url.isValid() || url.host().isEmpty())
        return fail(Tr::tr("\"%1\" is not a database address. It looks like "
                           "https://<name>.firebaseio.com.")
                        .arg(text));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return fail(Tr::tr("A database address starts with https:// (or http:// for a local "
                           "server)."));
    const QString host = url.host().toLower();
    DatabaseLocation location;
    location.m_hosted = isFirebaseHost(host);
    if (location.m_hosted && scheme != QLatin1String("https"))
        return fail(Tr::tr("Firebase databases are only reachable over https://."));
    const QString path = url.path();
    if (!path.isEmpty() && path != QLatin1String("/"))
        return fail(Tr::tr("A database address has no path; use just https://%1.").arg(host));

    location.m_base.setScheme(scheme);
    location.m_base.setHost(host);
    if (url.port() != -1)
        location.m_base.setPort(url.port());
    location.m_ns = QUrlQuery(url).queryItemValue(QStringLiteral("ns"), QUrl::FullyDecoded);
    return location;
}

QString DatabaseLocation::displayString() const
{
    QString text = m_base.toString();
    if (!m_ns.isEmpty())
        text += QStringLiteral("?ns=") + m_ns;
    return text;
}

QUrl DatabaseLocation::restUrl(const protocol::Path& path,
                               const std::vector<std::pair<QString, QString>>& parameters) const
{
    QByteArray encodedPath;
    for (const std::string& key : path)
        encodedPath += '/' + encodeComponent(QString::fromStdString(key));
    encodedPath += "/.json"; // the root is "/.json"; "/a/.json" is the same as "/a.json" (§1.1)
    if (!path.empty())
        encodedPath.remove(encodedPath.size() - 6, 1);

    QByteArray encodedQuery;
    auto add = [&encodedQuery](const QString& name, const QString& value) {
        if (!encodedQuery.isEmpty())
            encodedQuery += '&';
        encodedQuery += encodeComponent(name) + '=' + encodeComponent(value);
    };
    if (!m_ns.isEmpty())
        add(QStringLiteral("ns"), m_ns);
    for (const auto& [name, value] : parameters)
        add(name, value);

    QByteArray full = m_base.toEncoded() + encodedPath;
    if (!encodedQuery.isEmpty())
        full += '?' + encodedQuery;
    return QUrl::fromEncoded(full, QUrl::StrictMode);
}

std::vector<std::pair<QString, QString>> queryParameters(const protocol::Query& query)
{
    std::vector<std::pair<QString, QString>> result;
    for (const auto& [name, value] : query.toParameters())
        result.emplace_back(QString::fromStdString(name), QString::fromStdString(value));
    return result;
}

} // namespace oiso::rtdb
