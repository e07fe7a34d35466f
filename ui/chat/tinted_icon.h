#pragma once

#include <QColor>
#include <QIcon>
#include <QPixmap>
#include <QString>

namespace oiso::ui {

// The bundled one-colour icons drawn in a palette colour, so they follow light and dark palettes
// (an SVG's own colour cannot). Pixmaps come at the device pixel ratio asked for: crisp at any
// scale.
QPixmap tintedPixmap(const QString& name, const QColor& color, int size, qreal devicePixelRatio);

// The same as a QIcon for buttons, with pixmaps for the usual sizes at 1x, 2x and 3x.
QIcon tintedIcon(const QString& name, const QColor& color);

} // namespace oiso::ui
