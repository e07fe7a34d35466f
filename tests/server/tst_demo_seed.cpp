// The demo market: the web app's layout, consistent cross references between the nodes, real
// push keys in time order, bundled images behind every img_path, and no secrets in the tree.
#include "protocol/json.h"
#include "protocol/pushid.h"
#include "server/demo_seed.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <map>

using oiso::protocol::Node;
using oiso::protocol::PushIdGenerator;
using oiso::server::buildDemoMarket;
using oiso::server::DemoMarket;
using oiso::server::demoResourceForRequestPath;

namespace {

// A fixed "now" (2025-03-14 06:20 UTC), so failures reproduce.
constexpr qint64 kNow = 1'741'933'200'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;

QString str(const Node* node)
{
    return node && node->type() == Node::Type::String ? QString::fromStdString(node->stringValue())
                                                      : QString();
}

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

bool isPushKey(const std::string& key)
{
    const qint64 ms = PushIdGenerator::timestampOf(key);
    return ms > kNow - 3 * 365 * kDayMs && ms <= kNow;
}

// img_path as the web app stores it: a list (integer-keyed object here) or a single string.
QStringList imagePaths(const Node& imgPath)
{
    QStringList paths;
    if (imgPath.type() == Node::Type::String)
        paths << qs(imgPath.stringValue());
    for (const auto& [index, path] : imgPath.children())
        paths << str(&path);
    return paths;
}

// The tree with the random part of every push id (key or value) cut off, to compare two builds.
Node withoutRandomParts(const Node& node)
{
    const auto strip = [](const std::string& s) { return isPushKey(s) ? s.substr(0, 8) : s; };
    if (node.type() == Node::Type::String)
        return Node::string(strip(node.stringValue()));
    if (!node.isObject())
        return node;
    Node::Children children;
    for (const auto& [key, child] : node.children())
        children.emplace(strip(key), withoutRandomParts(child));
    return Node::object(std::move(children));
}

// Every img_path below `node`, whatever its depth (buyer_chatlist has one level more than buylist).
void collectImagePaths(const Node& node, QStringList* out)
{
    for (const auto& [key, child] : node.children()) {
        if (key == "img_path")
            out->append(imagePaths(child));
        else
            collectImagePaths(child, out);
    }
}

void collectKeys(const Node& node, const QString& path, QStringList* out)
{
    for (const auto& [key, child] : node.children()) {
        const QString childPath = path + QLatin1Char('/') + qs(key);
        out->append(childPath);
        collectKeys(child, childPath, out);
    }
}

void collectStrings(const Node& node, QStringList* out)
{
    if (node.type() == Node::Type::String)
        out->append(qs(node.stringValue()));
    for (const auto& [key, child] : node.children())
        collectStrings(child, out);
}

} // namespace

class TestDemoSeed : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void accountsAndBindings();
    void items();
    void rooms();
    void messageKeysFollowTime();
    void buyerChatlistsMatchRooms();
    void purchases();
    void membersAndReadMarks();
    void everyImageIsBundled();
    void noSecretsInTree();
    void deterministicForOneNow();
    void resourcePaths_data();
    void resourcePaths();

private:
    const Node& node(const char* name) const { return *m_market.tree.child(name); }
    QSet<QString> loginIds() const;

    DemoMarket m_market;
};

void TestDemoSeed::initTestCase()
{
    m_market = buildDemoMarket(kNow);
    for (const char* name : {"users", "user_ids", "item", "chatlist", "buyer_chatlist", "buylist",
                             "room_members", "chat_summary"})
        QVERIFY2(m_market.tree.child(name), name);
    // Exactly the web app's nodes plus our documented ones (docs/database.md): nothing the web
    // app would trip over.
    QCOMPARE(m_market.tree.childCount(), std::size_t(8));
}

QSet<QString> TestDemoSeed::loginIds() const
{
    QSet<QString> ids;
    for (const auto& account : m_market.accounts)
        ids.insert(account.loginId);
    return ids;
}

void TestDemoSeed::accountsAndBindings()
{
    QCOMPARE(m_market.accounts.size(), std::size_t(5));
    QCOMPARE(loginIds().size(), 5);
    const QRegularExpression uidShape(QStringLiteral("^[A-Za-z0-9]{28}$"));
    const QString password = m_market.accounts.front().password;
    QVERIFY(password.size() >= 8);
    QSet<QString> uids;
    for (const auto& account : m_market.accounts) {
        QCOMPARE(account.email, account.loginId + QStringLiteral("@oiso.test"));
        QCOMPARE(account.password, password);
        QVERIFY(!account.name.isEmpty());
        QVERIFY2(uidShape.match(account.uid).hasMatch(), qPrintable(account.uid));
        uids.insert(account.uid);
        QCOMPARE(str(node("user_ids").child(account.loginId.toStdString())), account.uid);
    }
    QCOMPARE(uids.size(), 5);
    QCOMPARE(node("user_ids").childCount(), std::size_t(5));

    // Stable across builds, so a binding written now matches the account created later.
    const DemoMarket again = buildDemoMarket(kNow + kDayMs);
    for (std::size_t i = 0; i < again.accounts.size(); ++i)
        QCOMPARE(again.accounts[i].uid, m_market.accounts[i].uid);

    QCOMPARE(node("users").childCount(), std::size_t(5));
    QSet<QString> userIds;
    for (const auto& [key, user] : node("users").children()) {
        QVERIFY2(isPushKey(key), key.c_str());
        const QString id = str(user.child("id"));
        userIds.insert(id);
        const auto account =
            std::find_if(m_market.accounts.begin(), m_market.accounts.end(),
                         [&id](const auto& candidate) { return candidate.loginId == id; });
        QVERIFY2(account != m_market.accounts.end(), qPrintable(id));
        QCOMPARE(str(user.child("name")), account->name);
        QCOMPARE(str(user.child("email")), account->email);
        QVERIFY(!str(user.child("phone")).isEmpty());
        QVERIFY(!str(user.child("profile")).isEmpty());
    }
    QCOMPARE(userIds, loginIds());
}

void TestDemoSeed::items()
{
    const Node& items = node("item");
    QVERIFY(items.childCount() >= 14);
    QCOMPARE(m_market.itemKeys.size(), items.childCount());
    const QSet<QString> statuses{QStringLiteral("판매중"), QStringLiteral("예약중"),
                                 QStringLiteral("판매완료")};
    const QRegularExpression dateShape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    QSet<QString> sellers, seenStatuses;
    int stringPrices = 0, listImages = 0, stringImages = 0;
    for (const auto& [key, item] : items.children()) {
        QVERIFY2(isPushKey(key), key.c_str());
        const QString seller = str(item.child("seller"));
        QVERIFY2(loginIds().contains(seller), qPrintable(seller));
        sellers.insert(seller);
        for (const char* field : {"name", "category", "place", "description"})
            QVERIFY2(!str(item.child(field)).isEmpty(), field);
        const QString status = str(item.child("status"));
        QVERIFY2(statuses.contains(status), qPrintable(status));
        seenStatuses.insert(status);
        QVERIFY(dateShape.match(str(item.child("date"))).hasMatch());
        QCOMPARE(str(item.child("date")),
                 QDateTime::fromMSecsSinceEpoch(PushIdGenerator::timestampOf(key))
                     .date()
                     .toString(Qt::ISODate));

        const Node& price = item.at({"price"});
        if (price.type() == Node::Type::String)
            ++stringPrices;
        else
            QVERIFY(price.type() == Node::Type::Number && price.numberValue() > 0);

        const Node& imgPath = item.at({"img_path"});
        if (imgPath.type() == Node::Type::String)
            ++stringImages;
        else
            ++listImages;
        QCOMPARE(imagePaths(imgPath).size(), 1);
    }
    QVERIFY(sellers.size() >= 4);
    QCOMPARE(seenStatuses, statuses);
    QVERIFY(stringPrices >= 2);
    QVERIFY(stringImages >= 1);
    QVERIFY(listImages > stringImages);
}

void TestDemoSeed::rooms()
{
    const Node& rooms = node("chatlist");
    QVERIFY(rooms.childCount() >= 7);
    const QSet<QString> ids = loginIds();
    qint64 newest = 0, oldest = kNow;
    bool yesterday = false;
    for (const auto& [itemKey, room] : rooms.children()) {
        const Node* item = node("item").child(itemKey);
        QVERIFY2(item, itemKey.c_str());
        QVERIFY(room.childCount() >= 3 && room.childCount() <= 25);
        // The room was opened after the item was listed.
        QVERIFY(PushIdGenerator::timestampOf(room.children().begin()->first) >
                PushIdGenerator::timestampOf(itemKey));
        QSet<QString> senders;
        for (const auto& [key, message] : room.children()) {
            const QString id = str(message.child("id"));
            QVERIFY2(ids.contains(id), qPrintable(id));
            senders.insert(id);
            QVERIFY(!str(message.child("msg")).isEmpty());
            const qint64 ms = PushIdGenerator::timestampOf(key);
            newest = std::max(newest, ms);
            oldest = std::min(oldest, ms);
            yesterday = yesterday || (ms > kNow - 30 * kHourMs && ms < kNow - 20 * kHourMs);
        }
        // The seller and at least one buyer talk in every room.
        QVERIFY(senders.contains(str(item->child("seller"))));
        QVERIFY(senders.size() >= 2 && senders.size() <= 4);
    }
    // Spread over the last ~10 days, with something from the last hours and from yesterday.
    QVERIFY(newest > kNow - kHourMs);
    QVERIFY(yesterday);
    QVERIFY(oldest < kNow - 7 * kDayMs && oldest > kNow - 12 * kDayMs);
}

void TestDemoSeed::messageKeysFollowTime()
{
    int legacy = 0;
    for (const auto& [itemKey, room] : node("chatlist").children()) {
        qint64 previous = 0;
        for (const auto& [key, message] : room.children()) {
            QVERIFY2(isPushKey(key), key.c_str());
            const qint64 keyMs = PushIdGenerator::timestampOf(key);
            const Node& timestamp = message.at({"timestamp"});
            if (timestamp.type() == Node::Type::String) {
                // The legacy row: Korean wall-clock text (as the web app wrote it, whatever this
                // machine's zone), still the same moment as its key.
                ++legacy;
                QDateTime parsed = QDateTime::fromString(qs(timestamp.stringValue()),
                                                         QStringLiteral("yyyy-MM-dd HH:mm:ss"));
                QTimeZone seoul("Asia/Seoul");
                parsed.setTimeZone(seoul.isValid() ? seoul : QTimeZone(9 * 3600));
                QVERIFY(parsed.isValid());
                QCOMPARE(parsed.toMSecsSinceEpoch() / 1000, keyMs / 1000);
                continue;
            }
            QCOMPARE(timestamp.type(), Node::Type::Number);
            QCOMPARE(qint64(timestamp.numberValue()), keyMs);
            QVERIFY(keyMs > previous && keyMs <= kNow);
            previous = keyMs;
        }
    }
    QCOMPARE(legacy, 1);
}

void TestDemoSeed::buyerChatlistsMatchRooms()
{
    std::size_t expectedEntries = 0;
    for (const auto& [itemKey, room] : node("chatlist").children()) {
        const Node& item = node("item").children().at(itemKey);
        const QString seller = str(item.child("seller"));
        std::map<QString, qint64> firstMessage;
        for (const auto& [key, message] : room.children())
            firstMessage.emplace(str(message.child("id")), PushIdGenerator::timestampOf(key));
        firstMessage.erase(seller);
        for (const auto& [buyer, firstMs] : firstMessage) {
            ++expectedEntries;
            const Node& entries = node("buyer_chatlist").at({buyer.toStdString(), itemKey});
            QVERIFY2(entries.childCount() == 1, qPrintable(buyer + QLatin1Char('/') + qs(itemKey)));
            const auto& [pushKey, entry] = *entries.children().begin();
            QCOMPARE(PushIdGenerator::timestampOf(pushKey), firstMs);
            QCOMPARE(entry.childCount(), std::size_t(4));
            QCOMPARE(str(entry.child("item_key")), qs(itemKey));
            QCOMPARE(entry.at({"name"}), item.at({"name"}));
            QCOMPARE(entry.at({"price"}), item.at({"price"}));
            QCOMPARE(entry.at({"img_path"}), item.at({"img_path"}));
        }
    }
    // …and nothing else: no entry for an item the user never wrote about.
    std::size_t entries = 0;
    for (const auto& [buyer, list] : node("buyer_chatlist").children()) {
        QVERIFY(loginIds().contains(qs(buyer)));
        for (const auto& [itemKey, pushes] : list.children())
            entries += pushes.childCount();
    }
    QCOMPARE(entries, expectedEntries);
}

void TestDemoSeed::purchases()
{
    int count = 0;
    for (const auto& [buyer, list] : node("buylist").children()) {
        QVERIFY(loginIds().contains(qs(buyer)));
        for (const auto& [key, purchase] : list.children()) {
            ++count;
            QVERIFY2(isPushKey(key), key.c_str());
            const std::string itemKey = purchase.at({"item_key"}).stringValue();
            const Node* item = node("item").child(itemKey);
            QVERIFY(item);
            QCOMPARE(str(item->child("status")), QStringLiteral("판매완료"));
            QVERIFY(str(item->child("seller")) != qs(buyer));
            QCOMPARE(purchase.childCount(), std::size_t(4));
            QCOMPARE(purchase.at({"name"}), item->at({"name"}));
            QCOMPARE(purchase.at({"price"}), item->at({"price"}));
            QCOMPARE(purchase.at({"img_path"}), item->at({"img_path"}));
            // Bought after talking it over in the room.
            QVERIFY(!node("buyer_chatlist").at({buyer, itemKey}).isNull());
        }
    }
    QCOMPARE(count, 2);
}

// Every participant of a room is a member, and has read up to their own last message there.
void TestDemoSeed::membersAndReadMarks()
{
    const Node& rooms = *m_market.tree.child("chatlist");
    int marks = 0;
    for (const auto& [itemKey, room] : rooms.children()) {
        std::map<std::string, std::string> lastOwn;
        for (const auto& [key, message] : room.children())
            lastOwn[message.child("id")->stringValue()] = key; // children are in key order
        for (const auto& [user, key] : lastOwn) {
            QCOMPARE(m_market.tree.at({"room_members", itemKey, user}), Node::boolean(true));
            QCOMPARE(m_market.tree.at({"chat_summary", user, itemKey, "read"}), Node::string(key));
            ++marks;
        }
        QCOMPARE(m_market.tree.at({"room_members", itemKey}).childCount(), lastOwn.size());
    }
    QVERIFY(marks > 20);
}

void TestDemoSeed::everyImageIsBundled()
{
    QStringList paths;
    for (const auto& [key, item] : node("item").children())
        paths << imagePaths(item.at({"img_path"}));
    QCOMPARE(QSet<QString>(paths.begin(), paths.end()).size(), paths.size()); // one per item
    collectImagePaths(node("buyer_chatlist"), &paths);
    collectImagePaths(node("buylist"), &paths);
    for (const QString& path : std::as_const(paths)) {
        QVERIFY2(path.startsWith(QStringLiteral("static/images/")), qPrintable(path));
        const QString resource = demoResourceForRequestPath(QString(QLatin1Char('/') + path));
        QCOMPARE(resource, QStringLiteral(":/demo/") + path);
        QFile file(resource);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray png = file.readAll();
        QVERIFY(png.size() > 300 && png.size() <= 12 * 1024);
        QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
        // IHDR: big-endian width and height right after the chunk header.
        const auto be32 = [&png](int at) {
            return (quint32(quint8(png[at])) << 24) | (quint32(quint8(png[at + 1])) << 16) |
                   (quint32(quint8(png[at + 2])) << 8) | quint32(quint8(png[at + 3]));
        };
        QCOMPARE(png.mid(12, 4), QByteArray("IHDR"));
        QVERIFY(be32(16) >= 96 && be32(16) <= 256);
        QVERIFY(be32(20) >= 96 && be32(20) <= 256);
    }
}

void TestDemoSeed::noSecretsInTree()
{
    QStringList keys;
    collectKeys(m_market.tree, QString(), &keys);
    const QRegularExpression secretish(QStringLiteral("pass|pwd|hash|salt|secret|token|credential"),
                                       QRegularExpression::CaseInsensitiveOption);
    for (const QString& path : std::as_const(keys))
        QVERIFY2(!secretish.match(path).hasMatch(), qPrintable(path));
    QStringList values;
    collectStrings(m_market.tree, &values);
    for (const QString& value : std::as_const(values))
        QVERIFY2(!value.contains(m_market.accounts.front().password), qPrintable(value));
}

void TestDemoSeed::deterministicForOneNow()
{
    const DemoMarket again = buildDemoMarket(kNow);
    QVERIFY(again.tree != m_market.tree); // push ids carry fresh randomness…
    // …but everything else, times included, is the same.
    QCOMPARE(oiso::protocol::toJson(withoutRandomParts(again.tree)),
             oiso::protocol::toJson(withoutRandomParts(m_market.tree)));
}

void TestDemoSeed::resourcePaths_data()
{
    QTest::addColumn<QString>("requestPath");
    QTest::addColumn<bool>("served");
    const auto row = [](const char* path, bool served) {
        QTest::newRow(path) << QString::fromUtf8(path) << served;
    };
    row("/static/images/laptop.png", true);
    row("/static/images/accounting-book.png", true);
    row("/static/../market.json", false);
    row("/static/images/../../x", false);
    row("/static/images/../laptop.png", false);
    row("/static/images/./laptop.png", false);
    row("/static//images/laptop.png", false);
    row("/static/images/%2e%2e/laptop.png", false);
    row("/static/images\\..\\laptop.png", false);
    row("/static/images/laptop.png?x=1", false);
    row("/static/images/", false);
    row("/static/images", false);
    row("/static/images/missing.png", false);
    row("/market.json", false);
    row("static/images/laptop.png", false);
    row("//static/images/laptop.png", false);
    row(":/demo/static/images/laptop.png", false);
    row("/static/images/.hidden.png", false);
    row("", false);
}

void TestDemoSeed::resourcePaths()
{
    QFETCH(QString, requestPath);
    QFETCH(bool, served);
    const QString resource = demoResourceForRequestPath(requestPath);
    if (served) {
        QCOMPARE(resource, QStringLiteral(":/demo") + requestPath);
        QVERIFY(QFile::exists(resource));
    } else {
        QVERIFY2(resource.isEmpty(), qPrintable(resource));
    }
}

QTEST_GUILESS_MAIN(TestDemoSeed)
#include "tst_demo_seed.moc"
