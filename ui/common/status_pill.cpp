#include "ui/common/status_pill.h"

#include <QCache>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QPainter>
#include <QRawFont>
#include <QTextLayout>

#include <cmath>

namespace oiso::ui::StatusPill {

namespace {

constexpr float kFillAlpha = 0.14f;

// The ascent, descent and advance of the fonts that draw `text` (the fallback fonts included),
// cached: the few status words are painted in every row.
struct TextMetrics {
    qreal ascent = 0;
    qreal descent = 0;
    qreal width = 0;
};

TextMetrics measure(const QString& text, const QFont& font)
{
    static QCache<QString, TextMetrics> cache(64);
    const QString key = font.key() + u'|' + text;
    if (const TextMetrics* cached = cache.object(key))
        return *cached;
    const QFontMetricsF metrics(font);
    TextMetrics m{metrics.ascent(), metrics.descent(), metrics.horizontalAdvance(text)};
    QTextLayout layout(text, font);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    layout.endLayout();
    if (line.isValid()) {
        m.width = line.naturalTextWidth();
        // Each glyph run names the font that really draws it.
        const QList<QGlyphRun> runs = layout.glyphRuns();
        if (!runs.isEmpty()) {
            m.ascent = 0;
            m.descent = 0;
            for (const QGlyphRun& run : runs) {
                m.ascent = std::max(m.ascent, run.rawFont().ascent());
                m.descent = std::max(m.descent, run.rawFont().descent());
            }
        }
    }
    cache.insert(key, new TextMetrics(m));
    return m;
}

} // namespace

Colors colors(Tone tone, const QPalette& palette, const QColor& background,
              QPalette::ColorGroup group, bool onHighlight)
{
    Colors c;
    if (onHighlight) {
        c.ink = palette.color(group, QPalette::HighlightedText);
        c.fill = mixColors(background, c.ink, kFillAlpha);
        return c;
    }
    // The word is read on the fill (the ink, faint, over the background): it needs its contrast
    // there, not only on the background.
    c.ink = toneColor(tone, palette, background, group);
    for (double target = 4.5; target < 21.0; target += 0.25) {
        c.fill = mixColors(background, c.ink, kFillAlpha);
        if (contrastRatio(c.ink, c.fill) >= 4.5)
            break;
        c.ink = withContrast(c.ink, background, target + 0.25);
    }
    return c;
}

QFont font(const QFont& around)
{
    QFont small = around;
    if (around.pointSizeF() > 0)
        small.setPointSizeF(around.pointSizeF() * 0.9);
    else
        small.setPixelSize(std::max(9, around.pixelSize() * 9 / 10));
    return small;
}

int verticalPadding(const QFont& font)
{
    return std::max(1, int(std::lround(QFontMetricsF(font).height() * 0.12)));
}

QSize size(const QString& text, const QFont& font)
{
    const TextMetrics m = measure(text, font);
    const int textHeight = int(std::ceil(m.ascent + m.descent));
    const int height = textHeight + 2 * verticalPadding(font);
    const int padH = std::max(4, height * 2 / 5);
    return {int(std::ceil(m.width)) + 2 * padH, height};
}

void paint(QPainter* painter, const QRect& rect, const QString& text, const QFont& font,
           const Colors& colors)
{
    const TextMetrics m = measure(text, font);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal radius = rect.height() / 2.0;
    painter->setPen(QPen(colors.ink, 1.0));
    painter->setBrush(colors.fill);
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    // The fonts' ascent and descent centred in the pill, the word on their baseline.
    const qreal baseline = rect.top() + (rect.height() - (m.ascent + m.descent)) / 2.0 + m.ascent;
    painter->setFont(font);
    painter->setPen(colors.ink);
    painter->drawText(QPointF(rect.left() + (rect.width() - m.width) / 2.0, baseline), text);
    painter->restore();
}

} // namespace oiso::ui::StatusPill
