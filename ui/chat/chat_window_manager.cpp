#include "ui/chat/chat_window_manager.h"

#include "market/market_session.h"
#include "rtdb/rtdb_client.h"
#include "ui/chat/chat_window.h"
#include "ui/chatlist/thumbnail_loader.h"

#include <QSettings>
#include <QTimer>

namespace oiso::ui {

namespace {

std::unique_ptr<ThumbnailLoader> ownLoader(market::MarketSession& session, ThumbnailLoader* shared)
{
    if (shared)
        return nullptr;
    // The session's network manager: one per thread, as everywhere (no disk cache: the
    // app's shared loader has one).
    return std::make_unique<ThumbnailLoader>(session.context().client.networkManager(),
                                             ThumbnailLoader::Options{});
}

} // namespace

ChatWindowManager::ChatWindowManager(market::MarketSession& session, QSettings& settings,
                                     ThumbnailLoader* thumbnails, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_settings(settings)
    , m_ownThumbnails(ownLoader(session, thumbnails))
    , m_thumbnails(thumbnails ? *thumbnails : *m_ownThumbnails)
{
}

ChatWindowManager::~ChatWindowManager()
{
    closeAll();
}

QString ChatWindowManager::geometryKey(const QString& itemKey)
{
    return QStringLiteral("chatWindows/%1/geometry").arg(itemKey);
}

ChatWindow* ChatWindowManager::window(const QString& itemKey) const
{
    const auto it = m_windows.find(itemKey);
    return it == m_windows.end() ? nullptr : it->second.data();
}

void ChatWindowManager::openRoom(const QString& itemKey)
{
    if (itemKey.isEmpty())
        return;
    if (ChatWindow* open = window(itemKey)) {
        if (open->isMinimized())
            open->showNormal();
        else
            open->show();
        open->raise();
        open->activateWindow();
        return;
    }
    auto* window = new ChatWindow(m_session.room(itemKey), m_thumbnails);
    // A chat window is not the app: closing the last one must not quit it (the chat list and the
    // tray decide that).
    window->setAttribute(Qt::WA_QuitOnClose, false);
    const QByteArray geometry = m_settings.value(geometryKey(itemKey)).toByteArray();
    if (!geometry.isEmpty())
        window->restoreGeometry(geometry);
    connect(window, &ChatWindow::closed, this, &ChatWindowManager::onClosed);
    m_windows[itemKey] = window;
    window->show();
    window->raise();
    window->activateWindow();
    emit windowOpened(itemKey);
}

bool ChatWindowManager::isRoomInFront(const QString& itemKey) const
{
    const ChatWindow* open = window(itemKey);
    return open && open->isVisible() && !open->isMinimized() && open->isActiveWindow();
}

void ChatWindowManager::rememberGeometry(const QString& itemKey, const ChatWindow& window)
{
    m_settings.setValue(geometryKey(itemKey), window.saveGeometry());
}

void ChatWindowManager::onClosed(const QString& itemKey)
{
    const auto it = m_windows.find(itemKey);
    if (it == m_windows.end())
        return;
    const QPointer<ChatWindow> window = it->second;
    m_windows.erase(it);
    if (!window)
        return;
    rememberGeometry(itemKey, *window);
    m_closing.emplace(itemKey, window);
    // We are inside the window's closeEvent: it is deleted from the event loop, and its room
    // closed only once the window and its model are gone.
    QTimer::singleShot(0, this, [this, itemKey] { finishClosing(itemKey); });
}

void ChatWindowManager::finishClosing(QString itemKey)
{
    const auto [first, last] = m_closing.equal_range(itemKey);
    if (first == last)
        return;
    for (auto it = first; it != last; ++it)
        delete it->second.data();
    m_closing.erase(first, last);
    if (!m_windows.count(itemKey)) // not opened again meanwhile
        m_session.closeRoom(itemKey);
    emit windowClosed(itemKey);
}

void ChatWindowManager::closeAll()
{
    const auto windows = std::exchange(m_windows, {});
    for (const auto& [itemKey, window] : windows) {
        if (!window)
            continue;
        disconnect(window, nullptr, this, nullptr);
        window->prepareToClose();
        rememberGeometry(itemKey, *window);
        m_closing.emplace(itemKey, window);
    }
    while (!m_closing.empty())
        finishClosing(m_closing.begin()->first);
}

} // namespace oiso::ui

#include "moc_chat_window_manager.cpp"
