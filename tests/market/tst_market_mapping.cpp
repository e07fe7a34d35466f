// The market core's domain mapping (DESIGN §3 tolerance rules), one rule at a time: every odd
// shape the web app's records have in the wild maps to a value type without crashing or blanking
// the row, unknown fields survive in `raw`, and what we write has the web app's shapes. The
// whole legacy database is in tst_market_legacy_data.cpp, message checks in
// tst_market_message_rules.cpp.
#include "market/buyer_entry.h"
#include "market/chat_message.h"
#include "market/image_ref.h"
#include "market/item.h"
#include "market/market_paths.h"
#include "market/price.h"
#include "market/room_summary.h"
#include "market/user_profile.h"
#include "market_test_helpers.h"

#include <QTest>

#include <limits>

using oiso::protocol::Node;
using namespace oiso::market;
using namespace oiso::test;

namespace {

QString pathText(const oiso::protocol::Path& path)
{
    return QString::fromStdString(oiso::protocol::pathToString(path));
}

} // namespace

class TestMarketMapping : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { runFarFromKorea(); }

    void paths_data();
    void paths();

    void textFields_data();
    void textFields();

    void prices_data();
    void prices();
    void formatsAndWritesPrices();

    void imagePaths_data();
    void imagePaths();
    void resolvesImageUrls_data();
    void resolvesImageUrls();
    void firstImageSkipsUnresolvable();
    void writesImagePathsAsAList();

    void timestamps_data();
    void timestamps();
    void messages_data();
    void messages();
    void writesNewMessages();

    void items_data();
    void items();
    void itemKeepsUnknownFieldsInRaw();

    void buyerEntries_data();
    void buyerEntries();
    void writesBuyerEntriesAndPurchases();
    void purchases_data();
    void purchases();

    void summaries_data();
    void summaries();
    void writesSummaryLast();

    void users();
};

// ---- paths ------------------------------------------------------------------------------------

void TestMarketMapping::paths_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");

    const QString item = q("-Nwm키");
    const QString login = q("민지");
    QTest::newRow("users") << pathText(paths::users()) << q("/users");
    QTest::newRow("items") << pathText(paths::items()) << q("/item");
    QTest::newRow("item") << pathText(paths::item(item)) << q("/item/-Nwm키");
    QTest::newRow("room") << pathText(paths::room(item)) << q("/chatlist/-Nwm키");
    QTest::newRow("message") << pathText(paths::message(item, q("-Nmsg")))
                             << q("/chatlist/-Nwm키/-Nmsg");
    QTest::newRow("buyerChats") << pathText(paths::buyerChats(login)) << q("/buyer_chatlist/민지");
    QTest::newRow("buyerChat") << pathText(paths::buyerChat(login, item))
                               << q("/buyer_chatlist/민지/-Nwm키");
    QTest::newRow("purchases") << pathText(paths::purchases(login)) << q("/buylist/민지");
    QTest::newRow("purchase") << pathText(paths::purchase(login, q("-Np")))
                              << q("/buylist/민지/-Np");
    QTest::newRow("loginOwner") << pathText(paths::loginOwner(login)) << q("/user_ids/민지");
    QTest::newRow("accountLogin") << pathText(paths::accountLogin(q("uid1")))
                                  << q("/user_logins/uid1");
    QTest::newRow("loginOwners") << pathText(paths::loginOwners()) << q("/user_ids");
    QTest::newRow("roomMembers") << pathText(paths::roomMembers(item)) << q("/room_members/-Nwm키");
    QTest::newRow("summaries") << pathText(paths::summaries(login)) << q("/chat_summary/민지");
    QTest::newRow("summary") << pathText(paths::summary(login, item))
                             << q("/chat_summary/민지/-Nwm키");
}

void TestMarketMapping::paths()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
    QCOMPARE(utf8(q("민지")), std::string("\xEB\xAF\xBC\xEC\xA7\x80"));
    QCOMPARE(paths::summary(q("a"), q("b")).size(), std::size_t(3));
}

// ---- textField --------------------------------------------------------------------------------

void TestMarketMapping::textFields_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("expected");

    QTest::newRow("string") << QByteArray(R"({"f":"안녕"})") << q("안녕");
    QTest::newRow("integer") << QByteArray(R"({"f":15000})") << q("15000");
    QTest::newRow("integer written 15000.0") << QByteArray(R"({"f":15000.0})") << q("15000");
    QTest::newRow("zero") << QByteArray(R"({"f":0})") << q("0");
    QTest::newRow("negative") << QByteArray(R"({"f":-3})") << q("-3");
    QTest::newRow("fraction") << QByteArray(R"({"f":1.5})") << q("1.5");
    QTest::newRow("ms timestamp") << QByteArray(R"({"f":1714537330123})") << q("1714537330123");
    QTest::newRow("2^53 - 1") << QByteArray(R"({"f":9007199254740991})") << q("9007199254740991");
    QTest::newRow("huge") << QByteArray(R"({"f":1e30})") << q("1e+30");
    QTest::newRow("true") << QByteArray(R"({"f":true})") << q("true");
    QTest::newRow("false") << QByteArray(R"({"f":false})") << q("false");
    QTest::newRow("object") << QByteArray(R"({"f":{"a":"b"}})") << QString();
    QTest::newRow("list") << QByteArray(R"({"f":["a"]})") << QString();
    QTest::newRow("missing") << QByteArray(R"({"g":"x"})") << QString();
    QTest::newRow("record is a string") << QByteArray(R"("f")") << QString();
    QTest::newRow("record is null") << QByteArray("null") << QString();
}

void TestMarketMapping::textFields()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, expected);
    QCOMPARE(textField(json(record), "f"), expected);
}

// ---- prices -----------------------------------------------------------------------------------

void TestMarketMapping::prices_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("won");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("formatted");

    auto row = [](const char* name, const char* value, qint64 won, const char* text,
                  const char* formatted) {
        QTest::newRow(name) << QByteArray(value) << won << q(text) << q(formatted);
    };
    row("number", "15000", 15000, "", "15,000원");
    row("number written 15000.0", "15000.0", 15000, "", "15,000원");
    row("zero", "0", 0, "", "0원");
    row("millions", "1234567", 1234567, "", "1,234,567원");
    row("2^53", "9007199254740992", 9007199254740992, "", "9,007,199,254,740,992원");
    row("commas", R"("15,000")", 15000, "", "15,000원");
    row("won suffix", R"("12000원")", 12000, "", "12,000원");
    row("commas space won", R"("15,000 원")", 15000, "", "15,000원");
    row("won sign", R"("₩15,000")", 15000, "", "15,000원");
    row("padded", R"("  15000  ")", 15000, "", "15,000원");
    row("ideographic space", R"("15,000　원")", 15000, "", "15,000원");
    row("python float text", R"("15000.0")", 15000, "", "15,000원");
    row("digits only", R"("500")", 500, "", "500원");
    row("free", R"("무료")", kNone, "무료", "무료");
    row("negotiable", R"x("15,000원 (네고 가능)")x", kNone, "15,000원 (네고 가능)",
        "15,000원 (네고 가능)");
    row("european thousands", R"("15.000")", kNone, "15.000", "15.000");
    row("negative number", "-500", kNone, "-500", "-500");
    row("negative text", R"("-500")", kNone, "-500", "-500");
    row("fraction", "1.5", kNone, "1.5", "1.5");
    row("huge", "1e30", kNone, "1e+30", "1e+30");
    row("above 2^53", "18014398509481984", kNone, "18014398509481984", "18014398509481984");
    row("huge text", R"("99999999999999999999")", kNone, "99999999999999999999",
        "99999999999999999999");
    row("exponent text", R"("1e5")", kNone, "1e5", "1e5");
    row("empty text", R"("")", kNone, "", "");
    row("blank text", R"("   ")", kNone, "", "");
    row("only won", R"("원")", kNone, "원", "원");
    row("missing", "null", kNone, "", "");
    row("true", "true", kNone, "", "");
    row("false", "false", kNone, "", "");
    row("object", R"({"amount":15000})", kNone, "", "");
    row("list", R"([15000])", kNone, "", "");
}

void TestMarketMapping::prices()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, won);
    QFETCH(QString, text);
    QFETCH(QString, formatted);

    const Price price = priceFromNode(json(value));
    QCOMPARE(orNone(price.won), won);
    QCOMPARE(price.text, text);
    QCOMPARE(formatPrice(price), formatted);
    // Written back and read again, a price stays the same price.
    QCOMPARE(priceFromNode(priceToNode(price)), price);
}

void TestMarketMapping::formatsAndWritesPrices()
{
    QCOMPARE(formatPrice(Price{}), QString());
    QCOMPARE(formatPrice(Price{-1500, {}}), q("-1,500원"));
    QCOMPARE(formatPrice(Price{std::numeric_limits<qint64>::min(), {}}),
             q("-9,223,372,036,854,775,808원"));
    QCOMPARE(formatPrice(Price{std::numeric_limits<qint64>::max(), {}}),
             q("9,223,372,036,854,775,807원"));
    QCOMPARE(formatPrice(Price{999, {}}), q("999원"));
    QCOMPARE(formatPrice(Price{1000, {}}), q("1,000원"));

    QCOMPARE(priceToNode(Price{15000, {}}), json("15000"));
    QCOMPARE(priceToNode(Price{{}, q("무료")}), json(R"("무료")"));
    QVERIFY(priceToNode(Price{}).isNull());
    QCOMPARE(priceFromNode(json(R"("15,000원")")), priceFromNode(json("15000")));
}

// ---- images -----------------------------------------------------------------------------------

void TestMarketMapping::imagePaths_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("list") << QByteArray(R"(["static/images/a.png","static/images/b.png"])")
                          << QStringList{q("static/images/a.png"), q("static/images/b.png")};
    QTest::newRow("string") << QByteArray(R"("static/images/a.png")")
                            << QStringList{q("static/images/a.png")};
    QTest::newRow("absolute") << QByteArray(R"(["https://cdn.example.com/a.png"])")
                              << QStringList{q("https://cdn.example.com/a.png")};
    QTest::newRow("missing") << QByteArray("null") << QStringList{};
    QTest::newRow("number") << QByteArray("7") << QStringList{};
    QTest::newRow("bool") << QByteArray("true") << QStringList{};
    QTest::newRow("empty string") << QByteArray(R"("")") << QStringList{};
    QTest::newRow("blank string") << QByteArray(R"("  ")") << QStringList{};
    QTest::newRow("empty list") << QByteArray("[]") << QStringList{};
    QTest::newRow("nulls and non-strings")
        << QByteArray(R"([null,5,"a.png",{"x":"nested.png"},"",true,["inner.png"],"b.png",null])")
        << QStringList{q("a.png"), q("b.png")};
    QTest::newRow("push-keyed") << QByteArray(R"({"-Nb":"b.png","-Na":"a.png"})")
                                << QStringList{q("a.png"), q("b.png")};
    QTest::newRow("ten and more in list order")
        << QByteArray(R"(["0","1","2","3","4","5","6","7","8","9","10"])")
        << QStringList{q("0"), q("1"), q("2"), q("3"), q("4"), q("5"),
                       q("6"), q("7"), q("8"), q("9"), q("10")};
    QTest::newRow("javascript kept as stored")
        << QByteArray(R"x("javascript:alert(1)")x") << QStringList{q("javascript:alert(1)")};
}

void TestMarketMapping::imagePaths()
{
    QFETCH(QByteArray, value);
    QFETCH(QStringList, expected);
    QCOMPARE(imagePathsFromNode(json(value)), expected);
}

void TestMarketMapping::resolvesImageUrls_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QString>("expected"); // empty: an invalid URL

    const QUrl local = imageBase();
    const QUrl web(q("https://market.example.com/app"));
    const QString localImage = q("http://127.0.0.1:9000/static/images/x.png");
    QTest::newRow("relative") << q("static/images/x.png") << local << localImage;
    QTest::newRow("leading slash") << q("/static/images/x.png") << local << localImage;
    QTest::newRow("padded") << q("  static/images/x.png \n") << local << localImage;
    QTest::newRow("backslashes") << q("static\\images\\x.png") << local << localImage;
    QTest::newRow("double slash stays on the image host")
        << q("//evil.example/x.png") << local << q("http://127.0.0.1:9000/evil.example/x.png");
    QTest::newRow("dot segments stay on the image host")
        << q("static/../../../etc/passwd") << local << q("http://127.0.0.1:9000/etc/passwd");
    QTest::newRow("hangul file name")
        << q("static/images/책 사진.png") << local
        << q("http://127.0.0.1:9000/static/images/%EC%B1%85%20%EC%82%AC%EC%A7%84.png");
    QTest::newRow("query kept") << q("static/x.png?v=2") << local
                                << q("http://127.0.0.1:9000/static/x.png?v=2");
    QTest::newRow("base with a folder")
        << q("static/x.png") << web << q("https://market.example.com/app/static/x.png");
    QTest::newRow("base with a folder, leading slash")
        << q("/static/x.png") << web << q("https://market.example.com/app/static/x.png");
    QTest::newRow("base with trailing slash")
        << q("static/x.png") << QUrl(q("https://market.example.com/app/"))
        << q("https://market.example.com/app/static/x.png");
    QTest::newRow("absolute https") << q("https://cdn.example.com/a.png?s=1") << local
                                    << q("https://cdn.example.com/a.png?s=1");
    QTest::newRow("absolute http")
        << q("http://cdn.example.com/a.png") << local << q("http://cdn.example.com/a.png");
    QTest::newRow("absolute upper case")
        << q("HTTPS://cdn.example.com/A.png") << local << q("https://cdn.example.com/A.png");
    QTest::newRow("absolute without a base")
        << q("https://cdn.example.com/a.png") << QUrl() << q("https://cdn.example.com/a.png");
    QTest::newRow("javascript") << q("javascript:alert(1)") << local << QString();
    QTest::newRow("javascript mixed case") << q(" JavaScript:alert(1)") << local << QString();
    QTest::newRow("file") << q("file:///etc/passwd") << local << QString();
    QTest::newRow("data") << q("data:image/png;base64,AAAA") << local << QString();
    QTest::newRow("ftp") << q("ftp://example.com/a.png") << local << QString();
    QTest::newRow("windows drive") << q("C:\\images\\a.png") << local << QString();
    QTest::newRow("https without host") << q("https:///a.png") << local << QString();
    QTest::newRow("https without slashes") << q("https:a.png") << local << QString();
    QTest::newRow("empty") << QString() << local << QString();
    QTest::newRow("blank") << q("   ") << local << QString();
    QTest::newRow("only slashes") << q("///") << local << QString();
    QTest::newRow("relative without a base") << q("static/x.png") << QUrl() << QString();
    QTest::newRow("relative against a file base")
        << q("static/x.png") << QUrl(q("file:///srv/www/")) << QString();
}

void TestMarketMapping::resolvesImageUrls()
{
    QFETCH(QString, path);
    QFETCH(QUrl, base);
    QFETCH(QString, expected);

    const QUrl url = resolveImageUrl(path, base);
    if (expected.isEmpty()) {
        QVERIFY2(!url.isValid(), qPrintable(url.toString()));
        return;
    }
    QVERIFY(url.isValid());
    QCOMPARE(url.toString(QUrl::FullyEncoded), expected);
    const QString scheme = url.scheme();
    QVERIFY(scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

void TestMarketMapping::firstImageSkipsUnresolvable()
{
    const QStringList stored{q("javascript:alert(1)"), q(""), q("file:///x.png"),
                             q("static/images/b.png"), q("https://cdn.example.com/c.png")};
    QCOMPARE(firstImageUrl(stored, imageBase()),
             QUrl(q("http://127.0.0.1:9000/static/images/b.png")));
    QVERIFY(!firstImageUrl({}, imageBase()).isValid());
    QVERIFY(!firstImageUrl({q("data:,x")}, imageBase()).isValid());
}

void TestMarketMapping::writesImagePathsAsAList()
{
    const Node node = imagePathsToNode({q("a.png"), q(""), q("https://x.example/b.png")});
    // Kept out of the macro: moc's preprocessor misreads "//" in a raw string argument.
    const QByteArray expected = R"(["a.png","https://x.example/b.png"])";
    QCOMPARE(oiso::protocol::toJson(node), expected);
    QVERIFY(imagePathsToNode({}).isNull());
    QCOMPARE(imagePathsFromNode(node), (QStringList{q("a.png"), q("https://x.example/b.png")}));
}

// ---- timestamps and messages ------------------------------------------------------------------

void TestMarketMapping::timestamps_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expected");

    auto row = [](const char* name, const char* value, qint64 expected) {
        QTest::newRow(name) << QByteArray(value) << expected;
    };
    row("ms", "1714537330123", 1714537330123);
    row("seconds", "1714537330", kBaseMs);
    row("fractional seconds", "1714537330.5", kBaseMs + 500);
    row("fractional ms", "1714537330123.4", 1714537330123);
    row("just below 1e11 is seconds", "99999999999", 99999999999000);
    row("1e11 is ms", "100000000000", 100000000000);
    row("ms text", R"("1714537330123")", 1714537330123);
    row("seconds text", R"("1714537330")", kBaseMs);
    row("padded ms text", R"(" 1714537330123 ")", 1714537330123);
    row("korean wall clock", R"("2024-05-01 13:22:10")", kBaseMs);
    row("korean wall clock, minutes", R"("2024-05-01 13:22")", kBaseMs - 10000);
    row("korean dotted", R"("2024.05.01 13:22")", kBaseMs - 10000);
    row("korean dotted with seconds", R"("2024.05.01 13:22:10")", kBaseMs);
    row("slashes", R"("2024/05/01 13:22:10")", kBaseMs);
    row("single digits", R"("2024-5-1 9:05")", kBaseMs - (4 * 60 + 17) * 60000 - 10000);
    row("python microseconds", R"("2024-05-01 13:22:10.123456")", kBaseMs + 123);
    row("date only", R"("2024-05-01")", 1714489200000);
    row("ISO local", R"("2024-05-01T13:22:10")", kBaseMs);
    row("ISO Z", R"("2024-05-01T04:22:10Z")", kBaseMs);
    row("ISO Z with ms", R"("2024-05-01T04:22:10.500Z")", kBaseMs + 500);
    row("ISO +09:00", R"("2024-05-01T13:22:10+09:00")", kBaseMs);
    row("ISO +0900", R"("2024-05-01T13:22:10+0900")", kBaseMs);
    row("ISO -05:00", R"("2024-04-30T23:22:10-05:00")", kBaseMs);
    row("ISO +02:00 minutes", R"("2024-05-01T06:22+02:00")", kBaseMs - 10000);
    row("korean locale afternoon", R"("2024. 5. 1. 오후 1:22:10")", kBaseMs);
    row("korean locale midnight", R"("2024. 5. 1. 오전 12:00:00")", 1714489200000);
    row("rfc 2822", R"("Wed, 01 May 2024 04:22:10 GMT")", kBaseMs);
    row("rfc 2822 UTC", R"("Wed, 01 May 2024 04:22:10 UTC")", kBaseMs);
    row("javascript Date.toString", R"x("Wed May 01 2024 13:22:10 GMT+0900 (한국 표준시)")x",
        kBaseMs);
    row("rfc 2822 without a zone", R"("Wed, 01 May 2024 13:22:10")", kBaseMs);
    row("rfc 2822 without seconds", R"("01 May 2024 13:22 +0900")", kBaseMs - 10000);
    row("rfc 2822 offset", R"("Wed, 01 May 2024 13:22:10 +0900")", kBaseMs);
    row("garbage", R"("어제")", kNone);
    row("words", R"("hello world")", kNone);
    row("empty", R"("")", kNone);
    row("impossible date", R"("2024-13-45 10:00")", kNone);
    row("february 30", R"("2024-02-30 10:00")", kNone);
    row("hour 25", R"("2024-05-01 25:00")", kNone);
    row("afternoon hour 13", R"("2024. 5. 1. 오후 13:00")", kNone);
    row("zone +25", R"("2024-05-01T13:22:10+25:00")", kNone);
    row("exponent text", R"("1e12")", kNone);
    row("negative text", R"("-5")", kNone);
    row("nan text", R"("NaN")", kNone);
    row("zero", "0", kNone);
    row("negative", "-5", kNone);
    row("huge", "1e30", kNone);
    row("max double", "1.7976931348623157e308", kNone);
    row("bool", "true", kNone);
    row("object", R"({"a":1})", kNone);
    row("missing", "null", kNone);
}

void TestMarketMapping::timestamps()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expected);
    QCOMPARE(orNone(parseTimestamp(json(value))), expected);
}

void TestMarketMapping::messages_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("time");

    const QString push = q("-NwmNrKFkbnhEoPcSxRj"); // made at kBaseMs
    QTest::newRow("server time") << push
                                 << QByteArray(
                                        R"({"id":"minji","msg":"안녕","timestamp":1714537390000})")
                                 << q("minji") << q("안녕") << kBaseMs + kMinuteMs;
    QTest::newRow("legacy text time")
        << push << QByteArray(R"({"id":"minji","msg":"안녕","timestamp":"2024-05-01 13:23:10"})")
        << q("minji") << q("안녕") << kBaseMs + kMinuteMs;
    QTest::newRow("missing time: push id")
        << push << QByteArray(R"({"id":"a","msg":"b"})") << q("a") << q("b") << kBaseMs;
    QTest::newRow("garbage time: push id")
        << push << QByteArray(R"({"id":"a","msg":"b","timestamp":"언젠가"})") << q("a") << q("b")
        << kBaseMs;
    QTest::newRow("placeholder time: push id")
        << push << QByteArray(R"({"id":"a","msg":"b","timestamp":{".sv":"timestamp"}})") << q("a")
        << q("b") << kBaseMs;
    QTest::newRow("no time, not a push id")
        << q("legacy-message-1") << QByteArray(R"({"id":"a","msg":"b"})") << q("a") << q("b")
        << kNone;
    QTest::newRow("20 characters that are no push id")
        << q("message_from_minji_1") << QByteArray(R"({"id":"a"})") << q("a") << QString() << kNone;
    QTest::newRow("numbers for text")
        << push << QByteArray(R"({"id":42,"msg":15000})") << q("42") << q("15000") << kBaseMs;
    QTest::newRow("objects for everything")
        << push << QByteArray(R"({"id":{"a":1},"msg":["x"],"timestamp":{"b":2}})") << QString()
        << QString() << kBaseMs;
    QTest::newRow("a bare string")
        << push << QByteArray(R"("hello")") << QString() << QString() << kBaseMs;
    QTest::newRow("null") << q("x") << QByteArray("null") << QString() << QString() << kNone;
}

void TestMarketMapping::messages()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, record);
    QFETCH(QString, sender);
    QFETCH(QString, text);
    QFETCH(qint64, time);

    const Node node = jsonWithServerValues(record);
    const ChatMessage message = messageFromNode(key, node);
    QCOMPARE(message.key, key);
    QCOMPARE(message.senderId, sender);
    QCOMPARE(message.text, text);
    QCOMPARE(orNone(message.timestampMs), time);
    QCOMPARE(message.raw, node);
}

void TestMarketMapping::writesNewMessages()
{
    QCOMPARE(newMessageNode(q("minji"), q("안녕하세요")),
             jsonWithServerValues(
                 R"({"id":"minji","msg":"안녕하세요","timestamp":{".sv":"timestamp"}})"));
    // An empty text is still a string field (the rules require one); checking is the caller's.
    QCOMPARE(newMessageNode(q("minji"), QString()).childCount(), std::size_t(3));
}

// ---- items ------------------------------------------------------------------------------------

void TestMarketMapping::items_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QString>("seller");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QStringList>("images");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("sold");

    QTest::newRow("web app record")
        << QByteArray(R"({"seller":"minji","name":"전공책","category":"도서","price":15000,
                          "place":"도서관","status":"판매중","description":"깨끗해요",
                          "img_path":["static/images/a.png"],"date":"2024-05-01"})")
        << q("minji") << q("전공책") << q("15,000원") << QStringList{q("static/images/a.png")}
        << q("판매중") << false;
    QTest::newRow("sold") << QByteArray(R"({"status":"판매완료"})") << QString() << QString()
                          << QString() << QStringList{} << q("판매완료") << true;
    QTest::newRow("sold with a space")
        << QByteArray(R"({"status":" 판매 완료 "})") << QString() << QString() << QString()
        << QStringList{} << q(" 판매 완료 ") << true;
    QTest::newRow("sold in English") << QByteArray(R"({"status":"Sold"})") << QString() << QString()
                                     << QString() << QStringList{} << q("Sold") << true;
    QTest::newRow("reserved") << QByteArray(R"({"status":"예약중"})") << QString() << QString()
                              << QString() << QStringList{} << q("예약중") << false;
    QTest::newRow("wrong types")
        << QByteArray(R"({"seller":{"id":"x"},"name":42,"price":{"won":1},"img_path":7,
                          "status":true,"category":["a"]})")
        << QString() << q("42") << QString() << QStringList{} << q("true") << false;
    QTest::newRow("empty record") << QByteArray(R"({"other":1})") << QString() << QString()
                                  << QString() << QStringList{} << QString() << false;
    QTest::newRow("primitive") << QByteArray(R"("item")") << QString() << QString() << QString()
                               << QStringList{} << QString() << false;
    QTest::newRow("null") << QByteArray("null") << QString() << QString() << QString()
                          << QStringList{} << QString() << false;
}

void TestMarketMapping::items()
{
    QFETCH(QByteArray, record);
    QFETCH(QString, seller);
    QFETCH(QString, name);
    QFETCH(QString, price);
    QFETCH(QStringList, images);
    QFETCH(QString, status);
    QFETCH(bool, sold);

    const Node node = json(record);
    const Item item = itemFromNode(q("-Nitem"), node);
    QCOMPARE(item.key, q("-Nitem"));
    QCOMPARE(item.seller, seller);
    QCOMPARE(item.name, name);
    QCOMPARE(formatPrice(item.price), price);
    QCOMPARE(item.imagePaths, images);
    QCOMPARE(item.status, status);
    QCOMPARE(item.isSold(), sold);
    QCOMPARE(item.raw, node);
}

void TestMarketMapping::itemKeepsUnknownFieldsInRaw()
{
    const Node node = json(R"({"seller":"minji","name":"램프","views":12,
                               "extra":{"liked_by":{"jiwoo":true}},"date":1714537330000})");
    const Item item = itemFromNode(q("k"), node);
    QCOMPARE(item.raw, node);
    QCOMPARE(item.raw.at(oiso::test::path({"views"})), json("12"));
    QCOMPARE(item.raw.at(oiso::test::path({"extra", "liked_by", "jiwoo"})), json("true"));
    QCOMPARE(item.date, q("1714537330000"));
    QCOMPARE(item.category, QString());
}

// ---- buyer entries and purchases --------------------------------------------------------------

void TestMarketMapping::buyerEntries_data()
{
    QTest::addColumn<QByteArray>("level");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("pushKey");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QStringList>("images");

    const QStringList lamp{q("static/images/lamp.png")};
    QTest::newRow("one push entry")
        << QByteArray(R"({"-Na":{"img_path":["static/images/lamp.png"],"name":"스탠드",
                          "price":15000,"item_key":"-Nitem"}})")
        << true << q("-Na") << q("스탠드") << q("15,000원") << lamp;
    QTest::newRow("several entries: first non-empty field wins, in key order")
        << QByteArray(R"({"-Nc":{"name":"세 번째","price":"1원","img_path":"c.png"},
                          "-Na":{"name":"","price":"","item_key":"-Nitem"},
                          "-Nb":{"name":"두 번째","price":"15,000 원",
                                 "img_path":"static/images/lamp.png"}})")
        << true << q("-Na") << q("두 번째") << q("15,000원") << lamp;
    QTest::newRow("older flat shape")
        << QByteArray(R"({"img_path":["static/images/lamp.png"],"name":"스탠드",
                          "price":"15,000","item_key":"-Nitem"})")
        << true << QString() << q("스탠드") << q("15,000원") << lamp;
    QTest::newRow("flat with a list-shaped img_path and an unknown object")
        << QByteArray(R"({"img_path":{"0":"static/images/lamp.png"},"name":"스탠드",
                          "meta":{"seen":true}})")
        << true << QString() << q("스탠드") << QString() << lamp;
    QTest::newRow("flat and pushed mixed")
        << QByteArray(R"({"name":"옛 이름","price":500,
                          "-Na":{"name":"새 이름","img_path":"static/images/lamp.png"}})")
        << true << q("-Na") << q("새 이름") << q("500원") << lamp;
    QTest::newRow("wrong types in the entry")
        << QByteArray(R"({"-Na":{"name":{"ko":"x"},"price":{"a":1},"img_path":5,"item_key":7}})")
        << true << q("-Na") << QString() << QString() << QStringList{};
    QTest::newRow("a bare marker")
        << QByteArray("true") << true << QString() << QString() << QString() << QStringList{};
    QTest::newRow("a bare string") << QByteArray(R"("스탠드")") << true << QString() << QString()
                                   << QString() << QStringList{};
    QTest::newRow("entries that are not records")
        << QByteArray(R"({"-Na":"x","-Nb":{"name":"진짜"}})") << true << q("-Nb") << q("진짜")
        << QString() << QStringList{};
    QTest::newRow("null") << QByteArray("null") << false << QString() << QString() << QString()
                          << QStringList{};
}

void TestMarketMapping::buyerEntries()
{
    QFETCH(QByteArray, level);
    QFETCH(bool, present);
    QFETCH(QString, pushKey);
    QFETCH(QString, name);
    QFETCH(QString, price);
    QFETCH(QStringList, images);

    const Node node = json(level);
    const auto entry = buyerEntryFromNode(q("-Nitem"), node);
    QCOMPARE(entry.has_value(), present);
    if (!entry)
        return;
    QCOMPARE(entry->itemKey, q("-Nitem"));
    QCOMPARE(entry->pushKey, pushKey);
    QCOMPARE(entry->name, name);
    QCOMPARE(formatPrice(entry->price), price);
    QCOMPARE(entry->imagePaths, images);
    QCOMPARE(entry->raw, node);
}

void TestMarketMapping::writesBuyerEntriesAndPurchases()
{
    const Item item = itemFromNode(q("-Nitem"), json(R"({"seller":"junho","name":"교재",
        "price":"12000원","img_path":"/static/images/book.png","status":"판매중"})"));
    const Node expected = json(R"({"img_path":["/static/images/book.png"],"name":"교재",
                                   "price":12000,"item_key":"-Nitem"})");
    QCOMPARE(buyerEntryNode(item), expected);
    QCOMPARE(purchaseNode(item), expected);

    // Read back through the push level, an entry is the item it was copied from.
    const auto entry =
        buyerEntryFromNode(item.key, Node::object({{"-Npush", buyerEntryNode(item)}}));
    QVERIFY(entry);
    QCOMPARE(entry->name, item.name);
    QCOMPARE(entry->price, item.price);
    QCOMPARE(entry->imagePaths, item.imagePaths);
    const auto purchase = purchaseFromNode(q("-Npush"), purchaseNode(item));
    QVERIFY(purchase);
    QCOMPARE(purchase->itemKey, item.key);

    // Nothing known still writes every key, so the web app's plain indexing finds them.
    const Item bare = itemFromNode(q("-Nbare"), json(R"({"price":"무료"})"));
    QCOMPARE(buyerEntryNode(bare),
             json(R"({"img_path":"","name":"","price":"무료","item_key":"-Nbare"})"));
    const Item nothing = itemFromNode(q("-Nnothing"), Node());
    QCOMPARE(purchaseNode(nothing),
             json(R"({"img_path":"","name":"","price":"","item_key":"-Nnothing"})"));
}

void TestMarketMapping::purchases_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("itemKey");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QStringList>("images");

    QTest::newRow("web app record")
        << QByteArray(R"({"name":"교재","price":"12000원","img_path":"static/images/book.png",
                          "item_key":"-Nitem","seller":"junho"})")
        << true << q("-Nitem") << q("교재") << q("12,000원")
        << QStringList{q("static/images/book.png")};
    QTest::newRow("without item_key") << QByteArray(R"({"name":"교재","price":15000})") << true
                                      << QString() << q("교재") << q("15,000원") << QStringList{};
    QTest::newRow("wrong types")
        << QByteArray(R"({"name":5,"price":true,"img_path":[null,"x.png"],"item_key":{"a":1}})")
        << true << QString() << q("5") << QString() << QStringList{q("x.png")};
    QTest::newRow("primitive") << QByteArray(R"("bought")") << true << QString() << QString()
                               << QString() << QStringList{};
    QTest::newRow("null") << QByteArray("null") << false << QString() << QString() << QString()
                          << QStringList{};
}

void TestMarketMapping::purchases()
{
    QFETCH(QByteArray, record);
    QFETCH(bool, present);
    QFETCH(QString, itemKey);
    QFETCH(QString, name);
    QFETCH(QString, price);
    QFETCH(QStringList, images);

    const Node node = json(record);
    const auto purchase = purchaseFromNode(q("-Npush"), node);
    QCOMPARE(purchase.has_value(), present);
    if (!purchase)
        return;
    QCOMPARE(purchase->pushKey, q("-Npush"));
    QCOMPARE(purchase->itemKey, itemKey);
    QCOMPARE(purchase->name, name);
    QCOMPARE(formatPrice(purchase->price), price);
    QCOMPARE(purchase->imagePaths, images);
    QCOMPARE(purchase->raw, node);
}

// ---- summaries and users ----------------------------------------------------------------------

void TestMarketMapping::summaries_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<bool>("hasLast");
    QTest::addColumn<QString>("lastKey");
    QTest::addColumn<QString>("lastText");
    QTest::addColumn<qint64>("lastTime");
    QTest::addColumn<QString>("readKey");

    QTest::newRow("last and read")
        << QByteArray(R"({"last":{"key":"-NwmNrKFkbnhEoPcSxRj","id":"jiwoo","msg":"안녕",
                                  "timestamp":1714537390000},
                          "read":"-NwmNrKFkbnhEoPcSxRj"})")
        << true << q("-NwmNrKFkbnhEoPcSxRj") << q("안녕") << kBaseMs + kMinuteMs
        << q("-NwmNrKFkbnhEoPcSxRj");
    QTest::newRow("last without time: its key's time")
        << QByteArray(R"({"last":{"key":"-NwmNrKFkbnhEoPcSxRj","id":"jiwoo","msg":"안녕"}})")
        << true << q("-NwmNrKFkbnhEoPcSxRj") << q("안녕") << kBaseMs << QString();
    QTest::newRow("only a read mark")
        << QByteArray(R"({"read":"-Nb"})") << false << QString() << QString() << kNone << q("-Nb");
    QTest::newRow("last is not a record") << QByteArray(R"({"last":"oops","read":{"bad":true}})")
                                          << false << QString() << QString() << kNone << QString();
    QTest::newRow("primitive") << QByteArray("5") << false << QString() << QString() << kNone
                               << QString();
    QTest::newRow("null") << QByteArray("null") << false << QString() << QString() << kNone
                          << QString();
}

void TestMarketMapping::summaries()
{
    QFETCH(QByteArray, record);
    QFETCH(bool, hasLast);
    QFETCH(QString, lastKey);
    QFETCH(QString, lastText);
    QFETCH(qint64, lastTime);
    QFETCH(QString, readKey);

    const RoomSummary summary = summaryFromNode(q("-Nitem"), json(record));
    QCOMPARE(summary.itemKey, q("-Nitem"));
    QCOMPARE(summary.last.has_value(), hasLast);
    QCOMPARE(summary.readKey, readKey);
    if (!summary.last)
        return;
    QCOMPARE(summary.last->key, lastKey);
    QCOMPARE(summary.last->text, lastText);
    QCOMPARE(orNone(summary.last->timestampMs), lastTime);
}

void TestMarketMapping::writesSummaryLast()
{
    QCOMPARE(summaryLastNode(q("-Nmsg"), q("minji"), q("안녕")),
             jsonWithServerValues(R"({"key":"-Nmsg","id":"minji","msg":"안녕",
                                      "timestamp":{".sv":"timestamp"}})"));
    QCOMPARE(std::string(kSummaryLast), std::string("last"));
    QCOMPARE(std::string(kSummaryRead), std::string("read"));
}

void TestMarketMapping::users()
{
    const Node node = json(R"({"id":"minji","name":"김민지","email":"minji@oiso.test",
                               "phone":"010-0000-1001","password":"hash"})");
    const UserProfile user = userFromNode(q("-Nuser"), node);
    QCOMPARE(user.pushKey, q("-Nuser"));
    QCOMPARE(user.loginId, q("minji"));
    QCOMPARE(user.name, q("김민지"));
    QCOMPARE(user.email, q("minji@oiso.test"));
    QCOMPARE(user.raw, node);

    const UserProfile odd = userFromNode(q("-Nodd"), json(R"({"id":7,"name":{"a":"b"}})"));
    QCOMPARE(odd.loginId, q("7"));
    QCOMPARE(odd.name, QString());
    QCOMPARE(odd.email, QString());
    QCOMPARE(userFromNode(q("-Nnull"), Node()).loginId, QString());
}

QTEST_GUILESS_MAIN(TestMarketMapping)
#include "tst_market_mapping.moc"
