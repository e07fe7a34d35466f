#include "ui/chatlist/chat_list_colors.h"

#include "ui/common/tone_colors.h"

namespace oiso::ui::ChatListColors {

bool isSelected(const QStyleOptionViewItem& option)
{
    return option.state.testFlag(QStyle::State_Selected);
}

QPalette::ColorGroup group(const QStyleOptionViewItem& option)
{
    if (!option.state.testFlag(QStyle::State_Enabled))
        return QPalette::Disabled;
    return option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
}

QColor primary(const QStyleOptionViewItem& option)
{
    return option.palette.color(group(option),
                                isSelected(option) ? QPalette::HighlightedText : QPalette::Text);
}

QColor secondary(const QStyleOptionViewItem& option)
{
    const QPalette::ColorGroup g = group(option);
    if (isSelected(option))
        return mixColors(option.palette.color(g, QPalette::HighlightedText),
                         option.palette.color(g, QPalette::Highlight), 0.25);
    return mixColors(option.palette.color(g, QPalette::Text),
                     option.palette.color(g, QPalette::Base), 0.4);
}

StatusPill::Colors pill(const QStyleOptionViewItem& option, Tone tone)
{
    const QPalette::ColorGroup g = group(option);
    const bool selected = isSelected(option);
    const QColor background =
        option.palette.color(g, selected ? QPalette::Highlight : QPalette::Base);
    return StatusPill::colors(tone, option.palette, background, g, selected);
}

} // namespace oiso::ui::ChatListColors
