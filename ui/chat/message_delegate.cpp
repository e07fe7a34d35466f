#include "ui/chat/message_delegate.h"

#include "market/chat_room_service.h"
#include "ui/chat/message_model.h"
#include "ui/common/time_format.h"
#include "ui/common/tinted_icon.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace oiso::ui {

namespace {

using Delivery = market::RoomMessage::Delivery;

QColor mix(const QColor& a, const QColor& b, qreal amount)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                            a.greenF() + (b.greenF() - a.greenF()) * amount,
                            a.blueF() + (b.blueF() - a.blueF()) * amount);
}

QColor subtleText(const QPalette& palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.4);
}

// Only the parts that can change what a row looks like; a new tooltip or accessible text alone
// does not need a new layout.
bool affectsLayout(const QList<int>& roles)
{
    if (roles.isEmpty())
        return true;
    return std::any_of(roles.begin(), roles.end(), [](int role) {
        return role != Qt::ToolTipRole && role != Qt::AccessibleTextRole;
    });
}

constexpr int kLayoutCacheRows = 400; // a few screens of shaped text; heights are kept for all

} // namespace

QColor errorColor(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5 ? QColor(0xff, 0x6b, 0x6b)
                                                            : QColor(0xc6, 0x28, 0x28);
}

MessageDelegate::MessageDelegate(MessageModel& model, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
    , m_locale(TimeFormat::uiLocale())
    , m_layouts(kLayoutCacheRows)
{
    connect(&model, &QAbstractItemModel::dataChanged, this, &MessageDelegate::forget);
    connect(&model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex&, int first, int last) { forgetRows(first, last); });
    connect(&model, &QAbstractItemModel::modelReset, this, &MessageDelegate::clearCache);
}

void MessageDelegate::clearCache()
{
    m_locale = TimeFormat::uiLocale();
    m_heights.clear();
    m_layouts.clear();
}

int MessageDelegate::rowWidth(const QStyleOptionViewItem& option)
{
    // Every row is as wide as the viewport: bubbles align to its edges.
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

MessageGeometry MessageDelegate::geometry(const QModelIndex& index, const QFont& font,
                                          int width) const
{
    return layoutFor(index, font, width);
}

const MessageGeometry& MessageDelegate::layoutFor(const QModelIndex& index, const QFont& font,
                                                  int width) const
{
    const QString key = index.data(MessageModel::KeyRole).toString();
    if (MessageGeometry* cached = m_layouts.object(key); cached && cached->width == width)
        return *cached;
    auto* computed = new MessageGeometry(MessageLayout::compute(index, font, width, m_locale));
    m_heights.insert(key, {width, computed->height});
    m_layouts.insert(key, computed);
    return *computed;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int width = rowWidth(option);
    const auto it = m_heights.constFind(index.data(MessageModel::KeyRole).toString());
    if (it != m_heights.constEnd() && it->width == width)
        return {width, it->height};
    return {width, layoutFor(index, option.font, width).height};
}

void MessageDelegate::forget(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                             const QList<int>& roles)
{
    if (!affectsLayout(roles))
        return;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex index = m_model.index(row);
        const QString key = m_model.keyAt(row);
        m_heights.remove(key);
        m_layouts.remove(key);
        emit sizeHintChanged(index);
    }
}

void MessageDelegate::forgetRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QString key = m_model.keyAt(row);
        m_heights.remove(key);
        m_layouts.remove(key);
    }
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    const MessageGeometry& g = layoutFor(index, option.font, option.rect.width());
    painter->save();
    painter->translate(option.rect.topLeft());
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(MessageLayout::smallFont(option.font));
    if (!g.separator.isEmpty())
        paintSeparator(painter, option, index, g);
    if (!g.divider.isEmpty())
        paintDivider(painter, option, g);
    if (!g.sender.isEmpty()) {
        painter->setPen(subtleText(option.palette));
        painter->drawText(g.sender, Qt::AlignLeft | Qt::AlignVCenter, g.senderText);
    }
    paintBubble(painter, option, index, g);
    if (!g.time.isEmpty()) {
        painter->setFont(MessageLayout::smallFont(option.font));
        painter->setPen(subtleText(option.palette));
        painter->drawText(g.time, Qt::AlignLeft | Qt::AlignVCenter, g.timeText);
    }
    if (!g.retry.isEmpty())
        paintFailed(painter, option, g);
    painter->restore();
}

void MessageDelegate::paintSeparator(QPainter* painter, const QStyleOptionViewItem& option,
                                     const QModelIndex& index, const MessageGeometry& g) const
{
    // Worded at paint time: "Today" becomes "Yesterday" at midnight without a new layout.
    const QString text = dateSeparator(index.data(MessageModel::DateSeparatorRole).toDate(),
                                       QDate::currentDate(), m_locale);
    const QFontMetrics fm(painter->font());
    const int pad = fm.height() / 2;
    QRect pill(0, 0, fm.horizontalAdvance(text) + 2 * pad, g.separator.height());
    pill.moveCenter(g.separator.center());
    const QPalette& palette = option.palette;
    painter->setPen(Qt::NoPen);
    painter->setBrush(mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.07));
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setPen(subtleText(palette));
    painter->drawText(pill, Qt::AlignCenter, text);
}

void MessageDelegate::paintDivider(QPainter* painter, const QStyleOptionViewItem& option,
                                   const MessageGeometry& g) const
{
    const QColor accent = option.palette.color(QPalette::Highlight);
    const QString text = MessageLayout::unreadText();
    const QFontMetrics fm(painter->font());
    const int margin = MessageLayout::margin(option.font);
    const int textWidth = fm.horizontalAdvance(text);
    const int y = g.divider.center().y();
    const int left = (g.width - textWidth) / 2 - margin / 2;
    const int right = (g.width + textWidth) / 2 + margin / 2;
    painter->setPen(QPen(accent, 1));
    painter->drawLine(margin, y, left, y);
    painter->drawLine(right, y, g.width - margin, y);
    painter->drawText(QRect(left, g.divider.top(), right - left, g.divider.height()),
                      Qt::AlignCenter, text);
}

void MessageDelegate::paintBubble(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index, const MessageGeometry& g) const
{
    const QPalette& palette = option.palette;
    const bool mine = index.data(MessageModel::MineRole).toBool();
    const QColor fill =
        mine ? palette.color(QPalette::Highlight)
             : mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.09);
    const qreal r = MessageLayout::radius(option.font);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(g.bubble), r, r);
    painter->setPen(mine ? palette.color(QPalette::HighlightedText)
                         : palette.color(QPalette::Text));
    painter->setFont(option.font);
    g.text->draw(painter, g.textOrigin);

    if (option.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.rect = g.bubble.adjusted(-3, -3, 3, 3);
        focus.palette = palette;
        focus.state = QStyle::State_KeyboardFocusChange;
        focus.backgroundColor = palette.color(QPalette::Base);
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }

    if (!mine || g.state.isEmpty())
        return;
    const auto delivery = Delivery(index.data(MessageModel::DeliveryRole).toInt());
    const char* name = delivery == Delivery::Sending  ? "sending"
                       : delivery == Delivery::Failed ? "failed"
                                                      : "sent";
    const QColor color = delivery == Delivery::Failed ? errorColor(palette) : subtleText(palette);
    const QPixmap mark = tintedPixmap(QString::fromLatin1(name), color, g.state.width(),
                                      painter->device()->devicePixelRatioF());
    painter->drawPixmap(g.state.topLeft(), mark);
}

void MessageDelegate::paintFailed(QPainter* painter, const QStyleOptionViewItem& option,
                                  const MessageGeometry& g) const
{
    QFont small = MessageLayout::smallFont(option.font);
    painter->setFont(small);
    painter->setPen(errorColor(option.palette));
    painter->drawText(g.failedNote, Qt::AlignLeft | Qt::AlignVCenter, MessageLayout::notSentText());
    small.setUnderline(true);
    painter->setFont(small);
    painter->setPen(option.palette.color(QPalette::Link));
    painter->drawText(g.retry, Qt::AlignLeft | Qt::AlignVCenter, MessageLayout::retryText());
    painter->drawText(g.remove, Qt::AlignLeft | Qt::AlignVCenter, MessageLayout::deleteText());
}

MessageDelegate::Hit MessageDelegate::hitTest(const QStyleOptionViewItem& option,
                                              const QModelIndex& index, QPoint pos) const
{
    if (!index.isValid())
        return Hit::None;
    const MessageGeometry& g = layoutFor(index, option.font, option.rect.width());
    const QPoint local = pos - option.rect.topLeft();
    if (g.retry.contains(local))
        return Hit::Retry;
    if (g.remove.contains(local))
        return Hit::Delete;
    return Hit::None;
}

bool MessageDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                  const QStyleOptionViewItem& option, const QModelIndex& index)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick: {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() != Qt::LeftButton)
            break;
        const Hit hit = hitTest(option, index, mouse->position().toPoint());
        if (hit == Hit::None)
            break;
        if (event->type() == QEvent::MouseButtonRelease) {
            const QString key = index.data(MessageModel::KeyRole).toString();
            if (hit == Hit::Retry)
                emit retryRequested(key);
            else
                emit deleteRequested(key);
        }
        return true; // the click was for the action, not for selecting the row
    }
    default:
        break;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace oiso::ui

#include "moc_message_delegate.cpp"
