// Paths (reference §1.2: key characters, 768-byte and 32-level limits) and push ids (§8:
// alphabet, time prefix, strictly increasing keys from one generator).
#include "protocol/path.h"
#include "protocol/pushid.h"

#include <QDateTime>
#include <QTest>

using oiso::protocol::Path;
using oiso::protocol::PushIdGenerator;

Q_DECLARE_METATYPE(Path)

namespace {

Path path(std::initializer_list<const char*> keys)
{
    return Path(keys.begin(), keys.end());
}

// "k/k/…" with `depth` keys.
std::string deepPath(int depth)
{
    std::string text;
    for (int i = 0; i < depth; ++i)
        text += i == 0 ? "k" : "/k";
    return text;
}

} // namespace

class TestPathPushId : public QObject {
    Q_OBJECT

private slots:
    void parsesPaths_data();
    void parsesPaths();
    void rejectsPaths_data();
    void rejectsPaths();
    void limitsDepthAndLength();
    void validatesKeys();
    void formatsAndRelatesPaths();

    void pushIdShape();
    void pushIdTimestampRoundTrip_data();
    void pushIdTimestampRoundTrip();
    void timestampOfRejectsOtherKeys();
    void pushIdsIncreaseWithinOneMillisecond();
    void pushIdsIncreaseWhenTheClockStepsBack();
    void pushIdsOrderByTime();
    void pushIdFromTheSystemClock();
};

void TestPathPushId::parsesPaths_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Path>("expected");

    QTest::newRow("root empty") << QByteArray("") << Path{};
    QTest::newRow("root slash") << QByteArray("/") << Path{};
    QTest::newRow("only slashes") << QByteArray("///") << Path{};
    QTest::newRow("one key") << QByteArray("users") << path({"users"});
    QTest::newRow("three keys") << QByteArray("a/b/c") << path({"a", "b", "c"});
    QTest::newRow("leading and trailing") << QByteArray("/a/b/") << path({"a", "b"});
    QTest::newRow("doubled slashes") << QByteArray("a//b///c") << path({"a", "b", "c"});
    QTest::newRow("push id") << QByteArray("/chats/-NvQ3kpL0aZ8bT2yW9xe/messages")
                             << path({"chats", "-NvQ3kpL0aZ8bT2yW9xe", "messages"});
    QTest::newRow("allowed punctuation") << QByteArray("a?b/c~d/e:f@g/h i/%2F/-_,")
                                         << path({"a?b", "c~d", "e:f@g", "h i", "%2F", "-_,"});
    QTest::newRow("korean") << QByteArray("채팅/방") << path({"채팅", "방"});
    QTest::newRow("emoji") << QByteArray("\xF0\x9F\x98\x80") << path({"\xF0\x9F\x98\x80"});
}

void TestPathPushId::parsesPaths()
{
    QFETCH(QByteArray, text);
    QFETCH(Path, expected);
    QString error;
    const auto parsed = oiso::protocol::parsePath(text.toStdString(), &error);
    QVERIFY2(parsed, qPrintable(error));
    QVERIFY(*parsed == expected);
    QVERIFY(error.isEmpty());
}

void TestPathPushId::rejectsPaths_data()
{
    QTest::addColumn<QByteArray>("text");

    const char* const forbidden[] = {".", "$", "#", "[", "]"};
    for (const char* c : forbidden)
        QTest::addRow("%s", c) << (QByteArray("ok/a") + c + "b/ok");
    QTest::newRow("nul") << QByteArray("a\0b", 3);
    QTest::newRow("0x01") << QByteArray("a/\x01");
    QTest::newRow("newline") << QByteArray("a\nb");
    QTest::newRow("0x1f") << QByteArray("\x1f");
    QTest::newRow("delete") << QByteArray("a/\x7f/b");
    QTest::newRow(".json left on") << QByteArray("users.json");
    QTest::newRow("$key") << QByteArray("$key");
    QTest::newRow("dot key") << QByteArray(".priority");
}

void TestPathPushId::rejectsPaths()
{
    QFETCH(QByteArray, text);
    QString error;
    QVERIFY(!oiso::protocol::parsePath(text.toStdString(), &error));
    QVERIFY2(error.startsWith(QStringLiteral("Invalid key")), qPrintable(error));
}

void TestPathPushId::limitsDepthAndLength()
{
    using oiso::protocol::parsePath;
    QString error;
    const auto deepest = parsePath(deepPath(32), &error);
    QVERIFY2(deepest, qPrintable(error));
    QCOMPARE(deepest->size(), std::size_t(32));
    QVERIFY(!parsePath(deepPath(33), &error));
    QVERIFY(error.startsWith(QStringLiteral("Invalid path")));
    QVERIFY(!parsePath("/" + deepPath(33) + "/", &error));

    // Bytes are counted with one slash per key: "/" + 767 bytes = 768 is the longest path.
    QVERIFY(parsePath(std::string(767, 'k'), &error));
    QVERIFY(!parsePath(std::string(768, 'k'), &error));
    QVERIFY(error.startsWith(QStringLiteral("Invalid path")));
    const std::string twoKeys = std::string(383, 'a') + '/' + std::string(383, 'b'); // 768
    QVERIFY(parsePath(twoKeys, &error));
    QVERIFY(!parsePath(twoKeys + 'b', &error));
    // Extra slashes in the text do not count, only the keys.
    QVERIFY(parsePath("//" + twoKeys + "//", &error));
}

void TestPathPushId::validatesKeys()
{
    using oiso::protocol::keyError;
    QVERIFY(keyError("ok").isEmpty());
    QVERIFY(keyError(std::string(768, 'k')).isEmpty());
    QVERIFY(!keyError(std::string(769, 'k')).isEmpty());
    QVERIFY(!keyError("").isEmpty());
    const char forbidden[] = {'.', '$', '#', '[', ']', '/', '\0', '\x01', '\x1f', '\x7f'};
    for (const char c : forbidden) {
        const std::string key = std::string("a") + c + "b";
        QVERIFY2(!keyError(key).isEmpty(), qPrintable(QString::number(int(c))));
    }
    for (const char c : std::string_view("-_:@?~ ,%!*()'+=&\"")) {
        const std::string key = std::string("a") + c + "b";
        QVERIFY2(keyError(key).isEmpty(), qPrintable(QString::number(int(c))));
    }
}

void TestPathPushId::formatsAndRelatesPaths()
{
    using namespace oiso::protocol;
    QCOMPARE(pathToString({}), std::string("/"));
    QCOMPARE(pathToString(path({"a"})), std::string("/a"));
    QCOMPARE(pathToString(path({"a", "b", "c"})), std::string("/a/b/c"));
    QVERIFY(*parsePath(pathToString(path({"x", "y"}))) == path({"x", "y"}));

    QVERIFY(isPrefix({}, {}));
    QVERIFY(isPrefix({}, path({"a"})));
    QVERIFY(isPrefix(path({"a"}), path({"a", "b"})));
    QVERIFY(isPrefix(path({"a", "b"}), path({"a", "b"})));
    QVERIFY(!isPrefix(path({"a", "b"}), path({"a"})));
    QVERIFY(!isPrefix(path({"a"}), path({"ab"})));
    QVERIFY(!isPrefix(path({"a", "c"}), path({"a", "b", "c"})));
    QVERIFY(!isPrefix(path({"b"}), path({"a", "b"})));

    QVERIFY(relativeTo(path({"a"}), path({"a", "b", "c"})) == path({"b", "c"}));
    QVERIFY(relativeTo({}, path({"a", "b"})) == path({"a", "b"}));
    QVERIFY(relativeTo(path({"a", "b"}), path({"a", "b"})).empty());

    QVERIFY(concat(path({"a"}), path({"b", "c"})) == path({"a", "b", "c"}));
    QVERIFY(concat({}, path({"b"})) == path({"b"}));
    QVERIFY(concat(path({"a"}), {}) == path({"a"}));
}

void TestPathPushId::pushIdShape()
{
    PushIdGenerator generator;
    for (std::int64_t ms : {std::int64_t(0), std::int64_t(1732521600000)}) {
        for (int i = 0; i < 50; ++i) {
            const std::string id = generator.next(ms + i);
            QCOMPARE(id.size(), std::size_t(20));
            for (const char c : id)
                QVERIFY(PushIdGenerator::kAlphabet.find(c) != std::string_view::npos);
        }
    }
    PushIdGenerator epoch;
    QCOMPARE(epoch.next(0).substr(0, 8), std::string(8, '-'));
    // 1732521600000 ms written in base 64 with the push-id alphabet.
    PushIdGenerator fresh;
    QCOMPARE(fresh.next(1732521600000).substr(0, 8), std::string("-OCXKPF-"));
    // The alphabet is in ASCII order, so string order is numeric order.
    QVERIFY(std::is_sorted(PushIdGenerator::kAlphabet.begin(), PushIdGenerator::kAlphabet.end()));
    QCOMPARE(PushIdGenerator::kAlphabet.size(), std::size_t(64));
}

void TestPathPushId::pushIdTimestampRoundTrip_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("one") << qint64(1);
    QTest::newRow("63") << qint64(63);
    QTest::newRow("64") << qint64(64);
    QTest::newRow("2024-11-25") << qint64(1732521600000);
    QTest::newRow("largest 48-bit") << qint64((std::int64_t(1) << 48) - 1);
}

void TestPathPushId::pushIdTimestampRoundTrip()
{
    QFETCH(qint64, ms);
    PushIdGenerator generator;
    QCOMPARE(PushIdGenerator::timestampOf(generator.next(ms)), std::int64_t(ms));
}

void TestPathPushId::timestampOfRejectsOtherKeys()
{
    QCOMPARE(PushIdGenerator::timestampOf(""), std::int64_t(-1));
    QCOMPARE(PushIdGenerator::timestampOf("-NvQ4Zt2m8QxTr0aPq1"), std::int64_t(-1));   // 19
    QCOMPARE(PushIdGenerator::timestampOf("-NvQ4Zt2m8QxTr0aPq1KK"), std::int64_t(-1)); // 21
    QCOMPARE(PushIdGenerator::timestampOf("-NvQ.Zt2m8QxTr0aPq1K"), std::int64_t(-1));
    QCOMPARE(PushIdGenerator::timestampOf("-NvQ Zt2m8QxTr0aPq1K"), std::int64_t(-1));
    QVERIFY(PushIdGenerator::timestampOf("-NvQ4Zt2m8QxTr0aPq1K") > 0);
}

void TestPathPushId::pushIdsIncreaseWithinOneMillisecond()
{
    PushIdGenerator generator;
    std::string previous = generator.next(1732521600000);
    for (int i = 0; i < 10000; ++i) {
        const std::string id = generator.next(1732521600000);
        QVERIFY2(previous < id, (previous + " !< " + id).c_str());
        QCOMPARE(PushIdGenerator::timestampOf(id), std::int64_t(1732521600000));
        previous = id;
    }
}

void TestPathPushId::pushIdsIncreaseWhenTheClockStepsBack()
{
    PushIdGenerator generator;
    const std::string first = generator.next(1000);
    const std::string second = generator.next(999);
    QVERIFY(first < second);
    // The id keeps the latest time seen rather than travelling back.
    QCOMPARE(PushIdGenerator::timestampOf(second), std::int64_t(1000));
    const std::string third = generator.next(500);
    QVERIFY(second < third);
    const std::string fourth = generator.next(1001);
    QVERIFY(third < fourth);
    QCOMPARE(PushIdGenerator::timestampOf(fourth), std::int64_t(1001));
}

void TestPathPushId::pushIdsOrderByTime()
{
    // The time prefix decides, whatever the random parts are: across generators too.
    for (int i = 0; i < 200; ++i) {
        PushIdGenerator a;
        PushIdGenerator b;
        const std::int64_t ms = 1732521600000 + i * 37;
        const std::string earlier = a.next(ms);
        const std::string later = b.next(ms + 1);
        QVERIFY2(earlier < later, (earlier + " !< " + later).c_str());
    }
    PushIdGenerator one;
    std::string previous = one.next(1);
    for (std::int64_t ms = 2; ms < 5000; ms += 3) {
        const std::string id = one.next(ms);
        QVERIFY(previous < id);
        previous = id;
    }
}

void TestPathPushId::pushIdFromTheSystemClock()
{
    PushIdGenerator generator;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const std::string id = generator.next();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const std::int64_t ms = PushIdGenerator::timestampOf(id);
    QVERIFY(ms >= before && ms <= after);
}

QTEST_GUILESS_MAIN(TestPathPushId)
#include "tst_path_pushid.moc"
