#include "ui/common/tinted_icon.h"

#include "ui/common/icons.h"

#include <QCache>
#include <QCoreApplication>
#include <QPainter>

#include <cmath>

namespace oiso::ui {

namespace {

// Pixmaps are GUI-thread objects, so one cache for the GUI thread. Its cost is in KiB: a few
// hundred small icons at most, however many rows are painted.
constexpr int kPixmapCacheKiB = 4 * 1024;
constexpr int kIconCacheEntries = 32;

void clearCaches();

QCache<QString, QPixmap>& pixmapCache()
{
    static QCache<QString, QPixmap> cache = [] {
        qAddPostRoutine(clearCaches); // no pixmap may outlive the application
        return QCache<QString, QPixmap>(kPixmapCacheKiB);
    }();
    return cache;
}

QCache<QString, QIcon>& iconCache()
{
    static QCache<QString, QIcon> cache(kIconCacheEntries);
    return cache;
}

void clearCaches()
{
    iconCache().clear();
    pixmapCache().clear();
}

QString colorKey(const QColor& color)
{
    return color.isValid() ? QString::number(color.rgba(), 16) : QStringLiteral("-");
}

QPixmap render(const QString& name, const QColor& color, int size, qreal devicePixelRatio)
{
    QPixmap pixmap = bundledIcon(name).pixmap(QSize(size, size), devicePixelRatio);
    if (pixmap.isNull())
        return pixmap;
    QPainter painter(&pixmap);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(pixmap.rect(), color);
    return pixmap;
}

} // namespace

QPixmap tintedPixmap(const QString& name, const QColor& color, int size, qreal devicePixelRatio)
{
    const QString key = name + u'|' + colorKey(color) + u'|' + QString::number(size) + u'|' +
                        QString::number(std::lround(devicePixelRatio * 100));
    QCache<QString, QPixmap>& cache = pixmapCache();
    if (const QPixmap* cached = cache.object(key))
        return *cached;
    QPixmap pixmap = render(name, color, size, devicePixelRatio);
    if (!pixmap.isNull()) {
        const qint64 bytes = qint64(pixmap.width()) * pixmap.height() * 4;
        cache.insert(key, new QPixmap(pixmap), int(bytes / 1024 + 1));
    }
    return pixmap;
}

QIcon tintedIcon(const QString& name, const QColor& color, const QColor& disabledColor)
{
    const QString key = name + u'|' + colorKey(color) + u'|' + colorKey(disabledColor);
    QCache<QString, QIcon>& cache = iconCache();
    if (const QIcon* cached = cache.object(key))
        return *cached;
    QIcon icon;
    for (const int size : {16, 20, 24, 32}) {
        for (const qreal ratio : {1.0, 2.0, 3.0}) {
            icon.addPixmap(tintedPixmap(name, color, size, ratio), QIcon::Normal);
            if (disabledColor.isValid())
                icon.addPixmap(tintedPixmap(name, disabledColor, size, ratio), QIcon::Disabled);
        }
    }
    cache.insert(key, new QIcon(icon));
    return icon;
}

int tintedPixmapCacheCount()
{
    return int(pixmapCache().count());
}

} // namespace oiso::ui
