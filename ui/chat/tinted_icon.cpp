#include "ui/chat/tinted_icon.h"

#include "ui/common/icons.h"

#include <QPainter>

namespace oiso::ui {

QPixmap tintedPixmap(const QString& name, const QColor& color, int size, qreal devicePixelRatio)
{
    ensureIconResources();
    QPixmap pixmap = bundledIcon(name).pixmap(QSize(size, size), devicePixelRatio);
    if (pixmap.isNull())
        return pixmap;
    {
        QPainter painter(&pixmap);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(pixmap.rect(), color);
    }
    return pixmap;
}

QIcon tintedIcon(const QString& name, const QColor& color)
{
    QIcon icon;
    for (const int size : {16, 20, 24, 32})
        for (const qreal ratio : {1.0, 2.0, 3.0})
            icon.addPixmap(tintedPixmap(name, color, size, ratio));
    return icon;
}

} // namespace oiso::ui
