#include "ui/shell/launch_options.h"

#include <QCommandLineParser>
#include <QUrl>

namespace oiso::ui {

namespace {

constexpr qsizetype kMaxKeyBytes = 768;

} // namespace

bool isValidItemKey(const QString& key)
{
    if (key.isEmpty() || key.toUtf8().size() > kMaxKeyBytes)
        return false;
    for (QChar c : key) {
        if (c.category() == QChar::Other_Control)
            return false;
        switch (c.unicode()) {
        case u'.':
        case u'$':
        case u'#':
        case u'[':
        case u']':
        case u'/':
            return false;
        default:
            break;
        }
    }
    return true;
}

QString itemKeyFromLink(const QString& link)
{
    const QUrl url(link, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().compare(QLatin1String("oiso"), Qt::CaseInsensitive) != 0 ||
        url.host().compare(QLatin1String("item"), Qt::CaseInsensitive) != 0)
        return {};
    QString key = url.path(QUrl::FullyDecoded);
    if (key.startsWith(u'/'))
        key.remove(0, 1);
    if (key.endsWith(u'/'))
        key.chop(1);
    return isValidItemKey(key) ? key : QString();
}

LaunchOptions LaunchOptions::parse(const QStringList& arguments)
{
    LaunchOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        LaunchText::tr("Oiso Chat: the desktop chat of the Oiso campus market."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption database(
        QStringLiteral("database-url"),
        LaunchText::tr("The Realtime Database to use, e.g. https://NAME.firebaseio.com or "
                       "http://127.0.0.1:9000 (this run only)."),
        QStringLiteral("url"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
                                    LaunchText::tr("The project's Web API key (this run only)."),
                                    QStringLiteral("key"));
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        LaunchText::tr("Keep settings, cache and unsent messages in this folder, so that two "
                       "accounts can run side by side."),
        QStringLiteral("dir"));
    const QCommandLineOption item(QStringLiteral("item"),
                                  LaunchText::tr("Open the chat of this item."),
                                  QStringLiteral("key"));
    const QCommandLineOption demoUser(
        QStringLiteral("demo-user"),
        LaunchText::tr("The demo account to sign in with on the built-in demo market (minji, "
                       "junho, seoyeon, hyunwoo or jiwoo)."),
        QStringLiteral("id"));
    QCommandLineOption smokeTest(QStringLiteral("smoke-test"));
    smokeTest.setFlags(QCommandLineOption::HiddenFromHelp); // developers' check (smoke_test.h)
    parser.addOptions({database, apiKey, profile, item, demoUser, smokeTest});
    parser.addPositionalArgument(QStringLiteral("link"),
                                 LaunchText::tr("An oiso://item/KEY link to open."),
                                 QStringLiteral("[oiso://item/KEY]"));

    if (!parser.parse(arguments)) {
        options.action = Action::Fail;
        options.message = parser.errorText();
        return options;
    }
    if (parser.isSet(help)) {
        options.action = Action::ShowHelp;
        options.message = parser.helpText();
        return options;
    }
    if (parser.isSet(version)) {
        options.action = Action::ShowVersion;
        return options;
    }
    options.databaseUrl = parser.value(database).trimmed();
    options.apiKey = parser.value(apiKey).trimmed();
    options.profileDirectory = parser.value(profile);
    options.demoUser = parser.value(demoUser).trimmed();
    options.smokeTest = parser.isSet(smokeTest);

    const QStringList links = parser.positionalArguments();
    if (links.size() > 1) {
        options.action = Action::Fail;
        options.message = LaunchText::tr("Only one link can be opened at a time.");
        return options;
    }
    QString key = parser.value(item).trimmed();
    if (parser.isSet(item) && !isValidItemKey(key)) {
        options.action = Action::Fail;
        options.message = LaunchText::tr("“%1” is not an item key.").arg(key);
        return options;
    }
    if (!links.isEmpty()) {
        const QString fromLink = itemKeyFromLink(links.first());
        if (fromLink.isEmpty()) {
            options.action = Action::Fail;
            options.message = LaunchText::tr("“%1” is not an Oiso item link (oiso://item/KEY).")
                                  .arg(links.first());
            return options;
        }
        key = fromLink;
    }
    options.itemKey = key;
    return options;
}

} // namespace oiso::ui
