#include "ui/common/tone_colors.h"

#include <algorithm>
#include <cmath>

namespace oiso::ui {

namespace {

double linear(float channel)
{
    return channel <= 0.04045f ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

// The hues of the tones that are not the palette's own: a calm green, an amber, a red.
constexpr float kGreenHue = 140.0f / 360.0f;
constexpr float kAmberHue = 38.0f / 360.0f;
constexpr float kRedHue = 2.0f / 360.0f;

} // namespace

double relativeLuminance(const QColor& color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) +
           0.0722 * linear(rgb.blueF());
}

double contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor mixColors(const QColor& a, const QColor& b, qreal bWeight)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    const auto channel = [bWeight](float p, float q) { return float(p + (q - p) * bWeight); };
    return QColor::fromRgbF(channel(x.redF(), y.redF()), channel(x.greenF(), y.greenF()),
                            channel(x.blueF(), y.blueF()));
}

QColor withContrast(const QColor& color, const QColor& background, double minRatio)
{
    if (contrastRatio(color, background) >= minRatio)
        return color;
    const QColor hsl = color.toHsl();
    const float hue = hsl.hslHueF();
    const float saturation = hsl.hslSaturationF();
    // Away from the background: darker on a light one, lighter on a dark one.
    const bool darker = relativeLuminance(background) > 0.18;
    float lightness = hsl.lightnessF();
    QColor best = color;
    for (int step = 0; step < 100; ++step) {
        lightness = std::clamp(lightness + (darker ? -0.01f : 0.01f), 0.0f, 1.0f);
        best = QColor::fromHslF(hue, saturation, lightness, color.alphaF());
        if (contrastRatio(best, background) >= minRatio || lightness <= 0.0f || lightness >= 1.0f)
            break;
    }
    return best.toRgb();
}

QColor toneColor(Tone tone, const QPalette& palette, const QColor& background,
                 QPalette::ColorGroup group)
{
    QColor base;
    switch (tone) {
    case Tone::Accent:
        base = palette.color(group, QPalette::Highlight);
        break;
    case Tone::Positive:
        base = QColor::fromHslF(kGreenHue, 0.55f, 0.42f);
        break;
    case Tone::Caution:
        base = QColor::fromHslF(kAmberHue, 0.9f, 0.5f);
        break;
    case Tone::Negative:
        base = QColor::fromHslF(kRedHue, 0.7f, 0.5f);
        break;
    case Tone::Muted:
        base = mixColors(palette.color(group, QPalette::Text), background, 0.4);
        break;
    }
    return withContrast(base, background);
}

} // namespace oiso::ui
