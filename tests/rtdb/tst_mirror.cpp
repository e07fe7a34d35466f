// The stream mirror (reference §6.4, §6.5, §13 items 9, 11, 12): put and patch at every depth,
// deletes that prune empty parents, writes through primitives, arrays as integer-keyed children,
// and reconnect puts that report only real changes (no duplicate children).
#include "protocol/json.h"
#include "rtdb/mirror.h"

#include "common/protocol_test_helpers.h"

#include <QTest>

#include <algorithm>

using oiso::protocol::Node;
using oiso::protocol::parseJson;
using oiso::protocol::Path;
using oiso::protocol::toJson;
using oiso::rtdb::Mirror;
using oiso::rtdb::MirrorChange;
using oiso::rtdb::PatchEntry;
using oiso::rtdb::StreamEvent;

namespace {

using oiso::test::json;
using oiso::test::path;

QString text(const Node& node)
{
    return QString::fromUtf8(toJson(node));
}

QString key(const std::string& k)
{
    return QString::fromStdString(k);
}

// One line for a whole change, so each test states exactly what it expects:
//   "none" | "value" then " -key(old)" removed, " +key@prev=new" added ("^" = first),
//   " ~key=new(old)" changed.
QString describe(const MirrorChange& change)
{
    QString out = change.valueChanged ? QStringLiteral("value") : QStringLiteral("none");
    for (const auto& r : change.removed)
        out += QStringLiteral(" -%1(%2)").arg(key(r.key), text(r.oldValue));
    for (const auto& a : change.added) {
        out += QStringLiteral(" +%1@%2=%3")
                   .arg(key(a.key), a.previousKey ? key(*a.previousKey) : QStringLiteral("^"),
                        text(a.value));
    }
    for (const auto& c : change.changed)
        out += QStringLiteral(" ~%1=%2(%3)").arg(key(c.key), text(c.value), text(c.oldValue));
    return out;
}

Mirror loaded(const QByteArray& value)
{
    Mirror mirror;
    mirror.replaceAll(json(value));
    return mirror;
}

// What a chat view does with the changes: keeps one row per child key.
void applyToRows(QStringList& rows, const MirrorChange& change)
{
    for (const auto& r : change.removed)
        rows.removeAll(key(r.key));
    for (const auto& a : change.added) {
        const qsizetype at = a.previousKey ? rows.indexOf(key(*a.previousKey)) + 1 : 0;
        rows.insert(at, key(a.key));
    }
}

} // namespace

class TestMirror : public QObject {
    Q_OBJECT

private slots:
    void firstEventAlwaysReportsAValue();
    void initialLoadAddsChildrenInKeyOrder();
    void putAtRootDiffsChildren();
    void putAtChild();
    void putAtGrandchild();
    void deletesPruneEmptyParents();
    void deletesOfAbsentDataChangeNothing();
    void writesThroughPrimitives();
    void primitiveRootReplacesChildren();
    void patchAtRoot();
    void patchAtChild();
    void patchAtGrandchildReportsEachChildOnce();
    void patchThatChangesNothing();
    void arraysBecomeIntegerKeyedChildren();
    void replaceAllWithSameDataChangesNothing();
    void replaceAllReportsOnlyWhatChanged();
    void reconnectDoesNotDuplicateRows();
    void appliesStreamEvents();
    void clearForgetsTheLocation();
};

void TestMirror::firstEventAlwaysReportsAValue()
{
    Mirror mirror;
    QVERIFY(!mirror.isLoaded());
    // An empty location is news to a listener that shows "loading…".
    QCOMPARE(describe(mirror.replaceAll(Node())), QStringLiteral("value"));
    QVERIFY(mirror.isLoaded());
    QVERIFY(mirror.value().isNull());
    QCOMPARE(describe(mirror.replaceAll(Node())), QStringLiteral("none"));
}

void TestMirror::initialLoadAddsChildrenInKeyOrder()
{
    Mirror mirror;
    // Integer-like keys first, numerically; then the rest by UTF-16 order (reference §3.6).
    const auto change = mirror.replaceAll(json(R"({"b":1,"10":2,"a":3,"9":4})"));
    QCOMPARE(describe(change), QStringLiteral("value +9@^=4 +10@9=2 +a@10=3 +b@a=1"));
}

void TestMirror::putAtRootDiffsChildren()
{
    Mirror mirror = loaded(R"({"a":1,"b":{"x":1},"c":"keep"})");
    const auto change = mirror.applyPut({}, json(R"({"b":{"x":2},"c":"keep","d":true})"));
    QCOMPARE(describe(change), QStringLiteral("value -a(1) +d@c=true ~b={\"x\":2}({\"x\":1})"));
    QCOMPARE(mirror.value(), json(R"({"b":{"x":2},"c":"keep","d":true})"));
}

void TestMirror::putAtChild()
{
    Mirror mirror = loaded(R"({"m1":{"text":"hi"}})");
    QCOMPARE(describe(mirror.applyPut(path({"m2"}), json(R"({"text":"yo"})"))),
             QStringLiteral("value +m2@m1={\"text\":\"yo\"}"));
    QCOMPARE(describe(mirror.applyPut(path({"m1"}), json(R"({"text":"hey"})"))),
             QStringLiteral("value ~m1={\"text\":\"hey\"}({\"text\":\"hi\"})"));
    QCOMPARE(describe(mirror.applyPut(path({"m1"}), json(R"({"text":"hey"})"))),
             QStringLiteral("none"));
    QCOMPARE(describe(mirror.applyPut(path({"a"}), Node::number(1))),
             QStringLiteral("value +a@^=1"));
}

void TestMirror::putAtGrandchild()
{
    Mirror mirror = loaded(R"({"m1":{"text":"hi","ts":1}})");
    QCOMPARE(
        describe(mirror.applyPut(path({"m1", "text"}), Node::string("edited"))),
        QStringLiteral("value ~m1={\"text\":\"edited\",\"ts\":1}({\"text\":\"hi\",\"ts\":1})"));
    QCOMPARE(describe(mirror.applyPut(path({"m2", "meta", "ts"}), Node::number(2))),
             QStringLiteral("value +m2@m1={\"meta\":{\"ts\":2}}"));
    QCOMPARE(mirror.value(), json(R"({"m1":{"text":"edited","ts":1},"m2":{"meta":{"ts":2}}})"));
}

void TestMirror::deletesPruneEmptyParents()
{
    Mirror mirror = loaded(R"({"m1":{"meta":{"ts":1}},"m2":{"text":"x","ts":2}})");
    // Deleting the only leaf removes m1 entirely: its parent is not left as an empty object.
    QCOMPARE(describe(mirror.applyPut(path({"m1", "meta", "ts"}), Node())),
             QStringLiteral("value -m1({\"meta\":{\"ts\":1}})"));
    QCOMPARE(describe(mirror.applyPut(path({"m2", "ts"}), Node())),
             QStringLiteral("value ~m2={\"text\":\"x\"}({\"text\":\"x\",\"ts\":2})"));
    QCOMPARE(describe(mirror.applyPut(path({"m2"}), Node())),
             QStringLiteral("value -m2({\"text\":\"x\"})"));
    QVERIFY(mirror.value().isNull());
    QVERIFY(mirror.isLoaded());
}

void TestMirror::deletesOfAbsentDataChangeNothing()
{
    Mirror mirror = loaded(R"({"a":"leaf","b":{"c":1}})");
    QCOMPARE(describe(mirror.applyPut(path({"zz"}), Node())), QStringLiteral("none"));
    QCOMPARE(describe(mirror.applyPut(path({"zz", "y"}), Node())), QStringLiteral("none"));
    QCOMPARE(describe(mirror.applyPut(path({"a", "below"}), Node())), QStringLiteral("none"));
    QCOMPARE(describe(mirror.applyPut(path({"b", "d"}), Node())), QStringLiteral("none"));
    QCOMPARE(mirror.value(), json(R"({"a":"leaf","b":{"c":1}})"));
}

void TestMirror::writesThroughPrimitives()
{
    Mirror mirror = loaded(R"({"a":5})");
    // Writing below a primitive replaces it by an object holding the new child.
    QCOMPARE(describe(mirror.applyPut(path({"a", "b"}), Node::number(1))),
             QStringLiteral("value ~a={\"b\":1}(5)"));

    Mirror primitiveRoot = loaded(R"("just text")");
    QCOMPARE(describe(primitiveRoot.applyPut(path({"x", "y"}), Node::boolean(false))),
             QStringLiteral("value +x@^={\"y\":false}"));
    QCOMPARE(primitiveRoot.value(), json(R"({"x":{"y":false}})"));
}

void TestMirror::primitiveRootReplacesChildren()
{
    Mirror mirror = loaded(R"({"a":1,"b":2})");
    QCOMPARE(describe(mirror.replaceAll(Node::string("flat"))),
             QStringLiteral("value -a(1) -b(2)"));
    QCOMPARE(describe(mirror.replaceAll(Node::string("other"))), QStringLiteral("value"));
}

void TestMirror::patchAtRoot()
{
    Mirror mirror = loaded(R"({"a":1,"b":2,"c":{"d":1,"e":2}})");
    const std::vector<PatchEntry> entries{
        {path({"a"}), Node::number(10)},
        {path({"b"}), Node()},
        {path({"c", "d"}), Node()},
        {path({"f"}), json(R"(["x"])")},
    };
    QCOMPARE(describe(mirror.applyPatch({}, entries)),
             QStringLiteral("value -b(2) +f@c=[\"x\"] ~a=10(1) ~c={\"e\":2}({\"d\":1,\"e\":2})"));
    QCOMPARE(mirror.value(), json(R"({"a":10,"c":{"e":2},"f":{"0":"x"}})"));
}

void TestMirror::patchAtChild()
{
    Mirror mirror = loaded(R"({"m1":{"text":"hi","ts":1},"m2":{"text":"yo"}})");
    const std::vector<PatchEntry> entries{
        {path({"edited"}), Node::boolean(true)},
        {path({"text"}), Node()},
    };
    QCOMPARE(describe(mirror.applyPatch(path({"m1"}), entries)),
             QStringLiteral("value ~m1={\"edited\":true,\"ts\":1}({\"text\":\"hi\",\"ts\":1})"));
    // Removing every child of m2 through a patch prunes m2 itself.
    QCOMPARE(describe(mirror.applyPatch(path({"m2"}), {{path({"text"}), Node()}})),
             QStringLiteral("value -m2({\"text\":\"yo\"})"));
    // A patch below an absent child creates it.
    QCOMPARE(describe(mirror.applyPatch(path({"m3"}), {{path({"text"}), Node::string("new")}})),
             QStringLiteral("value +m3@m1={\"text\":\"new\"}"));
}

void TestMirror::patchAtGrandchildReportsEachChildOnce()
{
    Mirror mirror = loaded(R"({"m1":{"meta":{"a":1}}})");
    const std::vector<PatchEntry> entries{
        {path({"a"}), Node::number(2)},
        {path({"b"}), Node::number(3)},
    };
    QCOMPARE(describe(mirror.applyPatch(path({"m1", "meta"}), entries)),
             QStringLiteral("value ~m1={\"meta\":{\"a\":2,\"b\":3}}({\"meta\":{\"a\":1}})"));

    // Entries reaching several top-level children through slash keys, one of them twice.
    const std::vector<PatchEntry> spread{
        {path({"z", "q"}), Node::number(1)},
        {path({"m1", "x"}), Node::number(1)},
        {path({"z", "r"}), Node::number(2)},
    };
    QCOMPARE(
        describe(mirror.applyPatch({}, spread)),
        QStringLiteral("value +z@m1={\"q\":1,\"r\":2} "
                       "~m1={\"meta\":{\"a\":2,\"b\":3},\"x\":1}({\"meta\":{\"a\":2,\"b\":3}})"));
}

void TestMirror::patchThatChangesNothing()
{
    Mirror mirror = loaded(R"({"a":1})");
    QCOMPARE(
        describe(mirror.applyPatch({}, {{path({"a"}), Node::number(1)}, {path({"b"}), Node()}})),
        QStringLiteral("none"));
    QCOMPARE(describe(mirror.applyPatch(path({"x"}), {})), QStringLiteral("none"));
}

void TestMirror::arraysBecomeIntegerKeyedChildren()
{
    Mirror mirror;
    QCOMPARE(describe(mirror.replaceAll(json(R"(["a",null,"c"])"))),
             QStringLiteral("value +0@^=\"a\" +2@0=\"c\""));
    QCOMPARE(describe(mirror.applyPut(path({"1"}), Node::string("b"))),
             QStringLiteral("value +1@0=\"b\""));
    // "10" sorts after "9" (numeric key order), not between "1" and "2".
    mirror.applyPut(path({"9"}), Node::string("i"));
    QCOMPARE(describe(mirror.applyPut(path({"10"}), Node::string("j"))),
             QStringLiteral("value +10@9=\"j\""));
    QCOMPARE(describe(mirror.applyPut(path({"0"}), Node())), QStringLiteral("value -0(\"a\")"));
    // An array below a child too.
    QCOMPARE(describe(mirror.applyPut(path({"2"}), json("[1,2]"))),
             QStringLiteral("value ~2=[1,2](\"c\")"));
    QCOMPARE(mirror.value().at(path({"2", "1"})), Node::number(2));
}

void TestMirror::replaceAllWithSameDataChangesNothing()
{
    const QByteArray data = R"({"-Nv1":{"text":"hi","ts":1},"-Nv2":{"text":"yo","ts":2}})";
    Mirror mirror = loaded(data);
    // A reconnect or a token refresh: the fresh put carries the same tree, parsed anew.
    const auto change = mirror.replaceAll(json(data));
    QVERIFY(!change.valueChanged);
    QVERIFY(change.added.empty());
    QVERIFY(change.changed.empty());
    QVERIFY(change.removed.empty());
}

void TestMirror::replaceAllReportsOnlyWhatChanged()
{
    Mirror mirror = loaded(R"({"-Nv1":{"text":"hi"},"-Nv2":{"text":"yo"}})");
    QCOMPARE(describe(mirror.replaceAll(
                 json(R"({"-Nv1":{"text":"hi"},"-Nv2":{"text":"yo"},"-Nv3":{"text":"new"}})"))),
             QStringLiteral("value +-Nv3@-Nv2={\"text\":\"new\"}"));
    QCOMPARE(describe(mirror.replaceAll(
                 json(R"({"-Nv1":{"text":"hi","edited":true},"-Nv3":{"text":"new"}})"))),
             QStringLiteral("value --Nv2({\"text\":\"yo\"}) "
                            "~-Nv1={\"edited\":true,\"text\":\"hi\"}({\"text\":\"hi\"})"));
    QCOMPARE(describe(mirror.replaceAll(Node())),
             QStringLiteral("value --Nv1({\"edited\":true,\"text\":\"hi\"}) "
                            "--Nv3({\"text\":\"new\"})"));
}

void TestMirror::reconnectDoesNotDuplicateRows()
{
    Mirror mirror;
    QStringList rows;
    applyToRows(rows, mirror.replaceAll(json(R"({"-Nv1":1,"-Nv2":2})")));
    applyToRows(rows, mirror.applyPut(path({"-Nv3"}), Node::number(3)));
    QCOMPARE(rows,
             QStringList({QStringLiteral("-Nv1"), QStringLiteral("-Nv2"), QStringLiteral("-Nv3")}));
    // Reconnect twice (the second time one message arrived while disconnected).
    applyToRows(rows, mirror.replaceAll(json(R"({"-Nv1":1,"-Nv2":2,"-Nv3":3})")));
    applyToRows(rows, mirror.replaceAll(json(R"({"-Nv1":1,"-Nv2":2,"-Nv3":3,"-Nv4":4})")));
    QCOMPARE(rows, QStringList({QStringLiteral("-Nv1"), QStringLiteral("-Nv2"),
                                QStringLiteral("-Nv3"), QStringLiteral("-Nv4")}));
}

void TestMirror::appliesStreamEvents()
{
    Mirror mirror;
    StreamEvent put;
    put.kind = StreamEvent::Kind::Put;
    put.data = json(R"({"a":1})");
    QCOMPARE(describe(mirror.apply(put)), QStringLiteral("value +a@^=1"));

    StreamEvent patch;
    patch.kind = StreamEvent::Kind::Patch;
    patch.path = path({"a"});
    patch.entries = {{path({"b"}), Node::number(2)}};
    QCOMPARE(describe(mirror.apply(patch)), QStringLiteral("value ~a={\"b\":2}(1)"));

    for (const auto kind : {StreamEvent::Kind::KeepAlive, StreamEvent::Kind::Cancel,
                            StreamEvent::Kind::AuthRevoked, StreamEvent::Kind::Ignored}) {
        StreamEvent other;
        other.kind = kind;
        other.path = path({"a"}); // must not be read for these kinds
        QCOMPARE(describe(mirror.apply(other)), QStringLiteral("none"));
    }
    QCOMPARE(mirror.value(), json(R"({"a":{"b":2}})"));
}

void TestMirror::clearForgetsTheLocation()
{
    Mirror mirror = loaded(R"({"a":1})");
    mirror.clear();
    QVERIFY(!mirror.isLoaded());
    QVERIFY(mirror.value().isNull());
    QCOMPARE(describe(mirror.replaceAll(json(R"({"a":1})"))), QStringLiteral("value +a@^=1"));
}

QTEST_APPLESS_MAIN(TestMirror)
#include "tst_mirror.moc"
