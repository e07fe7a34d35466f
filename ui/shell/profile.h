#pragma once

#include <QString>

#include <memory>

class QSettings;

namespace oiso::ui {

// Where one profile keeps its things. The default profile uses the platform's places (QSettings
// for organisation "Oiso" / application "Oiso Chat", the app-data and cache folders); a profile
// folder (--profile DIR) holds everything itself — settings.ini, data, cache — so two accounts
// can run side by side without sharing a file.
class Profile {
public:
    // Empty: the default profile.
    explicit Profile(const QString& directory = {});
    ~Profile();
    Profile(const Profile&) = delete;
    Profile& operator=(const Profile&) = delete;

    bool isDefault() const { return m_directory.isEmpty(); }
    QSettings& settings() const { return *m_settings; }

    QString dataDirectory() const;
    QString cacheDirectory() const;
    QString embeddedServerDirectory() const; // the built-in server's database
    // A signed-in user's stores (cache.sqlite, profile.sqlite with the outbox and drafts): one
    // folder per database and login id, so switching accounts never mixes anyone's unsent
    // messages or cached lists.
    QString sessionDirectory(const QString& databaseId, const QString& loginId) const;
    QString thumbnailCacheDirectory() const;
    // The single-instance key: the same for every launch of this profile by this user.
    QString instanceKey() const;

    // A folder name for a database ("embedded", or its host and namespace made file-safe).
    static QString databaseId(const QString& displayString, bool embedded);

private:
    QString m_directory; // absolute; empty for the default profile
    std::unique_ptr<QSettings> m_settings;
};

} // namespace oiso::ui
