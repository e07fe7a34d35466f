#include "ui/chat/message_layout.h"

#include "market/chat_room_service.h"
#include "ui/chat/message_model.h"
#include "ui/common/time_format.h"

#include <QFontMetrics>
#include <QTextOption>

#include <cmath>

namespace oiso::ui {

namespace {

using Delivery = market::RoomMessage::Delivery;

struct Spacing {
    explicit Spacing(const QFont& font)
    {
        const int em = QFontMetrics(font).height();
        margin = qMax(8, em * 3 / 4);
        padH = qMax(8, em * 3 / 5);
        padV = qMax(4, em / 3);
        groupGap = qMax(6, em / 2);
        tightGap = 2;
        maxBubble = em * 40; // long lines are hard to read however wide the window
        minBubble = em * 2;
    }
    int margin, padH, padV, groupGap, tightGap, maxBubble, minBubble;
};

// Wraps `text` at `width`; returns the layout and sets the widest line and the total height.
std::shared_ptr<QTextLayout> shape(QString text, const QFont& font, int width, qreal* natural,
                                   qreal* height)
{
    // QTextLayout breaks lines at U+2028; a plain '\n' would be drawn as a glyph or lost.
    text.replace(QLatin1Char('\n'), QChar::LineSeparator);
    auto layout = std::make_shared<QTextLayout>(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(text.isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight);
    layout->setTextOption(option);
    layout->setCacheEnabled(true);
    *natural = 0;
    *height = 0;
    layout->beginLayout();
    for (QTextLine line = layout->createLine(); line.isValid(); line = layout->createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, *height));
        *height += line.height();
        *natural = qMax(*natural, line.naturalTextWidth());
    }
    layout->endLayout();
    if (*height <= 0)
        *height = QFontMetrics(font).height(); // an empty message still gets a bubble
    return layout;
}

} // namespace

QFont MessageLayout::smallFont(const QFont& font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.85);
    else
        small.setPixelSize(qMax(9, font.pixelSize() * 85 / 100));
    return small;
}

int MessageLayout::margin(const QFont& font)
{
    return Spacing(font).margin;
}

int MessageLayout::radius(const QFont& font)
{
    return qMax(6, QFontMetrics(font).height() * 3 / 5);
}

MessageGeometry MessageLayout::compute(const QModelIndex& index, const QFont& font, int width,
                                       const QLocale& locale)
{
    const Spacing s(font);
    const QFont small = smallFont(font);
    const QFontMetrics sfm(small);
    const bool mine = index.data(MessageModel::MineRole).toBool();
    const bool first = index.data(MessageModel::FirstInGroupRole).toBool();
    const bool last = index.data(MessageModel::LastInGroupRole).toBool();
    const auto delivery = Delivery(index.data(MessageModel::DeliveryRole).toInt());
    const int icon = sfm.height();

    MessageGeometry g;
    g.width = width;
    int y = 0;
    if (index.data(MessageModel::DateSeparatorRole).toDate().isValid()) {
        const int band = sfm.height() + 2 * s.padV;
        g.separator = QRect(0, y + s.groupGap, width, band);
        y = g.separator.bottom() + 1 + s.groupGap;
    }
    if (index.data(MessageModel::UnreadDividerRole).toBool()) {
        const int band = sfm.height() + s.padV;
        g.divider = QRect(0, y + s.tightGap, width, band);
        y = g.divider.bottom() + 1 + s.groupGap;
    }
    // Mine leave room for the delivery mark on their left.
    const int reserved = mine ? icon + 4 : 0;
    const int maxBubble =
        qBound(s.minBubble, int(width * 0.75) - reserved, qMax(s.minBubble, s.maxBubble));
    if (!mine && first) {
        g.senderText = sfm.elidedText(index.data(MessageModel::SenderRole).toString(),
                                      Qt::ElideRight, maxBubble);
        g.sender =
            QRect(s.margin + s.padH / 2, y, sfm.horizontalAdvance(g.senderText), sfm.height());
        y = g.sender.bottom() + 1 + 2;
    }

    qreal natural = 0;
    qreal textHeight = 0;
    g.text = shape(index.data(MessageModel::TextRole).toString(), font, maxBubble - 2 * s.padH,
                   &natural, &textHeight);
    const int bubbleWidth = qMax(s.minBubble, int(std::ceil(natural)) + 2 * s.padH);
    const int bubbleHeight = int(std::ceil(textHeight)) + 2 * s.padV;
    const int x = mine ? width - s.margin - bubbleWidth : s.margin;
    g.bubble = QRect(x, y, bubbleWidth, bubbleHeight);
    g.textOrigin = QPointF(x + s.padH, y + s.padV);
    y = g.bubble.bottom() + 1;
    if (mine)
        g.state = QRect(g.bubble.left() - 4 - icon, g.bubble.bottom() + 1 - icon - s.padV / 2, icon,
                        icon);

    const QDateTime time = index.data(MessageModel::TimeRole).toDateTime();
    if (last && time.isValid()) {
        g.timeText = messageTime(time, locale);
        const int w = sfm.horizontalAdvance(g.timeText);
        const int tx = mine ? g.bubble.right() + 1 - s.padH / 2 - w : g.bubble.left() + s.padH / 2;
        g.time = QRect(tx, y + 2, w, sfm.height());
        y = g.time.bottom() + 1;
    }
    if (mine && delivery == Delivery::Failed) {
        // Right-aligned under my bubble: "Not sent   Retry   Delete".
        const int gap = sfm.horizontalAdvance(QLatin1Char(' ')) * 3;
        const int top = y + 2;
        const int h = sfm.height() + 4; // a finger's worth of height for the click targets
        int right = g.bubble.right() + 1;
        const int deleteWidth = sfm.horizontalAdvance(deleteText());
        g.remove = QRect(right - deleteWidth, top, deleteWidth, h);
        right = g.remove.left() - gap;
        const int retryWidth = sfm.horizontalAdvance(retryText());
        g.retry = QRect(right - retryWidth, top, retryWidth, h);
        right = g.retry.left() - gap;
        const int noteWidth = sfm.horizontalAdvance(notSentText());
        g.failedNote = QRect(right - noteWidth, top, noteWidth, h);
        y = top + h;
    }
    g.height = y + (last ? s.groupGap : s.tightGap);
    return g;
}

} // namespace oiso::ui
