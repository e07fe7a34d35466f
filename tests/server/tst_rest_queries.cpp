// Queries of the REST API over real HTTP against an in-process server, checked against the
// protocol reference (shared/reference/rtdb-protocol.md §3): ordering by child, deep child,
// $key, $value and $priority, every bound and limit, the result shape, and the 400 answers of
// §3.3 for queries that are not valid.
#include "http_test_support.h"

// Note: moc mis-reads raw string literals that hold an odd number of quotes, "//" or "#" (it
// then finds no test class); such JSON literals below are spelled out with escapes instead.

using oiso::test::canon;
using oiso::test::encodeQuery;
using oiso::test::HttpClient;
using oiso::test::Response;
using oiso::test::ServerFixture;

class TestRestQueries : public QObject {
    Q_OBJECT

private:
    HttpClient& c() { return m_fx->client(); }

    std::unique_ptr<ServerFixture> m_fx;

private slots:
    void init()
    {
        m_fx = std::make_unique<ServerFixture>();
        QVERIFY2(m_fx->ok(), qPrintable(m_fx->error()));
    }
    void cleanup() { m_fx.reset(); }

    // §3.1–§3.6: ordering, bounds and limits; results compared as JSON (unordered sets).
    void queries_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("expected");

        // price ranks (§3.6): k4 null < k5 true < k1 5000 < k3 30000 = k6 30000 < k2 "12,000"
        const QString items = QStringLiteral("/item.json");
        const QByteArray k1 = R"("k1":{"seller":"minji","price":5000,"meta":{"views":10}})";
        const QByteArray k2 = R"("k2":{"seller":"junho","price":"12,000","meta":{"views":3}})";
        const QByteArray k3 = R"("k3":{"seller":"minji","price":30000,"meta":{"views":7}})";
        const QByteArray k4 = R"("k4":{"seller":"haeun"})";
        const QByteArray k5 = R"("k5":{"seller":"junho","price":true,"meta":{"views":"many"}})";
        const QByteArray k6 = R"("k6":{"seller":"seoyeon","price":30000})";
        auto obj = [](std::initializer_list<QByteArray> members) -> QByteArray {
            QByteArray out = "{";
            for (const QByteArray& m : members)
                out += (out.size() > 1 ? "," : "") + m;
            return out + '}';
        };
        QTest::newRow("child equalTo string")
            << items << QByteArray(R"(orderBy="seller"&equalTo="minji")") << obj({k1, k3});
        QTest::newRow("child startAt number")
            << items << QByteArray(R"(orderBy="price"&startAt=10000)") << obj({k3, k6, k2});
        QTest::newRow("child endAt number")
            << items << QByteArray(R"(orderBy="price"&endAt=30000)") << obj({k4, k5, k1, k3, k6});
        QTest::newRow("child equalTo number")
            << items << QByteArray(R"(orderBy="price"&equalTo=30000)") << obj({k3, k6});
        QTest::newRow("child startAfter")
            << items << QByteArray(R"(orderBy="price"&startAfter=5000)") << obj({k3, k6, k2});
        QTest::newRow("child endBefore")
            << items << QByteArray(R"(orderBy="price"&endBefore=30000)") << obj({k4, k5, k1});
        QTest::newRow("child limitToFirst")
            << items << QByteArray(R"(orderBy="price"&limitToFirst=2)") << obj({k4, k5});
        QTest::newRow("child limitToLast")
            << items << QByteArray(R"(orderBy="price"&limitToLast=2)") << obj({k6, k2});
        QTest::newRow("child startAt + limitToFirst")
            << items << QByteArray(R"(orderBy="price"&startAt=5000&limitToFirst=2)")
            << obj({k1, k3});
        QTest::newRow("child endAt + limitToLast")
            << items << QByteArray(R"(orderBy="price"&endAt=30000&limitToLast=2)") << obj({k3, k6});
        QTest::newRow("child equalTo true")
            << items << QByteArray(R"(orderBy="price"&equalTo=true)") << obj({k5});
        QTest::newRow("child equalTo null")
            << items << QByteArray(R"(orderBy="price"&equalTo=null)") << obj({k4});
        QTest::newRow("child startAt with key tie-breaker")
            << items << QByteArray(R"(orderBy="price"&startAt=30000,"k4")") << obj({k6, k2});
        QTest::newRow("deep child startAt")
            << items << QByteArray(R"(orderBy="meta/views"&startAt=5)") << obj({k1, k3, k5});
        QTest::newRow("deep child limitToLast")
            << items << QByteArray(R"(orderBy="meta/views"&limitToLast=1)") << obj({k5});
        QTest::newRow("missing child everywhere")
            << items << QByteArray(R"(orderBy="nope"&equalTo=1)") << QByteArray("null");
        QTest::newRow("key range")
            << items << QByteArray(R"(orderBy="$key"&startAt="k2"&endAt="k4")")
            << obj({k2, k3, k4});
        QTest::newRow("key exclusive range")
            << items << QByteArray(R"(orderBy="$key"&startAfter="k2"&endBefore="k5")")
            << obj({k3, k4});
        QTest::newRow("key equalTo")
            << items << QByteArray(R"(orderBy="$key"&equalTo="k6")") << obj({k6});
        QTest::newRow("key limitToFirst")
            << items << QByteArray(R"(orderBy="$key"&limitToFirst=2)") << obj({k1, k2});
        QTest::newRow("key empty result")
            << items << QByteArray(R"(orderBy="$key"&startAt="k9")") << QByteArray("null");
        QTest::newRow("orderBy alone")
            << items << QByteArray(R"(orderBy="$key")") << obj({k1, k2, k3, k4, k5, k6});

        // $value ranks: d true < b 1 < f 2 < a 3 < c "x" < e {…}
        const QString scores = QStringLiteral("/scores.json");
        QTest::newRow("value limitToFirst")
            << scores << QByteArray(R"(orderBy="$value"&limitToFirst=3)")
            << QByteArray(R"({"d":true,"b":1,"f":2})");
        QTest::newRow("value startAt") << scores << QByteArray(R"(orderBy="$value"&startAt=2)")
                                       << QByteArray(R"({"f":2,"a":3,"c":"x","e":{"o":1}})");
        QTest::newRow("value endAt") << scores << QByteArray(R"(orderBy="$value"&endAt=2)")
                                     << QByteArray(R"({"d":true,"b":1,"f":2})");
        QTest::newRow("value equalTo string")
            << scores << QByteArray(R"(orderBy="$value"&equalTo="x")")
            << QByteArray(R"({"c":"x"})");

        // $priority: none (d) < 1 (b) < 3 (a) < "s" (c)
        const QString prio = QStringLiteral("/prio.json");
        QTest::newRow("priority limitToFirst")
            << prio << QByteArray(R"(orderBy="$priority"&limitToFirst=2)")
            << QByteArray(R"({"d":4,"b":2})");
        QTest::newRow("priority startAt") << prio << QByteArray(R"(orderBy="$priority"&startAt=2)")
                                          << QByteArray(R"({"a":1,"c":3})");
        QTest::newRow("priority limitToLast")
            << prio << QByteArray(R"(orderBy="$priority"&limitToLast=1)")
            << QByteArray(R"({"c":3})");

        // Integer-like keys sort first, numerically (§3.6): -1, 9, 10, then "a".
        const QString ints = QStringLiteral("/ints.json");
        QTest::newRow("int keys first") << ints << QByteArray(R"(orderBy="$key"&limitToFirst=2)")
                                        << QByteArray(R"({"-1":"w","9":"y"})");
        QTest::newRow("int keys last") << ints << QByteArray(R"(orderBy="$key"&limitToLast=2)")
                                       << QByteArray(R"({"10":"x","a":"z"})");
        QTest::newRow("int keys startAt") << ints << QByteArray(R"(orderBy="$key"&startAt="9")")
                                          << QByteArray(R"({"9":"y","10":"x","a":"z"})");

        // A result with small integer keys renders as an array (§3.5).
        QTest::newRow("array result")
            << QStringLiteral("/list.json") << QByteArray(R"(orderBy="$key"&limitToFirst=2)")
            << QByteArray(R"(["a","b"])");
    }
    void queries()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, expected);
        QCOMPARE(c().put(QStringLiteral("/.json"), R"({
            "item":{
                "k1":{"seller":"minji","price":5000,"meta":{"views":10}},
                "k2":{"seller":"junho","price":"12,000","meta":{"views":3}},
                "k3":{"seller":"minji","price":30000,"meta":{"views":7}},
                "k4":{"seller":"haeun"},
                "k5":{"seller":"junho","price":true,"meta":{"views":"many"}},
                "k6":{"seller":"seoyeon","price":30000}},
            "scores":{"a":3,"b":1,"c":"x","d":true,"e":{"o":1},"f":2},
            "prio":{"a":{".value":1,".priority":3},"b":{".value":2,".priority":1},
                    "c":{".value":3,".priority":"s"},"d":4},
            "ints":{"10":"x","9":"y","a":"z","-1":"w"},
            "list":["a","b","c","d"]})")
                     .status,
                 200);
        const Response r = c().get(path + QLatin1Char('?') + encodeQuery(query));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(expected));
    }

    // §3.3 (and a bad timeout, §2.7): 400 with an `error` member.
    void queryValidation_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("limitToFirst without orderBy") << QByteArray("limitToFirst=1");
        QTest::newRow("startAt without orderBy") << QByteArray("startAt=1");
        QTest::newRow("equalTo without orderBy") << QByteArray(R"(equalTo="a")");
        QTest::newRow("endBefore without orderBy") << QByteArray("endBefore=1");
        QTest::newRow("two orderBy") << QByteArray(R"(orderBy="$key"&orderBy="$value")");
        QTest::newRow("orderBy not JSON") << QByteArray("orderBy=price");
        QTest::newRow("orderBy a number") << QByteArray("orderBy=5");
        QTest::newRow("orderBy a boolean") << QByteArray("orderBy=true");
        QTest::newRow("both limits")
            << QByteArray(R"(orderBy="$key"&limitToFirst=1&limitToLast=1)");
        QTest::newRow("equalTo + startAt") << QByteArray(R"(orderBy="a"&equalTo=1&startAt=1)");
        QTest::newRow("equalTo + endAt") << QByteArray(R"(orderBy="a"&equalTo=1&endAt=1)");
        QTest::newRow("equalTo + startAfter")
            << QByteArray(R"(orderBy="a"&equalTo=1&startAfter=1)");
        QTest::newRow("equalTo + endBefore") << QByteArray(R"(orderBy="a"&equalTo=1&endBefore=1)");
        QTest::newRow("object bound") << QByteArray(R"(orderBy="a"&startAt={"x":1})");
        QTest::newRow("empty object bound") << QByteArray(R"(orderBy="a"&startAt={})");
        QTest::newRow("array bound") << QByteArray(R"(orderBy="a"&endAt=[1])");
        QTest::newRow("bound not JSON") << QByteArray(R"(orderBy="a"&equalTo=abc)");
        QTest::newRow("key bound number") << QByteArray(R"(orderBy="$key"&startAt=5)");
        QTest::newRow("key bound boolean") << QByteArray(R"(orderBy="$key"&equalTo=true)");
        QTest::newRow("key bound null") << QByteArray(R"(orderBy="$key"&endAt=null)");
        QTest::newRow("limit zero") << QByteArray(R"(orderBy="$key"&limitToFirst=0)");
        QTest::newRow("limitToFirst negative") << QByteArray(R"(orderBy="$key"&limitToFirst=-1)");
        QTest::newRow("limitToLast negative") << QByteArray(R"(orderBy="$key"&limitToLast=-1)");
        QTest::newRow("limit fraction") << QByteArray(R"(orderBy="$key"&limitToFirst=1.5)");
        QTest::newRow("limit string") << QByteArray(R"(orderBy="$key"&limitToFirst="2")");
        QTest::newRow("limit text") << QByteArray(R"(orderBy="$key"&limitToLast=abc)");
        QTest::newRow("timeout too long") << QByteArray("timeout=20min");
        QTest::newRow("timeout zero") << QByteArray("timeout=0s");
        QTest::newRow("timeout without unit") << QByteArray("timeout=15");
    }
    void queryValidation()
    {
        QFETCH(QByteArray, query);
        QCOMPARE(c().put(QStringLiteral("/q.json"), R"({"a":1})").status, 200);
        const Response r = c().get(QStringLiteral("/q.json?") + encodeQuery(query));
        QCOMPARE(r.status, 400);
        QVERIFY2(!r.errorText().isEmpty(), r.body.constData());
        // A valid timeout is accepted.
        QCOMPARE(c().get(QStringLiteral("/q.json?timeout=5s")).canonical(), canon(R"({"a":1})"));
    }
};

QTEST_GUILESS_MAIN(TestRestQueries)
#include "tst_rest_queries.moc"
