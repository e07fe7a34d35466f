#include "ui/shell/sign_in_dialog.h"

#include "market/identity_service.h"
#include "ui/common/icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace oiso::ui {

SignInDialog::SignInDialog(const QString& databaseName, QWidget* parent)
    : QDialog(parent)
    , m_title(new QLabel(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_loginIdLabel(new QLabel(tr("&Login id:"), this))
    , m_loginId(new QLineEdit(this))
    , m_loginIdHint(new QLabel(this))
    , m_error(new QLabel(this))
    , m_status(new QLabel(this))
    , m_keychainNote(new QLabel(this))
    , m_switchMode(new QPushButton(this))
    , m_settings(new QPushButton(tr("Se&ttings…"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to Oiso Chat"));
    setWindowIcon(applicationIcon());

    m_title->setWordWrap(true);
    auto* database = new QLabel(tr("Market database: %1").arg(databaseName), this);
    database->setObjectName(QStringLiteral("databaseLabel"));
    database->setForegroundRole(QPalette::PlaceholderText);
    database->setWordWrap(true);

    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setAccessibleName(tr("Email"));
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_loginId->setObjectName(QStringLiteral("loginIdEdit"));
    m_loginId->setAccessibleName(tr("Login id"));
    m_loginId->setPlaceholderText(tr("e.g. minji_kim"));
    m_loginId->setInputMethodHints(Qt::ImhLatinOnly | Qt::ImhNoAutoUppercase);
    m_loginId->setMaxLength(20);
    m_loginIdLabel->setBuddy(m_loginId);
    m_loginIdHint->setObjectName(QStringLiteral("loginIdHint"));
    m_loginIdHint->setWordWrap(true);
    m_loginIdHint->setForegroundRole(QPalette::PlaceholderText);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_error->hide();
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->hide();
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setForegroundRole(QPalette::PlaceholderText);
    m_keychainNote->hide();

    m_switchMode->setObjectName(QStringLiteral("switchModeButton"));
    m_settings->setObjectName(QStringLiteral("settingsButton"));
    m_settings->setAccessibleName(tr("Open the settings"));
    m_buttons->setObjectName(QStringLiteral("buttons"));

    auto* form = new QFormLayout;
    auto* emailLabel = new QLabel(tr("&Email:"), this);
    emailLabel->setBuddy(m_email);
    m_passwordLabel = new QLabel(tr("&Password:"), this);
    m_passwordLabel->setBuddy(m_password);
    form->addRow(emailLabel, m_email);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_loginIdLabel, m_loginId);
    form->addRow(QString(), m_loginIdHint);

    auto* links = new QHBoxLayout;
    links->addWidget(m_switchMode);
    links->addStretch(1);
    links->addWidget(m_settings);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(database);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_keychainNote);
    layout->addLayout(links);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!m_busy)
            emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_switchMode, &QPushButton::clicked, this,
            [this] { setMode(m_mode == Mode::SignIn ? Mode::SignUp : Mode::SignIn); });
    connect(m_settings, &QPushButton::clicked, this, &SignInDialog::settingsRequested);
    for (QLineEdit* edit : {m_email, m_password, m_loginId})
        connect(edit, &QLineEdit::textChanged, this, &SignInDialog::validate);
    setMode(Mode::SignIn);
}

void SignInDialog::setMode(Mode mode)
{
    m_mode = mode;
    m_error->hide();
    updateForm();
}

void SignInDialog::updateForm()
{
    const bool signUp = m_mode == Mode::SignUp;
    const bool chooseId = m_mode == Mode::ChooseLoginId;
    switch (m_mode) {
    case Mode::SignIn:
        m_title->setText(tr("Sign in with the email and password of your market account."));
        m_switchMode->setText(tr("&Create an account instead"));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
        break;
    case Mode::SignUp:
        m_title->setText(tr("Create an account. Your login id is the name other students see "
                            "on your items and messages."));
        m_switchMode->setText(tr("I &have an account"));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create account"));
        break;
    case Mode::ChooseLoginId:
        m_title->setText(tr("Your account has no login id yet. Choose the name other students "
                            "will see on your items and messages."));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Continue"));
        break;
    }
    m_email->setEnabled(!chooseId && !m_busy);
    m_password->setVisible(!chooseId);
    m_password->setEnabled(!m_busy);
    m_passwordLabel->setVisible(!chooseId);
    m_loginIdLabel->setVisible(signUp || chooseId);
    m_loginId->setVisible(signUp || chooseId);
    m_loginIdHint->setVisible(signUp || chooseId);
    m_switchMode->setVisible(!chooseId);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("submitButton"));
    validate();
}

void SignInDialog::validate()
{
    const bool needsId = m_mode != Mode::SignIn;
    QString idProblem;
    if (needsId && !m_loginId->text().isEmpty())
        idProblem = market::IdentityService::loginIdProblem(m_loginId->text());
    m_loginIdHint->setText(idProblem.isEmpty()
                               ? tr("3–20 characters: lower-case letters, digits, “_”, “.” or “-”.")
                               : idProblem);
    const bool emailOk = m_mode == Mode::ChooseLoginId ||
                         m_email->text().trimmed().contains(
                             QRegularExpression(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")));
    const bool passwordOk = m_mode == Mode::ChooseLoginId || !m_password->text().isEmpty();
    const bool idOk = !needsId || (!m_loginId->text().isEmpty() && idProblem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && emailOk && passwordOk && idOk);
}

QString SignInDialog::email() const
{
    return m_email->text().trimmed();
}

QString SignInDialog::password() const
{
    return m_password->text();
}

QString SignInDialog::loginId() const
{
    return m_loginId->text().trimmed();
}

void SignInDialog::setEmail(const QString& email)
{
    m_email->setText(email);
}

void SignInDialog::setBusy(bool busy, const QString& text)
{
    m_busy = busy;
    m_status->setText(text);
    m_status->setVisible(busy && !text.isEmpty());
    m_loginId->setEnabled(!busy);
    m_switchMode->setEnabled(!busy);
    if (busy)
        m_error->hide();
    updateForm();
}

void SignInDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_error->setAccessibleName(message);
}

void SignInDialog::setKeychainNote(const QString& note)
{
    m_keychainNote->setText(note);
    m_keychainNote->setVisible(!note.isEmpty());
}

} // namespace oiso::ui
