#include "ui/chatlist/chat_list_delegate.h"

#include "market/local_cache.h"
#include "ui/chatlist/chat_list_colors.h"
#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_text.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/common/status_pill.h"
#include "ui/common/time_format.h"
#include "ui/common/tone_colors.h"

#include <QApplication>
#include <QCursor>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace oiso::ui {

// Every measure derives from the font's line height, so a row looks the same at any font size
// and device pixel ratio (Qt scales logical pixels; the thumbnails are decoded at 2x).
struct ChatListDelegate::Layout {
    int line = 0; // line height
    int pad = 0;
    QRect thumb;
    QRect line1, line2, line3; // the text column's lines, full width
    QRect button;              // "Purchase complete"; empty when the row has none
};

namespace {

int lineHeight(const QFont& font)
{
    return QFontMetrics(font).height();
}

QFont boldFont(const QFont& font)
{
    QFont bold = font;
    bold.setWeight(QFont::DemiBold);
    return bold;
}

using ChatListColors::isSelected;

QString purchaseButtonText()
{
    return ChatListDelegate::tr("Purchase complete");
}

} // namespace

ChatListDelegate::ChatListDelegate(ThumbnailLoader* thumbnails, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_thumbnails(thumbnails)
    , m_now([] { return QDateTime::currentDateTime(); })
{
}

QSize ChatListDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int line = lineHeight(option.font);
    const int pad = std::max(6, line / 2);
    const int thumb = line * 3 + line / 2;
    return {line * 20, thumb + 2 * pad};
}

ChatListDelegate::Layout ChatListDelegate::layout(const QStyleOptionViewItem& option,
                                                  const QModelIndex& index) const
{
    Layout l;
    l.line = lineHeight(option.font);
    l.pad = std::max(6, l.line / 2);
    const int edge = l.line * 3 + l.line / 2;
    const QRect r = option.rect;
    l.thumb = QRect(r.left() + l.pad, r.top() + (r.height() - edge) / 2, edge, edge);
    const int gap = (edge - 3 * l.line) / 2;
    const int x = l.thumb.right() + 1 + l.pad;
    const int width = std::max(0, r.right() - l.pad - x + 1);
    l.line1 = QRect(x, l.thumb.top(), width, l.line);
    l.line2 = l.line1.translated(0, l.line + gap);
    l.line3 = l.line2.translated(0, l.line + gap);
    if (index.data(ChatListModel::PurchasableRole).toBool()) {
        const QFontMetrics metrics(option.font);
        const int buttonWidth = metrics.horizontalAdvance(purchaseButtonText()) + 2 * l.pad;
        const int buttonHeight = std::min(l.line + 2 * gap + 2, l.line * 3 / 2);
        l.button = QRect(l.line2.right() + 1 - buttonWidth, l.line2.center().y() - buttonHeight / 2,
                         buttonWidth, buttonHeight);
    }
    return l;
}

QRect ChatListDelegate::purchaseButtonRect(const QStyleOptionViewItem& option,
                                           const QModelIndex& index) const
{
    return layout(option, index).button;
}

void ChatListDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    // The style paints the background, selection, hover and focus frame; the rest is ours.
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    base.icon = QIcon();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, widget);

    const Layout l = layout(option, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    paintThumbnail(painter, l.thumb, option, index);

    const QFontMetrics metrics(option.font);
    const QColor primary = ChatListColors::primary(option);
    const QColor secondary = ChatListColors::secondary(option);

    // Line 1: name, and the time of the last message on the right.
    QString time;
    const QDateTime when = index.data(ChatListModel::LastTimeRole).toDateTime();
    if (when.isValid())
        time = relativeTime(when, m_now());
    const int timeWidth = time.isEmpty() ? 0 : metrics.horizontalAdvance(time) + l.pad;
    painter->setFont(option.font);
    painter->setPen(secondary);
    painter->drawText(l.line1, Qt::AlignRight | Qt::AlignVCenter, time);
    const QFont bold = boldFont(option.font);
    painter->setFont(bold);
    painter->setPen(primary);
    QString name = index.data(ChatListModel::NameRole).toString();
    if (name.isEmpty())
        name = ChatListText::tr("Unnamed item");
    painter->drawText(
        l.line1.adjusted(0, 0, -timeWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(name, Qt::ElideRight, l.line1.width() - timeWidth));

    // Line 2: price, status chip, buyers; the purchase button or "Purchased" on the right.
    painter->setFont(option.font);
    const QString price = index.data(ChatListModel::PriceTextRole).toString();
    painter->setPen(primary);
    painter->drawText(l.line2, Qt::AlignLeft | Qt::AlignVCenter, price);
    int x = l.line2.left() + metrics.horizontalAdvance(price) + l.pad;
    const QString stored = index.data(ChatListModel::StatusRole).toString();
    if (!stored.isEmpty()) {
        x = paintChip(painter, l.line2, x, ChatListText::status(stored),
                      ChatListText::statusColor(stored), option);
    }
    const int section = index.data(ChatListModel::SectionRole).toInt();
    const int buyers = index.data(ChatListModel::BuyersRole).toInt();
    if (section == int(market::ListKind::Selling) && buyers > 0) {
        painter->setPen(secondary);
        painter->drawText(QRect(x, l.line2.top(), l.line2.right() - x, l.line), Qt::AlignVCenter,
                          ChatListText::buyers(buyers));
    }
    if (!l.button.isEmpty()) {
        QStyleOptionButton button;
        if (widget)
            button.initFrom(widget);
        button.rect = l.button;
        button.text = purchaseButtonText();
        button.palette = option.palette;
        button.fontMetrics = metrics;
        button.state = QStyle::State_Enabled;
        const QPoint cursor = widget ? widget->mapFromGlobal(QCursor::pos()) : QPoint(-1, -1);
        if (l.button.contains(cursor))
            button.state |= QStyle::State_MouseOver;
        button.state |= (m_pressed == index) ? QStyle::State_Sunken : QStyle::State_Raised;
        painter->setFont(option.font);
        style->drawControl(QStyle::CE_PushButton, &button, painter, widget);
    } else if (section == int(market::ListKind::Buying) &&
               index.data(ChatListModel::PurchasedRole).toBool()) {
        const QString text = ChatListText::tr("Purchased");
        const int chipWidth = StatusPill::size(text, StatusPill::font(option.font)).width();
        paintChip(painter, l.line2, l.line2.right() + 1 - chipWidth, text, Tone::Muted, option);
    }

    // Line 3: the preview ("Draft:" in the accent colour), and the unread badge on the right.
    const QString badge = ChatListText::unreadBadge(index.data(ChatListModel::UnreadRole).toInt());
    int badgeWidth = 0;
    if (!badge.isEmpty()) {
        const QFont badgeFont = boldFont(option.font);
        const QFontMetrics badgeMetrics(badgeFont);
        badgeWidth = std::max(l.line, badgeMetrics.horizontalAdvance(badge) + l.line / 2 + 2);
        const QRect pill(l.line3.right() + 1 - badgeWidth, l.line3.top(), badgeWidth, l.line);
        const QPalette::ColorGroup group = ChatListColors::group(option);
        QColor fill = option.palette.color(group, QPalette::Highlight);
        QColor ink = option.palette.color(group, QPalette::HighlightedText);
        if (isSelected(option))
            std::swap(fill, ink); // stays visible on the selection's own highlight
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(pill, l.line / 2.0, l.line / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(ink);
        painter->drawText(pill, Qt::AlignCenter, badge);
        painter->setFont(option.font);
        badgeWidth += l.pad;
    }
    QRect previewRect = l.line3.adjusted(0, 0, -badgeWidth, 0);
    const QString body = index.data(ChatListModel::PreviewRole).toString();
    if (index.data(ChatListModel::PreviewIsDraftRole).toBool()) {
        const QString prefix = ChatListText::draftPrefix() + u' ';
        painter->setPen(isSelected(option)
                            ? primary
                            : option.palette.color(ChatListColors::group(option), QPalette::Link));
        painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(prefix, Qt::ElideRight, previewRect.width()));
        previewRect.setLeft(previewRect.left() + metrics.horizontalAdvance(prefix));
    }
    painter->setPen(secondary);
    painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(body, Qt::ElideRight, std::max(0, previewRect.width())));
    painter->restore();
}

void ChatListDelegate::paintThumbnail(QPainter* painter, const QRect& rect,
                                      const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const
{
    const qreal radius = rect.width() / 8.0;
    QPainterPath clip;
    clip.addRoundedRect(rect, radius, radius);
    painter->save();
    painter->setClipPath(clip);
    const QUrl url = index.data(ChatListModel::ImageUrlRole).toUrl();
    const QPixmap pixmap = m_thumbnails ? m_thumbnails->thumbnail(url) : QPixmap();
    if (!pixmap.isNull()) {
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(rect, pixmap);
    } else {
        // The placeholder: a framed landscape glyph in the palette's quiet colours.
        const QPalette::ColorGroup group = ChatListColors::group(option);
        const QColor base = option.palette.color(group, QPalette::Base);
        const QColor text = option.palette.color(group, QPalette::Text);
        painter->fillRect(rect, mixColors(base, text, 0.08));
        painter->setPen(Qt::NoPen);
        painter->setBrush(mixColors(base, text, 0.25));
        const qreal u = rect.width() / 8.0;
        const QPointF origin = rect.topLeft();
        painter->drawEllipse(QPointF(origin.x() + 5.5 * u, origin.y() + 2.6 * u), 0.8 * u, 0.8 * u);
        const QPointF mountains[] = {
            {origin.x() + 1.2 * u, origin.y() + 6.4 * u},
            {origin.x() + 3.2 * u, origin.y() + 3.6 * u},
            {origin.x() + 4.6 * u, origin.y() + 5.2 * u},
            {origin.x() + 5.4 * u, origin.y() + 4.4 * u},
            {origin.x() + 6.8 * u, origin.y() + 6.4 * u},
        };
        painter->drawPolygon(mountains, int(std::size(mountains)));
    }
    painter->restore();
}

int ChatListDelegate::paintChip(QPainter* painter, const QRect& line, int x, const QString& text,
                                Tone tone, const QStyleOptionViewItem& option) const
{
    // Sized from the fonts that draw the word, centred on the line (a pill with Hangul is a
    // little taller than the line of the UI font; the row has room for that).
    const QFont font = StatusPill::font(option.font);
    const QSize size = StatusPill::size(text, font);
    const QRect pill(QPoint(x, line.top() + (line.height() - size.height()) / 2), size);
    StatusPill::paint(painter, pill, text, font, ChatListColors::pill(option, tone));
    return pill.right() + 1 + line.height() / 2;
}

bool ChatListDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                   const QStyleOptionViewItem& option, const QModelIndex& index)
{
    const QEvent::Type type = event->type();
    if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonRelease ||
        type == QEvent::MouseButtonDblClick) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const QRect button = purchaseButtonRect(option, index);
        const bool onButton = !button.isEmpty() && button.contains(mouse->position().toPoint());
        if (type == QEvent::MouseButtonRelease) {
            const bool clicked = onButton && m_pressed == index;
            m_pressed = QPersistentModelIndex();
            if (clicked && mouse->button() == Qt::LeftButton)
                emit purchaseClicked(index);
            if (onButton)
                return true;
        } else if (onButton) {
            if (type == QEvent::MouseButtonPress && mouse->button() == Qt::LeftButton)
                m_pressed = index;
            return true; // the button takes its clicks: a double-click on it opens no chat
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace oiso::ui
