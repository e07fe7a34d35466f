#include "ui/shell/app_settings.h"

#include "ui/shell/launch_options.h"

#include <QSettings>

namespace oiso::ui {

namespace {

const QString kDatabaseUrl = QStringLiteral("database/url");
const QString kApiKey = QStringLiteral("database/apiKey");
const QString kImageBase = QStringLiteral("images/baseUrl");
const QString kLanguage = QStringLiteral("ui/language");
const QString kNotifications = QStringLiteral("notifications/enabled");
const QString kDemoUser = QStringLiteral("demo/user");

void setOrRemove(QSettings& settings, const QString& key, const QString& value)
{
    // An emptied field removes the key, so "no hosted database" is the absence of one.
    if (value.trimmed().isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, value.trimmed());
}

} // namespace

AppSettings::AppSettings(QSettings& settings)
    : m_settings(settings)
{
}

QString AppSettings::databaseUrl() const
{
    return m_settings.value(kDatabaseUrl).toString().trimmed();
}

void AppSettings::setDatabaseUrl(const QString& url)
{
    setOrRemove(m_settings, kDatabaseUrl, url);
}

QString AppSettings::apiKey() const
{
    return m_settings.value(kApiKey).toString().trimmed();
}

void AppSettings::setApiKey(const QString& key)
{
    setOrRemove(m_settings, kApiKey, key);
}

QString AppSettings::imageBaseUrl() const
{
    return m_settings.value(kImageBase).toString().trimmed();
}

void AppSettings::setImageBaseUrl(const QString& url)
{
    setOrRemove(m_settings, kImageBase, url);
}

UiLanguage AppSettings::language() const
{
    return languageFromCode(m_settings.value(kLanguage).toString());
}

void AppSettings::setLanguage(UiLanguage language)
{
    m_settings.setValue(kLanguage, languageCode(language));
}

bool AppSettings::notificationsEnabled() const
{
    return m_settings.value(kNotifications, true).toBool();
}

void AppSettings::setNotificationsEnabled(bool enabled)
{
    m_settings.setValue(kNotifications, enabled);
}

QString AppSettings::demoUser() const
{
    return m_settings.value(kDemoUser).toString().trimmed();
}

void AppSettings::setDemoUser(const QString& loginId)
{
    setOrRemove(m_settings, kDemoUser, loginId);
}

QString AppSettings::languageCode(UiLanguage language)
{
    switch (language) {
    case UiLanguage::Korean:
        return QStringLiteral("ko");
    case UiLanguage::English:
        return QStringLiteral("en");
    case UiLanguage::System:
        break;
    }
    return QStringLiteral("system");
}

UiLanguage AppSettings::languageFromCode(const QString& code)
{
    if (code.compare(QLatin1String("ko"), Qt::CaseInsensitive) == 0)
        return UiLanguage::Korean;
    if (code.compare(QLatin1String("en"), Qt::CaseInsensitive) == 0)
        return UiLanguage::English;
    return UiLanguage::System;
}

BackendChoice chooseBackend(const LaunchOptions& options, const AppSettings& settings,
                            const QProcessEnvironment& environment)
{
    BackendChoice choice;
    const QString envUrl = environment.value(QStringLiteral("OISO_DATABASE_URL")).trimmed();
    const QString envKey = environment.value(QStringLiteral("OISO_API_KEY")).trimmed();
    if (!options.databaseUrl.isEmpty()) {
        choice.databaseUrl = options.databaseUrl;
        choice.source = BackendChoice::Source::CommandLine;
    } else if (!envUrl.isEmpty()) {
        choice.databaseUrl = envUrl;
        choice.source = BackendChoice::Source::Environment;
    } else if (!settings.databaseUrl().isEmpty()) {
        choice.databaseUrl = settings.databaseUrl();
        choice.source = BackendChoice::Source::Settings;
    }
    choice.embedded = choice.databaseUrl.isEmpty();
    if (!options.apiKey.isEmpty())
        choice.apiKey = options.apiKey;
    else if (!envKey.isEmpty())
        choice.apiKey = envKey;
    else
        choice.apiKey = settings.apiKey();
    const QString imageBase = settings.imageBaseUrl();
    if (!choice.embedded && !imageBase.isEmpty())
        choice.imageBase = QUrl(imageBase);
    return choice;
}

} // namespace oiso::ui
