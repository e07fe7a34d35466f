// The helpers the windows share (ui/common): tinted icons and their cache, toolbar texts.

#include "ui/common/action_text.h"
#include "ui/common/tinted_icon.h"

#include <QApplication>
#include <QImage>
#include <QRegularExpression>
#include <QTest>

using namespace oiso;

class TestUiCommon : public QObject {
    Q_OBJECT

private slots:
    void tintedPixmapsAreCachedPerColourSizeAndRatio();
    void tintedIconCarriesItsDisabledLook();
    void toolbarTextHasNoMnemonic_data();
    void toolbarTextHasNoMnemonic();
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

QTEST_MAIN(TestUiCommon)
#include "tst_ui_common.moc"
