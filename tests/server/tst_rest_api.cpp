// The REST API of an in-process server over real HTTP, checked against the protocol reference
// (shared/reference/rtdb-protocol.md §1–§5 and the §12 checklist): every method and parameter,
// values and their rendering, ETags, server values, keep-alive connections and credentials.
// Queries are in tst_rest_queries.cpp, refused writes in tst_rest_validation.cpp.
#include "http_test_support.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>

// Note: moc mis-reads raw string literals that hold an odd number of quotes, "//" or "#" (it
// then finds no test class); such JSON literals below are spelled out with escapes instead.

using oiso::test::canon;
using oiso::test::encodeQuery;
using oiso::test::Headers;
using oiso::test::HttpClient;
using oiso::test::Response;
using oiso::test::ServerFixture;

namespace {

// One HTTP/1.1 connection driven by hand, to see that the server keeps it open between
// requests and answers pipelined requests in order.
class RawConnection {
public:
    bool open(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        return oiso::test::waitUntil(
            [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 10000,
            &m_socket, &QAbstractSocket::stateChanged);
    }
    void send(const QByteArray& bytes) { m_socket.write(bytes); }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    // Reads one response with a Content-Length body: {status, body}.
    std::pair<int, QByteArray> readResponse()
    {
        qsizetype headerEnd = -1;
        qsizetype length = -1;
        const bool complete = oiso::test::waitUntil(
            [&] {
                m_buffer += m_socket.readAll();
                headerEnd = m_buffer.indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return false;
                static const QRegularExpression contentLength(
                    QStringLiteral("\r\ncontent-length: *([0-9]+)"),
                    QRegularExpression::CaseInsensitiveOption);
                const auto match =
                    contentLength.match(QString::fromLatin1(m_buffer.left(headerEnd + 2)));
                length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
                return m_buffer.size() >= headerEnd + 4 + length;
            },
            10000, &m_socket, &QIODevice::readyRead);
        if (!complete)
            return {0, {}};
        const QByteArray head = m_buffer.left(headerEnd);
        const QByteArray body = m_buffer.mid(headerEnd + 4, length);
        m_buffer.remove(0, headerEnd + 4 + length);
        // "HTTP/1.1 200 OK"
        return {head.split(' ').value(1).toInt(), body};
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace

class TestRestApi : public QObject {
    Q_OBJECT

private:
    HttpClient& c() { return m_fx->client(); }

    // The whole database, canonical; used to show that a refused request changed nothing.
    QByteArray everything() { return c().get(QStringLiteral("/.json")).canonical(); }

    std::unique_ptr<ServerFixture> m_fx;

private slots:
    void init()
    {
        m_fx = std::make_unique<ServerFixture>();
        QVERIFY2(m_fx->ok(), qPrintable(m_fx->error()));
    }
    void cleanup() { m_fx.reset(); }

    // §2.1: an absent location is 200 null, never 404; §2 lists the usual headers.
    void getOfAnAbsentLocationIsNull_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("root") << QStringLiteral("/.json");
        QTest::newRow("child") << QStringLiteral("/nothing.json");
        QTest::newRow("deep") << QStringLiteral("/a/b/c/d.json");
        QTest::newRow("trailing slash") << QStringLiteral("/a/b/.json");
    }
    void getOfAnAbsentLocationIsNull()
    {
        QFETCH(QString, path);
        const Response r = c().get(path);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-cache"));
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*"));
    }

    // §2.2: PUT replaces everything at the path and echoes the stored value.
    void putReplacesAndEchoes()
    {
        const QByteArray item = R"({"name":"전공책","price":15000,"sold":false,"rate":4.5})";
        Response r = c().put(QStringLiteral("/item/i1.json"), item);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(item));
        QCOMPARE(c().get(QStringLiteral("/item/i1.json")).canonical(), canon(item));

        r = c().put(QStringLiteral("/item/i1/status.json"), R"("sold")"); // a bare primitive
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(R"("sold")"));
        QCOMPARE(c().get(QStringLiteral("/item/i1/status.json")).canonical(), canon(R"("sold")"));

        r = c().put(QStringLiteral("/item/i1.json"), R"({"name":"x"})"); // replaces all children
        QCOMPARE(r.canonical(), canon(R"({"name":"x"})"));
        QCOMPARE(c().get(QStringLiteral("/item.json")).canonical(),
                 canon(R"({"i1":{"name":"x"}})"));

        for (const char* primitive : {"true", "false", "0", "-12.25", R"("")", R"("한글 ✓")"}) {
            r = c().put(QStringLiteral("/prim.json"), primitive);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.canonical(), canon(primitive));
            QCOMPARE(c().get(QStringLiteral("/prim.json")).canonical(), canon(primitive));
        }

        // Writing below a primitive turns it into an object; deleting below one is a no-op (§1.3).
        QCOMPARE(c().put(QStringLiteral("/prim.json"), "5").status, 200);
        QCOMPARE(c().del(QStringLiteral("/prim/x.json")).status, 200);
        QCOMPARE(c().get(QStringLiteral("/prim.json")).canonical(), canon("5"));
        QCOMPARE(c().put(QStringLiteral("/prim/x.json"), "1").status, 200);
        QCOMPARE(c().get(QStringLiteral("/prim.json")).canonical(), canon(R"({"x":1})"));

        // PUT null deletes.
        r = c().put(QStringLiteral("/prim.json"), "null");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/prim.json")).body, QByteArray("null"));
    }

    // §1.2: keys may hold any UTF-8 and characters such as ? ~ - _ : @ (percent-encoded).
    void keysWithUnusualCharacters()
    {
        const QString path =
            QStringLiteral("/%EC%82%AC%EC%9A%A9%EC%9E%90/a%3Fb~c-d_e%3Af%40g.json");
        QCOMPARE(c().put(path, R"("v")").status, 200);
        QCOMPARE(c().get(QStringLiteral("/.json")).canonical(),
                 canon(R"({"사용자":{"a?b~c-d_e:f@g":"v"}})"));
        QCOMPARE(c().get(path).canonical(), canon(R"("v")"));
    }

    // §1.1: a trailing slash before the suffix is harmless.
    void trailingSlashBeforeTheSuffix()
    {
        QCOMPARE(c().put(QStringLiteral("/users/u1/.json"), R"({"n":1})").status, 200);
        QCOMPARE(c().get(QStringLiteral("/users/u1.json")).canonical(), canon(R"({"n":1})"));
        QCOMPARE(c().get(QStringLiteral("/users/.json")).canonical(), canon(R"({"u1":{"n":1}})"));
    }

    // §1.3: values keep their exact JSON meaning: doubles at full precision, strings with
    // escapes, control characters and characters outside the BMP.
    void valuesRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("stored"); // when it differs from json
        QTest::newRow("0.1") << QByteArray("0.1") << QByteArray();
        QTest::newRow("1/3") << QByteArray("0.3333333333333333") << QByteArray();
        QTest::newRow("large") << QByteArray("1e21") << QByteArray();
        QTest::newRow("max double") << QByteArray("1.7976931348623157e308") << QByteArray();
        QTest::newRow("tiny") << QByteArray("5e-324") << QByteArray();
        QTest::newRow("negative") << QByteArray("-123456.789") << QByteArray();
        QTest::newRow("2^53") << QByteArray("9007199254740992") << QByteArray();
        QTest::newRow("ms timestamp") << QByteArray("1732521600123") << QByteArray();
        QTest::newRow("escapes") << QByteArray(
                                        "\"quote \\\" backslash \\\\ slash / tab \\t nl \\n\"")
                                 << QByteArray();
        QTest::newRow("control") << QByteArray(R"("\u0001\u001f\u007f")") << QByteArray();
        QTest::newRow("emoji") << QByteArray(R"("😀 한글 é")") << QByteArray();
        QTest::newRow("empty string") << QByteArray(R"("")") << QByteArray();
        QTest::newRow("mixed object")
            << QByteArray(R"({"a":[1,"two",true,{"x":null,"y":0}],"b":-0.5,"c":false})")
            << QByteArray(R"({"a":[1,"two",true,{"y":0}],"b":-0.5,"c":false})"); // null = absent
    }
    void valuesRoundTrip()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, stored);
        if (stored.isEmpty())
            stored = json;
        const Response r = c().put(QStringLiteral("/v.json"), json);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(stored));
        QCOMPARE(c().get(QStringLiteral("/v.json")).canonical(), canon(stored));
        QCOMPARE(c().get(QStringLiteral("/.json")).canonical(),
                 canon(QJsonObject{{QStringLiteral("v"), oiso::test::parseJson(stored)}}));
    }

    // §2.3: POST answers {"name": <20-char push id>}; ids from the server clock sort in order.
    void postAppendsUnderPushIds()
    {
        static const QRegularExpression pushId(QStringLiteral("^[-0-9A-Z_a-z]{20}$"));
        QStringList names;
        for (int i = 0; i < 5; ++i) {
            const Response r = c().post(QStringLiteral("/chat.json"),
                                        QByteArray(R"({"n":)") + char('0' + i) + '}');
            QCOMPARE(r.status, 200);
            const QJsonObject answer = r.json.toObject();
            QCOMPARE(answer.keys(), QStringList{QStringLiteral("name")});
            const QString name = answer.value(QStringLiteral("name")).toString();
            QVERIFY2(pushId.match(name).hasMatch(), qPrintable(name));
            if (!names.isEmpty())
                QVERIFY2(names.last() < name,
                         qPrintable(QString(names.last() + QLatin1String(" !< ") + name)));
            names.append(name);
        }
        QJsonObject expected;
        for (int i = 0; i < names.size(); ++i)
            expected.insert(names.at(i), QJsonObject{{QStringLiteral("n"), i}});
        QCOMPARE(c().get(QStringLiteral("/chat.json")).canonical(), canon(expected));

        // A primitive and a server value under a push id.
        Response r = c().post(QStringLiteral("/chat.json"), R"("hello")");
        const QString hello = r.json.toObject().value(QStringLiteral("name")).toString();
        QCOMPARE(c().get(QStringLiteral("/chat/") + hello + QStringLiteral(".json")).canonical(),
                 canon(R"("hello")"));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        r = c().post(QStringLiteral("/chat.json"), R"({"ts":{".sv":"timestamp"}})");
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        const QString stamped = r.json.toObject().value(QStringLiteral("name")).toString();
        const qint64 ts = c().get(QStringLiteral("/chat/") + stamped + QStringLiteral("/ts.json"))
                              .json.toInteger(-1);
        QVERIFY(ts >= before && ts <= after);
    }

    // §2.4: keys are relative paths, values replace, null deletes, no deep merge, echo.
    void patchUpdatesOnlyTheNamedPaths()
    {
        QCOMPARE(c().put(QStringLiteral("/u.json"),
                         R"({"u1":{"nick":"A","age":20},"u2":{"nick":"B","age":30},"keep":1})")
                     .status,
                 200);
        const QByteArray update =
            R"({"u1/nick":"AA","u2":{"mood":"ok"},"u3/x/y":true,"keep":null})";
        Response r = c().patch(QStringLiteral("/u.json"), update);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(update));
        QCOMPARE(
            c().get(QStringLiteral("/u.json")).canonical(),
            canon(R"({"u1":{"nick":"AA","age":20},"u2":{"mood":"ok"},"u3":{"x":{"y":true}}})"));

        // From the root, across subtrees, atomically in one request.
        r = c().patch(QStringLiteral("/.json"), R"({"u/u1/age":21,"other/thing":"t","u/u3":null})");
        QCOMPARE(r.status, 200);
        QCOMPARE(c().get(QStringLiteral("/.json")).canonical(),
                 canon(R"({"u":{"u1":{"nick":"AA","age":21},"u2":{"mood":"ok"}},
                           "other":{"thing":"t"}})"));

        // A PATCH that removes the last children leaves nothing behind.
        QCOMPARE(c().patch(QStringLiteral("/u.json"), R"({"u1":null,"u2":null})").status, 200);
        QCOMPARE(c().get(QStringLiteral("/u.json")).body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/.json")).canonical(),
                 canon(R"({"other":{"thing":"t"}})"));
    }

    // §2.5 and §1.3: DELETE answers null; empty parents vanish, recursively.
    void deleteAndPruning()
    {
        QCOMPARE(c().put(QStringLiteral("/a.json"), R"({"b":{"c":{"d":1}},"e":2})").status, 200);
        Response r = c().del(QStringLiteral("/a/b/c/d.json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/a/b/c.json")).body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/a/b.json")).body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/a.json")).canonical(), canon(R"({"e":2})"));
        QCOMPARE(c().get(QStringLiteral("/a.json?shallow=true")).canonical(),
                 canon(R"({"e":true})"));
        QCOMPARE(c().del(QStringLiteral("/a/e.json")).status, 200);
        QCOMPARE(c().get(QStringLiteral("/a.json")).body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/.json")).body, QByteArray("null"));

        r = c().del(QStringLiteral("/never/there.json")); // deleting nothing succeeds
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
    }

    // §1.3: {} is null; it stores nothing, also deep inside a value.
    void emptyObjectsStoreNothing()
    {
        Response r = c().put(QStringLiteral("/x.json"), "{}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json, QJsonValue(QJsonValue::Null));
        QCOMPARE(c().get(QStringLiteral("/x.json")).body, QByteArray("null"));

        r = c().put(QStringLiteral("/x.json"), R"({"a":{},"b":{"c":{}},"d":1,"e":[]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(R"({"d":1})"));
        QCOMPARE(c().get(QStringLiteral("/x.json")).canonical(), canon(R"({"d":1})"));
        QCOMPARE(c().get(QStringLiteral("/x/a.json")).body, QByteArray("null"));

        QCOMPARE(c().put(QStringLiteral("/x/d.json"), "{}").status, 200); // deletes d
        QCOMPARE(c().get(QStringLiteral("/.json")).body, QByteArray("null"));
    }

    // §1.4 worked example, null holes, and no array rendering in export format.
    void arraysRender()
    {
        QCOMPARE(c().put(QStringLiteral("/arr.json"), R"(["a","b","c"])").status, 200);
        QCOMPARE(c().get(QStringLiteral("/arr.json")).canonical(), canon(R"(["a","b","c"])"));
        QCOMPARE(c().get(QStringLiteral("/arr/1.json")).canonical(), canon(R"("b")"));
        QCOMPARE(c().del(QStringLiteral("/arr/1.json")).status, 200);
        QCOMPARE(c().get(QStringLiteral("/arr.json")).canonical(), canon(R"(["a",null,"c"])"));
        QCOMPARE(c().put(QStringLiteral("/arr/9.json"), R"("z")").status, 200);
        QCOMPARE(c().get(QStringLiteral("/arr.json")).canonical(),
                 canon(R"({"0":"a","2":"c","9":"z"})"));

        // null elements are simply absent
        QCOMPARE(c().put(QStringLiteral("/holes.json"), R"([null,"b",null,"d"])").status, 200);
        QCOMPARE(c().get(QStringLiteral("/holes/0.json")).body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/holes.json?shallow=true")).canonical(),
                 canon(R"([null,true,null,true])"));
        QCOMPARE(c().get(QStringLiteral("/holes.json")).canonical(),
                 canon(R"([null,"b",null,"d"])"));
        QCOMPARE(c().get(QStringLiteral("/holes.json?format=export")).canonical(),
                 canon(R"({"1":"b","3":"d"})"));

        // keys that are not canonical integers keep it an object
        QCOMPARE(c().put(QStringLiteral("/obj.json"), R"({"0":"a","01":"b"})").status, 200);
        QCOMPARE(c().get(QStringLiteral("/obj.json")).canonical(), canon(R"({"0":"a","01":"b"})"));
    }

    // §2.7 print=silent: 204 and an empty body on GET, PUT, POST and PATCH; the write happens.
    void printSilent()
    {
        Response r = c().put(QStringLiteral("/s/a.json?print=silent"), "1");
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        r = c().post(QStringLiteral("/s/list.json?print=silent"), R"("pushed")");
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        r = c().patch(QStringLiteral("/s.json?print=silent"), R"({"b":2})");
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        r = c().get(QStringLiteral("/s.json?print=silent"));
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());

        const QJsonObject stored = c().get(QStringLiteral("/s.json")).json.toObject();
        QCOMPARE(stored.value(QStringLiteral("a")), QJsonValue(1));
        QCOMPARE(stored.value(QStringLiteral("b")), QJsonValue(2));
        const QJsonObject list = stored.value(QStringLiteral("list")).toObject();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.begin().value(), QJsonValue(QStringLiteral("pushed")));
    }

    // print=pretty: indented JSON with the same content, for reads and write echoes.
    void printPretty()
    {
        const QByteArray value = R"({"x":{"deep":[1,2]},"y":"two"})";
        Response r = c().put(QStringLiteral("/p.json?print=pretty"), value);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains("\n  "), r.body.constData());
        QCOMPARE(r.canonical(), canon(value));
        r = c().get(QStringLiteral("/p.json?print=pretty"));
        QCOMPARE(r.status, 200);
        // Spaced like the service's output (name, " : ", value), not just re-indented.
        QVERIFY2(r.body.contains("\n  \"x\" : {"), r.body.constData());
        QCOMPARE(r.canonical(), canon(value));
        r = c().patch(QStringLiteral("/p.json?print=pretty"), R"({"y":"2","z/w":3})");
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains('\n'), r.body.constData());
        QCOMPARE(r.canonical(), canon(R"({"y":"2","z/w":3})"));
    }

    // §2.7 shallow=true: children become true, primitives as is, null is null; no filters.
    void shallowReads()
    {
        QCOMPARE(
            c().put(QStringLiteral("/s.json"), R"({"x":{"deep":{"er":1}},"y":2,"z":"t"})").status,
            200);
        QCOMPARE(c().get(QStringLiteral("/s.json?shallow=true")).canonical(),
                 canon(R"({"x":true,"y":true,"z":true})"));
        QCOMPARE(c().get(QStringLiteral("/s/y.json?shallow=true")).canonical(), canon("2"));
        QCOMPARE(c().get(QStringLiteral("/s/z.json?shallow=true")).canonical(), canon(R"("t")"));
        QCOMPARE(c().get(QStringLiteral("/none.json?shallow=true")).body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/.json?shallow=true")).canonical(),
                 canon(R"({"s":true})"));

        for (const char* query :
             {R"(shallow=true&orderBy="$key")", R"(shallow=true&orderBy="$key"&limitToFirst=1)",
              R"(shallow=true&orderBy="y"&equalTo=2)"}) {
            const Response r = c().get(QStringLiteral("/s.json?") + encodeQuery(query));
            QCOMPARE(r.status, 400);
            QVERIFY2(!r.errorText().isEmpty(), r.body.constData());
        }
    }

    // §1.3 and §2.7 format=export: priorities, written inline, appear only in export format.
    void exportFormatShowsPriorities()
    {
        const QByteArray value =
            R"({"a":{".value":1,".priority":5},"b":{"c":1,".priority":"p"},"d":2})";
        QCOMPARE(c().put(QStringLiteral("/pr.json"), value).status, 200);
        QCOMPARE(c().get(QStringLiteral("/pr.json")).canonical(),
                 canon(R"({"a":1,"b":{"c":1},"d":2})"));
        QCOMPARE(c().get(QStringLiteral("/pr.json?format=export")).canonical(), canon(value));
        QCOMPARE(c().get(QStringLiteral("/pr/a.json?format=export")).canonical(),
                 canon(R"({".value":1,".priority":5})"));
        QCOMPARE(c().get(QStringLiteral("/pr/a.json")).canonical(), canon("1"));
    }

    // §2.6: X-HTTP-Method-Override header and x-http-method-override query parameter on POST.
    void methodOverride()
    {
        Response r = c().post(QStringLiteral("/o.json"), "2", {{"X-HTTP-Method-Override", "PUT"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon("2")); // an echo, not {"name": …}
        QCOMPARE(c().get(QStringLiteral("/o.json")).canonical(), canon("2"));

        r = c().post(QStringLiteral("/o.json"), R"({"a":1})",
                     {{"X-HTTP-Method-Override", "PATCH"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(c().get(QStringLiteral("/o.json")).canonical(), canon(R"({"a":1})"));

        r = c().post(QStringLiteral("/o.json"), "0", {{"X-HTTP-Method-Override", "DELETE"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/o.json")).body, QByteArray("null"));

        r = c().post(QStringLiteral("/o.json?x-http-method-override=PUT"), R"("q")");
        QCOMPARE(r.status, 200);
        QCOMPARE(c().get(QStringLiteral("/o.json")).canonical(), canon(R"("q")"));
        r = c().post(QStringLiteral("/o.json?x-http-method-override=PATCH"), R"({"k":"v"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(c().get(QStringLiteral("/o.json")).canonical(), canon(R"({"k":"v"})"));
        r = c().post(QStringLiteral("/o.json?x-http-method-override=DELETE"), "0");
        QCOMPARE(r.status, 200);
        QCOMPARE(c().get(QStringLiteral("/.json")).body, QByteArray("null"));
    }

    // §1.1: ?ns= selects the database; two namespaces and the default one are separate.
    void namespacesAreSeparate()
    {
        QCOMPARE(c().put(QStringLiteral("/n.json?ns=campus-a"), R"("a")").status, 200);
        QCOMPARE(c().put(QStringLiteral("/n.json?ns=campus-b"), R"("b")").status, 200);
        QCOMPARE(c().put(QStringLiteral("/only-default.json"), "1").status, 200);
        QCOMPARE(c().get(QStringLiteral("/.json?ns=campus-a")).canonical(), canon(R"({"n":"a"})"));
        QCOMPARE(c().get(QStringLiteral("/.json?ns=campus-b")).canonical(), canon(R"({"n":"b"})"));
        QCOMPARE(c().get(QStringLiteral("/.json")).canonical(), canon(R"({"only-default":1})"));
        QCOMPARE(c().del(QStringLiteral("/n.json?ns=campus-a")).status, 200);
        QCOMPARE(c().get(QStringLiteral("/n.json?ns=campus-b")).canonical(), canon(R"("b")"));

        // Namespace names are lowercase letters, digits and dashes; others are refused.
        const Response r = c().put(QStringLiteral("/n.json?ns=Bad_Name"), "1");
        QCOMPARE(r.status, 403);
        QCOMPARE(c().get(QStringLiteral("/n.json?ns=Bad_Name")).status, 403);
    }

    // §4: ETags on request, conditional writes, null_etag, 412 with the current value, 304.
    void etags()
    {
        const Headers wantTag{{"X-Firebase-ETag", "true"}};
        Response r = c().get(QStringLiteral("/lock.json"), wantTag);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        QCOMPARE(r.header("ETag"), QByteArray("null_etag"));

        // create-if-absent: the first wins, the second gets 412 with the current value and ETag
        r = c().put(QStringLiteral("/lock.json"), R"("first")", {{"if-match", "null_etag"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(R"("first")"));
        r = c().put(QStringLiteral("/lock.json"), R"("second")", {{"if-match", "null_etag"}});
        QCOMPARE(r.status, 412);
        QCOMPARE(r.canonical(), canon(R"("first")"));
        const QByteArray first = r.header("ETag");
        QVERIFY(!first.isEmpty());
        QVERIFY(first != "null_etag");
        QCOMPARE(c().get(QStringLiteral("/lock.json")).canonical(), canon(R"("first")"));

        r = c().get(QStringLiteral("/lock.json"), wantTag);
        QCOMPARE(r.header("ETag"), first);
        QVERIFY(!c().get(QStringLiteral("/lock.json")).hasHeader("ETag")); // only when asked

        // if-none-match: 304 without a body while unchanged, else 200 with data and ETag
        r = c().get(QStringLiteral("/lock.json"), {{"if-none-match", first}});
        QCOMPARE(r.status, 304);
        QVERIFY(r.body.isEmpty());
        r = c().get(QStringLiteral("/lock.json"), {{"if-none-match", "stale"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(R"("first")"));
        QCOMPARE(r.header("ETag"), first);

        // if-match success, then the old tag no longer matches
        r = c().put(QStringLiteral("/lock.json"), R"("third")", {{"if-match", first}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon(R"("third")"));
        QVERIFY(!r.hasHeader("ETag")); // §4.3: not asked for
        r = c().put(QStringLiteral("/lock.json"), R"("lost")", {{"if-match", first}});
        QCOMPARE(r.status, 412);
        QCOMPARE(r.canonical(), canon(R"("third")"));
        const QByteArray third = r.header("ETag");
        QCOMPARE(c().get(QStringLiteral("/lock.json"), wantTag).header("ETag"), third);
        QVERIFY(third != first);
        QCOMPARE(c().get(QStringLiteral("/lock.json"), {{"if-none-match", first}}).status, 200);

        // PUT with X-Firebase-ETag: the ETag of the written data
        r = c().put(QStringLiteral("/lock.json"), R"({"v":1})", wantTag);
        QCOMPARE(r.status, 200);
        const QByteArray written = r.header("ETag");
        QVERIFY(!written.isEmpty());
        QCOMPARE(c().get(QStringLiteral("/lock.json"), wantTag).header("ETag"), written);

        // DELETE: mismatch → 412 and nothing deleted; match → deleted
        r = c().del(QStringLiteral("/lock.json"), {{"if-match", third}});
        QCOMPARE(r.status, 412);
        QCOMPARE(r.canonical(), canon(R"({"v":1})"));
        QCOMPARE(r.header("ETag"), written);
        r = c().del(QStringLiteral("/lock.json"), {{"if-match", written}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("null"));
        QCOMPARE(c().get(QStringLiteral("/lock.json")).body, QByteArray("null"));
        r = c().del(QStringLiteral("/lock.json"), wantTag);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("ETag"), QByteArray("null_etag"));

        // POST with X-Firebase-ETag: the ETag of the posted data
        r = c().post(QStringLiteral("/lock.json"), R"({"p":true})", wantTag);
        QCOMPARE(r.status, 200);
        const QString name = r.json.toObject().value(QStringLiteral("name")).toString();
        QCOMPARE(name.size(), 20);
        QCOMPARE(c().get(QStringLiteral("/lock/") + name + QStringLiteral(".json"), wantTag)
                     .header("ETag"),
                 r.header("ETag"));

        // Not supported: if-match on GET, POST and PATCH; X-Firebase-ETag on PATCH
        const QByteArray before = everything();
        const QByteArray current = c().get(QStringLiteral("/lock.json"), wantTag).header("ETag");
        r = c().get(QStringLiteral("/lock.json"), {{"if-match", current}});
        QCOMPARE(r.status, 400);
        QVERIFY(!r.errorText().isEmpty());
        r = c().post(QStringLiteral("/lock.json"), "1", {{"if-match", current}});
        QCOMPARE(r.status, 400);
        QVERIFY(!r.errorText().isEmpty());
        r = c().patch(QStringLiteral("/lock.json"), R"({"x":1})", {{"if-match", current}});
        QCOMPARE(r.status, 400);
        QVERIFY(!r.errorText().isEmpty());
        r = c().patch(QStringLiteral("/lock.json"), R"({"x":1})", wantTag);
        QCOMPARE(r.status, 400);
        QVERIFY(!r.errorText().isEmpty());
        QCOMPARE(everything(), before);
    }

    // §5: one timestamp per request, inside the request's time window, in every write method.
    void serverTimestamps()
    {
        qint64 before = QDateTime::currentMSecsSinceEpoch();
        Response r = c().put(QStringLiteral("/sv.json"),
                             R"({"a":{".sv":"timestamp"},"b":{"c":{".sv":"timestamp"}},"n":1})");
        qint64 after = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(r.status, 200);
        const QJsonObject echo = r.json.toObject();
        const qint64 a = echo.value(QStringLiteral("a")).toInteger(-1);
        QVERIFY2(a >= before && a <= after, qPrintable(QString::number(a)));
        QCOMPARE(echo.value(QStringLiteral("b")).toObject().value(QStringLiteral("c")).toInteger(),
                 a);
        QCOMPARE(c().get(QStringLiteral("/sv.json")).canonical(), r.canonical());

        before = QDateTime::currentMSecsSinceEpoch();
        r = c().patch(QStringLiteral("/sv.json"),
                      R"({"a":{".sv":"timestamp"},"x/y":{".sv":"timestamp"}})");
        after = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(r.status, 200);
        const qint64 p = r.json.toObject().value(QStringLiteral("a")).toInteger(-1);
        QVERIFY(p >= before && p <= after);
        QCOMPARE(r.json.toObject().value(QStringLiteral("x/y")).toInteger(), p);
        QCOMPARE(c().get(QStringLiteral("/sv/x/y.json")).json.toInteger(), p);
        QCOMPARE(c().get(QStringLiteral("/sv/a.json")).json.toInteger(), p);
    }

    // §5 increment: absent → delta, numbers add up, non-numbers count as absent, floats.
    void serverIncrements()
    {
        Response r = c().put(QStringLiteral("/cnt.json"), R"({".sv":{"increment":5}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon("5"));
        r = c().put(QStringLiteral("/cnt.json"), R"({".sv":{"increment":5}})");
        QCOMPARE(r.canonical(), canon("10"));
        r = c().put(QStringLiteral("/cnt.json"), R"({".sv":{"increment":-2.5}})");
        QCOMPARE(r.canonical(), canon("7.5"));
        r = c().patch(QStringLiteral("/.json"), R"({"cnt":{".sv":{"increment":1}}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(c().get(QStringLiteral("/cnt.json")).canonical(), canon("8.5"));

        QCOMPARE(c().put(QStringLiteral("/obj.json"), R"({"n":3})").status, 200);
        r = c().put(QStringLiteral("/obj.json"), R"({"n":{".sv":{"increment":1}},"m":1})");
        QCOMPARE(r.canonical(), canon(R"({"n":4,"m":1})"));

        QCOMPARE(c().put(QStringLiteral("/str.json"), R"("abc")").status, 200);
        r = c().put(QStringLiteral("/str.json"), R"({".sv":{"increment":3}})");
        QCOMPARE(r.canonical(), canon("3"));
    }

    // Twenty increments in flight at once on separate connections: each sees a distinct value
    // and none is lost.
    void concurrentIncrementsSumExactly()
    {
        std::vector<std::unique_ptr<HttpClient>> clients;
        for (int i = 0; i < 4; ++i)
            clients.push_back(std::make_unique<HttpClient>(m_fx->url()));
        QList<QNetworkReply*> pending;
        for (int i = 0; i < 20; ++i) {
            pending.append(
                clients.at(std::size_t(i % 4))
                    ->send("PUT", QStringLiteral("/counter.json"), R"({".sv":{"increment":1}})"));
        }
        QSet<qint64> seen;
        for (QNetworkReply* reply : pending) {
            const Response r = HttpClient::wait(reply);
            QCOMPARE(r.status, 200);
            seen.insert(r.json.toInteger(-1));
        }
        QSet<qint64> expected;
        for (qint64 i = 1; i <= 20; ++i)
            expected.insert(i);
        QCOMPARE(seen, expected);
        QCOMPARE(c().get(QStringLiteral("/counter.json")).canonical(), canon("20"));
    }

    // HTTP/1.1 keep-alive: one connection serves several requests, also pipelined ones.
    void severalRequestsOnOneConnection()
    {
        RawConnection raw;
        QVERIFY(raw.open(m_fx->server().port()));
        const QByteArray host = "Host: 127.0.0.1\r\n";
        raw.send("PUT /k.json HTTP/1.1\r\n" + host + "Content-Length: 7\r\n\r\n\"hello\"");
        auto [status, body] = raw.readResponse();
        QCOMPARE(status, 200);
        QCOMPARE(canon(oiso::test::parseJson(body)), canon(R"("hello")"));
        QVERIFY(raw.connected());
        raw.send("GET /k.json HTTP/1.1\r\n" + host + "\r\n");
        std::tie(status, body) = raw.readResponse();
        QCOMPARE(status, 200);
        QCOMPARE(canon(oiso::test::parseJson(body)), canon(R"("hello")"));
        // pipelined: both requests in one write, answered in order
        raw.send("GET /k.json HTTP/1.1\r\n" + host + "\r\nGET /none.json HTTP/1.1\r\n" + host +
                 "\r\n");
        std::tie(status, body) = raw.readResponse();
        QCOMPARE(status, 200);
        QCOMPARE(canon(oiso::test::parseJson(body)), canon(R"("hello")"));
        std::tie(status, body) = raw.readResponse();
        QCOMPARE(status, 200);
        QCOMPARE(body, QByteArray("null"));
        QVERIFY(raw.connected());

        // And through QNetworkAccessManager, which reuses its connections.
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(c().put(QStringLiteral("/k.json"), QByteArray::number(i)).status, 200);
            QCOMPARE(c().get(QStringLiteral("/k.json")).canonical(), QByteArray::number(i));
        }
    }

    // §7.1: a bad auth= is 401; the emulator's admin credential works; nothing is written.
    void credentials()
    {
        QCOMPARE(c().put(QStringLiteral("/x.json"), "1").status, 200);
        Response r = c().get(QStringLiteral("/x.json?auth=garbage"));
        QCOMPARE(r.status, 401);
        QVERIFY(!r.errorText().isEmpty());
        r = c().put(QStringLiteral("/x.json?auth=garbage"), "2");
        QCOMPARE(r.status, 401);
        QVERIFY(!r.errorText().isEmpty());
        r = c().put(QStringLiteral("/x.json?auth=a.b.c"), "2");
        QCOMPARE(r.status, 401);
        QCOMPARE(c().get(QStringLiteral("/x.json")).canonical(), canon("1"));

        const Headers owner{{"Authorization", "Bearer owner"}};
        r = c().get(QStringLiteral("/x.json"), owner);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.canonical(), canon("1"));
        r = c().put(QStringLiteral("/x.json"), "3", owner);
        QCOMPARE(r.status, 200);
        QCOMPARE(c().get(QStringLiteral("/x.json")).canonical(), canon("3"));
        QCOMPARE(c().get(QStringLiteral("/x.json?access_token=owner")).canonical(), canon("3"));

        // Only the admin credential is taken as a bearer token.
        r = c().put(QStringLiteral("/x.json"), "4", {{"Authorization", "Bearer nope"}});
        QCOMPARE(r.status, 401);
        QVERIFY(!r.errorText().isEmpty());
        QCOMPARE(c().get(QStringLiteral("/x.json"), {{"Authorization", "Bearer nope"}}).status,
                 401);
        QCOMPARE(c().get(QStringLiteral("/x.json")).canonical(), canon("3"));
    }

    void unknownPathsAndMethods()
    {
        for (const char* path : {"/no-suffix", "/x/y", "/favicon.ico", "/static/nope.png"}) {
            const Response r = c().get(QString::fromLatin1(path));
            QCOMPARE(r.status, 404);
        }
        QCOMPARE(c().request("TRACE", QStringLiteral("/x.json")).status, 405);
    }

    // The demo market's images are served under /static/ (product brief).
    void demoImagesAreServed()
    {
        m_fx.reset();
        oiso::server::ServerOptions options;
        options.seedDemo = true;
        m_fx = std::make_unique<ServerFixture>(options);
        QVERIFY2(m_fx->ok(), qPrintable(m_fx->error()));
        const QJsonObject items = c().get(QStringLiteral("/item.json")).json.toObject();
        QVERIFY(!items.isEmpty());
        const QJsonValue imgPath = items.begin()->toObject().value(QStringLiteral("img_path"));
        const QString image =
            imgPath.isArray() ? imgPath.toArray().at(0).toString() : imgPath.toString();
        QVERIFY2(image.startsWith(QLatin1String("static/")), qPrintable(image));
        const Response r = c().get(QLatin1Char('/') + image);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("image/png"));
        QVERIFY(r.body.startsWith("\x89PNG\r\n"));
        QCOMPARE(c().get(QStringLiteral("/static/%2E%2E/demo.qrc")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestRestApi)
#include "tst_rest_api.moc"
