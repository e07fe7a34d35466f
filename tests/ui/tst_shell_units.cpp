// The shell's small parts without a server: the command line and deep links, which backend a
// run uses, profile folders, the settings dialog's checks, the tray badge, the language choice.

#include "ui/shell/app_settings.h"
#include "ui/shell/badge_icon.h"
#include "ui/shell/launch_options.h"
#include "ui/shell/profile.h"
#include "ui/shell/settings_dialog.h"
#include "ui/shell/translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace oiso::ui;

class TestShellUnits : public QObject {
    Q_OBJECT

private slots:
    void itemLinks_data();
    void itemLinks();
    void commandLine();
    void commandLineRefusesBadInput_data();
    void commandLineRefusesBadInput();
    void backendPrecedence();
    void profileFolders();
    void settingsRoundTrip();
    void settingsDialogChecksInput();
    void badgeIsDrawnOnlyWithUnread();
    void systemLanguage();
};

void TestShellUnits::itemLinks_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("key");
    QTest::newRow("plain") << QStringLiteral("oiso://item/-NkA1b2C3")
                           << QStringLiteral("-NkA1b2C3");
    QTest::newRow("trailing slash") << QStringLiteral("oiso://item/abc/") << QStringLiteral("abc");
    QTest::newRow("upper-case scheme")
        << QStringLiteral("OISO://item/abc") << QStringLiteral("abc");
    QTest::newRow("percent-encoded")
        << QStringLiteral("oiso://item/%EA%B0%80") << QStringLiteral("가");
    QTest::newRow("other scheme") << QStringLiteral("https://item/abc") << QString();
    QTest::newRow("other host") << QStringLiteral("oiso://user/abc") << QString();
    QTest::newRow("no key") << QStringLiteral("oiso://item/") << QString();
    QTest::newRow("nested path") << QStringLiteral("oiso://item/a/b") << QString();
    QTest::newRow("forbidden character") << QStringLiteral("oiso://item/a.b") << QString();
    QTest::newRow("not a URL") << QStringLiteral("hello") << QString();
}

void TestShellUnits::itemLinks()
{
    QFETCH(QString, link);
    QFETCH(QString, key);
    QCOMPARE(itemKeyFromLink(link), key);
}

void TestShellUnits::commandLine()
{
    const QString app = QStringLiteral("oiso-chat");
    LaunchOptions none = LaunchOptions::parse({app});
    QCOMPARE(none.action, LaunchOptions::Action::Run);
    QVERIFY(none.itemKey.isEmpty());

    LaunchOptions all = LaunchOptions::parse(
        {app, QStringLiteral("--database-url"), QStringLiteral("http://127.0.0.1:9000"),
         QStringLiteral("--api-key"), QStringLiteral("k"), QStringLiteral("--profile"),
         QStringLiteral("/tmp/p"), QStringLiteral("--demo-user"), QStringLiteral("junho"),
         QStringLiteral("--item"), QStringLiteral("-Nk1")});
    QCOMPARE(all.action, LaunchOptions::Action::Run);
    QCOMPARE(all.databaseUrl, QStringLiteral("http://127.0.0.1:9000"));
    QCOMPARE(all.apiKey, QStringLiteral("k"));
    QCOMPARE(all.profileDirectory, QStringLiteral("/tmp/p"));
    QCOMPARE(all.demoUser, QStringLiteral("junho"));
    QCOMPARE(all.itemKey, QStringLiteral("-Nk1"));

    LaunchOptions link = LaunchOptions::parse({app, QStringLiteral("oiso://item/-Nk2")});
    QCOMPARE(link.itemKey, QStringLiteral("-Nk2"));
    QCOMPARE(LaunchOptions::parse({app, QStringLiteral("--version")}).action,
             LaunchOptions::Action::ShowVersion);
    const LaunchOptions help = LaunchOptions::parse({app, QStringLiteral("--help")});
    QCOMPARE(help.action, LaunchOptions::Action::ShowHelp);
    QVERIFY(help.message.contains(QStringLiteral("--profile")));
}

void TestShellUnits::commandLineRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")};
    QTest::newRow("missing value") << QStringList{QStringLiteral("--item")};
    QTest::newRow("bad item key") << QStringList{QStringLiteral("--item"), QStringLiteral("a/b")};
    QTest::newRow("not a link") << QStringList{QStringLiteral("https://example.com")};
    QTest::newRow("two links") << QStringList{QStringLiteral("oiso://item/a"),
                                              QStringLiteral("oiso://item/b")};
}

void TestShellUnits::commandLineRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    arguments.prepend(QStringLiteral("oiso-chat"));
    const LaunchOptions options = LaunchOptions::parse(arguments);
    QCOMPARE(options.action, LaunchOptions::Action::Fail);
    QVERIFY(!options.message.isEmpty());
}

void TestShellUnits::backendPrecedence()
{
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    AppSettings settings(store);
    LaunchOptions options;
    QProcessEnvironment environment;

    BackendChoice choice = chooseBackend(options, settings, environment);
    QVERIFY(choice.embedded); // nothing configured: the demo market
    QCOMPARE(choice.source, BackendChoice::Source::None);

    settings.setDatabaseUrl(QStringLiteral("https://saved.firebaseio.com"));
    settings.setApiKey(QStringLiteral("saved-key"));
    settings.setImageBaseUrl(QStringLiteral("https://market.example/"));
    choice = chooseBackend(options, settings, environment);
    QVERIFY(!choice.embedded);
    QCOMPARE(choice.databaseUrl, QStringLiteral("https://saved.firebaseio.com"));
    QCOMPARE(choice.apiKey, QStringLiteral("saved-key"));
    QCOMPARE(choice.imageBase, QUrl(QStringLiteral("https://market.example/")));
    QCOMPARE(choice.source, BackendChoice::Source::Settings);

    environment.insert(QStringLiteral("OISO_DATABASE_URL"),
                       QStringLiteral("https://env.firebaseio.com"));
    environment.insert(QStringLiteral("OISO_API_KEY"), QStringLiteral("env-key"));
    choice = chooseBackend(options, settings, environment);
    QCOMPARE(choice.databaseUrl, QStringLiteral("https://env.firebaseio.com"));
    QCOMPARE(choice.apiKey, QStringLiteral("env-key"));
    QCOMPARE(choice.source, BackendChoice::Source::Environment);

    options.databaseUrl = QStringLiteral("http://127.0.0.1:9000");
    options.apiKey = QStringLiteral("cli-key");
    choice = chooseBackend(options, settings, environment);
    QCOMPARE(choice.databaseUrl, QStringLiteral("http://127.0.0.1:9000"));
    QCOMPARE(choice.apiKey, QStringLiteral("cli-key"));
    QCOMPARE(choice.source, BackendChoice::Source::CommandLine);

    // Emptying the field in the settings means "no hosted database" again.
    settings.setDatabaseUrl(QString());
    QVERIFY(!store.contains(QStringLiteral("database/url")));
    QVERIFY(chooseBackend({}, settings, {}).embedded);
}

void TestShellUnits::profileFolders()
{
    QTemporaryDir dir;
    const Profile a(dir.filePath(QStringLiteral("a")));
    const Profile b(dir.filePath(QStringLiteral("b")));
    QVERIFY(!a.isDefault());
    QVERIFY(a.embeddedServerDirectory().startsWith(dir.filePath(QStringLiteral("a"))));
    QVERIFY(a.thumbnailCacheDirectory().startsWith(dir.filePath(QStringLiteral("a"))));
    QCOMPARE(a.settings().fileName(), dir.filePath(QStringLiteral("a/settings.ini")));
    // Two profiles never share a running instance, nor one user's stores another's.
    QVERIFY(a.instanceKey() != b.instanceKey());
    QCOMPARE(a.instanceKey(), Profile(dir.filePath(QStringLiteral("a"))).instanceKey());
    QVERIFY(a.instanceKey().size() < 40);
    QVERIFY(a.sessionDirectory(QStringLiteral("embedded"), QStringLiteral("minji")) !=
            a.sessionDirectory(QStringLiteral("embedded"), QStringLiteral("junho")));
    QVERIFY(!Profile::databaseId(QStringLiteral("https://x.firebaseio.com"), false).contains(u'/'));
    QCOMPARE(Profile::databaseId(QStringLiteral("whatever"), true), QStringLiteral("embedded"));
}

void TestShellUnits::settingsRoundTrip()
{
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    AppSettings settings(store);
    QCOMPARE(settings.language(), UiLanguage::System);
    QVERIFY(settings.notificationsEnabled());
    SettingsDialog::Values values;
    values.databaseUrl = QStringLiteral("https://db.asia-southeast1.firebasedatabase.app");
    values.apiKey = QStringLiteral("AIza-test");
    values.imageBaseUrl = QStringLiteral("https://market.example/");
    values.language = UiLanguage::Korean;
    values.notifications = false;
    SettingsDialog::save(values, settings);
    QCOMPARE(store.value(QStringLiteral("database/url")).toString(), values.databaseUrl);
    QCOMPARE(store.value(QStringLiteral("ui/language")).toString(), QStringLiteral("ko"));
    QCOMPARE(SettingsDialog::load(settings), values);
}

void TestShellUnits::settingsDialogChecksInput()
{
    SettingsDialog dialog;
    dialog.setValues({});
    auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("databaseUrlEdit"));
    auto* images = dialog.findChild<QLineEdit*>(QStringLiteral("imageBaseEdit"));
    auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("okButton"));
    QVERIFY(url && images && ok);
    QVERIFY(ok->isEnabled());
    const std::pair<QString, bool> urls[] = {
        {QStringLiteral("https://market-prod.firebaseio.com"), true},
        {QStringLiteral("https://db.asia-southeast1.firebasedatabase.app"), true},
        {QStringLiteral("http://192.168.0.10:9000"), true},
        {QStringLiteral("http://market-prod.firebaseio.com"), false}, // tokens never in the clear
        {QStringLiteral("ftp://example.com"), false},
        {QStringLiteral("not a url"), false},
        {QString(), true}, // the demo market
    };
    for (const auto& [text, valid] : urls) {
        url->setText(text);
        QVERIFY2(ok->isEnabled() == valid, qPrintable(text));
    }
    images->setText(QStringLiteral("javascript:alert(1)"));
    QVERIFY(!ok->isEnabled());
    images->setText(QStringLiteral("https://market.example/"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("useDemoButton")),
                      Qt::LeftButton);
    QCOMPARE(dialog.values().databaseUrl, QString());
    auto* language = dialog.findChild<QComboBox*>(QStringLiteral("languageCombo"));
    language->setCurrentIndex(language->findData(int(UiLanguage::English)));
    QCOMPARE(dialog.values().language, UiLanguage::English);
    dialog.findChild<QCheckBox*>(QStringLiteral("notificationsCheck"))->setChecked(false);
    QVERIFY(!dialog.values().notifications);
}

void TestShellUnits::badgeIsDrawnOnlyWithUnread()
{
    QPixmap plain(32, 32);
    plain.fill(Qt::transparent);
    const QIcon base(plain);
    const QPalette palette = QApplication::palette();
    QCOMPARE(badgedIcon(base, 0, palette).cacheKey(), base.cacheKey());
    for (int unread : {1, 42, 100}) {
        const QImage image = badgedIcon(base, unread, palette).pixmap(32, 32).toImage();
        // The badge's fill is the palette's highlight, in the lower right corner.
        const QColor corner = image.pixelColor(image.width() * 4 / 5, image.height() * 4 / 5);
        QVERIFY2(corner.alpha() > 0, qPrintable(QString::number(unread)));
    }
    QVERIFY(!badgedIcon(base, 5, palette).availableSizes().isEmpty());
}

void TestShellUnits::systemLanguage()
{
    QCOMPARE(Translations::systemLanguage({QStringLiteral("ko-KR")}), QStringLiteral("ko"));
    QCOMPARE(Translations::systemLanguage({QStringLiteral("en-US"), QStringLiteral("ko")}),
             QStringLiteral("en"));
    QCOMPARE(Translations::systemLanguage({QStringLiteral("fr-FR"), QStringLiteral("ko-KR")}),
             QStringLiteral("ko"));
    QCOMPARE(Translations::systemLanguage({QStringLiteral("ja-JP")}), QStringLiteral("en"));
}

QTEST_MAIN(TestShellUnits)
#include "tst_shell_units.moc"
