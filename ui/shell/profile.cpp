#include "ui/shell/profile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace oiso::ui {

namespace {

QString fileSafe(const QString& text)
{
    QString safe;
    for (QChar c : text) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                           (c >= u'0' && c <= u'9') || c == u'-' || c == u'_' || c == u'.';
        safe.append(plain ? c : QChar(u'_'));
    }
    return safe;
}

QString userName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("USERNAME");
    return name;
}

} // namespace

Profile::Profile(const QString& directory)
{
    if (directory.isEmpty()) {
        m_settings = std::make_unique<QSettings>();
    } else {
        m_directory = QDir(directory).absolutePath();
        QDir().mkpath(m_directory);
        m_settings = std::make_unique<QSettings>(
            QDir(m_directory).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    }
}

Profile::~Profile() = default;

QString Profile::dataDirectory() const
{
    if (!isDefault())
        return QDir(m_directory).filePath(QStringLiteral("data"));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Profile::cacheDirectory() const
{
    if (!isDefault())
        return QDir(m_directory).filePath(QStringLiteral("cache"));
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
}

QString Profile::embeddedServerDirectory() const
{
    if (!isDefault())
        return QDir(m_directory).filePath(QStringLiteral("embedded-server"));
    return QDir(dataDirectory()).filePath(QStringLiteral("embedded-server"));
}

QString Profile::sessionDirectory(const QString& databaseId, const QString& loginId) const
{
    return QDir(dataDirectory())
        .filePath(QStringLiteral("accounts/") + databaseId + u'/' + fileSafe(loginId));
}

QString Profile::thumbnailCacheDirectory() const
{
    return QDir(cacheDirectory()).filePath(QStringLiteral("thumbnails"));
}

QString Profile::instanceKey() const
{
    // Local socket names are short on some systems (sun_path is ~100 bytes): a hash of the
    // profile and the user keeps it short and unique.
    const QString identity =
        (isDefault() ? QStringLiteral("default") : m_directory) + QStringLiteral("|") + userName();
    const QByteArray hash =
        QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("oiso-chat-") + QString::fromLatin1(hash);
}

QString Profile::databaseId(const QString& displayString, bool embedded)
{
    if (embedded)
        return QStringLiteral("embedded");
    return fileSafe(displayString);
}

} // namespace oiso::ui
