#pragma once

#include "ui/shell/app_settings.h"

#include <QLocale>
#include <QObject>

#include <memory>

class QTranslator;

namespace oiso::ui {

// The UI's language: our translation (oiso_ko / oiso_en, compiled into the app) and Qt's own
// (qtbase: standard buttons, the command line's help) for the chosen language, or for the
// system's when the setting says "system" — Korean when the system prefers Korean, English
// otherwise. Installed once at start-up, before any window exists.
class Translations {
public:
    Translations();
    ~Translations();
    Translations(const Translations&) = delete;
    Translations& operator=(const Translations&) = delete;

    // Returns the language actually in use ("ko" or "en").
    QString install(UiLanguage language);

    // The language "system" stands for on this machine.
    static QString systemLanguage(const QStringList& uiLanguages = QLocale::system().uiLanguages());

private:
    void remove();

    std::unique_ptr<QTranslator> m_ours;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace oiso::ui
