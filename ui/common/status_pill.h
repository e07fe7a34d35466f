#pragma once

#include "ui/common/tone_colors.h"

#include <QColor>
#include <QFont>
#include <QRect>
#include <QSize>
#include <QString>

class QPainter;

namespace oiso::ui {

// A rounded label with a word in it ("판매중", "Reserved"): the item's status in the chat list's
// rows and in the chat window's header, drawn by the same code so both look the same.
//
// Its height comes from the fonts that really draw the word: a Korean word is drawn by a
// fallback font (the UI font often has no Hangul), whose ascent and descent are larger than
// the UI font's, so a pill sized from the UI font's line would have the syllables touch its
// outline.
namespace StatusPill {

struct Colors {
    QColor ink;  // the word and the outline
    QColor fill; // the inside: the ink, faint, over the background
};

// The pill's colours for `tone` on `background`; `onHighlight`: drawn on a selected row, where
// the palette's highlighted text colour is used (a tone would not read on the highlight).
Colors colors(Tone tone, const QPalette& palette, const QColor& background,
              QPalette::ColorGroup group = QPalette::Active, bool onHighlight = false);

// The font of the pill's word: a little smaller than the text around it.
QFont font(const QFont& around);

// The pill's size for `text` in `font` (the pill's own font, from font()).
QSize size(const QString& text, const QFont& font);

// Paints the pill with its top left at `rect`'s, `rect` from size().
void paint(QPainter* painter, const QRect& rect, const QString& text, const QFont& font,
           const Colors& colors);

// How much of the pill's height is padding above (and below) the fonts' ascent and descent.
int verticalPadding(const QFont& font);

} // namespace StatusPill

} // namespace oiso::ui
