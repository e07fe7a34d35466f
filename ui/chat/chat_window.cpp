#include "ui/chat/chat_window.h"

#include "market/chat_room_service.h"
#include "market/message_rules.h"
#include "ui/chat/chat_header.h"
#include "ui/chat/composer.h"
#include "ui/chat/composer_bar.h"
#include "ui/chat/connection_line.h"
#include "ui/chat/message_delegate.h"
#include "ui/chat/message_model.h"
#include "ui/chat/message_view.h"
#include "ui/chat/room_message_source.h"

#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace oiso::ui {

using market::ConnectionState;

ChatWindow::ChatWindow(market::ChatRoomService& room, ThumbnailLoader& thumbnails, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_room(room)
    , m_itemKey(room.itemKey())
    , m_source(new RoomMessageSource(room, this))
    , m_model(new MessageModel(*m_source, this))
    , m_delegate(new MessageDelegate(*m_model, this))
    , m_header(new ChatHeader(thumbnails, this))
    , m_connection(new ConnectionLine(this))
    , m_errorBar(new QFrame(this))
    , m_error(new QLabel(m_errorBar))
    , m_dismissError(new QToolButton(m_errorBar))
    , m_view(new MessageView(*m_model, *m_delegate, this))
    , m_composerBar(new ComposerBar(this))
{
    setObjectName(QStringLiteral("chatWindow"));
    buildLayout();

    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &ChatWindow::saveDraft);
    m_olderTimer.setSingleShot(true);
    m_olderTimer.setInterval(0);
    connect(&m_olderTimer, &QTimer::timeout, this, &ChatWindow::loadOlderIfWanted);

    connectRoom();
    connect(m_composerBar, &ComposerBar::sendRequested, this, &ChatWindow::onSendRequested);
    connect(m_composerBar, &ComposerBar::textEdited, this, [this] { m_draftTimer.start(); });
    connect(m_view, &MessageView::nearTop, this, [this] { m_olderTimer.start(); });
    connect(m_view, &MessageView::reachedBottom, this, &ChatWindow::maybeMarkRead);
    connect(m_view, &MessageView::retryRequested, this,
            [this](const QString& key) { m_room.retry(key); });
    connect(m_view, &MessageView::deleteRequested, this,
            [this](const QString& key) { m_room.discard(key); });
    connect(m_model, &MessageModel::rowsInserted, this, [this] {
        placeOnce();
        maybeMarkRead();
    });
    connect(m_dismissError, &QToolButton::clicked, this, &ChatWindow::hideError);

    // Esc closes, as the issue asks; Ctrl+W as everywhere else. The composer keeps Esc for
    // itself while a syllable is being composed.
    for (const QKeySequence& keys :
         {QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &QWidget::close);

    m_composerBar->setText(m_room.draft());
    updateItem();
    updateConnection(m_room.connectionState());
    m_composerBar->setFocus();
}

ChatWindow::~ChatWindow()
{
    // The view first: children go in the order they were made, and the model and delegate it
    // watches were made before it.
    delete m_view;
}

void ChatWindow::buildLayout()
{
    m_connection->setObjectName(QStringLiteral("connectionState"));
    m_errorBar->setObjectName(QStringLiteral("errorBar"));
    m_errorBar->setFrameShape(QFrame::StyledPanel);
    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_dismissError->setObjectName(QStringLiteral("dismissError"));
    m_dismissError->setText(QStringLiteral("×"));
    m_dismissError->setAutoRaise(true);
    m_dismissError->setAccessibleName(tr("Dismiss the message"));
    m_dismissError->setToolTip(tr("Dismiss"));
    auto* errorRow = new QHBoxLayout(m_errorBar);
    errorRow->setContentsMargins(10, 4, 4, 4);
    errorRow->addWidget(m_error, 1);
    errorRow->addWidget(m_dismissError, 0, Qt::AlignTop);
    m_errorBar->hide();

    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::HLine);
    separator->setFrameShadow(QFrame::Sunken);
    auto* bottomSeparator = new QFrame(this);
    bottomSeparator->setFrameShape(QFrame::HLine);
    bottomSeparator->setFrameShadow(QFrame::Sunken);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_header);
    column->addWidget(m_connection);
    column->addWidget(separator);
    column->addWidget(m_errorBar);
    column->addWidget(m_view, 1);
    column->addWidget(bottomSeparator);
    column->addWidget(m_composerBar);

    // Writing comes first, then the send button, the messages, and the error's dismiss button.
    setTabOrder(m_composerBar->composer(), m_composerBar->sendButton());
    setTabOrder(m_composerBar->sendButton(), m_view);
    setTabOrder(m_view, m_view->newMessagesPill());
    setTabOrder(m_view->newMessagesPill(), m_dismissError);
    resize(420, 640);
}

void ChatWindow::connectRoom()
{
    using market::ChatRoomService;
    connect(&m_room, &ChatRoomService::itemChanged, this, &ChatWindow::updateItem);
    connect(&m_room, &ChatRoomService::connectionStateChanged, this, &ChatWindow::updateConnection);
    connect(&m_room, &ChatRoomService::errorOccurred, this, &ChatWindow::showError);
    connect(&m_room, &ChatRoomService::olderLoaded, this, [this] { m_view->checkNearTop(); });
    connect(&m_room, &ChatRoomService::messageChanged, this, &ChatWindow::maybeMarkRead);
}

Composer* ChatWindow::composer() const
{
    return m_composerBar->composer();
}

QString ChatWindow::errorText() const
{
    return m_errorBar->isHidden() ? QString() : m_error->text();
}

QString ChatWindow::connectionText() const
{
    return m_connection->text();
}

void ChatWindow::onSendRequested(const QString& text)
{
    const market::MessageCheck check = market::checkMessageText(text);
    if (check.problem == market::MessageCheck::Problem::Empty)
        return; // Enter in an empty box: nothing to say
    if (!check.ok()) {
        showError(check.userMessage());
        return;
    }
    const QString error = m_room.send(text);
    if (!error.isEmpty()) {
        showError(error); // the text stays in the box
        return;
    }
    m_draftTimer.stop(); // send() removed the draft
    m_composerBar->clear();
    hideError();
    m_view->scrollToNewest();
}

void ChatWindow::saveDraft()
{
    m_draftTimer.stop();
    m_room.saveDraft(m_composerBar->text());
}

void ChatWindow::updateItem()
{
    const auto& item = m_room.item();
    m_header->setItem(item, m_room.imageUrl());
    const QString name = item && !item->name.isEmpty() ? item->name : tr("Chat");
    setWindowTitle(tr("%1 — Oiso Chat", "window title: the item's name").arg(name));
    setAccessibleName(tr("Chat about %1").arg(name));
}

void ChatWindow::updateConnection(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Live:
        m_connection->setState(tr("Live"), Tone::Positive);
        hideError(); // what went wrong while offline is over now
        break;
    case ConnectionState::Connecting:
        m_connection->setState(tr("Connecting… showing the messages saved on this computer."),
                               Tone::Caution);
        break;
    case ConnectionState::Offline:
        m_connection->setState(tr("Offline — what you write is kept and sent when the "
                                  "connection is back."),
                               Tone::Negative);
        break;
    case ConnectionState::SignedOut:
        m_connection->setState(tr("Signed out — sign in again from the chat list to send and "
                                  "receive messages."),
                               Tone::Negative);
        break;
    }
    m_connection->setAccessibleName(tr("Connection: %1").arg(m_connection->text()));
}

void ChatWindow::showError(const QString& message)
{
    if (message.isEmpty())
        return;
    m_error->setText(message);
    m_errorBar->setAccessibleName(tr("Problem: %1").arg(message));
    m_errorBar->show();
}

void ChatWindow::hideError()
{
    m_errorBar->hide();
    m_error->clear();
}

void ChatWindow::loadOlderIfWanted()
{
    if (m_room.hasOlder() && !m_room.isLoadingOlder())
        m_room.loadOlder();
}

void ChatWindow::maybeMarkRead()
{
    // Read means seen: the window is in front and the newest message is on screen.
    if (!isVisible() || !isActiveWindow() || isMinimized() || !m_view->isAtBottom() ||
        m_model->rowCount() == 0)
        return;
    m_model->noteAllSeen();
    const QString newest = m_model->keyAt(m_model->rowCount() - 1);
    if (newest == m_readUpTo)
        return;
    m_readUpTo = newest;
    m_room.markRead();
}

void ChatWindow::placeOnce()
{
    // Where reading starts, decided once: when the window shows with messages, or when the first
    // messages arrive (a room not in the cache comes from the server after the window is up).
    if (m_placed || !isVisible() || m_model->rowCount() == 0)
        return;
    m_placed = true;
    m_view->placeAtOpen();
}

void ChatWindow::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    placeOnce();
    maybeMarkRead();
}

void ChatWindow::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ActivationChange || event->type() == QEvent::WindowStateChange)
        maybeMarkRead();
    else if (event->type() == QEvent::LanguageChange) {
        updateItem();
        updateConnection(m_room.connectionState());
    }
}

void ChatWindow::prepareToClose()
{
    composer()->commitComposition();
    saveDraft();
}

void ChatWindow::closeEvent(QCloseEvent* event)
{
    prepareToClose();
    QWidget::closeEvent(event);
    emit closed(m_itemKey);
}

} // namespace oiso::ui

#include "moc_chat_window.cpp"
