#include "ui/shell/tray_controller.h"

#include "market/chat_list_service.h"
#include "ui/common/icons.h"
#include "ui/shell/badge_icon.h"
#include "ui/shell/room_opener.h"

#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>

namespace oiso::ui {

namespace {

constexpr qsizetype kMaxNoticeText = 160;
constexpr int kNoticeMs = 8'000;

} // namespace

TrayController::TrayController(market::ChatListService& service, RoomOpener& opener, QString me,
                               QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_opener(opener)
    , m_me(std::move(me))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(applicationIcon(), this);
        m_menu = new QMenu;
        QAction* show = m_menu->addAction(tr("&Show Oiso Chat"));
        connect(show, &QAction::triggered, this, &TrayController::showListRequested);
        m_menu->addSeparator();
        QAction* quit = m_menu->addAction(tr("&Quit"));
        connect(quit, &QAction::triggered, this, &TrayController::quitRequested);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger ||
                        reason == QSystemTrayIcon::DoubleClick)
                        emit showListRequested();
                });
        // The platform says only that "the" message was clicked: the last one shown.
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_last.itemKey.isEmpty())
                m_opener.openRoom(m_last.itemKey);
        });
        m_tray->show();
    }
    connect(&m_service, &market::ChatListService::rowsChanged, this, &TrayController::updateUnread);
    connect(&m_service, &market::ChatListService::messageArrived, this, &TrayController::onMessage);
    updateUnread();
}

TrayController::~TrayController()
{
    delete m_menu;
}

void TrayController::updateUnread()
{
    const int unread = m_service.unreadTotal();
    if (unread == m_unread)
        return;
    m_unread = unread;
    m_toolTip = unread > 0 ? tr("Oiso Chat — %n unread message(s)", "", unread)
                           : tr("Oiso Chat — no unread messages");
    if (m_tray) {
        m_tray->setToolTip(m_toolTip);
        m_tray->setIcon(badgedIcon(applicationIcon(), unread, QApplication::palette()));
    }
}

QString TrayController::itemName(const QString& itemKey) const
{
    for (market::ListKind kind :
         {market::ListKind::Selling, market::ListKind::Buying, market::ListKind::Purchased}) {
        for (const market::ChatListRow& row : m_service.rows(kind)) {
            if (row.itemKey == itemKey && !row.name.isEmpty())
                return row.name;
        }
    }
    return tr("an item");
}

void TrayController::noteStillRunning()
{
    if (!m_tray || m_saidStillRunning)
        return;
    m_saidStillRunning = true;
    m_last = {};
    m_tray->showMessage(tr("Oiso Chat is still running"),
                        tr("New messages will still be announced. Quit from the tray icon's "
                           "menu."),
                        applicationIcon(), kNoticeMs);
}

void TrayController::onMessage(const QString& itemKey, const market::ChatMessage& message)
{
    // Never for my own words (written here or on another of my devices), nor for the room the
    // user is reading.
    if (!m_notify || message.senderId == m_me || m_opener.isRoomInFront(itemKey))
        return;
    QString text = message.text.simplified();
    if (text.size() > kMaxNoticeText)
        text = text.left(kMaxNoticeText - 1) + QChar(0x2026);
    const QString sender = message.senderId.isEmpty() ? tr("Someone") : message.senderId;
    m_last = {itemKey,
              tr("%1 · %2", "notification title: sender · item").arg(sender, itemName(itemKey)),
              text};
    if (m_tray)
        m_tray->showMessage(m_last.title, m_last.text, applicationIcon(), kNoticeMs);
    emit notified(itemKey);
}

} // namespace oiso::ui
