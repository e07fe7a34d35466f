// oiso-screenshots: pictures of the real windows for the README and for review. The embedded
// server with the demo market runs in-process in a temporary folder; minji's market session
// runs on it; the chat list window and the chat window of her calculus book (미적분학) room are
// built as the app builds them, in Korean and English (the app's own translations, installed by
// ui/shell's Translations) and in a light and a dark palette, and grabbed once the data, the
// connection and the pictures are there (waiting on the event loop, never on a timer).
//
//   oiso-screenshots [--out DIR] [--scale N]
//
// Writes DIR/chatlist-{ko,en}-{light,dark}.png and DIR/chat-{ko,en}-{light,dark}.png (DIR
// defaults to the current folder). --scale sets the device pixel ratio (default 2, through
// QT_SCALE_FACTOR unless that is set already). packaging/screenshots.sh runs it under xvfb-run;
// ctest runs it offscreen (label screenshots) as a smoke test.

#include "market/market_test_support.h"
#include "screenshot_support.h"
#include "ui/chat/chat_header.h"
#include "ui/chat/chat_window.h"
#include "ui/chat/chat_window_manager.h"
#include "ui/chat/message_model.h"
#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_page.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/shell/app_main.h"
#include "ui/shell/translations.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QWindow>

#include <cstdio>
#include <cstdlib>

using namespace oiso;
using market::ListKind;

namespace {

struct Options {
    QString outDir = QStringLiteral(".");
    QByteArray scale = "2";
};

Options parseOptions(int argc, char** argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QByteArray name(argv[i]);
        if (name == "--out")
            options.outDir = QString::fromLocal8Bit(argv[i + 1]);
        else if (name == "--scale")
            options.scale = argv[i + 1];
        else {
            std::fprintf(stderr, "usage: oiso-screenshots [--out DIR] [--scale N]\n");
            std::exit(2);
        }
    }
    return options;
}

[[noreturn]] void fail(const char* what)
{
    std::fprintf(stderr, "oiso-screenshots: %s\n", what);
    std::exit(1);
}

const QString kMe = QStringLiteral("minji");

struct Shot {
    QString language; // "ko" or "en"
    QString palette;  // "light" or "dark"
};

// minji's app on the demo market: the market session, the picture loader the windows share.
class Scene {
public:
    Scene()
        : m_server(test::demoServerOptions())
        , m_admin(m_server.location())
        , m_thumbnails(m_imageNetwork,
                       ui::ThumbnailLoader::Options{m_dir.filePath(QStringLiteral("thumbs"))})
    {
        m_calculus = test::demoItemKey(m_admin.client, QStringLiteral("미적분학"));
        m_calculusMessages =
            test::readValue(m_admin.client, market::paths::room(m_calculus)).childCount();
        m_summaries = test::readValue(m_admin.client, market::paths::summaries(kMe));
    }

    void take(const Shot& shot, const QDir& out)
    {
        // Every picture starts from the demo's state: her read marks as seeded (the chat window
        // moves them), a fresh profile (cache, drafts) that fills from the server.
        test::finished(m_admin.client.set(market::paths::summaries(kMe), m_summaries));
        m_minji = std::make_unique<test::MarketClient>(m_server.location(), kMe);
        m_minji->session->start();
        if (!test::waitUntil([this] { return m_minji->list().isSettled(); }))
            fail("the chat list did not settle");

        QSettings settings(m_dir.filePath(shot.language + shot.palette + QStringLiteral(".ini")),
                           QSettings::IniFormat);
        {
            ui::ChatWindowManager manager(*m_minji->session, settings, &m_thumbnails);
            {
                ui::ChatListWindow list(m_minji->list(), &m_thumbnails, manager, settings);
                list.setAccount(kMe, true);
                list.show();
                showList(list);
                save(list, out, QStringLiteral("chatlist-"), shot);
            }
            manager.openRoom(m_calculus);
            ui::ChatWindow* chat = manager.window(m_calculus);
            if (!chat)
                fail("the chat window did not open");
            showChat(*chat);
            save(*chat, out, QStringLiteral("chat-"), shot);
        }
        m_minji.reset();
    }

private:
    void showList(ui::ChatListWindow& list)
    {
        ui::ChatListPage& selling = list.page(ListKind::Selling);
        const bool shown = test::waitUntil([&] {
            if (!list.windowHandle() || !list.windowHandle()->isExposed() ||
                list.page(ListKind::Selling).model().rowCount() !=
                    int(m_minji->list().rows(ListKind::Selling).size()) ||
                m_minji->list().connectionState() != market::ConnectionState::Live)
                return false;
            return thumbnailsDone(list);
        });
        if (!shown)
            fail("the chat list did not show its rows and thumbnails");
        selling.selectItem(m_calculus); // the selection's colours are part of the review
    }

    // Every row's picture has loaded (or failed, then the placeholder is what the user sees).
    bool thumbnailsDone(ui::ChatListWindow& list)
    {
        for (ListKind kind : {ListKind::Selling, ListKind::Buying, ListKind::Purchased}) {
            for (const market::ChatListRow& row : list.page(kind).model().rows()) {
                if (!ui::ThumbnailLoader::isFetchable(row.imageUrl))
                    continue;
                m_thumbnails.thumbnail(row.imageUrl); // starts the load, as a paint does
                const auto status = m_thumbnails.status(row.imageUrl);
                if (status != ui::ThumbnailLoader::Status::Ready &&
                    status != ui::ThumbnailLoader::Status::Failed)
                    return false;
            }
        }
        return true;
    }

    void showChat(ui::ChatWindow& chat)
    {
        const bool shown = test::waitUntil([&] {
            return chat.windowHandle() && chat.windowHandle()->isExposed() &&
                   chat.model().rowCount() >= m_calculusMessages && chat.header()->hasPhoto() &&
                   m_minji->session->room(m_calculus).connectionState() ==
                       market::ConnectionState::Live;
        });
        if (!shown)
            fail("the chat window did not show its messages, photo and connection");
    }

    static void save(QWidget& window, const QDir& out, const QString& prefix, const Shot& shot)
    {
        QCoreApplication::processEvents(); // pending layouts and updates first
        const QString path =
            out.filePath(prefix + shot.language + u'-' + shot.palette + QStringLiteral(".png"));
        const QPixmap picture = window.grab();
        if (!picture.save(path, "PNG", 0)) // 0: the strongest (lossless) compression
            fail("could not write a picture");
        std::printf("%s  %dx%d px (ratio %.0f), %lld KB\n", qPrintable(path), picture.width(),
                    picture.height(), picture.devicePixelRatio(), QFileInfo(path).size() / 1024);
    }

    QTemporaryDir m_dir;
    test::EmbeddedServer m_server;
    test::ClientSet m_admin; // reads and resets the demo data
    QNetworkAccessManager m_imageNetwork;
    ui::ThumbnailLoader m_thumbnails;
    std::unique_ptr<test::MarketClient> m_minji;
    QString m_calculus;
    int m_calculusMessages = 0;
    protocol::Node m_summaries; // chat_summary/minji as seeded
};

} // namespace

int main(int argc, char** argv)
{
    const Options options = parseOptions(argc, argv);
    if (!qEnvironmentVariableIsSet("QT_SCALE_FACTOR"))
        qputenv("QT_SCALE_FACTOR", options.scale);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Oiso"));
    QCoreApplication::setApplicationName(QStringLiteral("Oiso Chat (screenshots)"));
    ui::initUiResources();
    // The same style everywhere the pictures are taken (it is Qt's default where the desktop
    // gives none, as under xvfb).
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QDir out(options.outDir);
    if (!QDir().mkpath(out.path()))
        fail("cannot create the output folder");

    Scene scene;
    ui::Translations translations;
    for (const QString& language : {QStringLiteral("ko"), QStringLiteral("en")}) {
        translations.install(language == QLatin1String("ko") ? ui::UiLanguage::Korean
                                                             : ui::UiLanguage::English);
        for (const QString& palette : {QStringLiteral("light"), QStringLiteral("dark")}) {
            QApplication::setPalette(palette == QLatin1String("dark") ? test::darkPalette()
                                                                      : test::lightPalette());
            scene.take({language, palette}, out);
        }
    }
    return 0;
}
