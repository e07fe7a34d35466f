#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

class QSettings;

namespace oiso::ui {

struct LaunchOptions;

enum class UiLanguage { System, Korean, English };

// The app's settings (QSettings, organisation "Oiso", application "Oiso Chat", or the profile's
// settings.ini): the keys oiso-cli reads too (database/url, database/apiKey) and the app's own.
// A thin typed view; the QSettings object is owned by the caller (the profile).
class AppSettings {
public:
    explicit AppSettings(QSettings& settings);

    QSettings& store() const { return m_settings; }

    QString databaseUrl() const;
    void setDatabaseUrl(const QString& url);
    QString apiKey() const;
    void setApiKey(const QString& key);
    QString imageBaseUrl() const;
    void setImageBaseUrl(const QString& url);
    UiLanguage language() const;
    void setLanguage(UiLanguage language);
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    // The demo account last used on the embedded server.
    QString demoUser() const;
    void setDemoUser(const QString& loginId);

    static QString languageCode(UiLanguage language); // "system", "ko", "en"
    static UiLanguage languageFromCode(const QString& code);

private:
    QSettings& m_settings;
};

// Where this run's data lives, after the command line, the environment and the settings have
// had their say: a hosted (or LAN) database when a URL is configured, else the embedded server.
struct BackendChoice {
    enum class Source { None, CommandLine, Environment, Settings };

    bool embedded = true;
    QString databaseUrl;
    QString apiKey;
    QUrl imageBase; // empty: the database's own address (the embedded server serves images)
    Source source = Source::None;
};

// Command line first, then OISO_DATABASE_URL / OISO_API_KEY, then the settings.
BackendChoice chooseBackend(const LaunchOptions& options, const AppSettings& settings,
                            const QProcessEnvironment& environment);

} // namespace oiso::ui
