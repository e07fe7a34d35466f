// The Server-Sent Events parser (reference §6.2, §13 item 7). Every framing case is fed whole,
// byte by byte and in random splits (fixed seeds): the events must be identical every time, since
// the network may cut the stream anywhere.
#include "rtdb/sse_parser.h"

#include <QRandomGenerator>
#include <QTest>

using oiso::rtdb::SseEvent;
using oiso::rtdb::SseParser;

using Events = std::vector<SseEvent>;
Q_DECLARE_METATYPE(Events)

namespace {

SseEvent ev(const QByteArray& type, const QByteArray& data, const QByteArray& id = {})
{
    return SseEvent{type, data, id};
}

Events feedAll(SseParser& parser, const std::vector<QByteArray>& chunks)
{
    Events out;
    for (const auto& chunk : chunks) {
        auto events = parser.feed(chunk);
        out.insert(out.end(), events.begin(), events.end());
    }
    return out;
}

std::vector<QByteArray> whole(const QByteArray& input)
{
    return {input};
}

std::vector<QByteArray> byteByByte(const QByteArray& input)
{
    std::vector<QByteArray> chunks;
    for (const char c : input)
        chunks.emplace_back(1, c);
    return chunks;
}

// Cuts at random places; empty chunks included on purpose (a read may return nothing).
std::vector<QByteArray> randomSplits(const QByteArray& input, quint32 seed)
{
    QRandomGenerator random(seed);
    std::vector<QByteArray> chunks;
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype length = random.bounded(qsizetype(0), qsizetype(6));
        chunks.push_back(input.mid(pos, length));
        pos += length;
    }
    return chunks;
}

// Compares field by field, so a failure names the event and the field that differ.
void compareEvents(const Events& actual, const Events& expected, const char* how)
{
    QVERIFY2(actual.size() == expected.size(),
             qPrintable(QStringLiteral("%1: %2 events instead of %3")
                            .arg(QLatin1String(how))
                            .arg(actual.size())
                            .arg(expected.size())));
    for (std::size_t i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].type, expected[i].type);
        QCOMPARE(actual[i].data, expected[i].data);
        QCOMPARE(actual[i].id, expected[i].id);
    }
}

} // namespace

class TestSseParser : public QObject {
    Q_OBJECT

private slots:
    void framing_data();
    void framing();
    void splitHangul();
    void crlfAcrossChunkBoundary();
    void crAtChunkEndFollowedByCr();
    void dispatchesAsSoonAsTheEventIsComplete();
    void commentsCountAsActivity();
    void retryHint();
    void lastEventIdPersists();
    void missingFinalBlankLineIsDiscardedOnReset();
    void oversizeLineIsAnError();
    void oversizeEventDataIsAnError();
    void lineAtTheBoundIsAccepted();
};

void TestSseParser::framing_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Events>("expected");

    const QByteArray put = R"({"path":"/","data":{"a":1}})";

    QTest::newRow("LF") << QByteArray("event: put\ndata: " + put + "\n\n")
                        << Events{ev("put", put)};
    QTest::newRow("CRLF") << QByteArray("event: put\r\ndata: " + put + "\r\n\r\n")
                          << Events{ev("put", put)};
    QTest::newRow("lone CR") << QByteArray("event: put\rdata: " + put + "\r\r")
                             << Events{ev("put", put)};
    QTest::newRow("mixed endings") << QByteArray("event: a\r\ndata: 1\n\revent: b\rdata: 2\r\n\n")
                                   << Events{ev("a", "1"), ev("b", "2")};
    QTest::newRow("several events in one read")
        << QByteArray("event: put\ndata: 1\n\nevent: keep-alive\ndata: null\n\nevent: patch\n"
                      "data: 2\n\n")
        << Events{ev("put", "1"), ev("keep-alive", "null"), ev("patch", "2")};
    QTest::newRow("multi-line data")
        << QByteArray("event: put\ndata: {\"path\":\"/\",\ndata: \"data\":2}\n\n")
        << Events{ev("put", "{\"path\":\"/\",\n\"data\":2}")};
    QTest::newRow("empty data lines kept")
        << QByteArray("data:\ndata\ndata: x\n\n") << Events{ev("message", "\n\nx")};
    QTest::newRow("comments ignored")
        << QByteArray(": hello\nevent: put\n:\ndata: 1\n: bye\n\n") << Events{ev("put", "1")};
    QTest::newRow("unknown event passed on")
        << QByteArray("event: rules_debug\ndata: {\"x\":1}\n\n")
        << Events{ev("rules_debug", "{\"x\":1}")};
    QTest::newRow("unknown fields ignored")
        << QByteArray("event: put\nfoo: bar\nEvent: shout\nDATA: no\ndata: 1\n\n")
        << Events{ev("put", "1")};
    QTest::newRow("no space after colon")
        << QByteArray("event:put\ndata:1\n\n") << Events{ev("put", "1")};
    QTest::newRow("only one space stripped")
        << QByteArray("event: put\ndata:  1 \n\n") << Events{ev("put", " 1 ")};
    QTest::newRow("colon in value kept")
        << QByteArray("data: a: b\n\n") << Events{ev("message", "a: b")};
    QTest::newRow("default type message")
        << QByteArray("data: hi\n\n") << Events{ev("message", "hi")};
    QTest::newRow("type without data dispatched")
        << QByteArray("event: keep-alive\n\n") << Events{ev("keep-alive", "")};
    QTest::newRow("empty data dispatched") << QByteArray("data:\n\n") << Events{ev("message", "")};
    QTest::newRow("nothing to dispatch")
        << QByteArray("\n\n\r\n\r\r: only a comment\n\nretry: 5\n\nevent:\n\n") << Events{};
    QTest::newRow("type resets between events") << QByteArray("event: put\ndata: 1\n\ndata: 2\n\n")
                                                << Events{ev("put", "1"), ev("message", "2")};
    QTest::newRow("id carried") << QByteArray("id: 7\ndata: a\n\ndata: b\n\n")
                                << Events{ev("message", "a", "7"), ev("message", "b", "7")};
    QTest::newRow("id with NUL ignored")
        << QByteArray(QByteArray("id: 1\ndata: a\n\nid: 2") + '\0' + "x\ndata: b\n\n")
        << Events{ev("message", "a", "1"), ev("message", "b", "1")};
    QTest::newRow("empty id clears")
        << QByteArray("id: 1\n\nid\ndata: a\n\n") << Events{ev("message", "a", "")};
    QTest::newRow("byte order mark at start") << QByteArray("\xEF\xBB\xBF"
                                                            "event: put\ndata: 1\n\n")
                                              << Events{ev("put", "1")};
    QTest::newRow("byte order mark later is data") << QByteArray("data: 1\n\n\xEF\xBB\xBF"
                                                                 "data: 2\n\n")
                                                   << Events{ev("message", "1")};
    QTest::newRow("UTF-8 data") << QByteArray("event: put\ndata: \"안녕하세요 ✓\"\n\n")
                                << Events{ev("put", "\"안녕하세요 ✓\"")};
    QTest::newRow("trailing incomplete event not dispatched")
        << QByteArray("event: put\ndata: 1\n\nevent: put\ndata: 2\n") << Events{ev("put", "1")};
    QTest::newRow("CR CR LF is two line ends")
        << QByteArray("data: 1\r\r\ndata: 2\n\n") << Events{ev("message", "1"), ev("message", "2")};
    // Degenerate shapes: terminators, colons and bare field names only.
    QTest::newRow("edge: bare colons") << QByteArray(":\r:\n::\r\n\r\n") << Events{};
    QTest::newRow("edge: field names only")
        << QByteArray("data\revent\r\r") << Events{ev("message", "")};
    QTest::newRow("edge: LF CR pairs")
        << QByteArray("data: a\n\rdata: b\n\r") << Events{ev("message", "a"), ev("message", "b")};
}

void TestSseParser::framing()
{
    QFETCH(QByteArray, input);
    QFETCH(Events, expected);

    {
        SseParser parser;
        compareEvents(feedAll(parser, whole(input)), expected, "whole");
        QVERIFY(!parser.hasError());
    }
    {
        SseParser parser;
        compareEvents(feedAll(parser, byteByByte(input)), expected, "byte by byte");
    }
    for (const quint32 seed : {1u, 2u, 3u, 42u, 2024u}) {
        SseParser parser;
        compareEvents(feedAll(parser, randomSplits(input, seed)), expected, "random splits");
    }
}

void TestSseParser::splitHangul()
{
    // "한" is ED 95 9C: cut inside the character, the bytes must be rejoined exactly.
    const QByteArray text = "event: put\ndata: \"한국어\"\n\n";
    const qsizetype start = text.indexOf("\xED");
    for (qsizetype cut = start + 1; cut < start + 3; ++cut) {
        SseParser parser;
        QVERIFY(parser.feed(text.first(cut)).empty());
        const Events events = parser.feed(QByteArrayView(text).sliced(cut));
        compareEvents(events, Events{ev("put", "\"한국어\"")}, "split Hangul");
        QCOMPARE(QString::fromUtf8(events.at(0).data), QStringLiteral("\"한국어\""));
    }
}

void TestSseParser::crlfAcrossChunkBoundary()
{
    // The '\r' ends a read and its '\n' starts the next: that is one line end. If the '\n' were
    // read as an empty line, "a" would be dispatched alone and "b" as a second event.
    SseParser parser;
    QVERIFY(parser.feed("data: a\r").empty());
    const Events events = parser.feed("\ndata: b\r\n\r\n");
    compareEvents(events, Events{ev("message", "a\nb")}, "CRLF across reads");
    QCOMPARE(parser.activity(), 3u);

    // Also when the event's final CRLF is the split.
    SseParser second;
    QVERIFY(second.feed("event: put\r\ndata: 1\r\n\r").size() == 1);
    QVERIFY(second.feed("\n").empty());
    compareEvents(second.feed("data: 2\r\n\r\n"), Events{ev("message", "2")}, "after split CRLF");
}

void TestSseParser::crAtChunkEndFollowedByCr()
{
    SseParser parser;
    QVERIFY(parser.feed("data: a\r").empty());
    compareEvents(parser.feed("\r"), Events{ev("message", "a")}, "CR then CR");
    // The pending-LF skip applies only to the very next byte.
    compareEvents(parser.feed("data: b\r\r\n\n"), Events{ev("message", "b")}, "after");
}

void TestSseParser::dispatchesAsSoonAsTheEventIsComplete()
{
    // With lone-CR framing the event is complete at its second '\r'; it must not wait for a
    // byte that might be a '\n' (a quiet stream would otherwise hold the event back).
    SseParser parser;
    compareEvents(parser.feed("event: put\rdata: 1\r\r"), Events{ev("put", "1")}, "lone CR");
}

void TestSseParser::commentsCountAsActivity()
{
    SseParser parser;
    QCOMPARE(parser.activity(), 0u);
    QVERIFY(parser.feed(": keep").empty());
    QCOMPARE(parser.activity(), 0u); // not a complete line yet
    QVERIFY(parser.feed("-alive\n").empty());
    QCOMPARE(parser.activity(), 1u);
    QCOMPARE(parser.commentCount(), 1u);
    QVERIFY(parser.feed(":\r\n\n").empty());
    QCOMPARE(parser.activity(), 3u);
    QCOMPARE(parser.commentCount(), 2u);
}

void TestSseParser::retryHint()
{
    SseParser parser;
    QCOMPARE(parser.retryMs(), std::nullopt);
    QVERIFY(parser.feed("retry: 3000\n\n").empty());
    QCOMPARE(parser.retryMs(), std::optional<std::int64_t>(3000));
    parser.feed("retry: 12x\nretry:\nretry: -5\nretry: 1.5\nretry: 9999999999999999999\n\n");
    QCOMPARE(parser.retryMs(), std::optional<std::int64_t>(3000)); // all invalid: ignored
    parser.feed("retry:250\n\n");
    QCOMPARE(parser.retryMs(), std::optional<std::int64_t>(250));
    parser.reset();
    QCOMPARE(parser.retryMs(), std::optional<std::int64_t>(250)); // a hint for reconnecting
}

void TestSseParser::lastEventIdPersists()
{
    SseParser parser;
    parser.feed("id: abc\ndata: 1\n\n");
    QCOMPARE(parser.lastEventId(), QByteArray("abc"));
    parser.reset();
    QCOMPARE(parser.lastEventId(), QByteArray("abc"));
}

void TestSseParser::missingFinalBlankLineIsDiscardedOnReset()
{
    SseParser parser;
    compareEvents(parser.feed("event: put\ndata: 1\n\nevent: put\ndata: {\"path\":\"/x\"\n"),
                  Events{ev("put", "1")}, "before the drop");
    // The connection dropped; the half event must not leak into the next connection, nor its
    // half line ("dat" would otherwise become "data: …" of the next stream).
    parser.feed("dat");
    parser.reset();
    compareEvents(parser.feed("event: put\ndata: 2\n\n"), Events{ev("put", "2")}, "new stream");

    // A '\r' at the end of the old connection must not eat the new connection's first '\n'.
    parser.feed("data: x\r");
    parser.reset();
    compareEvents(parser.feed("\ndata: y\n\n"), Events{ev("message", "y")}, "after CR");

    // A byte order mark is accepted again at the start of the new connection.
    parser.reset();
    compareEvents(parser.feed("\xEF\xBB\xBF"
                              "data: z\n\n"),
                  Events{ev("message", "z")}, "BOM after reset");
}

void TestSseParser::oversizeLineIsAnError()
{
    SseParser parser(16);
    QVERIFY(parser.feed("data: 0123456789").empty()); // 16 bytes: still allowed
    QVERIFY(!parser.hasError());
    QVERIFY(parser.feed("X").empty());
    QVERIFY(parser.hasError());
    QCOMPARE(parser.errorString(), QStringLiteral("Event stream line longer than 16 bytes"));
    // Stuck until reset: even a complete event is refused.
    QVERIFY(parser.feed("\n\ndata: 1\n\n").empty());
    parser.reset();
    QVERIFY(!parser.hasError());
    compareEvents(parser.feed("data: 1\n\n"), Events{ev("message", "1")}, "after reset");

    // Also when the long line arrives in one read together with its terminator.
    SseParser single(16);
    QVERIFY(single.feed("data: 01234567890123\n\n").empty());
    QVERIFY(single.hasError());
}

void TestSseParser::oversizeEventDataIsAnError()
{
    // Many short data lines must not add up to unbounded memory either.
    SseParser parser(16);
    QVERIFY(parser.feed("data: 0123456\ndata: 0123456\n").empty()); // 7 + 1 + 7 bytes of data
    QVERIFY(!parser.hasError());
    QVERIFY(parser.feed("data: 0\n").empty());
    QVERIFY(parser.hasError());
    QCOMPARE(parser.errorString(), QStringLiteral("Event stream event data longer than 16 bytes"));
    QVERIFY(parser.feed("\n").empty());
}

void TestSseParser::lineAtTheBoundIsAccepted()
{
    SseParser parser(16);
    compareEvents(parser.feed("data: 0123456789\n\n"), Events{ev("message", "0123456789")},
                  "16-byte line");
    QVERIFY(!parser.hasError());
}

QTEST_APPLESS_MAIN(TestSseParser)
#include "tst_sse_parser.moc"
