#pragma once

#include <QColor>
#include <QIcon>
#include <QPixmap>
#include <QString>

namespace oiso::ui {

// The bundled one-colour icons drawn in a palette colour, so they follow light and dark palettes
// (an SVG's own colour cannot). Pixmaps come at the device pixel ratio asked for: crisp at any
// scale. Both are cached (a small bounded cache per name, colour, size and ratio): painting a
// row's delivery mark or flipping a button's icon does not parse and render the SVG again.
QPixmap tintedPixmap(const QString& name, const QColor& color, int size, qreal devicePixelRatio);

// The same as a QIcon for buttons, with pixmaps for the usual sizes at 1x, 2x and 3x. With a
// valid `disabledColor` the icon carries its own disabled look (QIcon::Disabled), so a button
// that is enabled and disabled keeps one icon.
QIcon tintedIcon(const QString& name, const QColor& color, const QColor& disabledColor = {});

// How many rendered pixmaps the cache holds now (tests).
int tintedPixmapCacheCount();

} // namespace oiso::ui
