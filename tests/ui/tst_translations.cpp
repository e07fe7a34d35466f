// The Korean UI has no untranslated strings: the .ts files are complete, the compiled Korean
// translation is in the library, and building and using the windows in Korean asks it for
// nothing it does not have (a recording translator in front of it sees every tr() lookup).

#include "market/outbox_store.h"
#include "shell_test_support.h"
#include "ui/chat/chat_window.h"
#include "ui/chat/chat_window_manager.h"
#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_page.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/chatlist/connection_bar.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/shell/app_main.h"
#include "ui/shell/launch_options.h"
#include "ui/shell/settings_dialog.h"
#include "ui/shell/sign_in_dialog.h"
#include "ui/shell/tray_controller.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QListView>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace oiso;
using oiso::market::ListKind;

namespace {

constexpr int kWaitMs = 20'000;

// Asks the real Korean translation and notes every lookup of ours it cannot answer.
class RecordingTranslator : public QTranslator {
public:
    explicit RecordingTranslator(QTranslator& korean)
        : m_korean(korean)
    {
    }

    QString translate(const char* context, const char* source, const char* disambiguation,
                      int n) const override
    {
        const QString result = m_korean.translate(context, source, disambiguation, n);
        if (result.isEmpty() && QByteArray(context).startsWith("oiso::"))
            m_missing.insert(QString::fromUtf8(context) + QStringLiteral(" | ") +
                             QString::fromUtf8(source));
        ++m_lookups;
        return result;
    }
    bool isEmpty() const override { return false; }

    QStringList missing() const
    {
        QStringList list(m_missing.cbegin(), m_missing.cend());
        list.sort();
        return list;
    }
    int lookups() const { return m_lookups; }

private:
    QTranslator& m_korean;
    mutable QSet<QString> m_missing;
    mutable int m_lookups = 0;
};

struct TsCheck {
    int messages = 0;
    QStringList problems;
};

TsCheck checkTs(const QString& path, bool everyTranslation)
{
    TsCheck check;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        check.problems << QStringLiteral("cannot read ") + path;
        return check;
    }
    QXmlStreamReader xml(&file);
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            ++check.messages;
            source.clear();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString where = context + QStringLiteral(" | ") + source;
            if (type == QLatin1String("unfinished") && everyTranslation)
                check.problems << QStringLiteral("unfinished: ") + where;
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (everyTranslation && text.trimmed().isEmpty())
                check.problems << QStringLiteral("empty: ") + where;
        } else if (xml.name() == QLatin1String("numerusform")) {
            if (xml.readElementText().trimmed().isEmpty())
                check.problems << QStringLiteral("empty plural form: ") + context +
                                      QStringLiteral(" | ") + source;
        }
    }
    if (xml.hasError())
        check.problems << xml.errorString();
    return check;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ui::initUiResources(); }
    void tsFilesAreComplete();
    void compiledTranslationsAreBuiltIn();
    void koreanUiHasNoUntranslatedStrings();
    void coreMessagesAreKoreanToo();
};

void TestTranslations::tsFilesAreComplete()
{
    const TsCheck korean =
        checkTs(QStringLiteral(OISO_SOURCE_DIR "/resources/translations/oiso_ko.ts"), true);
    QVERIFY(korean.messages > 200);
    QVERIFY2(korean.problems.isEmpty(), qPrintable(korean.problems.join(u'\n')));
    // English needs only its plural forms (the sources are English).
    const TsCheck english =
        checkTs(QStringLiteral(OISO_SOURCE_DIR "/resources/translations/oiso_en.ts"), false);
    QCOMPARE(english.messages, korean.messages);
    QVERIFY2(english.problems.isEmpty(), qPrintable(english.problems.join(u'\n')));
}

void TestTranslations::compiledTranslationsAreBuiltIn()
{
    QTranslator korean;
    QVERIFY(korean.load(QStringLiteral("oiso_ko"), QStringLiteral(":/i18n")));
    QCOMPARE(korean.translate("oiso::ui::ConnectionBar", "Live"), QStringLiteral("실시간"));
    QCOMPARE(korean.translate("oiso::ui::ChatListText", "%n buyer(s)",
                              "people who wrote in the room of an item I sell", 2),
             QStringLiteral("구매 희망자 %n명"));
    QTranslator english;
    QVERIFY(english.load(QStringLiteral("oiso_en"), QStringLiteral(":/i18n")));
    QCOMPARE(english.translate("oiso::ui::ChatListText", "%n buyer(s)",
                               "people who wrote in the room of an item I sell", 1),
             QStringLiteral("%n buyer"));
}

void TestTranslations::koreanUiHasNoUntranslatedStrings()
{
    QTranslator korean;
    QVERIFY(korean.load(QStringLiteral("oiso_ko"), QStringLiteral(":/i18n")));
    RecordingTranslator recorder(korean);
    QCoreApplication::installTranslator(&recorder);

    // The demo market, as minji sees it, with a chat window open.
    test::EmbeddedServer server(test::demoServer());
    test::DemoUser minji(server, QStringLiteral("minji"));
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    QNetworkAccessManager images;
    ui::ThumbnailLoader thumbnails(images, {});
    ui::ChatWindowManager chats(*minji.session, settings, &thumbnails);
    ui::ChatListWindow window(minji.list(), &thumbnails, chats, settings);
    window.setAccount(QStringLiteral("minji"), true);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.page(ListKind::Buying).model().rowCount() == 5, kWaitMs);
    for (ListKind kind : {ListKind::Selling, ListKind::Buying, ListKind::Purchased}) {
        window.showSection(kind);
        window.page(kind).view().grab(); // the delegate's texts: statuses, buyers, times, badges
    }
    const QString laptop = test::demoItemKey(minji.net.client, QStringLiteral("LG 그램"));
    chats.openRoom(laptop);
    QTRY_VERIFY_WITH_TIMEOUT(chats.window(laptop) != nullptr, kWaitMs);
    chats.window(laptop)->grab();
    for (QAction* action : window.findChildren<QAction*>())
        (void)action->text();

    // Every state of the connection strip, the purchase question, the dialogs in all modes.
    ui::ConnectionBar bar;
    for (auto state : {market::ConnectionState::Connecting, market::ConnectionState::Offline,
                       market::ConnectionState::SignedOut, market::ConnectionState::Live})
        bar.setState(state);
    window.showSection(ListKind::Buying);
    window.page(ListKind::Buying).selectItem(laptop);
    window.findChild<QAction*>(QStringLiteral("purchaseAction"))->trigger();
    QTRY_VERIFY(window.findChild<QMessageBox*>(QStringLiteral("purchaseConfirmDialog")));
    window.findChild<QMessageBox*>(QStringLiteral("purchaseConfirmDialog"))->reject();
    ui::SettingsDialog settingsDialog;
    settingsDialog.setValues({});
    ui::SignInDialog signIn(QStringLiteral("https://market.firebaseio.com"));
    for (auto mode : {ui::SignInDialog::Mode::SignUp, ui::SignInDialog::Mode::ChooseLoginId,
                      ui::SignInDialog::Mode::SignIn})
        signIn.setMode(mode);
    signIn.setBusy(true, {});
    ui::TrayController tray(minji.list(), chats, QStringLiteral("minji"));
    (void)ui::LaunchOptions::parse({QStringLiteral("oiso-chat"), QStringLiteral("--help")});

    QCoreApplication::removeTranslator(&recorder);
    QVERIFY(recorder.lookups() > 100);
    QVERIFY2(recorder.missing().isEmpty(), qPrintable(recorder.missing().join(u'\n')));
    // And it really is Korean on screen.
    QCOMPARE(window.findChild<QTabWidget*>(QStringLiteral("sectionTabs"))->tabText(1),
             QStringLiteral("구매 (5)"));
    // The menus keep the mnemonics Korean writes after the words ("채팅 열기(&O)"); the toolbar's
    // buttons show the words alone.
    const std::pair<QString, QString> buttons[] = {
        {QStringLiteral("unreadFirstAction"), QStringLiteral("안 읽은 채팅 먼저")},
        {QStringLiteral("openChatAction"), QStringLiteral("채팅 열기")},
        {QStringLiteral("purchaseAction"), QStringLiteral("구매 완료…")}};
    for (const auto& [name, text] : buttons) {
        auto* action = window.findChild<QAction*>(name);
        QVERIFY2(action->text().contains(QStringLiteral("(&")), qPrintable(action->text()));
        QCOMPARE(action->iconText(), text);
    }
}

// The market core's texts reach the user too: a message of the outbox file (a free tr() there
// was filed under another context than the one it was looked up in, so it stayed English).
void TestTranslations::coreMessagesAreKoreanToo()
{
    QTranslator korean;
    QVERIFY(korean.load(QStringLiteral("oiso_ko"), QStringLiteral(":/i18n")));
    QCoreApplication::installTranslator(&korean);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("profile.sqlite"));
    QFile damaged(file);
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write(QByteArray(8192, 'x')); // not SQLite: moved aside, a new file started
    damaged.close();
    market::OutboxStore store(file);
    QCoreApplication::removeTranslator(&korean);
    QVERIFY(store.isOpen());
    QVERIFY2(store.errorString().contains(QStringLiteral("손상")), qPrintable(store.errorString()));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
