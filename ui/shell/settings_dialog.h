#pragma once

#include "ui/shell/app_settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace oiso::ui {

// The settings the user edits: which database (empty: the built-in demo market), its Web API
// key, where item images are, the language and notifications. Input is checked as it is typed
// (the database URL with the client's own parser), and OK is only possible when it is valid.
class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    struct Values {
        QString databaseUrl;
        QString apiKey;
        QString imageBaseUrl;
        UiLanguage language = UiLanguage::System;
        bool notifications = true;

        friend bool operator==(const Values&, const Values&) = default;
    };

    explicit SettingsDialog(QWidget* parent = nullptr);

    void setValues(const Values& values);
    Values values() const;
    // A note for settings that the command line or the environment override this run.
    void setOverrideNote(const QString& note);

    static Values load(const AppSettings& settings);
    static void save(const Values& values, AppSettings& settings);
    // Empty when valid; a reason for the user otherwise.
    static QString databaseUrlProblem(const QString& url);
    static QString imageBaseProblem(const QString& url);

private:
    void validate();

    QLineEdit* m_databaseUrl;
    QLabel* m_databaseHint;
    QLineEdit* m_apiKey;
    QLineEdit* m_imageBase;
    QLabel* m_imageHint;
    QComboBox* m_language;
    QLabel* m_languageNote;
    QCheckBox* m_notifications;
    QLabel* m_overrideNote;
    QDialogButtonBox* m_buttons;
    UiLanguage m_initialLanguage = UiLanguage::System;
};

} // namespace oiso::ui
