#pragma once

#include "ui/common/status_pill.h"

#include <QColor>
#include <QStyleOptionViewItem>

namespace oiso::ui::ChatListColors {

// The colours of a chat list row, from the palette of the row's state (enabled, active,
// selected): the delegate paints with them.

// The colour group of the row's state.
QPalette::ColorGroup group(const QStyleOptionViewItem& option);
bool isSelected(const QStyleOptionViewItem& option);

// The name and the price: the text colour, or the highlighted text's on a selected row.
QColor primary(const QStyleOptionViewItem& option);

// The quieter text (time, preview, buyers): the text colour toned down as far as it still reads
// at 4.5:1. On a selected row the highlighted text faded towards the highlight the same way (all
// of it where the palette's own pair has less contrast than that) — never the pale tint of the
// highlight, which reads at about 2.7:1.
QColor secondary(const QStyleOptionViewItem& option);

// A status pill in the row ("On sale", "Purchased").
StatusPill::Colors pill(const QStyleOptionViewItem& option, Tone tone);

} // namespace oiso::ui::ChatListColors
