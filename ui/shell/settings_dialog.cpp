#include "ui/shell/settings_dialog.h"

#include "rtdb/database_location.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace oiso::ui {

namespace {

QLabel* hintLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_databaseUrl(new QLineEdit(this))
    , m_databaseHint(hintLabel(this, QStringLiteral("databaseHint")))
    , m_apiKey(new QLineEdit(this))
    , m_imageBase(new QLineEdit(this))
    , m_imageHint(hintLabel(this, QStringLiteral("imageHint")))
    , m_language(new QComboBox(this))
    , m_languageNote(hintLabel(this, QStringLiteral("languageNote")))
    , m_notifications(new QCheckBox(tr("Show a &notification when a message arrives"), this))
    , m_overrideNote(hintLabel(this, QStringLiteral("overrideNote")))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Oiso Chat Settings"));

    m_databaseUrl->setObjectName(QStringLiteral("databaseUrlEdit"));
    m_databaseUrl->setAccessibleName(tr("Database URL"));
    m_databaseUrl->setPlaceholderText(tr("Empty: the built-in demo market"));
    m_databaseUrl->setClearButtonEnabled(true);
    m_apiKey->setObjectName(QStringLiteral("apiKeyEdit"));
    m_apiKey->setAccessibleName(tr("Web API key"));
    m_apiKey->setPlaceholderText(tr("Project settings → General → Web API key"));
    m_imageBase->setObjectName(QStringLiteral("imageBaseEdit"));
    m_imageBase->setAccessibleName(tr("Image address"));
    m_imageBase->setPlaceholderText(tr("e.g. https://market.example.ac.kr/"));
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), int(UiLanguage::System));
    // Each language is named in itself, so it can be found whatever the current one is.
    m_language->addItem(QStringLiteral("한국어"), int(UiLanguage::Korean));
    m_language->addItem(QStringLiteral("English"), int(UiLanguage::English));
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    m_buttons->setObjectName(QStringLiteral("buttons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));

    auto* demo = new QPushButton(tr("Use the &demo market"), this);
    demo->setObjectName(QStringLiteral("useDemoButton"));
    demo->setAccessibleName(tr("Use the built-in demo market"));
    connect(demo, &QPushButton::clicked, this, [this] { m_databaseUrl->clear(); });

    auto* form = new QFormLayout;
    auto addRow = [this, form](const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("&Database URL:"), m_databaseUrl);
    form->addRow(QString(), m_databaseHint);
    form->addRow(QString(), demo);
    addRow(tr("Web &API key:"), m_apiKey);
    addRow(tr("&Images from:"), m_imageBase);
    form->addRow(QString(), m_imageHint);
    addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(QString(), m_notifications);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_overrideNote);
    layout->addWidget(m_buttons);
    m_overrideNote->hide();

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_databaseUrl, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_imageBase, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::validate);
    validate();
}

QString SettingsDialog::databaseUrlProblem(const QString& url)
{
    if (url.trimmed().isEmpty())
        return {};
    QString error;
    if (!rtdb::DatabaseLocation::parse(url.trimmed(), &error))
        return error.isEmpty() ? tr("This is not a database address.") : error;
    return {};
}

QString SettingsDialog::imageBaseProblem(const QString& url)
{
    if (url.trimmed().isEmpty())
        return {};
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return tr("Enter an address starting with https:// (or http://).");
    return {};
}

void SettingsDialog::validate()
{
    const QString databaseProblem = databaseUrlProblem(m_databaseUrl->text());
    if (!databaseProblem.isEmpty())
        m_databaseHint->setText(databaseProblem);
    else if (m_databaseUrl->text().trimmed().isEmpty())
        m_databaseHint->setText(tr("Without an address, Oiso Chat runs a demo market on this "
                                   "computer."));
    else
        m_databaseHint->setText(tr("https://NAME.firebaseio.com, "
                                   "https://NAME.REGION.firebasedatabase.app, or an oiso-server "
                                   "address such as http://192.168.0.10:9000"));
    const QString imageProblem = imageBaseProblem(m_imageBase->text());
    m_imageHint->setText(imageProblem.isEmpty()
                             ? tr("Where the market's website serves item pictures (its "
                                  "address).")
                             : imageProblem);
    const auto language = UiLanguage(m_language->currentData().toInt());
    m_languageNote->setText(language != m_initialLanguage
                                ? tr("The language changes the next time Oiso Chat starts.")
                                : QString());
    m_languageNote->setVisible(language != m_initialLanguage);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(databaseProblem.isEmpty() && imageProblem.isEmpty());
}

void SettingsDialog::setValues(const Values& values)
{
    m_databaseUrl->setText(values.databaseUrl);
    m_apiKey->setText(values.apiKey);
    m_imageBase->setText(values.imageBaseUrl);
    m_initialLanguage = values.language;
    m_language->setCurrentIndex(std::max(0, m_language->findData(int(values.language))));
    m_notifications->setChecked(values.notifications);
    validate();
}

SettingsDialog::Values SettingsDialog::values() const
{
    Values v;
    v.databaseUrl = m_databaseUrl->text().trimmed();
    v.apiKey = m_apiKey->text().trimmed();
    v.imageBaseUrl = m_imageBase->text().trimmed();
    v.language = UiLanguage(m_language->currentData().toInt());
    v.notifications = m_notifications->isChecked();
    return v;
}

void SettingsDialog::setOverrideNote(const QString& note)
{
    m_overrideNote->setText(note);
    m_overrideNote->setVisible(!note.isEmpty());
}

SettingsDialog::Values SettingsDialog::load(const AppSettings& settings)
{
    Values v;
    v.databaseUrl = settings.databaseUrl();
    v.apiKey = settings.apiKey();
    v.imageBaseUrl = settings.imageBaseUrl();
    v.language = settings.language();
    v.notifications = settings.notificationsEnabled();
    return v;
}

void SettingsDialog::save(const Values& values, AppSettings& settings)
{
    settings.setDatabaseUrl(values.databaseUrl);
    settings.setApiKey(values.apiKey);
    settings.setImageBaseUrl(values.imageBaseUrl);
    settings.setLanguage(values.language);
    settings.setNotificationsEnabled(values.notifications);
}

} // namespace oiso::ui
