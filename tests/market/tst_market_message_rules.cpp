// Message checks before sending: empty and whitespace-only text (every kind of space and the
// invisible fillers), the 2000 code point limit with emoji and Hangul, and the text as sent.
#include "market/message_rules.h"
#include "market_test_helpers.h"

#include <QTest>

using namespace oiso::market;
using namespace oiso::test;

namespace {

QString repeated(const char* utf8, int times)
{
    return q(utf8).repeated(times);
}

} // namespace

class TestMarketMessageRules : public QObject {
    Q_OBJECT

private slots:
    void messageChecks_data();
    void messageChecks();
    void normalizesMessageText_data();
    void normalizesMessageText();
};

void TestMarketMessageRules::messageChecks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("problem");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("userMessage");

    const int none = int(MessageCheck::Problem::None);
    const int empty = int(MessageCheck::Problem::Empty);
    const int tooLong = int(MessageCheck::Problem::TooLong);
    const QString typeFirst = q("Type a message first.");

    QTest::newRow("text") << q("안녕하세요") << none << 5 << QString();
    QTest::newRow("empty") << QString() << empty << 0 << typeFirst;
    QTest::newRow("spaces") << q("     ") << empty << 0 << typeFirst;
    QTest::newRow("ideographic spaces") << q("\u3000\u3000") << empty << 0 << typeFirst;
    QTest::newRow("line breaks and tabs") << q("\n\r\n\t \n") << empty << 0 << typeFirst;
    QTest::newRow("no-break and paragraph separators")
        << q("\u00a0\u2029\u2028") << empty << 0 << typeFirst;
    QTest::newRow("hangul filler") << q("\u3164") << empty << 1 << typeFirst;
    QTest::newRow("zero width space after a space") << q(" \u200b ") << empty << 2 << typeFirst;
    QTest::newRow("emoji") << q("😀") << none << 1 << QString();
    QTest::newRow("2000 emoji") << repeated("😀", 2000) << none << 2000 << QString();
    QTest::newRow("2000 hangul") << repeated("가", 2000) << none << 2000 << QString();
    QTest::newRow("2000 mixed") << repeated("가😀", 1000) << none << 2000 << QString();
    QTest::newRow("2000 and trailing whitespace")
        << repeated("가", 2000) + q(" \n\u3000") << none << 2000 << QString();
    QTest::newRow("2000 after leading blank lines")
        << q("\n \n") + repeated("a", 2000) << none << 2000 << QString();
    QTest::newRow("2001 hangul") << repeated("가", 2001) << tooLong << 2001
                                 << q("This message is too long: 2001 of 2000 characters.");
    QTest::newRow("2001 emoji") << repeated("😀", 2001) << tooLong << 2001
                                << q("This message is too long: 2001 of 2000 characters.");
    QTest::newRow("1999 and one emoji")
        << repeated("a", 1999) + q("😀") << none << 2000 << QString();
    QTest::newRow("lone surrogate counts as one")
        << QString(QChar(0xD83D)) + q("a") << none << 2 << QString();
}

void TestMarketMessageRules::messageChecks()
{
    QFETCH(QString, text);
    QFETCH(int, problem);
    QFETCH(int, length);
    QFETCH(QString, userMessage);

    const MessageCheck check = checkMessageText(text);
    QCOMPARE(int(check.problem), problem);
    QCOMPARE(check.ok(), problem == int(MessageCheck::Problem::None));
    QCOMPARE(check.length, length);
    QCOMPARE(check.userMessage(), userMessage);
}

void TestMarketMessageRules::normalizesMessageText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unchanged") << q("안녕하세요") << q("안녕하세요");
    QTest::newRow("trailing whitespace") << q("hi  \n\n\u3000") << q("hi");
    QTest::newRow("leading spaces kept") << q("  hi") << q("  hi");
    QTest::newRow("leading blank lines dropped, indentation kept")
        << q("\n  \n\t\n  hi\nthere") << q("  hi\nthere");
    QTest::newRow("inner line breaks kept") << q("a\n\n\nb") << q("a\n\n\nb");
    QTest::newRow("CRLF") << q("\r\n\r\nhi\r\nthere\r\n") << q("hi\r\nthere");
    QTest::newRow("only whitespace") << q(" \n\u3000 ") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestMarketMessageRules::normalizesMessageText()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(normalizedMessageText(text), expected);
    QCOMPARE(normalizedMessageText(expected), expected); // idempotent
}

QTEST_GUILESS_MAIN(TestMarketMessageRules)
#include "tst_market_message_rules.moc"
