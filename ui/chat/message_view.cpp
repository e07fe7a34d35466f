#include "ui/chat/message_view.h"

#include "market/chat_room_service.h"
#include "ui/chat/message_delegate.h"
#include "ui/chat/message_model.h"
#include "ui/common/tinted_icon.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QLinearGradient>
#include <QMenu>
#include <QPaintEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>

namespace oiso::ui {

namespace {

using Delivery = market::RoomMessage::Delivery;

bool isFailedMine(const QModelIndex& index)
{
    return index.data(MessageModel::MineRole).toBool() &&
           Delivery(index.data(MessageModel::DeliveryRole).toInt()) == Delivery::Failed;
}

} // namespace

MessageView::MessageView(MessageModel& model, MessageDelegate& delegate, QWidget* parent)
    : QListView(parent)
    , m_model(model)
    , m_delegate(delegate)
    , m_pill(new QPushButton(this))
{
    setModel(&model);
    setItemDelegate(&delegate);
    setUniformItemSizes(false); // every message has its own height
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setLayoutMode(QListView::SinglePass);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true); // the pointing hand over Retry and Delete
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Messages"));

    m_pill->setObjectName(QStringLiteral("newMessagesPill"));
    m_pill->setCursor(Qt::PointingHandCursor);
    m_pill->setFocusPolicy(Qt::TabFocus);
    m_pill->setStyleSheet(QStringLiteral(
        "QPushButton { background: palette(highlight); color: palette(highlighted-text);"
        " border: none; border-radius: 13px; padding: 5px 14px; }"));
    m_pill->setAccessibleName(tr("Jump to the newest messages"));
    m_pill->hide();
    connect(m_pill, &QPushButton::clicked, this, &MessageView::scrollToNewest);

    connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &MessageView::onRowsAboutToBeInserted);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &MessageView::onScrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &MessageView::onRangeChanged);
    connect(&delegate, &MessageDelegate::retryRequested, this, &MessageView::retryRequested);
    connect(&delegate, &MessageDelegate::deleteRequested, this, &MessageView::deleteRequested);
}

bool MessageView::isAtBottom() const
{
    const QScrollBar* bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 2;
}

void MessageView::scrollToNewest()
{
    executeDelayedItemsLayout();
    m_stick = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_newCount = 0;
    updatePill();
}

void MessageView::placeAtOpen()
{
    scrollToNewest();
    const int divider = m_model.unreadDividerRow();
    if (divider < 0)
        return;
    const QModelIndex index = m_model.index(divider);
    if (visualRect(index).top() < 0) { // more unread than fit: start reading where they begin
        scrollTo(index, QAbstractItemView::PositionAtTop);
        m_stick = isAtBottom();
    }
}

void MessageView::checkNearTop()
{
    if (m_model.rowCount() > 0 && verticalScrollBar()->value() < 2 * viewport()->height())
        emit nearTop();
}

void MessageView::onScrolled(int)
{
    m_stick = isAtBottom();
    if (m_stick) {
        if (m_newCount > 0) {
            m_newCount = 0;
            updatePill();
        }
        emit reachedBottom();
    }
    checkNearTop();
}

void MessageView::onRangeChanged(int, int max)
{
    if (m_stick)
        verticalScrollBar()->setValue(max);
    checkNearTop();
}

QModelIndex MessageView::topVisibleIndex() const
{
    return indexAt(QPoint(viewport()->width() / 2, 0));
}

void MessageView::onRowsAboutToBeInserted(const QModelIndex&, int start, int)
{
    m_atBottomBeforeInsert = m_stick;
    if (m_stick || m_anchor.isValid())
        return; // the bottom is the anchor, or an earlier insert's anchor is still to be applied
    const QModelIndex top = topVisibleIndex();
    if (top.isValid() && start <= top.row()) {
        m_anchor = top;
        m_anchorTop = visualRect(top).top();
    }
}

void MessageView::rowsInserted(const QModelIndex& parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    if (end != m_model.rowCount() - 1)
        return; // not the newest
    int fromOthers = 0;
    bool sentNow = false;
    for (int row = start; row <= end; ++row) {
        const QModelIndex index = m_model.index(row);
        if (!index.data(MessageModel::MineRole).toBool())
            ++fromOthers;
        else if (Delivery(index.data(MessageModel::DeliveryRole).toInt()) == Delivery::Sending)
            sentNow = true;
    }
    if (sentNow) {
        scrollToNewest(); // what the user just wrote is always shown
        return;
    }
    if (!m_atBottomBeforeInsert && fromOthers > 0) {
        m_newCount += fromOthers;
        updatePill();
    }
}

void MessageView::doItemsLayout()
{
    QListView::doItemsLayout();
    if (!m_anchor.isValid())
        return;
    // Rows arrived above what the user reads (and their neighbours may have changed height, a
    // date separator moving to the new first row): scroll by the difference, once the layout
    // has them all, so nothing on screen moves.
    const int delta = visualRect(m_anchor).top() - m_anchorTop;
    m_anchor = QPersistentModelIndex();
    verticalScrollBar()->setValue(verticalScrollBar()->value() + delta);
}

void MessageView::updatePill()
{
    if (m_newCount <= 0 || m_stick) {
        m_pill->hide();
        return;
    }
    m_pill->setText(
        tr("%n new", "messages that arrived below what the user is reading", m_newCount));
    m_pill->setIcon(
        tintedIcon(QStringLiteral("arrow-down"), palette().color(QPalette::HighlightedText)));
    m_pill->setAccessibleName(tr("%n new message(s): jump to the newest", nullptr, m_newCount));
    m_pill->adjustSize();
    const QRect area = viewport()->geometry();
    m_pill->move(area.center().x() - m_pill->width() / 2,
                 area.bottom() - m_pill->height() - m_pill->height() / 2);
    m_pill->raise();
    m_pill->show();
}

void MessageView::copyMessage(const QModelIndex& index)
{
    if (index.isValid())
        QApplication::clipboard()->setText(index.data(MessageModel::TextRole).toString());
}

void MessageView::contextMenuEvent(QContextMenuEvent* event)
{
    QModelIndex index;
    QPoint where;
    if (event->reason() == QContextMenuEvent::Mouse) {
        index = indexAt(event->pos());
        where = event->globalPos();
    } else {
        index = currentIndex();
        where = viewport()->mapToGlobal(visualRect(index).center());
    }
    if (!index.isValid())
        return;
    setCurrentIndex(index);
    const QString key = index.data(MessageModel::KeyRole).toString();
    // popup(), not exec(): no nested event loop, and tests can drive the menu.
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("messageMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setAccessibleName(tr("Message actions"));
    QAction* copy = menu->addAction(tr("&Copy text"));
    copy->setShortcut(QKeySequence::Copy);
    connect(copy, &QAction::triggered, this,
            [this, index = QPersistentModelIndex(index)] { copyMessage(index); });
    if (isFailedMine(index)) {
        menu->addSeparator();
        QAction* retry =
            menu->addAction(tintedIcon(QStringLiteral("retry"), palette().color(QPalette::Text)),
                            tr("&Retry sending"));
        retry->setObjectName(QStringLiteral("retryAction"));
        connect(retry, &QAction::triggered, this, [this, key] { emit retryRequested(key); });
        QAction* remove =
            menu->addAction(tintedIcon(QStringLiteral("delete"), palette().color(QPalette::Text)),
                            tr("&Delete message"));
        remove->setObjectName(QStringLiteral("deleteAction"));
        connect(remove, &QAction::triggered, this, [this, key] { emit deleteRequested(key); });
    }
    menu->popup(where);
    event->accept();
}

void MessageView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copyMessage(currentIndex());
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void MessageView::focusInEvent(QFocusEvent* event)
{
    // Tabbing in would make the first loaded row current and scroll to the top (loading older
    // pages): start from the newest visible message instead.
    if (!currentIndex().isValid() && m_model.rowCount() > 0) {
        QModelIndex bottom = indexAt(QPoint(viewport()->width() / 2, viewport()->height() - 1));
        if (!bottom.isValid())
            bottom = m_model.index(m_model.rowCount() - 1);
        selectionModel()->setCurrentIndex(bottom, QItemSelectionModel::NoUpdate);
    }
    QListView::focusInEvent(event);
}

void MessageView::mouseMoveEvent(QMouseEvent* event)
{
    QListView::mouseMoveEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    const bool onAction = m_delegate.hitTest(option, index, event->position().toPoint()) !=
                          MessageDelegate::Hit::None;
    if (onAction)
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
}

void MessageView::resizeEvent(QResizeEvent* event)
{
    QListView::resizeEvent(event);
    updatePill();
}

void MessageView::changeEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::LanguageChange:
    case QEvent::LocaleChange:
        m_delegate.clearCache(); // every height depends on these
        scheduleDelayedItemsLayout();
        updatePill();
        break;
    default:
        break;
    }
    QListView::changeEvent(event);
}

int MessageView::topFadeHeight() const
{
    return fontMetrics().height() * 3 / 4;
}

void MessageView::paintEvent(QPaintEvent* event)
{
    QListView::paintEvent(event);
    // The row cut by the top edge (whatever the scroll position: the bottom is what is aligned)
    // fades out instead of showing a sliver of its last line, and says there is more above.
    const int fade = topFadeHeight();
    if (verticalScrollBar()->value() <= 0 || event->rect().top() >= fade)
        return;
    const QColor base = viewport()->palette().color(viewport()->backgroundRole());
    QColor clear = base;
    clear.setAlpha(0);
    QLinearGradient gradient(0, 0, 0, fade);
    gradient.setColorAt(0.0, base);
    gradient.setColorAt(0.35, base);
    gradient.setColorAt(1.0, clear);
    QPainter painter(viewport());
    painter.fillRect(QRect(0, 0, viewport()->width(), fade), gradient);
}

void MessageView::scrollContentsBy(int dx, int dy)
{
    QListView::scrollContentsBy(dx, dy);
    // Scrolling moves the painted pixels, the fade with them: paint the band again.
    if (dy != 0)
        viewport()->update(QRect(0, 0, viewport()->width(), topFadeHeight() + std::abs(dy)));
}

} // namespace oiso::ui

#include "moc_message_view.cpp"
