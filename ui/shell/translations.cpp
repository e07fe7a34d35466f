#include "ui/shell/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

namespace oiso::ui {

namespace {

Q_LOGGING_CATEGORY(lcTranslations, "oiso.ui.translations")

// The qm files are compiled in under this prefix (qt_add_translations in ui/shell).
const QString kOurDirectory = QStringLiteral(":/i18n");

} // namespace

Translations::Translations() = default;

Translations::~Translations()
{
    remove();
}

QString Translations::systemLanguage(const QStringList& uiLanguages)
{
    // The first preferred language we have decides; English for anything else.
    for (const QString& language : uiLanguages) {
        if (language.startsWith(QLatin1String("ko"), Qt::CaseInsensitive))
            return QStringLiteral("ko");
        if (language.startsWith(QLatin1String("en"), Qt::CaseInsensitive))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

void Translations::remove()
{
    if (m_ours)
        QCoreApplication::removeTranslator(m_ours.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_ours.reset();
    m_qt.reset();
}

QString Translations::install(UiLanguage language)
{
    remove();
    QString code;
    switch (language) {
    case UiLanguage::Korean:
        code = QStringLiteral("ko");
        break;
    case UiLanguage::English:
        code = QStringLiteral("en");
        break;
    case UiLanguage::System:
        code = systemLanguage();
        break;
    }
    m_ours = std::make_unique<QTranslator>();
    if (m_ours->load(QStringLiteral("oiso_") + code, kOurDirectory))
        QCoreApplication::installTranslator(m_ours.get());
    else
        qCWarning(lcTranslations) << "no compiled translation for" << code;
    m_qt = std::make_unique<QTranslator>();
    if (m_qt->load(QStringLiteral("qtbase_") + code,
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qt.get());
    // Numbers, dates and standard texts follow the UI language, not only the words: the
    // system's own conventions when it speaks that language (en_GB stays en_GB), else the
    // language's usual ones.
    const bool korean = code == QLatin1String("ko");
    const QLocale system = QLocale::system();
    if (system.language() == (korean ? QLocale::Korean : QLocale::English))
        QLocale::setDefault(system);
    else
        QLocale::setDefault(korean ? QLocale(QLocale::Korean, QLocale::SouthKorea)
                                   : QLocale(QLocale::English, QLocale::UnitedStates));
    return code;
}

} // namespace oiso::ui
