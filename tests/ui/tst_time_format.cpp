// The chat windows' time and date texts, with fixed dates, in Korean and English. The Korean words
// come from a stand-in translator holding what the Korean .ts file says, so the test checks that
// every word goes through tr() and every format through the locale.

#include "ui/common/time_format.h"

#include <QHash>
#include <QTest>
#include <QTranslator>

using oiso::ui::TimeFormat;

namespace {

class KoreanWords : public QTranslator {
public:
    QString translate(const char* context, const char* sourceText, const char* = nullptr,
                      int = -1) const override
    {
        if (qstrcmp(context, "oiso::ui::TimeFormat") != 0)
            return {};
        static const QHash<QString, QString> words{
            {QStringLiteral("default"), QStringLiteral("ko_KR")},
            {QStringLiteral("Today"), QStringLiteral("오늘")},
            {QStringLiteral("Yesterday"), QStringLiteral("어제")},
            {QStringLiteral("Just now"), QStringLiteral("방금")},
            {QStringLiteral("%n min ago"), QStringLiteral("%n분 전")},
            {QStringLiteral("MMM d"), QStringLiteral("M월 d일")},
            {QStringLiteral("MMM d, yyyy"), QStringLiteral("yyyy. M. d.")},
        };
        return words.value(QString::fromUtf8(sourceText));
    }
    bool isEmpty() const override { return false; }
};

const QLocale korean(QLocale::Korean, QLocale::SouthKorea);
const QLocale american(QLocale::English, QLocale::UnitedStates);
const QLocale british(QLocale::English, QLocale::UnitedKingdom);

QDateTime at(int y, int m, int d, int h, int min, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s)); // local time, as the windows show it
}

} // namespace

class TestTimeFormat : public QObject {
    Q_OBJECT

private slots:
    void messageTime_data();
    void messageTime();
    void invalidTimesGiveNothing();
    void dateSeparatorEnglish();
    void dateSeparatorKorean();
    void relativeTime_data();
    void relativeTime();
    void minutesAgoAcrossMidnight();
    void relativeTimeKorean_data();
    void relativeTimeKorean();
    void uiLocaleFollowsTheTranslation();
};

void TestTimeFormat::messageTime_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ko afternoon") << korean << at(2026, 11, 30, 15, 5)
                                  << QStringLiteral("오후 3:05");
    QTest::newRow("ko morning") << korean << at(2026, 11, 30, 9, 41) << QStringLiteral("오전 9:41");
    QTest::newRow("ko midnight") << korean << at(2026, 11, 30, 0, 7)
                                 << QStringLiteral("오전 12:07");
    QTest::newRow("ko noon") << korean << at(2026, 11, 30, 12, 0) << QStringLiteral("오후 12:00");
    QTest::newRow("en afternoon") << american << at(2026, 11, 30, 15, 5)
                                  << QStringLiteral("3:05 PM");
    QTest::newRow("en morning") << american << at(2026, 11, 30, 9, 41) << QStringLiteral("9:41 AM");
    QTest::newRow("en-GB is 24 h") << british << at(2026, 11, 30, 15, 5) << QStringLiteral("15:05");
    QTest::newRow("UTC shown in local time")
        << korean << at(2026, 11, 30, 15, 5).toUTC() << QStringLiteral("오후 3:05");
}

void TestTimeFormat::messageTime()
{
    QFETCH(QLocale, locale);
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    QCOMPARE(oiso::ui::messageTime(time, locale), expected);
}

void TestTimeFormat::invalidTimesGiveNothing()
{
    QCOMPARE(oiso::ui::messageTime(QDateTime(), korean), QString());
    QCOMPARE(oiso::ui::dateSeparator(QDate(), QDate(2026, 11, 30), korean), QString());
    QCOMPARE(oiso::ui::relativeTime(QDateTime(), at(2026, 11, 30, 15, 5), korean), QString());
}

void TestTimeFormat::dateSeparatorEnglish()
{
    const QDate today(2026, 12, 2);
    QCOMPARE(oiso::ui::dateSeparator(today, today, british), QStringLiteral("Today"));
    QCOMPARE(oiso::ui::dateSeparator(QDate(2026, 12, 1), today, british),
             QStringLiteral("Yesterday"));
    QCOMPARE(oiso::ui::dateSeparator(QDate(2026, 11, 30), today, british),
             QStringLiteral("Monday, 30 November 2026"));
    QCOMPARE(oiso::ui::dateSeparator(QDate(2026, 11, 30), today, american),
             QStringLiteral("Monday, November 30, 2026"));
    // Across a year boundary "yesterday" is still yesterday.
    QCOMPARE(oiso::ui::dateSeparator(QDate(2026, 12, 31), QDate(2027, 1, 1), american),
             QStringLiteral("Yesterday"));
}

void TestTimeFormat::dateSeparatorKorean()
{
    KoreanWords words;
    QCoreApplication::installTranslator(&words);
    const QDate today(2026, 12, 2);
    QCOMPARE(oiso::ui::dateSeparator(today, today, korean), QStringLiteral("오늘"));
    QCOMPARE(oiso::ui::dateSeparator(QDate(2026, 12, 1), today, korean), QStringLiteral("어제"));
    QCOMPARE(oiso::ui::dateSeparator(QDate(2026, 11, 30), today, korean),
             QStringLiteral("2026년 11월 30일 월요일"));
    QCoreApplication::removeTranslator(&words);
}

void TestTimeFormat::relativeTime_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seconds ago") << at(2026, 11, 30, 15, 4, 30) << QStringLiteral("Just now");
    QTest::newRow("the same moment") << at(2026, 11, 30, 15, 5) << QStringLiteral("Just now");
    QTest::newRow("a little in the future (skew)")
        << at(2026, 11, 30, 15, 7) << QStringLiteral("Just now");
    QTest::newRow("1 minute") << at(2026, 11, 30, 15, 4) << QStringLiteral("1 min ago");
    QTest::newRow("5 minutes") << at(2026, 11, 30, 15, 0) << QStringLiteral("5 min ago");
    QTest::newRow("59 minutes") << at(2026, 11, 30, 14, 6) << QStringLiteral("59 min ago");
    QTest::newRow("earlier today") << at(2026, 11, 30, 9, 41) << QStringLiteral("9:41 AM");
    QTest::newRow("yesterday") << at(2026, 11, 29, 8, 0) << QStringLiteral("Yesterday");
    QTest::newRow("this year") << at(2026, 11, 28, 8, 0) << QStringLiteral("Nov 28");
    QTest::newRow("january this year") << at(2026, 1, 3, 8, 0) << QStringLiteral("Jan 3");
    QTest::newRow("last year") << at(2025, 11, 28, 8, 0) << QStringLiteral("Nov 28, 2025");
}

void TestTimeFormat::relativeTime()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    const QDateTime now = at(2026, 11, 30, 15, 5);
    QCOMPARE(oiso::ui::relativeTime(time, now, american), expected);
}

void TestTimeFormat::minutesAgoAcrossMidnight()
{
    // 30 minutes ago is "30 min ago" even when it was yesterday.
    QCOMPARE(oiso::ui::relativeTime(at(2026, 11, 29, 23, 50), at(2026, 11, 30, 0, 20), american),
             QStringLiteral("30 min ago"));
}

void TestTimeFormat::relativeTimeKorean_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");
    QTest::newRow("just now") << at(2026, 11, 30, 15, 4, 30) << QStringLiteral("방금");
    QTest::newRow("5 minutes") << at(2026, 11, 30, 15, 0) << QStringLiteral("5분 전");
    QTest::newRow("earlier today") << at(2026, 11, 30, 13, 5) << QStringLiteral("오후 1:05");
    QTest::newRow("yesterday") << at(2026, 11, 29, 8, 0) << QStringLiteral("어제");
    QTest::newRow("this year") << at(2026, 11, 28, 8, 0) << QStringLiteral("11월 28일");
    QTest::newRow("last year") << at(2025, 11, 28, 8, 0) << QStringLiteral("2025. 11. 28.");
}

void TestTimeFormat::relativeTimeKorean()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    KoreanWords words;
    QCoreApplication::installTranslator(&words);
    // Without a locale: the translation's language (ko_KR) decides the formats too.
    QCOMPARE(oiso::ui::relativeTime(time, at(2026, 11, 30, 15, 5)), expected);
    QCoreApplication::removeTranslator(&words);
}

void TestTimeFormat::uiLocaleFollowsTheTranslation()
{
    QLocale::setDefault(british);
    QCOMPARE(TimeFormat::uiLocale(), british); // no translation: the default locale
    KoreanWords words;
    QCoreApplication::installTranslator(&words);
    QCOMPARE(TimeFormat::uiLocale().language(), QLocale::Korean);
    QCoreApplication::removeTranslator(&words);
    QLocale::setDefault(QLocale::c()); // no LANG: read as US English, not "15:05:00"
    QCOMPARE(TimeFormat::uiLocale(), american);
}

QTEST_GUILESS_MAIN(TestTimeFormat)
#include "tst_time_format.moc"
