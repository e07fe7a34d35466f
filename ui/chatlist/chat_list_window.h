#pragma once

#include "market/connection_state.h"
#include "market/local_cache.h"

#include <QMainWindow>

#include <array>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSettings;
class QTabWidget;
class QTimer;

namespace oiso::market {
class ChatListService;
}

namespace oiso::ui {

class ChatListPage;
class ConnectionBar;
class PurchaseFlow;
class RoomOpener;
class ThumbnailLoader;

// The chat list window (DESIGN §2): Selling (N), Buying (N) and Purchased (N), live from the
// chat list service; a filter box (Ctrl+F) and an "unread first" toggle for all three; opening
// a row's chat through the room opener; "Purchase complete" on Buying rows; the connection state
// above the lists and in the status bar. Geometry and the chosen section are remembered.
//
// The shell owns everything passed in and outlives the window; it fills the Account menu and
// reacts to settingsRequested / signInRequested.
class ChatListWindow : public QMainWindow {
    Q_OBJECT

public:
    ChatListWindow(market::ChatListService& service, ThumbnailLoader* thumbnails,
                   RoomOpener& opener, QSettings& settings, QWidget* parent = nullptr);
    ~ChatListWindow() override;

    ChatListPage& page(market::ListKind kind) const;
    ChatListPage& currentPage() const;
    void showSection(market::ListKind kind);
    QMenu* accountMenu() const { return m_accountMenu; }
    QMenu* fileMenu() const { return m_fileMenu; }

    // Who is signed in, shown in the title and the status bar; `demo` adds the Demo marker.
    void setAccount(const QString& loginId, bool demo);
    // Brings the window to the front (a second launch, the tray).
    void present();

signals:
    void settingsRequested();
    void signInRequested();
    void closed();        // the user closed the window (the shell decides: tray or quit)
    void quitRequested(); // File > Quit: the whole app, tray or not

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void refresh(market::ListKind kind);
    void updateTitles();
    void updateActions();
    void setConnectionState(market::ConnectionState state);
    void openCurrent();
    void purchaseCurrent();
    void requestPurchase(const QString& itemKey);
    void saveState();
    void restoreState();

    market::ChatListService& m_service;
    RoomOpener& m_opener;
    QSettings& m_settings;
    std::array<ChatListPage*, 3> m_pages{};
    QTabWidget* m_tabs = nullptr;
    ConnectionBar* m_connectionBar = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_accountLabel = nullptr;
    QLabel* m_connectionLabel = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_accountMenu = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_purchaseAction = nullptr;
    QAction* m_unreadFirstAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_quitAction = nullptr;
    std::array<QAction*, 3> m_sectionActions{};
    PurchaseFlow* m_purchases = nullptr;
    QTimer* m_clock = nullptr;
};

} // namespace oiso::ui
