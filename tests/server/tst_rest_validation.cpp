// Writes and reads the REST API refuses, over real HTTP against an in-process server, checked
// against the protocol reference (shared/reference/rtdb-protocol.md §1.2, §2.8 and the §12
// checklist): invalid keys and paths, length and depth limits, unparsable bodies and bad
// updates are 400 with an `error` member, and a refused write changes nothing.
#include "http_test_support.h"

#include <QUrl>

// Note: moc mis-reads raw string literals that hold an odd number of quotes, "//" or "#" (it
// then finds no test class); such JSON literals below are spelled out with escapes instead.

using oiso::test::canon;
using oiso::test::HttpClient;
using oiso::test::Response;
using oiso::test::ServerFixture;

namespace {

QByteArray nested(int levels, const QByteArray& leaf = "1")
{
    QByteArray json;
    for (int i = 0; i < levels; ++i)
        json += "{\"d\":";
    return json + leaf + QByteArray(levels, '}');
}

} // namespace

class TestRestValidation : public QObject {
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

    // §1.2: keys are at most 768 bytes and paths (slashes counted) too, in UTF-8 bytes, not
    // characters: "가" is 3 bytes, so 256 of them are a full-length key.
    void lengthsAreCountedInBytes()
    {
        const auto key = [](int characters) { return QString(characters, QChar(0xAC00)); };
        const auto path = [](const QString& k) {
            return QString(QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(k)) +
                           QStringLiteral(".json"));
        };
        const auto payload = [](const QString& k) {
            return QJsonDocument(QJsonObject{{k, 3}}).toJson();
        };
        // payload keys: at most 768 bytes each (reference §1.2 valid_key)
        QCOMPARE(c().put(QStringLiteral("/.json"), payload(key(256))).status, 200);
        QCOMPARE(c().put(QStringLiteral("/p.json"), payload(key(257))).status, 400);
        // URL paths: at most 768 bytes, slashes included (reference §1.2 valid_path)
        QCOMPARE(c().put(path(key(255)), "1").status, 200); // 766 bytes with the slash
        QCOMPARE(c().get(path(key(255))).canonical(), canon("1"));
        QCOMPARE(c().put(path(key(256)), "2").status, 400); // 769 bytes with the slash
        QStringList keys{key(255), key(256)};
        keys.sort();
        QStringList stored = c().get(QStringLiteral("/.json")).json.toObject().keys();
        stored.sort();
        QCOMPARE(stored, keys);
    }

    // §1.2, §2.8 and §12: invalid paths, invalid payloads, unparsable or missing bodies, too
    // deep data, bad updates → 400 with an `error` member, and nothing changes.
    void badWritesAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        const QString keep = QStringLiteral("/keep.json");
        const QByteArray put = "PUT", post = "POST", patch = "PATCH";

        QTest::newRow("truncated JSON") << put << keep << QByteArray(R"({"a":)");
        QTest::newRow("bare word") << put << keep << QByteArray("nope");
        QTest::newRow("single quotes") << put << keep << QByteArray("{'a':1}");
        QTest::newRow("trailing comma") << put << keep << QByteArray(R"({"a":1,})");
        QTest::newRow("two values") << put << keep << QByteArray("1 2");
        QTest::newRow("NaN") << put << keep << QByteArray("NaN");
        QTest::newRow("malformed POST") << post << keep << QByteArray(R"({"a")");
        QTest::newRow("empty PUT body") << put << keep << QByteArray();
        QTest::newRow("blank PUT body") << put << keep << QByteArray("  \n");
        QTest::newRow("empty POST body") << post << keep << QByteArray();

        for (const char* key :
             {"a.b", "a$b", "a#b", "a[b", "a]b", "a/b", "", "\\u0001", "\\u007f"}) {
            QTest::addRow("payload key \"%s\"", key)
                << put << keep << QByteArray(QByteArray("{\"a\":{\"") + key + "\":1}}");
        }
        QTest::newRow("payload key too long")
            << put << keep << QByteArray(QByteArray("{\"") + QByteArray(769, 'k') + "\":1}");
        QTest::newRow("top-level payload key") << put << keep << QByteArray(R"({"a.b":1})");
        QTest::newRow("POST payload key") << post << keep << QByteArray(R"({"x.y":1})");
        QTest::newRow(".value mixed with children")
            << put << keep << QByteArray(R"({".value":1,"x":2})");
        QTest::newRow("unknown server value") << put << keep << QByteArray(R"({".sv":"nope"})");
        QTest::newRow("server value with a sibling")
            << put << keep << QByteArray(R"({".sv":"timestamp","x":1})");
        QTest::newRow("increment of a string")
            << put << keep << QByteArray(R"({".sv":{"increment":"1"}})");

        QTest::newRow("path with .") << put << QStringLiteral("/a.b.json") << QByteArray("1");
        QTest::newRow("path with #") << put << QStringLiteral("/a%23b.json") << QByteArray("1");
        QTest::newRow("path with $") << put << QStringLiteral("/a$b.json") << QByteArray("1");
        QTest::newRow("path with [ ]")
            << put << QStringLiteral("/a%5Bb%5D.json") << QByteArray("1");
        QTest::newRow("path with control char")
            << put << QStringLiteral("/a%01b.json") << QByteArray("1");
        QTest::newRow("path key too long")
            << put
            << QString(QLatin1Char('/') + QString(769, QLatin1Char('k')) + QStringLiteral(".json"))
            << QByteArray("1");
        QString deepPath;
        for (int i = 0; i < 33; ++i)
            deepPath += QStringLiteral("/p");
        QTest::newRow("path 33 keys deep")
            << put << QString(deepPath + QStringLiteral(".json")) << QByteArray("1");
        QTest::newRow("PATCH on an invalid path")
            << patch << QStringLiteral("/a%23b.json") << QByteArray(R"({"x":1})");

        QTest::newRow("value 33 levels deep") << put << QStringLiteral("/.json") << nested(33);
        QTest::newRow("value 40 levels deep") << put << keep << nested(40);
        QString path20;
        for (int i = 0; i < 20; ++i)
            path20 += QStringLiteral("/p");
        QTest::newRow("deep path + deep value")
            << put << QString(path20 + QStringLiteral(".json")) << nested(13);
        QTest::newRow("PATCH too deep")
            << patch << keep << QByteArray(R"({"a/b":)" + nested(32) + '}');

        QTest::newRow("overlapping PATCH") << patch << keep << QByteArray(R"({"a":1,"a/b":2})");
        QTest::newRow("overlapping deep PATCH")
            << patch << keep << QByteArray(R"({"a/b":1,"a/b/c":2})");
        QTest::newRow("same path twice in PATCH")
            << patch << keep << QByteArray("{\"a/b\":1,\"a//b/\":2}");
        QTest::newRow("PATCH array") << patch << keep << QByteArray("[1]");
        QTest::newRow("PATCH primitive") << patch << keep << QByteArray("5");
        QTest::newRow("PATCH malformed") << patch << keep << QByteArray(R"({"a":)");
        QTest::newRow("PATCH empty body") << patch << keep << QByteArray();
        QTest::newRow("PATCH invalid key path") << patch << keep << QByteArray(R"({"a.b":1})");
        QTest::newRow("PATCH empty key") << patch << keep << QByteArray(R"({"":1})");
        QTest::newRow("PATCH invalid key in value")
            << patch << keep << QByteArray("{\"a\":{\"b#\":1}}");
        QTest::newRow("PATCH unknown server value")
            << patch << keep << QByteArray(R"({"a":{".sv":"later"}})");
    }
    void badWritesAreRefusedAndChangeNothing()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QCOMPARE(c().put(QStringLiteral("/keep.json"), R"({"a":{"b":"original"}})").status, 200);
        const QByteArray before = everything();
        const Response r = c().request(method, path, body);
        QCOMPARE(r.status, 400);
        QVERIFY2(!r.errorText().isEmpty(), r.body.constData());
        QCOMPARE(everything(), before);
    }

    // Reads of invalid paths are refused too.
    void invalidPathsOnRead()
    {
        for (const char* path : {"/a.b.json", "/a%23b.json", "/a$b.json", "/x/%5B0%5D.json"}) {
            const Response r = c().get(QString::fromLatin1(path));
            QCOMPARE(r.status, 400);
            QVERIFY2(!r.errorText().isEmpty(), path);
        }
    }

    // Values well within the depth limit are fine.
    void deepButAllowedValue()
    {
        QCOMPARE(c().put(QStringLiteral("/.json"), nested(30)).status, 200);
        QCOMPARE(c().get(QStringLiteral("/.json")).canonical(), canon(nested(30)));
    }
};

QTEST_GUILESS_MAIN(TestRestValidation)
#include "tst_rest_validation.moc"
