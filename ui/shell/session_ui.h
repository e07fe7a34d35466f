#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QSettings;

namespace oiso::rtdb {
class RtdbClient;
}

namespace oiso::market {
class MarketSession;
}

namespace oiso::ui {

class ChatListWindow;
class RoomOpener;
class ThumbnailLoader;
class TrayController;

// Makes the chat windows of a session (the ChatWindowManager of ui/chat, chatWindows()); tests
// pass a fake. The thumbnail loader is the chat list's, to share its caches.
using RoomOpenerFactory = std::function<std::unique_ptr<RoomOpener>(
    market::MarketSession&, QSettings&, ThumbnailLoader* thumbnails)>;

// The real chat windows: one ChatWindowManager per session.
RoomOpenerFactory chatWindows();

// Everything shown for one signed-in user, built after sign-in and destroyed on sign-out or an
// account switch: the market session (stores and services), thumbnails, the chat windows (room
// opener), the chat list window and the tray.
class SessionUi : public QObject {
    Q_OBJECT

public:
    struct Config {
        QString loginId;
        bool demo = false;
        QString profileDirectory; // the user's stores
        QUrl imageBase;
        QString thumbnailCacheDirectory;
        bool notifications = true;
    };

    SessionUi(rtdb::RtdbClient& client, QSettings& settings, Config config,
              RoomOpenerFactory roomOpeners, QObject* parent = nullptr);
    ~SessionUi() override;

    // Opens the stores; false with a reason the user can act on.
    bool open(QString* error);
    void show();
    void openRoom(const QString& itemKey);
    void setNotificationsEnabled(bool enabled);

    const Config& config() const { return m_config; }
    market::MarketSession& market() const { return *m_market; }
    ChatListWindow* window() const { return m_window.get(); }
    TrayController* tray() const { return m_tray.get(); }
    RoomOpener* roomOpener() const { return m_opener.get(); }

signals:
    void settingsRequested();
    void signInRequested();
    void quitRequested();

private:
    rtdb::RtdbClient& m_client;
    QSettings& m_settings;
    Config m_config;
    RoomOpenerFactory m_roomOpeners;
    // Declared in construction order; destroyed in reverse: the window and the tray first (they
    // hold the services), the market session last.
    std::unique_ptr<market::MarketSession> m_market;
    std::unique_ptr<QNetworkAccessManager> m_imageNetwork;
    std::unique_ptr<ThumbnailLoader> m_thumbnails;
    std::unique_ptr<RoomOpener> m_opener;
    std::unique_ptr<ChatListWindow> m_window;
    std::unique_ptr<TrayController> m_tray;
};

} // namespace oiso::ui
