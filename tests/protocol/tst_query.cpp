// Queries (reference §3): parameter parsing and every 400 text of §3.3, the encoding round trip,
// and evaluation of each ordering and bound kind against small hand-ordered data sets.
#include "protocol/json.h"
#include "protocol/pushid.h"
#include "protocol/query.h"

#include <QTest>

using oiso::protocol::Node;
using oiso::protocol::Path;
using oiso::protocol::Query;
using Parameters = std::vector<std::pair<std::string, std::string>>;

namespace oiso::protocol {
// Lets QCOMPARE print a mismatching query as its parameters.
char* toString(const Query& query)
{
    QByteArray text = "Query(";
    for (const auto& [name, value] : query.toParameters())
        text += QByteArray::fromStdString(name) + '=' + QByteArray::fromStdString(value) + ' ';
    text += ")";
    return qstrdup(text.constData());
}

char* toString(const Node& node)
{
    return qstrdup(toJson(node, {.exportFormat = true}).constData());
}
} // namespace oiso::protocol

Q_DECLARE_METATYPE(Query)

namespace {

Node json(const QByteArray& text)
{
    auto node = oiso::protocol::parseJson(text);
    if (!node)
        qFatal("bad test JSON: %s", text.constData());
    return *node;
}

// "orderBy=\"$key\"&limitToLast=3" → parameters. Test values never contain '&'.
Parameters parameters(const QByteArray& text)
{
    Parameters out;
    for (const QByteArray& part : text.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        out.emplace_back(part.left(eq).toStdString(), part.mid(eq + 1).toStdString());
    }
    return out;
}

Query parse(const QByteArray& text)
{
    QString error;
    auto query = Query::fromParameters(parameters(text), &error);
    if (!query)
        qFatal("query rejected: %s: %s", text.constData(), qPrintable(error));
    return *query;
}

Query::Bound bound(Node value, std::optional<std::string> key = std::nullopt)
{
    return Query::Bound{std::move(value), std::move(key)};
}

Query ordered(Query::OrderBy orderBy, Path childPath = {})
{
    Query q;
    q.orderBy = orderBy;
    q.childPath = std::move(childPath);
    return q;
}

QStringList keysOf(const std::vector<std::pair<std::string, Node>>& children)
{
    QStringList keys;
    for (const auto& [key, child] : children)
        keys.append(QString::fromStdString(key));
    return keys;
}

QStringList split(const char* keys)
{
    return QString::fromUtf8(keys).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// orderBy "v": null (missing / through a primitive) < false < true < numbers < strings < objects.
const QByteArray kMixed = R"({"k0":{"other":1},"k1":{"v":false},"k2":{"v":true},"k3":{"v":10},
    "k4":{"v":-2.5},"k5":{"v":"b"},"k6":{"v":"a"},"k7":{"v":{"x":1}},"k8":{"v":10},
    "k9":"primitive"})";
const char* const kMixedOrder = "k0 k9 k1 k2 k4 k3 k8 k6 k5 k7";

// $key: 32-bit integer keys first, numerically ("7" < "007"), then strings in UTF-16 order.
const QByteArray kKeys = R"({"c":1,"ba":1,"b":1,"ab":1,"a":1,"2147483648":1,"10":1,"9":1,
    "007":1,"7":1,"-1":1})";
const char* const kKeyOrder = "-1 7 007 9 10 2147483648 a ab b ba c";

const QByteArray kValues = R"({"a":3,"b":"x","c":true,"d":1,"e":{"z":1},"f":false,"g":1,
    "10":1,"9":1})";

const QByteArray kPriorities = R"({"a":{".value":1,".priority":5},"b":{".value":2,
    ".priority":"x"},"c":3,"d":{"n":1,".priority":1},"e":{".value":4,".priority":5},
    "f":{".value":5,".priority":"a"},"g":6})";

const QByteArray kDeep = R"({"x":{"meta":{"updatedAt":30}},"y":{"meta":{"updatedAt":10}},
    "z":{"meta":"flat"},"w":{"meta":{"updatedAt":20}}})";

// Equal timestamps: the key tie-breaker pages through them.
const QByteArray kMessages = R"({"-Na":{"ts":100},"-Nb":{"ts":100},"-Nc":{"ts":100},
    "-Nd":{"ts":200}})";

} // namespace

class TestQuery : public QObject {
    Q_OBJECT

private slots:
    void parsesParameters_data();
    void parsesParameters();
    void rejectsInvalidParameters_data();
    void rejectsInvalidParameters();
    void roundTripsThroughParameters_data();
    void roundTripsThroughParameters();
    void encodesParametersAsJson();
    void evaluates_data();
    void evaluates();
    void indexValueFollowsOrdering();
    void compareChildrenFollowsOrdering();
    void applyQueryShapesTheResult();
    void lastPageOfHundredThousandChildren();
};

void TestQuery::parsesParameters_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Query>("expected");
    using O = Query::OrderBy;

    QTest::newRow("nothing") << QByteArray() << Query{};
    QTest::newRow("other parameters ignored")
        << QByteArray("auth=abc&print=pretty&format=export&shallow=true&ns=x") << Query{};
    QTest::newRow("$key") << QByteArray(R"(orderBy="$key")") << ordered(O::Key);
    QTest::newRow("$value") << QByteArray(R"(orderBy="$value")") << ordered(O::Value);
    QTest::newRow("$priority") << QByteArray(R"(orderBy="$priority")") << ordered(O::Priority);
    QTest::newRow("child") << QByteArray(R"(orderBy="ts")") << ordered(O::Child, {"ts"});
    QTest::newRow("deep child") << QByteArray(R"(orderBy="meta/updatedAt")")
                                << ordered(O::Child, {"meta", "updatedAt"});

    const auto with = [&](const char* tail, auto edit) {
        Query q = ordered(O::Child, {"ts"});
        edit(q);
        QByteArray text = QByteArray(R"(orderBy="ts"&)") + tail;
        return std::pair{text, q};
    };
    const std::pair<QByteArray, Query> rows[] = {
        with("startAt=5", [](Query& q) { q.startAt = bound(Node::number(5)); }),
        with("startAt=-2.5", [](Query& q) { q.startAt = bound(Node::number(-2.5)); }),
        with("startAt=1732521600000",
             [](Query& q) { q.startAt = bound(Node::number(1732521600000.0)); }),
        with(R"(startAt="abc")", [](Query& q) { q.startAt = bound(Node::string("abc")); }),
        with("startAt=true", [](Query& q) { q.startAt = bound(Node::boolean(true)); }),
        with("startAt=false", [](Query& q) { q.startAt = bound(Node::boolean(false)); }),
        with("startAt=null", [](Query& q) { q.startAt = bound(Node()); }),
        with(R"(startAt="안녕")", [](Query& q) { q.startAt = bound(Node::string("안녕")); }),
        with(R"(startAt="a,b")", [](Query& q) { q.startAt = bound(Node::string("a,b")); }),
        with(R"(startAt=5,"-Nabc")", [](Query& q) { q.startAt = bound(Node::number(5), "-Nabc"); }),
        with(R"(startAt="a,b","k,1")",
             [](Query& q) { q.startAt = bound(Node::string("a,b"), "k,1"); }),
        with(R"(startAt=null,"k")", [](Query& q) { q.startAt = bound(Node(), "k"); }),
        with(R"(startAfter=1732521600000,"-NvQ5A")",
             [](Query& q) { q.startAfter = bound(Node::number(1732521600000.0), "-NvQ5A"); }),
        with("endAt=7", [](Query& q) { q.endAt = bound(Node::number(7)); }),
        with(R"(endBefore="x")", [](Query& q) { q.endBefore = bound(Node::string("x")); }),
        with(R"(equalTo="uS9")", [](Query& q) { q.equalTo = bound(Node::string("uS9")); }),
        with("startAt=1&endAt=2",
             [](Query& q) {
                 q.startAt = bound(Node::number(1));
                 q.endAt = bound(Node::number(2));
             }),
        with("startAfter=1&endBefore=2",
             [](Query& q) {
                 q.startAfter = bound(Node::number(1));
                 q.endBefore = bound(Node::number(2));
             }),
        with("limitToFirst=1", [](Query& q) { q.limitToFirst = 1; }),
        with("limitToLast=50", [](Query& q) { q.limitToLast = 50; }),
        with("limitToLast=2147483647", [](Query& q) { q.limitToLast = 2147483647; }),
        with("startAt=3&limitToFirst=2&auth=token",
             [](Query& q) {
                 q.startAt = bound(Node::number(3));
                 q.limitToFirst = 2;
             }),
    };
    for (const auto& [text, query] : rows)
        QTest::newRow(text.constData()) << text << query;

    Query page = ordered(O::Key);
    page.endBefore = bound(Node::string("-NvQ4Zt2m8QxTr0aPq1K"));
    page.limitToLast = 50;
    QTest::newRow("chat page") << QByteArray(R"(orderBy="$key"&endBefore="-NvQ4Zt2m8QxTr0aPq1K")"
                                             R"(&limitToLast=50)")
                               << page;
}

void TestQuery::parsesParameters()
{
    QFETCH(QByteArray, text);
    QFETCH(Query, expected);
    QString error;
    const auto query = Query::fromParameters(parameters(text), &error);
    QVERIFY2(query, qPrintable(error));
    QCOMPARE(*query, expected);
    QCOMPARE(query->isEmpty(), expected.orderBy == Query::OrderBy::None);
}

void TestQuery::rejectsInvalidParameters_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");

    const QString noOrderBy =
        QStringLiteral("orderBy must be defined when other query parameters are defined");
    const QString badOrderBy = QStringLiteral("orderBy must be a valid JSON encoded path");
    const QString notPrimitive = QStringLiteral("Constraint index field must be a JSON primitive");
    const QString badKeyType = QStringLiteral("Provided key index type is invalid, must be string");
    const QString equalTo = QStringLiteral(
        "equalTo cannot be specified in addition to startAfter, startAt, endAt, or endBefore");
    const QString firstLimit = QStringLiteral("limitToFirst must be a positive integer");
    const QString lastLimit = QStringLiteral("limitToLast must be a positive integer");

    const std::pair<const char*, QString> rows[] = {
        {"startAt=5", noOrderBy},
        {"limitToFirst=1", noOrderBy},
        {R"(equalTo="x"&auth=t)", noOrderBy},
        {"orderBy=$key", badOrderBy},
        {"orderBy=ts", badOrderBy},
        {"orderBy=5", badOrderBy},
        {"orderBy=null", badOrderBy},
        {R"(orderBy={"a":1})", badOrderBy},
        {R"(orderBy=["ts"])", badOrderBy},
        {R"(orderBy="")", badOrderBy},
        {R"(orderBy="/")", badOrderBy},
        {R"(orderBy="a.b")", badOrderBy},
        {R"(orderBy="$other")", badOrderBy},
        {R"(orderBy="a#b")", badOrderBy},
        {R"(orderBy="ts"&orderBy="ts")", QStringLiteral("orderBy may only be specified once")},
        {R"(orderBy="ts"&startAt=abc)", notPrimitive},
        {R"(orderBy="ts"&startAt=)", notPrimitive},
        {R"(orderBy="ts"&endAt={"a":1})", notPrimitive},
        {R"(orderBy="ts"&endAt={})", notPrimitive},
        {R"(orderBy="ts"&equalTo=[1])", notPrimitive},
        {R"(orderBy="ts"&startAfter= [])", notPrimitive},
        {R"(orderBy="ts"&endBefore={".value":1})", notPrimitive},
        {R"(orderBy="ts"&startAt={"a":1},"k")", notPrimitive},
        {R"(orderBy="ts"&startAt="unterminated)", notPrimitive},
        {R"(orderBy="ts"&startAt="a","b","c")", notPrimitive},
        {R"(orderBy="ts"&startAt=5,6)",
         QStringLiteral("Constraint key field must be a valid key name")},
        {R"(orderBy="ts"&startAt=5,"a.b")",
         QStringLiteral("Constraint key field must be a valid key name")},
        {R"(orderBy="ts"&limitToFirst=1&limitToLast=1)",
         QStringLiteral("Only one of limitToFirst and limitToLast may be specified")},
        {R"(orderBy="ts"&equalTo=1&startAt=1)", equalTo},
        {R"(orderBy="ts"&equalTo=1&startAfter=1)", equalTo},
        {R"(orderBy="ts"&endAt=1&equalTo=1)", equalTo},
        {R"(orderBy="ts"&equalTo=1&endBefore=1)", equalTo},
        {R"(orderBy="ts"&startAt=1&startAfter=1)",
         QStringLiteral("startAt and startAfter cannot both be specified")},
        {R"(orderBy="ts"&endAt=1&endBefore=2)",
         QStringLiteral("endAt and endBefore cannot both be specified")},
        {R"(orderBy="$key"&startAt=5)", badKeyType},
        {R"(orderBy="$key"&endAt=null)", badKeyType},
        {R"(orderBy="$key"&equalTo=true)", badKeyType},
        {R"(orderBy="$key"&endBefore=1,"k")", badKeyType},
        {R"(orderBy="ts"&limitToFirst=0)", firstLimit},
        {R"(orderBy="ts"&limitToFirst=-1)", firstLimit},
        {R"(orderBy="ts"&limitToFirst=1.5)", firstLimit},
        {R"(orderBy="ts"&limitToFirst="5")", firstLimit},
        {R"(orderBy="ts"&limitToFirst=abc)", firstLimit},
        {R"(orderBy="ts"&limitToFirst=)", firstLimit},
        {R"(orderBy="ts"&limitToFirst=true)", firstLimit},
        {R"(orderBy="ts"&limitToLast=3000000000)", lastLimit},
        {R"(orderBy="ts"&limitToLast=[5])", lastLimit},
    };
    for (const auto& [text, error] : rows)
        QTest::newRow(text) << QByteArray(text) << error;
}

void TestQuery::rejectsInvalidParameters()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!Query::fromParameters(parameters(text), &actual));
    QCOMPARE(actual, error);
    QVERIFY(!Query::fromParameters(parameters(text))); // no error pointer: still just fails
}

void TestQuery::roundTripsThroughParameters_data()
{
    QTest::addColumn<Query>("query");
    using O = Query::OrderBy;

    QTest::newRow("empty") << Query{};
    QTest::newRow("$key") << ordered(O::Key);
    QTest::newRow("$value") << ordered(O::Value);
    QTest::newRow("$priority") << ordered(O::Priority);
    QTest::newRow("deep child") << ordered(O::Child, {"meta", "updatedAt"});

    const Node values[] = {Node(),
                           Node::boolean(false),
                           Node::boolean(true),
                           Node::number(0),
                           Node::number(-7),
                           Node::number(0.1),
                           Node::number(1.0 / 3.0),
                           Node::number(1732521600000.0),
                           Node::number(-1e300),
                           Node::string(""),
                           Node::string("with \"quotes\", commas, \\ and \n"),
                           Node::string("한국어 😀 \x7f"),
                           Node::string("b\xEF\xA3\xBF")};
    int i = 0;
    for (const Node& value : values) {
        Query q = ordered(O::Child, {"v"});
        q.startAt = bound(value);
        q.endBefore = bound(value, "key,with \"quote\"");
        q.limitToFirst = 3;
        QTest::addRow("bounds %d", i) << q;
        Query e = ordered(O::Value);
        e.equalTo = bound(value, "-NvQ5A");
        e.limitToLast = 1;
        QTest::addRow("equalTo %d", i++) << e;
    }
    Query key = ordered(O::Key);
    key.startAfter = bound(Node::string("a"));
    key.endAt = bound(Node::string("b\xEF\xA3\xBF"));
    QTest::newRow("$key range") << key;
}

void TestQuery::roundTripsThroughParameters()
{
    QFETCH(Query, query);
    QString error;
    const auto parsed = Query::fromParameters(query.toParameters(), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed, query);
}

void TestQuery::encodesParametersAsJson()
{
    Query q = ordered(Query::OrderBy::Child, {"meta", "updatedAt"});
    q.startAt = bound(Node::number(1732521600000.0), "-NvQ5A");
    q.endAt = bound(Node::string("x"));
    q.limitToLast = 50;
    const Parameters expected = {{"orderBy", R"("meta/updatedAt")"},
                                 {"startAt", R"(1732521600000,"-NvQ5A")"},
                                 {"endAt", R"("x")"},
                                 {"limitToLast", "50"}};
    QVERIFY(q.toParameters() == expected);

    Query key = ordered(Query::OrderBy::Key);
    key.startAfter = bound(Node::number(0.5));
    key.endBefore = bound(Node::boolean(true));
    key.limitToFirst = 2;
    const Parameters keyExpected = {{"orderBy", R"("$key")"},
                                    {"startAfter", "0.5"},
                                    {"endBefore", "true"},
                                    {"limitToFirst", "2"}};
    QVERIFY(key.toParameters() == keyExpected);
    QVERIFY(Query{}.toParameters().empty());
}

void TestQuery::evaluates_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QStringList>("expected");

    const auto row = [](const char* name, const QByteArray& data, const char* query,
                        const char* keys) {
        QTest::newRow(name) << data << QByteArray(query) << split(keys);
    };

    // Child ordering across every type rank (§3.2 step 3, §13.27).
    row("child: all", kMixed, R"(orderBy="v")", kMixedOrder);
    row("child: startAt number keeps strings and objects", kMixed, R"(orderBy="v"&startAt=10)",
        "k3 k8 k6 k5 k7");
    row("child: startAfter", kMixed, R"(orderBy="v"&startAfter=10)", "k6 k5 k7");
    row("child: endAt", kMixed, R"(orderBy="v"&endAt=10)", "k0 k9 k1 k2 k4 k3 k8");
    row("child: endBefore", kMixed, R"(orderBy="v"&endBefore=10)", "k0 k9 k1 k2 k4");
    row("child: equalTo number", kMixed, R"(orderBy="v"&equalTo=10)", "k3 k8");
    row("child: equalTo null", kMixed, R"(orderBy="v"&equalTo=null)", "k0 k9");
    row("child: equalTo true", kMixed, R"(orderBy="v"&equalTo=true)", "k2");
    row("child: equalTo false", kMixed, R"(orderBy="v"&equalTo=false)", "k1");
    row("child: booleans", kMixed, R"(orderBy="v"&startAt=false&endAt=true)", "k1 k2");
    row("child: strings", kMixed, R"(orderBy="v"&startAt="a"&endAt="b")", "k6 k5");
    row("child: above all strings", kMixed, R"(orderBy="v"&startAt="z")", "k7");
    row("child: empty range", kMixed, R"(orderBy="v"&startAt="b"&endAt="a")", "");
    row("child: equalTo absent", kMixed, R"(orderBy="v"&equalTo=11)", "");
    row("child: startAt,key", kMixed, R"(orderBy="v"&startAt=10,"k8")", "k8 k6 k5 k7");
    row("child: startAfter,key", kMixed, R"(orderBy="v"&startAfter=10,"k3")", "k8 k6 k5 k7");
    row("child: endAt,key", kMixed, R"(orderBy="v"&endAt=10,"k3")", "k0 k9 k1 k2 k4 k3");
    row("child: endBefore,key", kMixed, R"(orderBy="v"&endBefore=10,"k8")", "k0 k9 k1 k2 k4 k3");
    row("child: equalTo,key", kMixed, R"(orderBy="v"&equalTo=10,"k8")", "k8");
    row("child: limitToFirst", kMixed, R"(orderBy="v"&limitToFirst=3)", "k0 k9 k1");
    row("child: limitToLast", kMixed, R"(orderBy="v"&limitToLast=2)", "k5 k7");
    row("child: limit above count", kMixed, R"(orderBy="v"&limitToFirst=100)", kMixedOrder);
    row("child: startAt + limitToFirst", kMixed, R"(orderBy="v"&startAt=10&limitToFirst=2)",
        "k3 k8");
    row("child: endAt + limitToLast", kMixed, R"(orderBy="v"&endAt=10&limitToLast=3)", "k4 k3 k8");

    // Ties in the index value fall back to the key order (integer-like keys first).
    row("child: ties by key", R"({"10":{"v":1},"9":{"v":1},"a":{"v":1},"2":{"v":0}})",
        R"(orderBy="v")", "2 9 10 a");
    row("deep child path", kDeep, R"(orderBy="meta/updatedAt")", "z y w x");
    row("deep child startAt", kDeep, R"(orderBy="meta/updatedAt"&startAt=15)", "w x");
    row("deep child limit", kDeep, R"(orderBy="meta/updatedAt"&limitToFirst=2)", "z y");

    // Paging through equal timestamps with the key tie-breaker (§3.7).
    row("ts: startAt,key", kMessages, R"(orderBy="ts"&startAt=100,"-Nb")", "-Nb -Nc -Nd");
    row("ts: startAfter,key", kMessages, R"(orderBy="ts"&startAfter=100,"-Nb")", "-Nc -Nd");
    row("ts: endAt,key", kMessages, R"(orderBy="ts"&endAt=100,"-Nb")", "-Na -Nb");
    row("ts: endBefore,key", kMessages, R"(orderBy="ts"&endBefore=100,"-Nb")", "-Na");
    row("ts: endBefore", kMessages, R"(orderBy="ts"&endBefore=200)", "-Na -Nb -Nc");
    row("ts: startAfter", kMessages, R"(orderBy="ts"&startAfter=100)", "-Nd");
    row("ts: older page", kMessages, R"(orderBy="ts"&endBefore=100,"-Nc"&limitToLast=2)",
        "-Na -Nb");
    row("ts: key before all", kMessages, R"(orderBy="ts"&startAt=100,"-N")", "-Na -Nb -Nc -Nd");

    // $value: booleans, numbers (ties by key), strings, objects.
    row("$value: all", kValues, R"(orderBy="$value")", "f c 9 10 d g a b e");
    row("$value: equal numbers", kValues, R"(orderBy="$value"&startAt=1&endAt=1)", "9 10 d g");
    row("$value: equalTo + limitToLast", kValues, R"(orderBy="$value"&equalTo=1&limitToLast=2)",
        "d g");
    row("$value: startAt,key", kValues, R"(orderBy="$value"&startAt=1,"d")", "d g a b e");
    row("$value: startAfter,key", kValues, R"(orderBy="$value"&startAfter=1,"10")", "d g a b e");
    row("$value: strings up", kValues, R"(orderBy="$value"&startAt="")", "b e");

    // $priority: no priority < numbers < strings, ties by key.
    row("$priority: all", kPriorities, R"(orderBy="$priority")", "c g d a e f b");
    row("$priority: startAt", kPriorities, R"(orderBy="$priority"&startAt=5)", "a e f b");
    row("$priority: equalTo", kPriorities, R"(orderBy="$priority"&equalTo=5)", "a e");
    row("$priority: endAt", kPriorities, R"(orderBy="$priority"&endAt=1)", "c g d");
    row("$priority: none", kPriorities, R"(orderBy="$priority"&equalTo=null)", "c g");
    row("$priority: strings", kPriorities, R"(orderBy="$priority"&startAt="a")", "f b");
    row("$priority: limitToLast", kPriorities, R"(orderBy="$priority"&limitToLast=1)", "b");

    // $key, answered from the key-ordered map.
    row("$key: all", kKeys, R"(orderBy="$key")", kKeyOrder);
    row("$key: startAt", kKeys, R"(orderBy="$key"&startAt="b")", "b ba c");
    row("$key: prefix", kKeys, "orderBy=\"$key\"&startAt=\"b\"&endAt=\"b\xEF\xA3\xBF\"", "b ba");
    row("$key: startAfter", kKeys, R"(orderBy="$key"&startAfter="b")", "ba c");
    row("$key: endBefore", kKeys, R"(orderBy="$key"&endBefore="b")",
        "-1 7 007 9 10 2147483648 a ab");
    row("$key: endAt integer", kKeys, R"(orderBy="$key"&endAt="9")", "-1 7 007 9");
    row("$key: integer range", kKeys, R"(orderBy="$key"&startAt="7"&endAt="9")", "7 007 9");
    row("$key: 007 after 7", kKeys, R"(orderBy="$key"&startAt="007")",
        "007 9 10 2147483648 a ab b ba c");
    row("$key: absent integer", kKeys, R"(orderBy="$key"&startAt="8")",
        "9 10 2147483648 a ab b ba c");
    row("$key: equalTo", kKeys, R"(orderBy="$key"&equalTo="ab")", "ab");
    row("$key: equalTo absent", kKeys, R"(orderBy="$key"&equalTo="zz")", "");
    row("$key: startAfter last", kKeys, R"(orderBy="$key"&startAfter="c")", "");
    row("$key: endAt below all", kKeys, R"(orderBy="$key"&endAt="-2")", "");
    row("$key: empty range", kKeys, R"(orderBy="$key"&startAt="b"&endAt="a")", "");
    row("$key: single", kKeys, R"(orderBy="$key"&startAt="a"&endAt="a")", "a");
    row("$key: limitToFirst", kKeys, R"(orderBy="$key"&limitToFirst=2)", "-1 7");
    row("$key: limitToLast", kKeys, R"(orderBy="$key"&limitToLast=3)", "b ba c");
    row("$key: limit above count", kKeys, R"(orderBy="$key"&limitToLast=50)", kKeyOrder);
    row("$key: older page", kKeys, R"(orderBy="$key"&endBefore="b"&limitToLast=2)", "a ab");
    row("$key: startAt + limitToFirst", kKeys, R"(orderBy="$key"&startAt="10"&limitToFirst=3)",
        "10 2147483648 a");
    row("$key: tie-breaker above", kKeys, R"(orderBy="$key"&startAt="b","a")", "b ba c");
    row("$key: tie-breaker below", kKeys, R"(orderBy="$key"&startAt="b","c")", "ba c");
    row("$key: endBefore tie-breaker", kKeys, R"(orderBy="$key"&endBefore="b","c")",
        "-1 7 007 9 10 2147483648 a ab b");

    row("$key: startAt at tie", kKeys, R"(orderBy="$key"&startAt="b","b")", "b ba c");
    row("$key: startAfter at tie", kKeys, R"(orderBy="$key"&startAfter="b","b")", "ba c");
    row("$key: endAt at tie", kKeys, R"(orderBy="$key"&endAt="a","a")",
        "-1 7 007 9 10 2147483648 a");
    row("$key: endBefore at tie", kKeys, R"(orderBy="$key"&endBefore="ab","ab")",
        "-1 7 007 9 10 2147483648 a");
    row("$key: equalTo at tie", kKeys, R"(orderBy="$key"&equalTo="ba","ba")", "ba");

    row("primitive location", "5", R"(orderBy="$key"&limitToFirst=1)", "");
    row("null location", "null", R"(orderBy="v"&startAt=1)", "");
}

void TestQuery::evaluates()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, query);
    QFETCH(QStringList, expected);
    const Node location = json(data);
    const Query q = parse(query);

    const auto survivors = oiso::protocol::queryChildren(location, q);
    QCOMPARE(keysOf(survivors), expected);
    for (std::size_t i = 0; i < survivors.size(); ++i) {
        const auto& [key, child] = survivors[i];
        QCOMPARE(child, *location.child(key));
        if (i > 0) {
            const auto& [previousKey, previous] = survivors[i - 1];
            QVERIFY(oiso::protocol::compareChildren(q, previousKey, previous, key, child) < 0);
            QVERIFY(oiso::protocol::compareChildren(q, key, child, previousKey, previous) > 0);
        }
    }

    // The REST shape: the survivors as one object, null when none survive.
    const Node result = oiso::protocol::applyQuery(location, q);
    if (!location.isObject()) {
        QCOMPARE(result, location);
    } else if (expected.isEmpty()) {
        QVERIFY(result.isNull());
    } else {
        QCOMPARE(result.childCount(), survivors.size());
        for (const auto& [key, child] : survivors)
            QCOMPARE(*result.child(key), child);
    }
}

void TestQuery::indexValueFollowsOrdering()
{
    using O = Query::OrderBy;
    using oiso::protocol::indexValue;
    const Node child = json(R"({"meta":{"updatedAt":30},".priority":"p"})");
    QCOMPARE(indexValue(ordered(O::Key), "k", child), Node::string("k"));
    QCOMPARE(indexValue(ordered(O::Value), "k", child), child);
    QCOMPARE(indexValue(ordered(O::Priority), "k", child), Node::string("p"));
    QCOMPARE(indexValue(ordered(O::Child, {"meta", "updatedAt"}), "k", child), Node::number(30));
    QCOMPARE(indexValue(ordered(O::Child, {"missing"}), "k", child), Node());
    QCOMPARE(indexValue(ordered(O::Child, {"x"}), "k", Node::number(5)), Node());
    QCOMPARE(indexValue(ordered(O::Priority), "k", Node::number(5)), Node());
}

void TestQuery::compareChildrenFollowsOrdering()
{
    using O = Query::OrderBy;
    using oiso::protocol::compareChildren;
    const Node one = Node::number(1);
    const Node two = Node::number(2);
    // $key compares keys the Firebase way, not as plain strings.
    QVERIFY(compareChildren(ordered(O::Key), "9", two, "10", one) < 0);
    QVERIFY(compareChildren(ordered(O::Key), "7", one, "007", one) < 0);
    QVERIFY(compareChildren(ordered(O::Key), "b", one, "a", two) > 0);
    QCOMPARE(compareChildren(ordered(O::Key), "a", one, "a", one), 0);
    // $value compares values first, then keys.
    QVERIFY(compareChildren(ordered(O::Value), "b", one, "a", two) < 0);
    QVERIFY(compareChildren(ordered(O::Value), "10", one, "9", one) > 0);
    QVERIFY(compareChildren(ordered(O::Value), "a", Node::string("1"), "b", two) > 0);
    QVERIFY(compareChildren(ordered(O::Value), "a", Node::boolean(true), "b", one) < 0);
    const Node withPriority = json(R"({".value":1,".priority":1})");
    QVERIFY(compareChildren(ordered(O::Priority), "a", one, "b", withPriority) < 0);
    QVERIFY(compareChildren(ordered(O::Child, {"x"}), "a", json(R"({"x":2})"), "b",
                            json(R"({"x":1})")) > 0);
}

void TestQuery::applyQueryShapesTheResult()
{
    using oiso::protocol::applyQuery;
    const Node location = json(R"({"a":1,"b":2,"c":3,".priority":4})");
    QCOMPARE(applyQuery(location, Query{}), location);
    QCOMPARE(applyQuery(location, ordered(Query::OrderBy::Value)), location);
    QCOMPARE(applyQuery(location, parse(R"(orderBy="$value"&startAt=2)")),
             json(R"({"b":2,"c":3})"));
    QCOMPARE(applyQuery(location, parse(R"(orderBy="$value"&startAt=9)")), Node());
    QCOMPARE(applyQuery(Node::string("leaf"), parse(R"(orderBy="$key"&limitToFirst=1)")),
             Node::string("leaf"));
    QCOMPARE(applyQuery(Node(), parse(R"(orderBy="$key"&limitToFirst=1)")), Node());
    // Integer keys may render as an array, as the service does (§3.5).
    const Node list = json(R"(["a","b","c","d"])");
    QCOMPARE(oiso::protocol::toJson(applyQuery(list, parse(R"(orderBy="$key"&limitToFirst=2)"))),
             QByteArray(R"(["a","b"])"));
}

void TestQuery::lastPageOfHundredThousandChildren()
{
    constexpr int kCount = 100000;
    oiso::protocol::PushIdGenerator ids;
    std::vector<std::string> keys;
    keys.reserve(kCount);
    Node::Children children;
    for (int i = 0; i < kCount; ++i) {
        keys.push_back(ids.next(1732521600000 + i / 10));
        Node::Children message;
        message.emplace("ts", Node::number(i));
        children.emplace_hint(children.end(), keys.back(), Node::object(std::move(message)));
    }
    const Node room = Node::object(std::move(children));
    QCOMPARE(room.childCount(), std::size_t(kCount));

    const auto expectKeys = [&](const std::vector<std::pair<std::string, Node>>& result, int first,
                                int count) {
        QCOMPARE(result.size(), std::size_t(count));
        for (int i = 0; i < count; ++i)
            QCOMPARE(result[std::size_t(i)].first, keys[std::size_t(first + i)]);
    };
    expectKeys(queryChildren(room, parse(R"(orderBy="$key"&limitToLast=30)")), kCount - 30, 30);
    const QByteArray older = R"(orderBy="$key"&endBefore=")" +
                             QByteArray::fromStdString(keys[50000]) + R"("&limitToLast=50)";
    expectKeys(queryChildren(room, parse(older)), 49950, 50);
    expectKeys(queryChildren(room, parse(R"(orderBy="$key"&limitToFirst=5)")), 0, 5);
    const QByteArray newer =
        R"(orderBy="$key"&startAfter=")" + QByteArray::fromStdString(keys[kCount - 3]) + '"';
    expectKeys(queryChildren(room, parse(newer)), kCount - 2, 2);
    // The same page by a child value goes through the general path.
    expectKeys(queryChildren(room, parse(R"(orderBy="ts"&endBefore=50000&limitToLast=50)")), 49950,
               50);
    QCOMPARE(applyQuery(room, parse(R"(orderBy="$key"&limitToLast=30)")).childCount(),
             std::size_t(30));
}

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"
