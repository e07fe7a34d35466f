#include "ui/chatlist/chat_list_colors.h"

#include "ui/common/tone_colors.h"

namespace oiso::ui::ChatListColors {

namespace {
constexpr double kReadable = 4.5; // WCAG AA for text
} // namespace

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
    if (isSelected(option)) {
        const QColor highlight = option.palette.color(g, QPalette::Highlight);
        const QColor text = option.palette.color(g, QPalette::HighlightedText);
        for (qreal weight = 0.7; weight < 1.0; weight += 0.05) {
            const QColor faded = mixColors(highlight, text, weight);
            if (contrastRatio(faded, highlight) >= kReadable)
                return faded;
        }
        return text;
    }
    const QColor base = option.palette.color(g, QPalette::Base);
    return withContrast(mixColors(option.palette.color(g, QPalette::Text), base, 0.4), base,
                        kReadable);
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
