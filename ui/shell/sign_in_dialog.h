#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace oiso::ui {

// Sign-in and sign-up for a hosted database: email and password; on sign-up also the login id
// the market shows (checked as it is typed); after signing in to an account that never chose
// one, only the login id. The dialog only collects and shows: the sign-in flow does the work
// and reports back with setBusy / showError.
class SignInDialog : public QDialog {
    Q_OBJECT

public:
    enum class Mode { SignIn, SignUp, ChooseLoginId };

    explicit SignInDialog(const QString& databaseName, QWidget* parent = nullptr);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    QString email() const;
    QString password() const;
    QString loginId() const;
    void setEmail(const QString& email);

    void setBusy(bool busy, const QString& text = {});
    void showError(const QString& message);
    // Said under the form when the refresh token cannot be kept (no keychain service).
    void setKeychainNote(const QString& note);

signals:
    void submitted();
    void settingsRequested();

private:
    void updateForm();
    void validate();

    Mode m_mode = Mode::SignIn;
    QLabel* m_title;
    QLineEdit* m_email;
    QLineEdit* m_password;
    QLabel* m_passwordLabel = nullptr;
    QLabel* m_loginIdLabel;
    QLineEdit* m_loginId;
    QLabel* m_loginIdHint;
    QLabel* m_error;
    QLabel* m_status;
    QLabel* m_keychainNote;
    QPushButton* m_switchMode;
    QPushButton* m_settings;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace oiso::ui
