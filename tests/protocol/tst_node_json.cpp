// The value tree and its JSON form (reference §1.2–§1.4): normalisation on input, key validation,
// priorities and server-value placeholders, the output rules (arrays, numbers, strings, pretty
// printing), Node::set semantics and copy-on-write snapshots.
#include "protocol/json.h"
#include "protocol/node.h"

#include "common/protocol_test_helpers.h"

#include <QTest>

using oiso::protocol::JsonParseOptions;
using oiso::protocol::JsonStyle;
using oiso::protocol::JsonWriteOptions;
using oiso::protocol::Node;
using oiso::protocol::parseJson;
using oiso::protocol::Path;
using oiso::protocol::toJson;

namespace {

using oiso::test::json;
using oiso::test::path;

QStringList keysOf(const Node& node)
{
    QStringList keys;
    for (const auto& [key, child] : node.children())
        keys.append(QString::fromStdString(key));
    return keys;
}

const QString kParseError =
    QStringLiteral("Invalid data; couldn't parse JSON object, array, or value.");

} // namespace

class TestNodeJson : public QObject {
    Q_OBJECT

private slots:
    void parsesEveryJsonType_data();
    void parsesEveryJsonType();
    void rejectsMalformedJson_data();
    void rejectsMalformedJson();
    void arraysBecomeIntegerKeyedObjects();
    void rejectsInvalidKeys_data();
    void rejectsInvalidKeys();
    void acceptsLongestKeys();
    void appliesPriorityAndValue();
    void serverValuesOnlyWhenAllowed();
    void writesCompactAndPretty();
    void rendersArrays_data();
    void rendersArrays();
    void arrayWorkedExample();
    void writesNumbers_data();
    void writesNumbers();
    void escapesStrings_data();
    void escapesStrings();
    void setReplacesAndDeletes();
    void setPrunesEmptyParents();
    void setBelowPrimitives();
    void setReportsNoOps();
    void copiesAreSnapshots();
    void objectFactoryNormalises();
    void equalityAndCounts();
};

void TestNodeJson::parsesEveryJsonType_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("compact"); // toJson of the parsed tree

    const std::pair<const char*, const char*> rows[] = {
        {"null", "null"},
        {"true", "true"},
        {"false", "false"},
        {"0", "0"},
        {"-1.5", "-1.5"},
        {"1732521600000", "1732521600000"},
        {"\"text\"", "\"text\""},
        {"\"\"", "\"\""},
        {"  \"padded\"  ", "\"padded\""},
        {R"({"a":1})", R"({"a":1})"},
        {R"({ "b" : [true] , "a" : {"x":"y"} })", R"({"a":{"x":"y"},"b":[true]})"},
        {"{}", "null"},
        {"[]", "null"},
        {"[null,null]", "null"},
        {R"({"a":null})", "null"},
        {R"({"a":{}})", "null"},
        {R"({"a":{"b":{},"c":[]},"d":1})", R"({"d":1})"},
        {R"({"a":{"b":{"c":{}}}})", "null"},
        {R"(["a","b"])", R"(["a","b"])"},
        {R"({"k":"한국어"})", R"({"k":"한국어"})"},
    };
    for (const auto& [text, compact] : rows)
        QTest::newRow(text) << QByteArray(text) << QByteArray(compact);
}

void TestNodeJson::parsesEveryJsonType()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, compact);
    QString error;
    const auto node = parseJson(text, &error);
    QVERIFY2(node, qPrintable(error));
    QCOMPARE(toJson(*node), compact);
}

void TestNodeJson::rejectsMalformedJson_data()
{
    QTest::addColumn<QByteArray>("text");
    const char* const rows[] = {"",     "   ", "{",        "nul",    R"({"a":})",
                                "[1,]", "'a'", "1 2",      "1,2",    R"({"a":1}})",
                                "NaN",  "abc", R"({a:1})", "\"open", "]"};
    for (const char* text : rows)
        QTest::newRow(text) << QByteArray(text);
}

void TestNodeJson::rejectsMalformedJson()
{
    QFETCH(QByteArray, text);
    QString error;
    QVERIFY(!parseJson(text, &error));
    QCOMPARE(error, kParseError);
}

void TestNodeJson::arraysBecomeIntegerKeyedObjects()
{
    const Node node = json(R"([null,"x",null,{"y":[1,2]}])");
    QVERIFY(node.isObject());
    QCOMPARE(keysOf(node), QStringList({QStringLiteral("1"), QStringLiteral("3")}));
    QCOMPARE(*node.child("1"), Node::string("x"));
    QCOMPARE(node.at(path({"3", "y", "1"})), Node::number(2));
    QVERIFY(!node.child("0"));
    // Keys follow the integer order, not the text order.
    const Node eleven = json(R"([0,1,2,3,4,5,6,7,8,9,10])");
    QCOMPARE(keysOf(eleven).last(), QStringLiteral("10"));
    QCOMPARE(toJson(eleven), QByteArray("[0,1,2,3,4,5,6,7,8,9,10]"));
}

void TestNodeJson::rejectsInvalidKeys_data()
{
    QTest::addColumn<QByteArray>("text");

    const char* const forbidden[] = {".",       "$",       "#",   "[",   "]",       "/",
                                     "\\u0000", "\\u0001", "\\n", "\\t", "\\u001f", "\\u007f"};
    for (const char* c : forbidden) {
        QTest::addRow("key with %s", c) << (QByteArray(R"({"a)") + c + R"(b":1})");
        QTest::addRow("nested key with %s", c)
            << (QByteArray(R"({"ok":{"x":{")") + c + R"(":true}}})");
    }
    QTest::newRow("empty key") << QByteArray(R"({"":1})");
    QTest::newRow("769 bytes") << (QByteArray(R"({")") + QByteArray(769, 'k') + R"(":1})");
    QTest::newRow("257 hangul (771 bytes)")
        << (QByteArray(R"({")") + QString(257, QChar(0xAC00)).toUtf8() + R"(":1})");
    QTest::newRow("other dot key") << QByteArray(R"({".foo":1})");
    QTest::newRow("key in array element") << QByteArray(R"([{"a/b":1}])");
}

void TestNodeJson::rejectsInvalidKeys()
{
    QFETCH(QByteArray, text);
    QString error;
    QVERIFY(!parseJson(text, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Invalid key")), qPrintable(error));
}

void TestNodeJson::acceptsLongestKeys()
{
    const QByteArray ascii(768, 'k');
    const Node a = json(QByteArray(R"({")") + ascii + R"(":1})");
    QVERIFY(a.child(ascii.toStdString()));
    const QByteArray hangul = QString(256, QChar(0xAC00)).toUtf8(); // 768 bytes
    QCOMPARE(hangul.size(), 768);
    const Node b = json(QByteArray(R"({")") + hangul + R"(":1})");
    QVERIFY(b.child(hangul.toStdString()));
    // Characters the key rules allow.
    QVERIFY(json(R"({"a-b_c:d@e?f~g h%,":1})").isObject());
}

void TestNodeJson::appliesPriorityAndValue()
{
    const Node leaf = json(R"({".value":5,".priority":2})");
    QCOMPARE(leaf.type(), Node::Type::Number);
    QCOMPARE(leaf.numberValue(), 5.0);
    QCOMPARE(leaf.priority(), Node::number(2));
    QCOMPARE(toJson(leaf), QByteArray("5"));
    QCOMPARE(toJson(leaf, {.exportFormat = true}), QByteArray(R"({".priority":2,".value":5})"));

    const Node object = json(R"({"a":1,".priority":"p"})");
    QCOMPARE(object.priority(), Node::string("p"));
    QCOMPARE(keysOf(object), QStringList{QStringLiteral("a")});
    QCOMPARE(toJson(object), QByteArray(R"({"a":1})"));
    QCOMPARE(toJson(object, {.exportFormat = true}), QByteArray(R"({".priority":"p","a":1})"));

    QCOMPARE(json(R"({".value":"s"})"), Node::string("s"));
    QCOMPARE(json(R"({".priority":1})"), Node()); // nothing to carry the priority
    QVERIFY(!(json(R"({".value":5,".priority":2})") == Node::number(5)));

    QString error;
    QVERIFY(!parseJson(R"({".value":1,"a":2})", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!parseJson(R"({"a":1,".priority":true})", &error));
    QVERIFY(!parseJson(R"({"a":1,".priority":{"x":1}})", &error));
}

void TestNodeJson::serverValuesOnlyWhenAllowed()
{
    const QByteArray text = R"({"t":{".sv":"timestamp"},"n":{".sv":{"increment":1}}})";
    QString error;
    QVERIFY(!parseJson(text, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!parseJson(R"({".sv":"timestamp"})"));

    const JsonParseOptions allow{.allowServerValues = true};
    const auto node = parseJson(text, &error, allow);
    QVERIFY2(node, qPrintable(error));
    QCOMPARE(node->at(path({"t", ".sv"})), Node::string("timestamp"));
    QCOMPARE(node->at(path({"n", ".sv", "increment"})), Node::number(1));
    QCOMPARE(node->child("t")->childCount(), std::size_t(1));
    const auto top = parseJson(R"({".sv":"timestamp"})", &error, allow);
    QVERIFY(top);
    QCOMPARE(*top->child(".sv"), Node::string("timestamp"));
    // A placeholder is the whole object, never mixed with data.
    QVERIFY(!parseJson(R"({".sv":"timestamp","x":1})", &error, allow));
}

void TestNodeJson::writesCompactAndPretty()
{
    const Node node = json(R"({"b":{"c":"x","d":[true,null,false]},"a":1})");
    QCOMPARE(toJson(node), QByteArray(R"({"a":1,"b":{"c":"x","d":[true,null,false]}})"));
    const JsonWriteOptions pretty{.style = JsonStyle::Pretty};
    QCOMPARE(toJson(node, pretty), QByteArray("{\n"
                                              "  \"a\" : 1,\n"
                                              "  \"b\" : {\n"
                                              "    \"c\" : \"x\",\n"
                                              "    \"d\" : [\n"
                                              "      true,\n"
                                              "      null,\n"
                                              "      false\n"
                                              "    ]\n"
                                              "  }\n"
                                              "}"));
    QCOMPARE(toJson(json(R"({"key":"value"})"), pretty), QByteArray("{\n  \"key\" : \"value\"\n}"));
    QCOMPARE(toJson(Node::number(5), pretty), QByteArray("5"));
    QCOMPARE(toJson(Node(), pretty), QByteArray("null"));
    // The output parses back to the same tree.
    QCOMPARE(json(toJson(node, pretty)), node);
}

void TestNodeJson::rendersArrays_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("output");

    const std::pair<const char*, const char*> rows[] = {
        {R"({"0":"a","1":"b","2":"c"})", R"(["a","b","c"])"},
        {R"({"0":"a","2":"c"})", R"(["a",null,"c"])"}, // 2 < 2 × 2
        {R"({"1":"x"})", R"([null,"x"])"},             // 1 < 2 × 1
        {R"({"2":"x"})", R"({"2":"x"})"},              // 2 ≥ 2 × 1
        {R"({"1":"x","2":"y"})", R"([null,"x","y"])"},
        {R"({"0":"a","3":"d"})", R"(["a",null,null,"d"])"}, // 3 < 2 × 2
        {R"({"0":"a","4":"e"})", R"({"0":"a","4":"e"})"},   // 4 ≥ 2 × 2
        {R"({"01":"a"})", R"({"01":"a"})"},
        {R"({"0":"a","01":"b"})", R"({"0":"a","01":"b"})"},
        {R"({"-1":"a"})", R"({"-1":"a"})"},
        {R"({"0":"a","x":"b"})", R"({"0":"a","x":"b"})"},
        {R"({"0":{"0":1}})", "[[1]]"},
    };
    for (const auto& [input, output] : rows)
        QTest::newRow(input) << QByteArray(input) << QByteArray(output);
}

void TestNodeJson::rendersArrays()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, output);
    const Node node = json(input);
    QCOMPARE(toJson(node), output);
    // Export format never converts.
    QVERIFY(toJson(node, {.exportFormat = true}).startsWith('{'));
}

void TestNodeJson::arrayWorkedExample()
{
    Node root = json(R"(["a","b","c"])");
    QCOMPARE(toJson(root), QByteArray(R"(["a","b","c"])"));
    QVERIFY(root.set(path({"1"}), Node()));
    QCOMPARE(toJson(root), QByteArray(R"(["a",null,"c"])"));
    QVERIFY(root.set(path({"9"}), Node::string("z")));
    QCOMPARE(toJson(root), QByteArray(R"({"0":"a","2":"c","9":"z"})"));
}

void TestNodeJson::writesNumbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("negative zero") << -0.0 << QByteArray("0");
    QTest::newRow("one") << 1.0 << QByteArray("1");
    QTest::newRow("negative") << -42.0 << QByteArray("-42");
    QTest::newRow("timestamp") << 1732521600000.0 << QByteArray("1732521600000");
    QTest::newRow("2^53 - 1") << 9007199254740991.0 << QByteArray("9007199254740991");
    QTest::newRow("tenth") << 0.1 << QByteArray("0.1");
    QTest::newRow("half") << -2.5 << QByteArray("-2.5");
    QTest::newRow("third") << 1.0 / 3.0 << QByteArray("0.3333333333333333");
    QTest::newRow("price") << 19.99 << QByteArray("19.99");
    QTest::newRow("large fraction") << 123456789.125 << QByteArray("123456789.125");
}

void TestNodeJson::writesNumbers()
{
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    QCOMPARE(toJson(Node::number(value)), text);
    // Shortest form still reads back as the same double.
    QCOMPARE(json(text).numberValue(), value);
}

void TestNodeJson::escapesStrings_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("plain") << QByteArray("abc") << QByteArray(R"("abc")");
    QTest::newRow("quote") << QByteArray("a\"b") << QByteArray(R"("a\"b")");
    QTest::newRow("backslash") << QByteArray("a\\b") << QByteArray(R"("a\\b")");
    QTest::newRow("slash kept") << QByteArray("a/b") << QByteArray(R"("a/b")");
    QTest::newRow("newline") << QByteArray("a\nb") << QByteArray(R"("a\nb")");
    QTest::newRow("carriage return") << QByteArray("\r") << QByteArray(R"("\r")");
    QTest::newRow("tab") << QByteArray("\t") << QByteArray(R"("\t")");
    QTest::newRow("backspace") << QByteArray("\b") << QByteArray(R"("\b")");
    QTest::newRow("form feed") << QByteArray("\f") << QByteArray(R"("\f")");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray(R"("a\u0000b")");
    QTest::newRow("0x01") << QByteArray("\x01") << QByteArray(R"("\u0001")");
    QTest::newRow("0x1f") << QByteArray("\x1f") << QByteArray(R"("\u001f")");
    QTest::newRow("delete") << QByteArray("\x7f") << QByteArray(R"("\u007f")");
    QTest::newRow("korean") << QByteArray("안녕하세요") << QByteArray("\"안녕하세요\"");
    QTest::newRow("emoji") << QByteArray("\xF0\x9F\x98\x80") << QByteArray("\"\xF0\x9F\x98\x80\"");
}

void TestNodeJson::escapesStrings()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, text);
    const Node node = Node::string(value.toStdString());
    QCOMPARE(toJson(node), text);
    QByteArray appended = "x";
    oiso::protocol::appendJsonString(appended, value.toStdString());
    QCOMPARE(appended, QByteArray(QByteArray("x") + text));
    QCOMPARE(json(text), node);
}

void TestNodeJson::setReplacesAndDeletes()
{
    Node root;
    QVERIFY(root.set(path({"a"}), Node::number(1)));
    QCOMPARE(toJson(root), QByteArray(R"({"a":1})"));
    QVERIFY(root.set(path({"a"}), Node::number(2)));
    QCOMPARE(toJson(root), QByteArray(R"({"a":2})"));
    QVERIFY(root.set(path({"a"}), json(R"({"x":{"y":true}})")));
    QCOMPARE(toJson(root), QByteArray(R"({"a":{"x":{"y":true}}})"));
    QVERIFY(root.set(path({"a", "x"}), Node::string("flat")));
    QCOMPARE(toJson(root), QByteArray(R"({"a":{"x":"flat"}})"));
    QVERIFY(root.set(path({"b", "c", "d"}), Node::number(3))); // creates the chain
    QCOMPARE(toJson(root), QByteArray(R"({"a":{"x":"flat"},"b":{"c":{"d":3}}})"));
    QVERIFY(root.set(path({"a"}), Node()));
    QCOMPARE(toJson(root), QByteArray(R"({"b":{"c":{"d":3}}})"));
    QVERIFY(root.set({}, Node::string("root")));
    QCOMPARE(root, Node::string("root"));
    QVERIFY(root.set({}, Node()));
    QVERIFY(root.isNull());
}

void TestNodeJson::setPrunesEmptyParents()
{
    Node root = json(R"({"a":{"b":{"c":1}},"d":{"e":1,"f":2}})");
    QVERIFY(root.set(path({"a", "b", "c"}), Node()));
    QCOMPARE(toJson(root), QByteArray(R"({"d":{"e":1,"f":2}})"));
    QVERIFY(!root.child("a"));
    QVERIFY(root.set(path({"d", "e"}), Node()));
    QCOMPARE(toJson(root), QByteArray(R"({"d":{"f":2}})"));
    QVERIFY(root.set(path({"d", "f"}), Node()));
    QVERIFY(root.isNull()); // the root itself is gone
    QCOMPARE(toJson(root), QByteArray("null"));
}

void TestNodeJson::setBelowPrimitives()
{
    Node root = json(R"({"a":5})");
    QVERIFY(root.set(path({"a", "b"}), Node::number(1)));
    QCOMPARE(toJson(root), QByteArray(R"({"a":{"b":1}})"));

    root = json(R"({"a":5})");
    QVERIFY(root.set(path({"a", "b", "c"}), Node::boolean(true)));
    QCOMPARE(toJson(root), QByteArray(R"({"a":{"b":{"c":true}}})"));

    Node leaf = Node::string("s");
    QVERIFY(leaf.set(path({"k"}), Node::number(1)));
    QCOMPARE(toJson(leaf), QByteArray(R"({"k":1})"));

    root = json(R"({"a":5})");
    QVERIFY(!root.set(path({"a", "b"}), Node()));
    QVERIFY(!root.set(path({"a", "b", "c"}), Node()));
    QCOMPARE(toJson(root), QByteArray(R"({"a":5})"));
    Node primitive = Node::number(5);
    QVERIFY(!primitive.set(path({"x"}), Node()));
    QCOMPARE(primitive, Node::number(5));
    // Reading through a primitive finds nothing.
    QVERIFY(json(R"({"a":5})").at(path({"a", "b"})).isNull());
}

void TestNodeJson::setReportsNoOps()
{
    Node root = json(R"({"a":{"b":1,"c":"x"}})");
    QVERIFY(!root.set(path({"a", "b"}), Node::number(1)));
    QVERIFY(!root.set(path({"a"}), json(R"({"c":"x","b":1})")));
    QVERIFY(!root.set({}, json(R"({"a":{"b":1,"c":"x"}})")));
    QVERIFY(!root.set(path({"missing"}), Node()));
    QVERIFY(!root.set(path({"missing", "deeper"}), Node()));
    QVERIFY(!root.set(path({"a", "missing"}), Node()));
    QVERIFY(!root.set(path({"a", "b", "below"}), Node()));
    QCOMPARE(toJson(root), QByteArray(R"({"a":{"b":1,"c":"x"}})"));
    Node empty;
    QVERIFY(!empty.set({}, Node()));
    QVERIFY(!empty.set(path({"x", "y"}), Node()));
    QVERIFY(empty.isNull());
}

void TestNodeJson::copiesAreSnapshots()
{
    Node live = json(R"({"a":{"b":1,"c":{"d":2}},"e":3})");
    const Node snapshot = live;
    QVERIFY(live.set(path({"a", "c", "d"}), Node::number(99)));
    QVERIFY(live.set(path({"e"}), Node()));
    QVERIFY(live.set(path({"f"}), Node::string("new")));
    QCOMPARE(toJson(snapshot), QByteArray(R"({"a":{"b":1,"c":{"d":2}},"e":3})"));
    QCOMPARE(toJson(live), QByteArray(R"({"a":{"b":1,"c":{"d":99}},"f":"new"})"));

    // And the other way round: writing to the copy leaves the original alone.
    Node copy = live;
    QVERIFY(copy.set(path({"a", "b"}), Node()));
    QCOMPARE(toJson(live), QByteArray(R"({"a":{"b":1,"c":{"d":99}},"f":"new"})"));
    QCOMPARE(toJson(copy), QByteArray(R"({"a":{"c":{"d":99}},"f":"new"})"));

    // Assignment and priorities are snapshotted too.
    Node withPriority = json(R"({"x":1,".priority":1})");
    Node assigned;
    assigned = withPriority;
    withPriority.setPriority(Node::number(2));
    QCOMPARE(assigned.priority(), Node::number(1));
}

void TestNodeJson::objectFactoryNormalises()
{
    Node::Children children;
    children.emplace("gone", Node());
    QVERIFY(Node::object(children).isNull());
    children.emplace("kept", Node::boolean(false));
    const Node object = Node::object(children);
    QCOMPARE(object.childCount(), std::size_t(1));
    QCOMPARE(*object.child("kept"), Node::boolean(false));

    Node priorityHolder = Node::number(1);
    priorityHolder.setPriority(Node::boolean(true)); // not a valid priority: ignored
    QVERIFY(priorityHolder.priority().isNull());
    priorityHolder.setPriority(Node::string("p"));
    QCOMPARE(priorityHolder.priority(), Node::string("p"));
}

void TestNodeJson::equalityAndCounts()
{
    QCOMPARE(json(R"({"b":[1,2],"a":"x"})"), json(R"({"a":"x","b":{"1":2,"0":1}})"));
    QVERIFY(!(json("1") == json("\"1\"")));
    QVERIFY(!(json("true") == json("1")));
    QVERIFY(!(json(R"({"a":1})") == json(R"({"a":1,"b":2})")));
    QCOMPARE(json(R"({"a":1,"b":{"c":2,"d":{"e":3}}})").nodeCount(), std::size_t(6));
    QCOMPARE(Node().nodeCount(), std::size_t(1));
}

QTEST_GUILESS_MAIN(TestNodeJson)
#include "tst_node_json.moc"
