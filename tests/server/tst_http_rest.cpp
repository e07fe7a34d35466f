// The REST API over real HTTP against an in-process server: methods, parameters, queries,
// ETags, server values and every error case of the protocol reference (§1–§5, §12).
#include "http_test_support.h"

#include <QDateTime>

using oiso::test::HttpTestClient;
using oiso::test::Reply;
using oiso::test::TestServer;

namespace {

QJsonValue parsed(const char* json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0);
}

} // namespace

class TestHttpRest : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        m_client = std::make_unique<HttpTestClient>(m_server->url());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void absentLocationIsNull()
    {
        const Reply r = m_client->get(QStringLiteral("/nothing/here.json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
    }

    void putGetPostPatchDelete()
    {
        Reply r = m_client->put(QStringLiteral("/item/i1.json"),
                                R"({"name":"전공책","price":15000,"tags":{}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), parsed(R"({"name":"전공책","price":15000})")); // {} stores nothing
        QCOMPARE(m_client->get(QStringLiteral("/item/i1/name.json")).json(), parsed(R"("전공책")"));

        r = m_client->send("POST", QStringLiteral("/chat.json"), R"({"msg":"a"})");
        QCOMPARE(r.status, 200);
        const QString first = r.json().toObject().value(QStringLiteral("name")).toString();
        QCOMPARE(first.size(), 20);
        const QString second =
            m_client->send("POST", QStringLiteral("/chat.json"), R"({"msg":"b"})")
                .json()
                .toObject()
                .value(QStringLiteral("name"))
                .toString();
        QVERIFY(first < second); // chronological keys
        QCOMPARE(
            m_client->get(QStringLiteral("/chat/") + first + QStringLiteral("/msg.json")).json(),
            parsed(R"("a")"));

        // PATCH replaces the named paths only; it is not a deep merge.
        r = m_client->send("PATCH", QStringLiteral("/item/i1.json"),
                           R"({"price":12000,"meta/views":3,"name":null})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), parsed(R"({"price":12000,"meta/views":3,"name":null})"));
        QCOMPARE(m_client->get(QStringLiteral("/item/i1.json")).json(),
                 parsed(R"({"price":12000,"meta":{"views":3}})"));
        m_client->send("PATCH", QStringLiteral("/item/i1.json"), R"({"meta":{"likes":1}})");
        QCOMPARE(m_client->get(QStringLiteral("/item/i1/meta.json")).json(),
                 parsed(R"({"likes":1})"));

        r = m_client->send("DELETE", QStringLiteral("/item/i1/price.json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        m_client->send("DELETE", QStringLiteral("/item/i1/meta.json"));
        // The last child went, so the parents vanished too.
        QCOMPARE(m_client->get(QStringLiteral("/item.json")).body, QByteArray("null"));
    }

    void arraysRenderAsTheServiceDoes()
    {
        m_client->put(QStringLiteral("/a.json"), R"(["a","b","c"])");
        QCOMPARE(m_client->get(QStringLiteral("/a.json")).json(), parsed(R"(["a","b","c"])"));
        m_client->send("DELETE", QStringLiteral("/a/1.json"));
        QCOMPARE(m_client->get(QStringLiteral("/a.json")).json(), parsed(R"(["a",null,"c"])"));
        m_client->put(QStringLiteral("/a/9.json"), R"("z")");
        QCOMPARE(m_client->get(QStringLiteral("/a.json")).json(),
                 parsed(R"({"0":"a","2":"c","9":"z"})"));
    }

    void printShallowAndExport()
    {
        m_client->put(QStringLiteral("/p.json"), R"({"x":{"deep":1},"y":2})");
        Reply r = m_client->put(QStringLiteral("/p/y.json?print=silent"), "3");
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        r = m_client->get(QStringLiteral("/p.json?print=pretty"));
        QVERIFY(r.body.contains("\n  \"x\" : {"));
        QCOMPARE(r.json(), parsed(R"({"x":{"deep":1},"y":3})"));
        QCOMPARE(m_client->get(QStringLiteral("/p.json?shallow=true")).json(),
                 parsed(R"({"x":true,"y":true})"));
        QCOMPARE(m_client->get(QStringLiteral("/p/y.json?shallow=true")).json(), parsed("3"));
        QCOMPARE(m_client->get(QStringLiteral("/p.json?shallow=true&orderBy=%22%24key%22")).status,
                 400);
        m_client->put(QStringLiteral("/pr.json"), R"({"a":{".value":1,".priority":5}})");
        QCOMPARE(m_client->get(QStringLiteral("/pr.json")).json(), parsed(R"({"a":1})"));
        QCOMPARE(m_client->get(QStringLiteral("/pr.json?format=export")).json(),
                 parsed(R"({"a":{".value":1,".priority":5}})"));
    }

    void queries()
    {
        m_client->put(QStringLiteral("/item.json"), R"({
            "k1":{"seller":"minji","price":5000},
            "k2":{"seller":"junho","price":"12,000"},
            "k3":{"seller":"minji","price":30000},
            "k4":{"seller":"haeun"}})");
        QCOMPARE(
            m_client->get(QStringLiteral("/item.json?orderBy=%22seller%22&equalTo=%22minji%22"))
                .json(),
            parsed(R"({"k1":{"seller":"minji","price":5000},
                            "k3":{"seller":"minji","price":30000}})"));
        // Numbers rank below strings, missing values below numbers (reference §3.6).
        QCOMPARE(m_client->get(QStringLiteral("/item.json?orderBy=%22price%22&startAt=10000"))
                     .json()
                     .toObject()
                     .keys(),
                 (QStringList{QStringLiteral("k2"), QStringLiteral("k3")}));
        QCOMPARE(m_client->get(QStringLiteral("/item.json?orderBy=%22%24key%22&limitToLast=2"))
                     .json()
                     .toObject()
                     .keys(),
                 (QStringList{QStringLiteral("k3"), QStringLiteral("k4")}));
        QCOMPARE(m_client
                     ->get(QStringLiteral("/item.json?orderBy=%22%24key%22&startAfter=%22k1%22"
                                          "&endBefore=%22k4%22"))
                     .json()
                     .toObject()
                     .keys(),
                 (QStringList{QStringLiteral("k2"), QStringLiteral("k3")}));
        QCOMPARE(m_client->get(QStringLiteral("/item.json?orderBy=%22nope%22&equalTo=1")).body,
                 QByteArray("null"));
    }

    void queryValidationErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("filter without orderBy") << QStringLiteral("limitToFirst=1");
        QTest::newRow("orderBy not JSON") << QStringLiteral("orderBy=price");
        QTest::newRow("both limits")
            << QStringLiteral("orderBy=%22%24key%22&limitToFirst=1&limitToLast=1");
        QTest::newRow("equalTo with startAt")
            << QStringLiteral("orderBy=%22a%22&equalTo=1&startAt=1");
        QTest::newRow("object bound") << QStringLiteral("orderBy=%22a%22&startAt=%7B%7D");
        QTest::newRow("key bound not a string") << QStringLiteral("orderBy=%22%24key%22&startAt=5");
        QTest::newRow("negative limit") << QStringLiteral("orderBy=%22%24key%22&limitToFirst=-1");
        QTest::newRow("bad timeout") << QStringLiteral("timeout=20min");
    }
    void queryValidationErrors()
    {
        QFETCH(QString, query);
        const Reply r = m_client->get(QStringLiteral("/item.json?") + query);
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().toObject().value(QStringLiteral("error")).isString());
    }

    void badInputIsRefusedAndLosesNothing_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("malformed JSON")
            << QByteArray("PUT") << QStringLiteral("/keep.json") << QByteArray(R"({"a":)");
        QTest::newRow("empty body")
            << QByteArray("PUT") << QStringLiteral("/keep.json") << QByteArray();
        QTest::newRow("invalid key in body")
            << QByteArray("PUT") << QStringLiteral("/keep.json") << QByteArray(R"({"a.b":1})");
        QTest::newRow("invalid key in path")
            << QByteArray("PUT") << QStringLiteral("/ke%23ep.json") << QByteArray("1");
        QTest::newRow("unknown server value")
            << QByteArray("PUT") << QStringLiteral("/keep.json") << QByteArray(R"({".sv":"x"})");
        QTest::newRow("overlapping patch") << QByteArray("PATCH") << QStringLiteral("/keep.json")
                                           << QByteArray(R"({"a":1,"a/b":2})");
        QTest::newRow("patch with an array")
            << QByteArray("PATCH") << QStringLiteral("/keep.json") << QByteArray("[1]");
        QByteArray deep;
        for (int i = 0; i < 33; ++i)
            deep += "{\"d\":";
        deep += "1" + QByteArray(33, '}');
        QTest::newRow("too deep") << QByteArray("PUT") << QStringLiteral("/keep.json") << deep;
    }
    void badInputIsRefusedAndLosesNothing()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        m_client->put(QStringLiteral("/keep.json"), R"({"a":{"b":"original"}})");
        const Reply r = m_client->send(method, path, body);
        QCOMPARE(r.status, 400);
        QVERIFY(!r.json().toObject().value(QStringLiteral("error")).toString().isEmpty());
        QCOMPARE(m_client->get(QStringLiteral("/keep.json")).json(),
                 parsed(R"({"a":{"b":"original"}})"));
    }

    void etags()
    {
        const oiso::test::Headers wantTag{{"X-Firebase-ETag", "true"}};
        Reply r = m_client->get(QStringLiteral("/lock.json"), wantTag);
        QCOMPARE(r.header("ETag"), QByteArray("null_etag"));
        // create-if-absent: the first wins, the second gets 412 with the current value
        r = m_client->put(QStringLiteral("/lock.json"), R"("first")", {{"if-match", "null_etag"}});
        QCOMPARE(r.status, 200);
        r = m_client->put(QStringLiteral("/lock.json"), R"("second")", {{"if-match", "null_etag"}});
        QCOMPARE(r.status, 412);
        QCOMPARE(r.json(), parsed(R"("first")"));
        const QByteArray current = r.header("ETag");
        QVERIFY(!current.isEmpty());
        QCOMPARE(m_client->get(QStringLiteral("/lock.json"), wantTag).header("ETag"), current);
        QCOMPARE(m_client->get(QStringLiteral("/lock.json"), {{"if-none-match", current}}).status,
                 304);
        r = m_client->put(QStringLiteral("/lock.json"), R"("third")", {{"if-match", current}});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_client->send("DELETE", QStringLiteral("/lock.json"), {}, {{"if-match", current}})
                     .status,
                 412);
        QCOMPARE(m_client->get(QStringLiteral("/lock.json"), {{"if-match", current}}).status, 400);
        QCOMPARE(m_client->send("PATCH", QStringLiteral("/lock.json"), "{}", wantTag).status, 400);
        QCOMPARE(m_client->send("POST", QStringLiteral("/lock.json"), "1", {{"if-match", current}})
                     .status,
                 400);
    }

    void serverValues()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const Reply r = m_client->put(QStringLiteral("/sv.json"),
                                      R"({"a":{".sv":"timestamp"},"b":{".sv":"timestamp"}})");
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        const QJsonObject echo = r.json().toObject();
        const qint64 a = echo.value(QStringLiteral("a")).toInteger();
        QVERIFY(a >= before && a <= after);
        QCOMPARE(echo.value(QStringLiteral("b")).toInteger(), a);

        // Twenty concurrent increments all count.
        QList<QNetworkReply*> pending;
        for (int i = 0; i < 20; ++i)
            pending.append(m_client->start("PUT", QStringLiteral("/counter.json"),
                                           R"({".sv":{"increment":1}})"));
        for (QNetworkReply* reply : pending)
            QCOMPARE(HttpTestClient::finish(reply).status, 200);
        QCOMPARE(m_client->get(QStringLiteral("/counter.json")).json(), parsed("20"));
    }

    void methodOverrideAndNamespaces()
    {
        m_client->put(QStringLiteral("/o.json"), "1");
        QCOMPARE(
            m_client
                ->send("POST", QStringLiteral("/o.json"), "2", {{"X-HTTP-Method-Override", "PUT"}})
                .json(),
            parsed("2"));
        m_client->send("POST", QStringLiteral("/o.json?x-http-method-override=DELETE"), "0");
        QCOMPARE(m_client->get(QStringLiteral("/o.json")).body, QByteArray("null"));

        m_client->put(QStringLiteral("/n.json?ns=campus-a"), R"("a")");
        m_client->put(QStringLiteral("/n.json?ns=campus-b"), R"("b")");
        QCOMPARE(m_client->get(QStringLiteral("/n.json?ns=campus-a")).json(), parsed(R"("a")"));
        QCOMPARE(m_client->get(QStringLiteral("/n.json?ns=campus-b")).json(), parsed(R"("b")"));
        QCOMPARE(m_client->get(QStringLiteral("/n.json")).body, QByteArray("null"));
        QCOMPARE(m_client->get(QStringLiteral("/n.json?ns=Bad_Name")).status, 403);
    }

    void credentials()
    {
        QCOMPARE(m_client->get(QStringLiteral("/x.json?auth=garbage")).status, 401);
        QCOMPARE(
            m_client->get(QStringLiteral("/x.json"), {{"Authorization", "Bearer owner"}}).status,
            200);
        QCOMPARE(
            m_client->get(QStringLiteral("/x.json"), {{"Authorization", "Bearer nope"}}).status,
            401);
        const Reply signUp = m_client->send(
            "POST", QStringLiteral("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=k"),
            R"({"email":"new@oiso.test","password":"secret-pw","returnSecureToken":true})");
        QCOMPARE(signUp.status, 200);
        const QString token = signUp.json().toObject().value(QStringLiteral("idToken")).toString();
        QCOMPARE(m_client->put(QStringLiteral("/x.json?auth=") + token, "1").status, 200);
        // A tampered signature is refused.
        QCOMPARE(
            m_client->get(QStringLiteral("/x.json?auth=") + token.chopped(2) + QStringLiteral("AA"))
                .status,
            401);
    }

    void unknownPathsAndMethods()
    {
        QCOMPARE(m_client->get(QStringLiteral("/no-suffix")).status, 404);
        QCOMPARE(m_client->send("TRACE", QStringLiteral("/x.json")).status, 405);
    }

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestHttpRest)
#include "tst_http_rest.moc"
