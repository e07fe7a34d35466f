// The helpers the windows share (ui/common) and the colours made with them: tinted icons and their
// cache, toolbar texts, the status pill (its colours readable in light and dark palettes, its size
// from the fonts that draw Hangul), a selected chat list row's quieter text, the chat window's
// connection dot.

#include "screenshot_support.h"
#include "ui/chat/connection_line.h"
#include "ui/chatlist/chat_list_colors.h"
#include "ui/common/action_text.h"
#include "ui/common/status_pill.h"
#include "ui/common/tinted_icon.h"
#include "ui/common/tone_colors.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QTest>

using namespace oiso;
using ui::Tone;

namespace {

QPalette paletteNamed(const QString& name)
{
    return name == QLatin1String("dark") ? test::darkPalette() : test::lightPalette();
}

// Hue in degrees, -1 for a grey.
int hueOf(const QColor& color)
{
    return color.toHsv().hsvHue();
}

bool hueWithin(const QColor& color, int from, int to)
{
    const int hue = hueOf(color);
    if (hue < 0)
        return false;
    return from <= to ? (hue >= from && hue <= to) : (hue >= from || hue <= to);
}

// The rows of `image` where it differs from `blank`.
std::pair<int, int> inkRows(const QImage& image, const QImage& blank)
{
    int top = -1, bottom = -1;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixel(x, y) != blank.pixel(x, y)) {
                if (top < 0)
                    top = y;
                bottom = y;
                break;
            }
        }
    }
    return {top, bottom};
}

} // namespace

class TestUiCommon : public QObject {
    Q_OBJECT

private slots:
    void tintedPixmapsAreCachedPerColourSizeAndRatio();
    void tintedIconCarriesItsDisabledLook();
    void toolbarTextHasNoMnemonic_data();
    void toolbarTextHasNoMnemonic();
    void statusPillsReadInLightAndDark_data();
    void statusPillsReadInLightAndDark();
    void statusPillFitsItsWord_data();
    void statusPillFitsItsWord();
    void selectedRowQuietTextReads_data();
    void selectedRowQuietTextReads();
    void connectionDotSaysTheState_data();
    void connectionDotSaysTheState();
};

void TestUiCommon::tintedPixmapsAreCachedPerColourSizeAndRatio()
{
    const QColor red(0xc0, 0x20, 0x20);
    const QPixmap first = ui::tintedPixmap(QStringLiteral("sent"), red, 16, 2.0);
    QVERIFY(!first.isNull());
    QCOMPARE(first.devicePixelRatio(), 2.0);
    QCOMPARE(first.size(), QSize(32, 32));
    const int cached = ui::tintedPixmapCacheCount();
    // The same request is the same pixmap (shared, not rendered again).
    const QPixmap again = ui::tintedPixmap(QStringLiteral("sent"), red, 16, 2.0);
    QCOMPARE(again.cacheKey(), first.cacheKey());
    QCOMPARE(ui::tintedPixmapCacheCount(), cached);
    // Any other colour, size or ratio is its own entry.
    const QPixmap blue = ui::tintedPixmap(QStringLiteral("sent"), QColor(Qt::blue), 16, 2.0);
    QVERIFY(blue.cacheKey() != first.cacheKey());
    QVERIFY(ui::tintedPixmap(QStringLiteral("sent"), red, 20, 2.0).cacheKey() != first.cacheKey());
    QVERIFY(ui::tintedPixmap(QStringLiteral("sent"), red, 16, 1.0).cacheKey() != first.cacheKey());
    QCOMPARE(ui::tintedPixmapCacheCount(), cached + 3);

    // The pixels are the colour asked for, wherever the icon is drawn.
    const QImage image = blue.toImage();
    bool sawInk = false;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() < 255)
                continue;
            sawInk = true;
            QCOMPARE(pixel.rgb(), QColor(Qt::blue).rgb());
        }
    }
    QVERIFY(sawInk);
    // An unknown icon is a null pixmap, and nothing is kept for it.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no-such-icon")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no-such-icon")));
    QVERIFY(ui::tintedPixmap(QStringLiteral("no-such-icon"), red, 16, 1.0).isNull());
    QCOMPARE(ui::tintedPixmapCacheCount(), cached + 3);
}

void TestUiCommon::tintedIconCarriesItsDisabledLook()
{
    const QColor accent(0x20, 0x60, 0xc0), muted(0x90, 0x90, 0x90);
    const QIcon icon = ui::tintedIcon(QStringLiteral("send"), accent, muted);
    QCOMPARE(ui::tintedIcon(QStringLiteral("send"), accent, muted).cacheKey(), icon.cacheKey());
    const auto inkOf = [](const QPixmap& pixmap) {
        const QImage image = pixmap.toImage();
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixelColor(x, y).alpha() == 255)
                    return image.pixelColor(x, y).rgb();
        return QRgb(0);
    };
    QCOMPARE(inkOf(icon.pixmap(QSize(24, 24), 1.0, QIcon::Normal)), accent.rgb());
    QCOMPARE(inkOf(icon.pixmap(QSize(24, 24), 1.0, QIcon::Disabled)), muted.rgb());
}

void TestUiCommon::toolbarTextHasNoMnemonic_data()
{
    QTest::addColumn<QString>("menu");
    QTest::addColumn<QString>("toolbar");
    QTest::newRow("English") << QStringLiteral("&Open chat") << QStringLiteral("Open chat");
    QTest::newRow("inside a word")
        << QStringLiteral("Unread &first") << QStringLiteral("Unread first");
    QTest::newRow("Korean") << QStringLiteral("채팅 열기(&O)") << QStringLiteral("채팅 열기");
    QTest::newRow("Korean, ellipsis after")
        << QStringLiteral("구매 완료(&P)…") << QStringLiteral("구매 완료…");
    QTest::newRow("with a space") << QStringLiteral("설정 (&S)…") << QStringLiteral("설정…");
    QTest::newRow("literal ampersand")
        << QStringLiteral("Salt && &Pepper") << QStringLiteral("Salt & Pepper");
    QTest::newRow("none") << QStringLiteral("Chats") << QStringLiteral("Chats");
    QTest::newRow("a real parenthesis")
        << QStringLiteral("Selling (4)") << QStringLiteral("Selling (4)");
}

void TestUiCommon::toolbarTextHasNoMnemonic()
{
    QFETCH(QString, menu);
    QFETCH(QString, toolbar);
    QCOMPARE(ui::withoutMnemonic(menu), toolbar);
}

void TestUiCommon::statusPillsReadInLightAndDark_data()
{
    QTest::addColumn<QString>("palette");
    QTest::newRow("light") << QStringLiteral("light");
    QTest::newRow("dark") << QStringLiteral("dark");
}

void TestUiCommon::statusPillsReadInLightAndDark()
{
    QFETCH(QString, palette);
    const QPalette p = paletteNamed(palette);
    const QColor base = p.color(QPalette::Base);
    for (Tone tone : {Tone::Accent, Tone::Positive, Tone::Caution, Tone::Negative, Tone::Muted}) {
        const ui::StatusPill::Colors c = ui::StatusPill::colors(tone, p, base);
        // The word reads (WCAG AA) on the pill's own fill, and the pill on the row.
        QVERIFY2(ui::contrastRatio(c.ink, c.fill) >= 4.5,
                 qPrintable(c.ink.name() + u' ' + c.fill.name()));
        QVERIFY(ui::contrastRatio(c.ink, base) >= 4.5);
    }
    // On sale: the palette's accent; reserved: amber (not the link-visited magenta); sold: grey.
    const QColor onSale = ui::StatusPill::colors(Tone::Accent, p, base).ink;
    const QColor reserved = ui::StatusPill::colors(Tone::Caution, p, base).ink;
    const QColor sold = ui::StatusPill::colors(Tone::Muted, p, base).ink;
    QVERIFY(std::abs(hueOf(onSale) - hueOf(p.color(QPalette::Highlight))) <= 8);
    QVERIFY2(hueWithin(reserved, 25, 50), qPrintable(reserved.name()));
    QVERIFY(reserved.toHsv().hsvSaturationF() > 0.6f);
    QVERIFY(sold.toHsv().hsvSaturationF() < 0.1f);
    // A palette whose accent already reads keeps it as it is.
    QPalette readable = p;
    readable.setColor(QPalette::Highlight, ui::withContrast(p.color(QPalette::Highlight), base, 7));
    QCOMPARE(ui::toneColor(Tone::Accent, readable, base), readable.color(QPalette::Highlight));
}

void TestUiCommon::statusPillFitsItsWord_data()
{
    QTest::addColumn<QString>("word");
    QTest::newRow("Hangul") << QStringLiteral("예약중");
    QTest::newRow("Hangul, sold") << QStringLiteral("판매완료");
    QTest::newRow("Latin") << QStringLiteral("Reserved");
}

void TestUiCommon::statusPillFitsItsWord()
{
    // Painted black on white at 1x and 2x: between the outline (its first and last rows) and
    // the word's ink there is at least one clear row above and below — the syllables never
    // touch it, although the UI font's own line is shorter than Hangul's fallback font's.
    QFETCH(QString, word);
    const QFont font = ui::StatusPill::font(QApplication::font());
    const QSize size = ui::StatusPill::size(word, font);
    QVERIFY(size.height() >= QFontMetrics(font).height());
    QVERIFY(size.width() > QFontMetrics(font).horizontalAdvance(word));
    const ui::StatusPill::Colors colors{Qt::black, Qt::white};
    for (const qreal ratio : {1.0, 2.0}) {
        const auto render = [&](const QString& text) {
            QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(ratio);
            image.fill(Qt::white);
            QPainter painter(&image);
            ui::StatusPill::paint(&painter, QRect(QPoint(0, 0), size), text, font, colors);
            return image;
        };
        const QImage pill = render(word);
        const QImage outline = render(QString());
        const auto [top, bottom] = inkRows(pill, outline);
        QVERIFY(top >= 0);
        const int outlineRows = int(std::ceil(ratio)); // the 1-pixel pen, in device pixels
        QVERIFY2(top > outlineRows, qPrintable(QStringLiteral("ink from row %1").arg(top)));
        QVERIFY2(bottom < pill.height() - 1 - outlineRows,
                 qPrintable(QStringLiteral("ink to row %1 of %2").arg(bottom).arg(pill.height())));
    }
}

void TestUiCommon::selectedRowQuietTextReads_data()
{
    statusPillsReadInLightAndDark_data();
}

void TestUiCommon::selectedRowQuietTextReads()
{
    QFETCH(QString, palette);
    QStyleOptionViewItem option;
    option.palette = paletteNamed(palette);
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    const QColor base = option.palette.color(QPalette::Base);
    QVERIFY(ui::contrastRatio(ui::ChatListColors::secondary(option), base) >= 4.5);
    QVERIFY(ui::ChatListColors::secondary(option) != ui::ChatListColors::primary(option));

    option.state |= QStyle::State_Selected;
    const QColor highlight = option.palette.color(QPalette::Highlight);
    const QColor highlightedText = option.palette.color(QPalette::HighlightedText);
    const QColor quiet = ui::ChatListColors::secondary(option);
    // Faded highlighted text where that still reads at 4.5:1; the palette's own highlighted
    // text where even that pair has less contrast (Fusion's light blue with white: 3.6:1).
    if (ui::contrastRatio(highlightedText, highlight) >= 4.5)
        QVERIFY(ui::contrastRatio(quiet, highlight) >= 4.5);
    else
        QCOMPARE(quiet, highlightedText);
    QVERIFY(ui::contrastRatio(quiet, highlight) >=
            ui::contrastRatio(highlightedText, highlight) - 1.0);
    // Pills on the selection are drawn in the highlighted text.
    QCOMPARE(ui::ChatListColors::pill(option, Tone::Caution).ink, highlightedText);
}

void TestUiCommon::connectionDotSaysTheState_data()
{
    statusPillsReadInLightAndDark_data();
}

void TestUiCommon::connectionDotSaysTheState()
{
    QFETCH(QString, palette);
    ui::ConnectionLine line;
    line.setPalette(paletteNamed(palette));
    const QColor window = line.palette().color(QPalette::Window);
    line.setState(QStringLiteral("Live"), Tone::Positive);
    QCOMPARE(line.text(), QStringLiteral("Live"));
    QVERIFY2(hueWithin(line.dotColor(), 90, 170), qPrintable(line.dotColor().name()));
    QVERIFY(ui::contrastRatio(line.dotColor(), window) >= 3.0); // a graphic: 3:1
    line.setState(QStringLiteral("Connecting…"), Tone::Caution);
    QVERIFY2(hueWithin(line.dotColor(), 25, 50), qPrintable(line.dotColor().name()));
    QVERIFY(ui::contrastRatio(line.dotColor(), window) >= 3.0);
    line.setState(QStringLiteral("Offline"), Tone::Negative);
    QVERIFY2(hueWithin(line.dotColor(), 345, 15), qPrintable(line.dotColor().name()));
    QVERIFY(ui::contrastRatio(line.dotColor(), window) >= 3.0);
}

QTEST_MAIN(TestUiCommon)
#include "tst_ui_common.moc"
