// A whole database in the web app's legacy shapes (fixtures/legacy_market.json) read the way the
// screens read it, and every mapper fed every wrongly typed value in every field: nothing
// crashes, nothing is lost from `raw`, rooms keep key order whatever their clocks say.
#include "market/buyer_entry.h"
#include "market/chat_message.h"
#include "market/image_ref.h"
#include "market/item.h"
#include "market/market_paths.h"
#include "market/message_rules.h"
#include "market/price.h"
#include "market/room_summary.h"
#include "market/user_profile.h"
#include "market_test_helpers.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>

using oiso::protocol::Node;
using namespace oiso::market;
using namespace oiso::test;

namespace {

// Odd values for any field: every JSON type, the extremes, a placeholder, a list, nesting.
const QList<QByteArray>& oddValues()
{
    static const QList<QByteArray> values = {"null",
                                             "true",
                                             "false",
                                             "0",
                                             "-1",
                                             "1.5",
                                             "1e308",
                                             "-1e308",
                                             "9007199254740993",
                                             R"("")",
                                             R"("   ")",
                                             R"("문자")",
                                             R"x("javascript:alert(1)")x",
                                             R"({"a":1})",
                                             R"(["x","y"])",
                                             R"([null,[1,[2]],{"b":null}])",
                                             R"({".sv":"timestamp"})",
                                             R"({"a":{"b":{"c":{"d":"deep"}}}})"};
    return values;
}

const std::vector<std::string>& everyField()
{
    static const std::vector<std::string> fields = {
        "seller",      "name",     "category",  "price", "place", "status",
        "description", "img_path", "date",      "id",    "msg",   "key",
        "item_key",    "email",    "timestamp", "last",  "read"};
    return fields;
}

} // namespace

class TestMarketLegacyData : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void legacyFixtureItems_data();
    void legacyFixtureItems();
    void legacyFixtureRoomOrderedByKey();
    void legacyFixtureBuyingList();
    void legacyFixturePurchasesUsersSummaries();

    void wrongTypesNeverCrash_data();
    void wrongTypesNeverCrash();
    void nonFiniteNumbersAreSafe();

private:
    Node m_fixture;
};

void TestMarketLegacyData::initTestCase()
{
    runFarFromKorea();
    QFile file(QStringLiteral(OISO_MARKET_FIXTURES_DIR "/legacy_market.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QString error;
    const auto parsed = oiso::protocol::parseJson(file.readAll(), &error);
    QVERIFY2(parsed, qPrintable(error));
    m_fixture = *parsed;
}

// ---- the legacy fixture -----------------------------------------------------------------------

void TestMarketLegacyData::legacyFixtureItems_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("seller");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("image"); // the first resolvable image; empty: the placeholder
    QTest::addColumn<bool>("sold");

    const QString local = q("http://127.0.0.1:9000/static/images/");
    QTest::newRow("calculus") << q("item-calculus") << q("minji")
                              << q("미적분학 9판 (Stewart) 전공책") << q("15,000원")
                              << local + q("calculus-book.png") << false;
    QTest::newRow("accounting") << q("item-accounting") << q("junho") << q("회계원리 교재")
                                << q("12,000원") << local + q("accounting-book.png") << true;
    QTest::newRow("lamp") << q("item-lamp") << q("seoyeon") << q("LED 스탠드") << q("15,000원")
                          << q("https://cdn.example.com/lamp.png") << false;
    QTest::newRow("free") << q("item-free") << QString() << q("42") << q("무료") << QString()
                          << false;
    QTest::newRow("negative") << q("item-negative") << q("hyunwoo") << QString() << q("-500")
                              << QString() << true;
    QTest::newRow("fraction") << q("item-fraction") << QString() << QString() << q("1.5")
                              << QString() << true;
    QTest::newRow("huge") << q("item-huge") << QString() << QString() << q("1e+30") << QString()
                          << false;
    QTest::newRow("bool price") << q("item-bool-price") << QString() << QString() << QString()
                                << local + q("c.png") << false;
    QTest::newRow("object price") << q("item-object-price") << QString() << QString() << QString()
                                  << QString() << false;
    QTest::newRow("comma price") << q("item-comma-price") << QString() << QString() << q("15,000원")
                                 << QString() << false;
    QTest::newRow("primitive") << q("item-primitive") << QString() << QString() << QString()
                               << QString() << false;
}

void TestMarketLegacyData::legacyFixtureItems()
{
    QFETCH(QString, key);
    QFETCH(QString, seller);
    QFETCH(QString, name);
    QFETCH(QString, price);
    QFETCH(QString, image);
    QFETCH(bool, sold);

    const Node& record = m_fixture.at({"item", utf8(key)});
    QVERIFY(!record.isNull());
    const Item item = itemFromNode(key, record);
    QCOMPARE(item.seller, seller);
    QCOMPARE(item.name, name);
    QCOMPARE(formatPrice(item.price), price);
    QCOMPARE(firstImageUrl(item.imagePaths, imageBase()).toString(), image);
    QCOMPARE(item.isSold(), sold);
    QCOMPARE(item.raw, record);
    QCOMPARE(m_fixture.at({"item"}).childCount(), std::size_t(11));
}

void TestMarketLegacyData::legacyFixtureRoomOrderedByKey()
{
    struct Expected {
        const char* key;
        const char* sender;
        const char* text;
        qint64 time;
    };
    // In key order. The stored clocks are not: the third message says 13:29:10, later than the
    // four after it, and it stays third because rooms sort by key.
    const Expected expected[] = {
        {"-NwmNrKFkbnhEoPcSxRj", "jiwoo", "안녕하세요!", kBaseMs},
        {"-NwmO4ykW19x6U0kcWf6", "minji", "네 있어요", kBaseMs + kMinuteMs},
        {"-NwmOJcFPOm6DSLvN774", "jiwoo", "필기 많나요?", kBaseMs + 7 * kMinuteMs},
        {"-NwmOYGkUzSHQnushiOK", "minji", "조금요", kBaseMs + 170000},
        {"-NwmOlvFgd7w6URDS3uJ", "jiwoo", "13,000원?", kBaseMs + 230000},
        {"-NwmP-Zk-wwUizMeJsJt", "minji", "14,000원", kBaseMs + 5 * kMinuteMs},
        {"-NwmPEDFlYLYVU_M5llb", "jiwoo", "좋아요", kBaseMs + 6 * kMinuteMs},
        {"-NwmPSrkNIvMif126KfY", "minji", "내일 봬요", kBaseMs + 7 * kMinuteMs}, // "어제": key
        {"-NwmPgWFkv9e8izb2y2c", "jiwoo", "네!", kBaseMs + 8 * kMinuteMs},       // none: key
        {"-NwmPv9klsSpnYO-zq9N", "42", "", kBaseMs + 9 * kMinuteMs},
        {"-NwmQ8oFA7tr_IuKKwao", "", "", kBaseMs + 10 * kMinuteMs},
        {"-NwmQNSkUZaxnQrHvm_0", "jiwoo", "15000", kBaseMs + 11 * kMinuteMs},
        {"legacy-message-1", "minji", "no time at all", kNone},
    };
    const Node& room = m_fixture.at({"chatlist", "item-calculus"});
    QCOMPARE(room.childCount(), std::size(expected));
    std::size_t i = 0;
    for (const auto& [key, record] : room.children()) {
        const ChatMessage message = messageFromNode(QString::fromStdString(key), record);
        QCOMPARE(message.key, q(expected[i].key));
        QCOMPARE(message.senderId, q(expected[i].sender));
        QCOMPARE(message.text, q(expected[i].text));
        QCOMPARE(orNone(message.timestampMs), expected[i].time);
        QCOMPARE(message.raw, record);
        ++i;
    }
    // Unknown fields of a message survive.
    const ChatMessage web =
        messageFromNode(q("-NwmQNSkUZaxnQrHvm_0"), room.children().at("-NwmQNSkUZaxnQrHvm_0"));
    QCOMPARE(textField(web.raw, "device"), q("web"));
}

void TestMarketLegacyData::legacyFixtureBuyingList()
{
    const Node& jiwoo = m_fixture.at({"buyer_chatlist", "jiwoo"});
    QStringList keys, names, prices, pushKeys;
    for (const auto& [key, level] : jiwoo.children()) {
        const auto entry = buyerEntryFromNode(QString::fromStdString(key), level);
        QVERIFY(entry);
        QCOMPARE(entry->raw, level);
        keys << entry->itemKey;
        pushKeys << entry->pushKey;
        names << entry->name;
        prices << formatPrice(entry->price);
    }
    // One row per item, however many push entries it has.
    QCOMPARE(keys, (QStringList{q("item-accounting"), q("item-calculus"), q("item-lamp"),
                                q("item-marker"), q("item-mismatch")}));
    QCOMPARE(pushKeys, (QStringList{q("-NwrXSJsfdexGLoHTgqf"), q("-NwrXS4FGHCa6G5F3dmE"), QString(),
                                    QString(), q("-NwrXSo7DEaVIZ4B6fWJ")}));
    QCOMPARE(names, (QStringList{q("회계원리 교재"), q("미적분학 9판 (Stewart) 전공책"),
                                 q("LED 스탠드"), QString(), q("다른 키")}));
    QCOMPARE(prices,
             (QStringList{q("12,000원"), q("15,000원"), q("15,000원"), QString(), QString()}));

    const auto accounting =
        buyerEntryFromNode(q("item-accounting"), jiwoo.children().at("item-accounting"));
    QCOMPARE(accounting->imagePaths, QStringList{q("static/images/accounting-book.png")});

    const auto odd =
        buyerEntryFromNode(q("item-lamp"), m_fixture.at({"buyer_chatlist", "minji", "item-lamp"}));
    QVERIFY(odd);
    QCOMPARE(odd->name, QString());
    QCOMPARE(odd->price, Price{});
    QCOMPARE(odd->imagePaths, QStringList{});
}

void TestMarketLegacyData::legacyFixturePurchasesUsersSummaries()
{
    const Node& bought = m_fixture.at({"buylist", "minji"});
    std::vector<Purchase> rows;
    for (const auto& [key, record] : bought.children()) {
        const auto purchase = purchaseFromNode(QString::fromStdString(key), record);
        QVERIFY(purchase);
        rows.push_back(*purchase);
    }
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(rows[0].itemKey, q("item-accounting"));
    QCOMPARE(formatPrice(rows[0].price), q("12,000원"));
    QCOMPARE(textField(rows[0].raw, "seller"), q("junho"));
    QCOMPARE(rows[1].name, q("5"));
    QCOMPARE(rows[1].imagePaths, QStringList{q("x.png")});
    QCOMPARE(rows[2].pushKey, q("-NwrXTmcPPbWzeCvGBw1"));
    QCOMPARE(rows[2].name, QString());

    QStringList logins;
    for (const auto& [key, record] : m_fixture.at({"users"}).children())
        logins << userFromNode(QString::fromStdString(key), record).loginId;
    QCOMPARE(logins, (QStringList{q("minji"), q("7")}));

    const Node& summaryNodes = m_fixture.at({"chat_summary", "minji"});
    const RoomSummary calculus =
        summaryFromNode(q("item-calculus"), summaryNodes.children().at("item-calculus"));
    QVERIFY(calculus.last);
    QCOMPARE(calculus.last->senderId, q("jiwoo"));
    QCOMPARE(orNone(calculus.last->timestampMs), kBaseMs);
    QCOMPARE(calculus.readKey, q("-NwmNrKFkbnhEoPcSxRj"));
    const RoomSummary lamp =
        summaryFromNode(q("item-lamp"), summaryNodes.children().at("item-lamp"));
    QVERIFY(!lamp.last);
    QCOMPARE(lamp.readKey, q("-NwmO4ykW19x6U0kcWf6"));
    const RoomSummary accounting =
        summaryFromNode(q("item-accounting"), summaryNodes.children().at("item-accounting"));
    QVERIFY(!accounting.last);
    QCOMPARE(accounting.readKey, QString());
}

// ---- robustness -------------------------------------------------------------------------------

void TestMarketLegacyData::wrongTypesNeverCrash_data()
{
    QTest::addColumn<QByteArray>("value");
    for (const QByteArray& value : oddValues())
        QTest::newRow(value.constData()) << value;
}

void TestMarketLegacyData::wrongTypesNeverCrash()
{
    QFETCH(QByteArray, value);
    const Node odd = jsonWithServerValues(value);
    const Node full = json(R"({"seller":"minji","name":"n","category":"c","price":1,"place":"p",
        "status":"s","description":"d","img_path":["a.png"],"date":"2024-05-01","id":"i",
        "msg":"m","key":"k","item_key":"ik","email":"e","timestamp":1714537330000,
        "last":{"key":"k","id":"i","msg":"m"},"read":"r"})");

    // Every mapper on: the odd value as the whole record, as each field of a full record, and
    // under a push level. Each must return, keep what it read and produce printable text.
    std::vector<Node> records{odd, Node::object({{"-Npush", odd}})};
    for (const std::string& field : everyField()) {
        Node record = full;
        record.set({field}, odd);
        records.push_back(record);
        records.push_back(Node::object({{"-Npush", record}}));
    }
    const QString key = q("-NwmNrKFkbnhEoPcSxRj");
    for (const Node& record : records) {
        const Item item = itemFromNode(key, record);
        QCOMPARE(item.raw, record);
        (void)formatPrice(item.price);
        (void)firstImageUrl(item.imagePaths, imageBase());
        (void)buyerEntryNode(item);
        (void)purchaseNode(item);
        (void)item.isSold();

        const ChatMessage message = messageFromNode(key, record);
        QVERIFY(message.timestampMs); // at the least, the push key's time
        (void)checkMessageText(message.text);

        // Only a null level or record is no row at all.
        const auto entry = buyerEntryFromNode(key, record);
        QCOMPARE(entry.has_value(), !record.isNull());
        if (entry) {
            QCOMPARE(entry->raw, record);
            (void)formatPrice(entry->price);
        }
        QCOMPARE(purchaseFromNode(key, record).has_value(), !record.isNull());
        (void)summaryFromNode(key, record);
        (void)userFromNode(key, record);
        for (const std::string& field : everyField())
            (void)textField(record, field);
    }
}

void TestMarketLegacyData::nonFiniteNumbersAreSafe()
{
    // JSON cannot carry these, but a Node can; none may reach a double→integer conversion.
    const double values[] = {std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::lowest(),
                             std::numeric_limits<double>::denorm_min(),
                             9.3e18,
                             -9.3e18};
    for (const double value : values) {
        const Node number = Node::number(value);
        const Price price = priceFromNode(number);
        QVERIFY(!price.won);
        QVERIFY(!parseTimestamp(number));
        const Node record = Node::object({{"f", number}});
        const QString text = textField(record, "f");
        QVERIFY(std::isfinite(value) || text.isEmpty());
    }
    QCOMPARE(orNone(priceFromNode(Node::number(-0.0)).won), qint64(0));
}

QTEST_GUILESS_MAIN(TestMarketLegacyData)
#include "tst_market_legacy_data.moc"
