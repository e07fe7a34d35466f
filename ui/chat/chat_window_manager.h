#pragma once

#include "ui/shell/room_opener.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <map>
#include <memory>

class QSettings;

namespace oiso::market {
class MarketSession;
}

namespace oiso::ui {

class ChatWindow;
class ThumbnailLoader;

// Keeps one chat window per item: opening a room that is open raises and activates its window;
// a closed window's room is closed in the session (its stream stops) and its geometry is
// remembered in the injected settings under chatWindows/<itemKey>/geometry.
class ChatWindowManager : public QObject, public RoomOpener {
    Q_OBJECT

public:
    // `thumbnails`: the app's loader, shared with the chat list (a private one when null).
    ChatWindowManager(market::MarketSession& session, QSettings& settings,
                      ThumbnailLoader* thumbnails = nullptr, QObject* parent = nullptr);
    ~ChatWindowManager() override; // closes every window (drafts and geometry saved)

    void openRoom(const QString& itemKey) override;
    bool isRoomInFront(const QString& itemKey) const override;

    ChatWindow* window(const QString& itemKey) const;
    int windowCount() const { return int(m_windows.size()); }
    void closeAll();

    static QString geometryKey(const QString& itemKey);

signals:
    void windowOpened(const QString& itemKey);
    void windowClosed(const QString& itemKey); // its room is closed too

private:
    void onClosed(const QString& itemKey);
    void finishClosing(QString itemKey); // by value: callers pass keys that live in m_closing
    void rememberGeometry(const QString& itemKey, const ChatWindow& window);

    market::MarketSession& m_session;
    QSettings& m_settings;
    std::unique_ptr<ThumbnailLoader> m_ownThumbnails;
    ThumbnailLoader& m_thumbnails;
    std::map<QString, QPointer<ChatWindow>> m_windows;
    std::multimap<QString, QPointer<ChatWindow>> m_closing; // closed, deleted next turn
};

} // namespace oiso::ui
