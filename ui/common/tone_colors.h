#pragma once

#include <QColor>
#include <QPalette>

namespace oiso::ui {

// Colours that say something (on sale, reserved, live, offline…), made from the palette: each
// has its hue (the palette's accent for Accent), and its lightness is moved away from the
// background it is drawn on until text in it reads at WCAG AA (4.5:1). So they work in light
// and dark palettes alike, and a palette whose own colours read well keeps them.
enum class Tone {
    Accent,   // the palette's highlight: on sale
    Positive, // green: live
    Caution,  // amber: reserved, connecting
    Negative, // red: offline, failed
    Muted,    // the text colour, toned down: sold, other
};

// WCAG 2 relative luminance (0 black … 1 white) and contrast ratio (1 … 21).
double relativeLuminance(const QColor& color);
double contrastRatio(const QColor& a, const QColor& b);

// `b` over `a` at `bWeight` (0: a, 1: b), opaque.
QColor mixColors(const QColor& a, const QColor& b, qreal bWeight);

// `color` with its lightness moved away from `background` (hue and saturation kept) until the
// two have `minRatio` contrast; the colour itself when they have it already.
QColor withContrast(const QColor& color, const QColor& background, double minRatio = 4.5);

// The tone for text drawn on `background`, from `palette` in `group`.
QColor toneColor(Tone tone, const QPalette& palette, const QColor& background,
                 QPalette::ColorGroup group = QPalette::Active);

} // namespace oiso::ui
