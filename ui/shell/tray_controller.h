#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QMenu;
class QSystemTrayIcon;

namespace oiso::market {
class ChatListService;
struct ChatMessage;
} // namespace oiso::market

namespace oiso::ui {

class RoomOpener;

// The tray icon and desktop notifications. The icon carries the unread total as a badge and in
// its tooltip; clicking it shows the chat list. A message from someone else in a room whose
// window is not in front shows a notification (sender, item, text) unless notifications are off;
// clicking it opens that room. Where the platform has no tray (or in tests) there is no icon
// and no notification, and everything else works the same.
class TrayController : public QObject {
    Q_OBJECT

public:
    TrayController(market::ChatListService& service, RoomOpener& opener, QString me,
                   QObject* parent = nullptr);
    ~TrayController() override;

    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }
    bool hasTray() const { return m_tray != nullptr; }
    QString toolTip() const { return m_toolTip; }
    // The notification most recently decided on (for tests: shown or not).
    struct Notice {
        QString itemKey, title, text;
    };
    const Notice& lastNotice() const { return m_last; }
    // The list window was closed: say once that the app goes on in the tray.
    void noteStillRunning();

signals:
    void showListRequested();
    void quitRequested();
    // A notification was shown (or would have been, without a tray).
    void notified(const QString& itemKey);

private:
    void updateUnread();
    void onMessage(const QString& itemKey, const market::ChatMessage& message);
    QString itemName(const QString& itemKey) const;

    market::ChatListService& m_service;
    RoomOpener& m_opener;
    QString m_me;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QString m_toolTip;
    Notice m_last;
    int m_unread = -1;
    bool m_notify = true;
    bool m_saidStillRunning = false;
};

} // namespace oiso::ui
