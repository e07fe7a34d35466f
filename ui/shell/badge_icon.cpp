#include "ui/shell/badge_icon.h"

#include "ui/chatlist/chat_list_text.h"

#include <QFont>
#include <QPainter>
#include <QPixmap>

namespace oiso::ui {

QIcon badgedIcon(const QIcon& base, int unread, const QPalette& palette)
{
    if (unread <= 0)
        return base;
    const QString text = ChatListText::unreadBadge(unread);
    QIcon result;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        for (qreal ratio : {1.0, 2.0}) {
            // A canvas of exactly this size and ratio: the base icon may not have it (a fixed
            // pixmap is not scaled up by QIcon), so it is drawn in, scaled.
            QPixmap pixmap(QSize(size, size) * ratio);
            pixmap.setDevicePixelRatio(ratio);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            painter.drawPixmap(QRect(0, 0, size, size), base.pixmap(QSize(size, size), ratio));
            // The badge takes the lower right ~60% of the icon: legible even at 16 px.
            const qreal diameter = size * 0.62;
            const QRectF badge(size - diameter, size - diameter, diameter, diameter);
            const qreal width =
                text.size() > 1 ? badge.width() * (0.55 + 0.25 * text.size()) : badge.width();
            const QRectF pill(size - std::min<qreal>(width, size), badge.top(),
                              std::min<qreal>(width, size), badge.height());
            // The palette's highlight colour, outlined with the window colour so the badge reads
            // on light and dark panels alike.
            painter.setPen(QPen(palette.color(QPalette::Window), std::max(1.0, size / 24.0)));
            painter.setBrush(palette.color(QPalette::Highlight));
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
            QFont font;
            font.setBold(true);
            font.setPixelSize(std::max(6, int(diameter * (text.size() > 2 ? 0.5 : 0.66))));
            painter.setFont(font);
            painter.setPen(palette.color(QPalette::HighlightedText));
            painter.drawText(pill, Qt::AlignCenter, text);
            painter.end();
            result.addPixmap(pixmap);
        }
    }
    return result;
}

} // namespace oiso::ui
