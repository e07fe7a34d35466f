// The Firebase key order (reference §3.6) and the UTF-16 string order it is built on.
#include "protocol/ordering.h"
#include "protocol/pushid.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <random>

using oiso::protocol::compareKeys;
using oiso::protocol::compareStrings;
using oiso::protocol::int32KeyValue;

namespace {

int sign(int value)
{
    return (value > 0) - (value < 0);
}

// Test strings are written as C++ literals holding UTF-8 bytes.
QByteArray bytes(const char* utf8)
{
    return QByteArray(utf8);
}

std::string_view view(const QByteArray& data)
{
    return std::string_view(data.constData(), static_cast<std::size_t>(data.size()));
}

} // namespace

class TestOrdering : public QObject {
    Q_OBJECT

private slots:
    void int32Keys_data();
    void int32Keys();
    void compareKeys_data();
    void compareKeys();
    void keySortOfAMixedSet();
    void pushIdsSortInCreationOrder();
    void compareStrings_data();
    void compareStrings();
    void compareStringsAgreesWithUtf16();
};

void TestOrdering::int32Keys_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("isInteger");
    QTest::addColumn<int>("value");

    QTest::newRow("0") << bytes("0") << true << 0;
    QTest::newRow("42") << bytes("42") << true << 42;
    QTest::newRow("-5") << bytes("-5") << true << -5;
    QTest::newRow("-0") << bytes("-0") << true << 0;
    QTest::newRow("007") << bytes("007") << true << 7;
    QTest::newRow("many leading zeros") << bytes("00000000000000000001") << true << 1;
    QTest::newRow("int32 max") << bytes("2147483647") << true << 2147483647;
    QTest::newRow("int32 min") << bytes("-2147483648") << true << int(-2147483647 - 1);
    QTest::newRow("above int32") << bytes("2147483648") << false << 0;
    QTest::newRow("below int32") << bytes("-2147483649") << false << 0;
    QTest::newRow("11 digits") << bytes("12345678901") << false << 0;
    QTest::newRow("empty") << bytes("") << false << 0;
    QTest::newRow("minus only") << bytes("-") << false << 0;
    QTest::newRow("plus sign") << bytes("+1") << false << 0;
    QTest::newRow("space") << bytes(" 1") << false << 0;
    QTest::newRow("trailing letter") << bytes("1a") << false << 0;
    QTest::newRow("fraction") << bytes("1.5") << false << 0;
    QTest::newRow("double minus") << bytes("--1") << false << 0;
    QTest::newRow("push id") << bytes("-NvQ4Zt2m8QxTr0aPq1K") << false << 0;
}

void TestOrdering::int32Keys()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, isInteger);
    QFETCH(int, value);
    const auto parsed = int32KeyValue(view(key));
    QCOMPARE(parsed.has_value(), isInteger);
    if (isInteger)
        QCOMPARE(*parsed, value);
}

void TestOrdering::compareKeys_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<int>("expected"); // sign of compareKeys(a, b)

    const std::tuple<const char*, const char*, int> rows[] = {
        {"1", "2", -1},
        {"2", "10", -1}, // numerically, not as text
        {"9", "10", -1},
        {"-1", "0", -1},
        {"-10", "-9", -1},
        {"7", "007", -1}, // equal numbers: shorter spelling first
        {"007", "7", 1},
        {"07", "007", -1},
        {"0", "-0", -1},
        {"10", "a", -1}, // integer keys before every other key
        {"2147483647", "2147483648", -1},
        {"3", "2147483648", -1},  // beyond int32 is a string: after all integers
        {"2147483648", "3a", -1}, // … and compared as text with other strings
        {"-2147483648", "-2147483647", -1},
        {"0", "-2147483649", -1},
        {"-2147483649", "a", -1},
        {"00000000001", "2", -1},
        {"99", "1a", -1},
        {"a", "b", -1},
        {"a", "ab", -1},
        {"A", "a", -1},
        {"-", "0", 1},
        {"x", "x", 0},
        {"42", "42", 0},
        {"-NvQ4Zt2m8QxTr0aPq1K", "-NvQ4Zt2m8QxTr0aPq1L", -1},
        {"-NvQ4Zt2m8QxTr0aPq1K", "-OaaaaaaaaaaaaaaaaaA", -1},
    };
    for (const auto& [a, b, expected] : rows)
        QTest::addRow("%s vs %s", a, b) << bytes(a) << bytes(b) << expected;
}

void TestOrdering::compareKeys()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(int, expected);
    QCOMPARE(sign(oiso::protocol::compareKeys(view(a), view(b))), expected);
    QCOMPARE(sign(oiso::protocol::compareKeys(view(b), view(a))), -expected);
    QCOMPARE(oiso::protocol::KeyLess{}(view(a), view(b)), expected < 0);
}

void TestOrdering::keySortOfAMixedSet()
{
    std::vector<std::string> keys = {"b", "10",          "a",  "007", "-3", "2147483648",
                                     "7", "-2147483649", "ab", "9",   "Z",  "\xEA\xB0\x80"};
    std::sort(keys.begin(), keys.end(), oiso::protocol::KeyLess{});
    const std::vector<std::string> expected = {"-3", "7",           "007",        "9",
                                               "10", "-2147483649", "2147483648", "Z",
                                               "a",  "ab",          "b",          "\xEA\xB0\x80"};
    QCOMPARE(keys, expected);
}

void TestOrdering::pushIdsSortInCreationOrder()
{
    oiso::protocol::PushIdGenerator generator;
    std::vector<std::string> created;
    for (int i = 0; i < 2000; ++i)
        created.push_back(generator.next(1732521600000 + i / 7)); // several per millisecond
    std::vector<std::string> sorted = created;
    std::mt19937 shuffle(7);
    std::shuffle(sorted.begin(), sorted.end(), shuffle);
    std::sort(sorted.begin(), sorted.end(), oiso::protocol::KeyLess{});
    QVERIFY(sorted == created);
}

void TestOrdering::compareStrings_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<int>("expected");

    const char* const grinning = "\xF0\x9F\x98\x80";         // U+1F600, a surrogate pair in UTF-16
    const char* const replacement = "\xEF\xBF\xBD";          // U+FFFD
    const char* const privateUse = "\xEE\x80\x80";           // U+E000
    const char* const appleLogo = "\xEF\xA3\xBF";            // U+F8FF
    const char* const lastBeforeSurrogates = "\xED\x9F\xBF"; // U+D7FF
    const char* const ga = "\xEA\xB0\x80";                   // U+AC00 가
    const char* const na = "\xEB\x82\x98";                   // U+B098 나

    QTest::newRow("ascii") << bytes("a") << bytes("b") << -1;
    QTest::newRow("ascii case") << bytes("Z") << bytes("a") << -1;
    QTest::newRow("prefix") << bytes("ab") << bytes("abc") << -1;
    QTest::newRow("empty") << bytes("") << bytes("a") << -1;
    QTest::newRow("equal") << bytes("same") << bytes("same") << 0;
    QTest::newRow("equal non-ascii") << bytes(grinning) << bytes(grinning) << 0;
    QTest::newRow("hangul") << bytes(ga) << bytes(na) << -1;
    QTest::newRow("ascii before hangul") << bytes("z") << bytes(ga) << -1;
    QTest::newRow("emoji before U+FFFD") << bytes(grinning) << bytes(replacement) << -1;
    QTest::newRow("emoji before U+E000") << bytes(grinning) << bytes(privateUse) << -1;
    QTest::newRow("emoji before U+F8FF") << bytes(grinning) << bytes(appleLogo) << -1;
    QTest::newRow("emoji after U+D7FF") << bytes(grinning) << bytes(lastBeforeSurrogates) << 1;
    QTest::newRow("emoji after hangul") << bytes(grinning) << bytes(ga) << 1;
    QTest::newRow("U+10FFFF before U+FFFF")
        << bytes("\xF4\x8F\xBF\xBF") << bytes("\xEF\xBF\xBF") << -1;
    QTest::newRow("U+10000 before U+1F600") << bytes("\xF0\x90\x80\x80") << bytes(grinning) << -1;
    QTest::newRow("U+1F600 before U+1F601") << bytes(grinning) << bytes("\xF0\x9F\x98\x81") << -1;
    QTest::newRow("after common prefix")
        << (bytes("b") + grinning) << (bytes("b") + replacement) << -1;
    QTest::newRow("U+F8FF after ascii") << bytes("bz") << (bytes("b") + appleLogo) << -1;
}

void TestOrdering::compareStrings()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(int, expected);
    QCOMPARE(sign(oiso::protocol::compareStrings(view(a), view(b))), expected);
    QCOMPARE(sign(oiso::protocol::compareStrings(view(b), view(a))), -expected);
}

// QString compares UTF-16 code units, which is the order Firebase uses.
void TestOrdering::compareStringsAgreesWithUtf16()
{
    const char32_t alphabet[] = {U'a',   U'b',    U'~',    0x7F,    0xE9,    0x7FF,
                                 0x800,  0xAC00,  0xD7FF,  0xE000,  0xF8FF,  0xFFFD,
                                 0xFFFF, 0x10000, 0x1F600, 0x1F601, 0x10FFFF};
    QRandomGenerator random(20240601);
    for (int i = 0; i < 5000; ++i) {
        QString strings[2];
        for (QString& s : strings) {
            const int length = random.bounded(4);
            for (int c = 0; c < length; ++c) {
                const char32_t codePoint = alphabet[random.bounded(int(std::size(alphabet)))];
                s += QString::fromUcs4(&codePoint, 1);
            }
        }
        const QByteArray a = strings[0].toUtf8();
        const QByteArray b = strings[1].toUtf8();
        const int expected = sign(QString::compare(strings[0], strings[1], Qt::CaseSensitive));
        QVERIFY2(sign(oiso::protocol::compareStrings(view(a), view(b))) == expected,
                 qPrintable(strings[0] + QStringLiteral(" vs ") + strings[1]));
    }
}

QTEST_GUILESS_MAIN(TestOrdering)
#include "tst_ordering.moc"
