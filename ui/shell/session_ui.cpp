#include "ui/shell/session_ui.h"

#include "market/chat_list_service.h"
#include "market/market_session.h"
#include "ui/chat/chat_window_manager.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/shell/room_opener.h"
#include "ui/shell/tray_controller.h"

#include <QNetworkAccessManager>
#include <QSettings>

namespace oiso::ui {

RoomOpenerFactory chatWindows()
{
    return [](market::MarketSession& session, QSettings& settings, ThumbnailLoader* thumbnails) {
        return std::make_unique<ChatWindowManager>(session, settings, thumbnails);
    };
}

SessionUi::SessionUi(rtdb::RtdbClient& client, QSettings& settings, Config config,
                     RoomOpenerFactory roomOpeners, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_settings(settings)
    , m_config(std::move(config))
    , m_roomOpeners(std::move(roomOpeners))
{
}

SessionUi::~SessionUi()
{
    m_tray.reset();
    m_window.reset();
    m_opener.reset();
    m_thumbnails.reset();
    m_imageNetwork.reset();
    m_market.reset();
}

bool SessionUi::open(QString* error)
{
    market::SessionConfig sessionConfig;
    sessionConfig.profileDirectory = m_config.profileDirectory;
    sessionConfig.loginId = m_config.loginId;
    sessionConfig.imageBase = m_config.imageBase;
    m_market = std::make_unique<market::MarketSession>(m_client, sessionConfig);
    if (!m_market->open(error))
        return false;

    // Images get their own network manager: it carries the disk cache, which RTDB calls must
    // never go through.
    m_imageNetwork = std::make_unique<QNetworkAccessManager>();
    ThumbnailLoader::Options thumbnailOptions;
    thumbnailOptions.cacheDirectory = m_config.thumbnailCacheDirectory;
    m_thumbnails = std::make_unique<ThumbnailLoader>(*m_imageNetwork, thumbnailOptions);

    m_opener = m_roomOpeners(*m_market, m_settings, m_thumbnails.get());
    m_window = std::make_unique<ChatListWindow>(m_market->chatList(), m_thumbnails.get(), *m_opener,
                                                m_settings);
    m_window->setAccount(m_config.loginId, m_config.demo);
    connect(m_window.get(), &ChatListWindow::settingsRequested, this,
            &SessionUi::settingsRequested);
    connect(m_window.get(), &ChatListWindow::signInRequested, this, &SessionUi::signInRequested);
    connect(m_window.get(), &ChatListWindow::quitRequested, this, &SessionUi::quitRequested);

    m_tray = std::make_unique<TrayController>(m_market->chatList(), *m_opener, m_config.loginId);
    m_tray->setNotificationsEnabled(m_config.notifications);
    connect(m_tray.get(), &TrayController::showListRequested, this,
            [this] { m_window->present(); });
    connect(m_tray.get(), &TrayController::quitRequested, this, &SessionUi::quitRequested);
    // With a tray, closing the list leaves the app running there (messages still notify);
    // without one, closing the list quits.
    connect(m_window.get(), &ChatListWindow::closed, this, [this] {
        if (m_tray->hasTray())
            m_tray->noteStillRunning();
        else
            emit quitRequested();
    });

    // The cache paints the lists at once; the services then follow the server.
    m_market->start();
    return true;
}

void SessionUi::show()
{
    if (m_window)
        m_window->present();
}

void SessionUi::openRoom(const QString& itemKey)
{
    if (m_opener && !itemKey.isEmpty())
        m_opener->openRoom(itemKey);
}

void SessionUi::setNotificationsEnabled(bool enabled)
{
    m_config.notifications = enabled;
    if (m_tray)
        m_tray->setNotificationsEnabled(enabled);
}

} // namespace oiso::ui
