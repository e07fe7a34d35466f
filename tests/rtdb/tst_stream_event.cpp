// Decoding SSE events into Firebase stream events (reference §6.3): every event type, patch
// entries that keep their nulls, slash keys, arrays, and malformed payloads that must be refused
// with a reason rather than applied.
#include "protocol/json.h"
#include "rtdb/stream_event.h"

#include "common/protocol_test_helpers.h"

#include <QTest>

using oiso::protocol::Node;
using oiso::protocol::parseJson;
using oiso::protocol::Path;
using oiso::rtdb::decodeStreamEvent;
using oiso::rtdb::PatchEntry;
using oiso::rtdb::SseEvent;
using oiso::rtdb::StreamEvent;

namespace {

using oiso::test::json;
using oiso::test::path;

std::optional<StreamEvent> decode(const QByteArray& type, const QByteArray& data,
                                  QString* error = nullptr)
{
    return decodeStreamEvent(SseEvent{type, data, {}}, error);
}

} // namespace

class TestStreamEvent : public QObject {
    Q_OBJECT

private slots:
    void putAtRoot();
    void putAtChildPath();
    void putNullDeletes();
    void putArrayBecomesIntegerKeys();
    void patchKeepsNullEntries();
    void patchSplitsSlashKeys();
    void keepAlive();
    void cancel_data();
    void cancel();
    void authRevoked();
    void unknownEventsAreIgnored();
    void malformed_data();
    void malformed();
};

void TestStreamEvent::putAtRoot()
{
    const auto event = decode("put", R"({"path":"/","data":{"m1":{"text":"hi","ts":5}}})");
    QVERIFY(event);
    QCOMPARE(event->kind, StreamEvent::Kind::Put);
    QCOMPARE(event->name, QByteArray("put"));
    QCOMPARE(event->path, Path{});
    QCOMPARE(event->data, json(R"({"m1":{"text":"hi","ts":5}})"));
    QVERIFY(event->entries.empty());
}

void TestStreamEvent::putAtChildPath()
{
    const auto event = decode("put", R"({"path":"/-Nv1/text","data":"안녕"})");
    QVERIFY(event);
    QCOMPARE(event->kind, StreamEvent::Kind::Put);
    QCOMPARE(event->path, path({"-Nv1", "text"}));
    QCOMPARE(event->data, Node::string("안녕"));
}

void TestStreamEvent::putNullDeletes()
{
    const auto event = decode("put", R"({"path":"/a","data":null})");
    QVERIFY(event);
    QCOMPARE(event->path, path({"a"}));
    QVERIFY(event->data.isNull());
}

void TestStreamEvent::putArrayBecomesIntegerKeys()
{
    const auto event = decode("put", R"({"path":"/","data":["x",null,"z"]})");
    QVERIFY(event);
    QCOMPARE(event->data.childCount(), 2u);
    QCOMPARE(event->data.at(path({"0"})), Node::string("x"));
    QCOMPARE(event->data.at(path({"2"})), Node::string("z"));
    QVERIFY(!event->data.child("1"));
}

void TestStreamEvent::patchKeepsNullEntries()
{
    const auto event =
        decode("patch", R"({"path":"/m1","data":{"edited":true,"text":null,"tags":[1,2]}})");
    QVERIFY(event);
    QCOMPARE(event->kind, StreamEvent::Kind::Patch);
    QCOMPARE(event->path, path({"m1"}));
    // QJsonObject order: sorted keys.
    const std::vector<PatchEntry> expected{
        {path({"edited"}), Node::boolean(true)},
        {path({"tags"}), json("{\"0\":1,\"1\":2}")},
        {path({"text"}), Node()},
    };
    QCOMPARE(event->entries.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(event->entries[i].path, expected[i].path);
        QCOMPARE(event->entries[i].value, expected[i].value);
    }
}

void TestStreamEvent::patchSplitsSlashKeys()
{
    const auto event = decode("patch", R"({"path":"/","data":{"a/b/c":1,"/d/":null}})");
    QVERIFY(event);
    QCOMPARE(event->path, Path{});
    QCOMPARE(event->entries.size(), 2u);
    QCOMPARE(event->entries[0].path, path({"d"}));
    QVERIFY(event->entries[0].value.isNull());
    QCOMPARE(event->entries[1].path, path({"a", "b", "c"}));
    QCOMPARE(event->entries[1].value, Node::number(1));
}

void TestStreamEvent::keepAlive()
{
    const auto event = decode("keep-alive", "null");
    QVERIFY(event);
    QCOMPARE(event->kind, StreamEvent::Kind::KeepAlive);
    // Liveness only: even odd data is no reason to fail.
    const auto odd = decode("keep-alive", "");
    QVERIFY(odd);
    QCOMPARE(odd->kind, StreamEvent::Kind::KeepAlive);
}

void TestStreamEvent::cancel_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("text");

    QTest::newRow("null") << QByteArray("null") << QString();
    QTest::newRow("empty") << QByteArray("") << QString();
    QTest::newRow("JSON string") << QByteArray("\"Permission denied.\"")
                                 << QStringLiteral("Permission denied.");
    QTest::newRow("escaped JSON string")
        << QByteArray(R"("Too \"large\" \u00e9")") << QStringLiteral("Too \"large\" é");
    QTest::newRow("bare text") << QByteArray(" Permission denied \n")
                               << QStringLiteral("Permission denied");
}

void TestStreamEvent::cancel()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, text);
    const auto event = decode("cancel", data);
    QVERIFY(event);
    QCOMPARE(event->kind, StreamEvent::Kind::Cancel);
    QCOMPARE(event->text, text);
}

void TestStreamEvent::authRevoked()
{
    const auto event = decode("auth_revoked", "\"credential is no longer valid\"");
    QVERIFY(event);
    QCOMPARE(event->kind, StreamEvent::Kind::AuthRevoked);
    QCOMPARE(event->text, QStringLiteral("credential is no longer valid"));
}

void TestStreamEvent::unknownEventsAreIgnored()
{
    for (const QByteArray type : {"rules_debug", "message", "PUT", ""}) {
        QString error = QStringLiteral("untouched");
        const auto event = decode(type, "{not json", &error);
        QVERIFY(event);
        QCOMPARE(event->kind, StreamEvent::Kind::Ignored);
        QCOMPARE(event->name, type);
        QCOMPARE(error, QStringLiteral("untouched"));
    }
}

void TestStreamEvent::malformed_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");

    const QString notObjectPut =
        QStringLiteral("Stream event \"put\" whose data is not a JSON object");
    const QString notObjectPatch =
        QStringLiteral("Stream event \"patch\" whose data is not a JSON object");
    const QString noPath = QStringLiteral("Stream event without a \"path\" string");
    const QString noData = QStringLiteral("Stream event without \"data\"");
    const QString patchNotObject = QStringLiteral("Stream patch whose data is not an object");

    QTest::newRow("put not JSON") << QByteArray("put") << QByteArray("{\"path\":") << notObjectPut;
    QTest::newRow("put empty") << QByteArray("put") << QByteArray("") << notObjectPut;
    QTest::newRow("put null") << QByteArray("put") << QByteArray("null") << notObjectPut;
    QTest::newRow("put array") << QByteArray("put") << QByteArray("[1]") << notObjectPut;
    QTest::newRow("patch not JSON") << QByteArray("patch") << QByteArray("}") << notObjectPatch;
    QTest::newRow("missing path") << QByteArray("put") << QByteArray(R"({"data":1})") << noPath;
    QTest::newRow("numeric path") << QByteArray("put") << QByteArray(R"({"path":3,"data":1})")
                                  << noPath;
    QTest::newRow("null path") << QByteArray("patch") << QByteArray(R"({"path":null,"data":{}})")
                               << noPath;
    QTest::newRow("missing data") << QByteArray("put") << QByteArray(R"({"path":"/"})") << noData;
    QTest::newRow("patch missing data")
        << QByteArray("patch") << QByteArray(R"({"path":"/"})") << noData;
    QTest::newRow("patch data array")
        << QByteArray("patch") << QByteArray(R"({"path":"/","data":[1]})") << patchNotObject;
    QTest::newRow("patch data string")
        << QByteArray("patch") << QByteArray(R"({"path":"/","data":"x"})") << patchNotObject;
    QTest::newRow("patch data null")
        << QByteArray("patch") << QByteArray(R"({"path":"/","data":null})") << patchNotObject;
    QTest::newRow("invalid path key")
        << QByteArray("put") << QByteArray(R"({"path":"/a.b","data":1})")
        << QStringLiteral("Stream event with an invalid path: Invalid key: \"a.b\". Keys must not "
                          "contain '/', '.', '#', '$', '[', ']' or control characters");
    QTest::newRow("invalid key in data")
        << QByteArray("put") << QByteArray(R"({"path":"/","data":{"a$":1}})")
        << QStringLiteral("Stream event with invalid data: Invalid key: \"a$\". Keys must not "
                          "contain '/', '.', '#', '$', '[', ']' or control characters");
    QTest::newRow("invalid key in patch value")
        << QByteArray("patch") << QByteArray(R"({"path":"/","data":{"a":{"b#":1}}})")
        << QStringLiteral("Stream event with invalid data: Invalid key: \"b#\". Keys must not "
                          "contain '/', '.', '#', '$', '[', ']' or control characters");
    QTest::newRow("patch key only slashes")
        << QByteArray("patch") << QByteArray(R"({"path":"/","data":{"//":1}})")
        << QStringLiteral("Stream patch with an invalid key \"//\": it names no child");
    QTest::newRow("patch key invalid")
        << QByteArray("patch") << QByteArray(R"({"path":"/","data":{"a/[":1}})")
        << QStringLiteral("Stream patch with an invalid key \"a/[\": Invalid key: \"[\". Keys "
                          "must not contain '/', '.', '#', '$', '[', ']' or control characters");
}

void TestStreamEvent::malformed()
{
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, data);
    QFETCH(QString, error);

    QString actual;
    const auto event = decode(type, data, &actual);
    QVERIFY(!event);
    QCOMPARE(actual, error);
    // Without an error pointer it must still refuse (and not crash).
    QVERIFY(!decode(type, data));
}

QTEST_APPLESS_MAIN(TestStreamEvent)
#include "tst_stream_event.moc"
