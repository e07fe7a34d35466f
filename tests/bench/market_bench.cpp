// Benchmarks of the market core's storage on the paths a user waits for: the chat list built from
// the cache at start-up (1,000 rooms: their items and digests), a big room opening from the cache
// (the newest 30 of 100,000 messages) and scrolling back in it, opening the cache file (its
// quick_check), and a message written to the durable outbox (enqueue returns once it is on
// disk). Figures come from QBENCHMARK; nothing here asserts speed (goals: docs/benchmarks.md).
#include "market/chat_list_rows.h"
#include "market/local_cache.h"
#include "market/outbox_store.h"

#include "protocol/pushid.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

using namespace oiso::market;
using oiso::protocol::Node;

namespace {

// Full sizes in Release; smaller where the build is instrumented (Debug, sanitizers), so the
// CTest run stays quick there. Either way the output names the sizes it used.
#ifdef NDEBUG
constexpr int kRooms = 1000;
constexpr int kBigRoomMessages = 100000;
#else
constexpr int kRooms = 200;
constexpr int kBigRoomMessages = 10000;
#endif
constexpr int kMessagesPerRoom = 20;
const QString kMe = QStringLiteral("minji");

// Push ids (8 characters of time, 12 of sequence) without the generator's random part, which
// comes from the CPU's random instruction and would be most of the set-up time on a VM.
std::string pushId(qint64 ms, quint64 sequence)
{
    constexpr std::string_view alphabet = oiso::protocol::PushIdGenerator::kAlphabet;
    std::string id(20, '-');
    for (int i = 7; i >= 0; --i, ms >>= 6)
        id[i] = alphabet[ms & 63];
    for (int i = 19; i >= 8; --i, sequence >>= 6)
        id[i] = alphabet[sequence & 63];
    return id;
}

Node text(const std::string& value)
{
    return Node::string(value);
}

Node itemRecord(int i)
{
    Node::Children fields;
    fields.emplace("seller", text(i % 4 == 0 ? "minji" : "seller" + std::to_string(i % 50)));
    fields.emplace("name", text("아이패드 미니 6세대 64GB 와이파이 " + std::to_string(i)));
    fields.emplace("category", text("전자기기"));
    fields.emplace("price", text(std::to_string(10000 + i * 500) + "원"));
    fields.emplace("place", text("학생회관 앞"));
    fields.emplace("status", text("판매중"));
    fields.emplace("description", text("거의 새것입니다. 케이스와 충전기 포함. 직거래만 합니다."));
    Node::Children images;
    images.emplace("0", text("static/img/item" + std::to_string(i) + "_0.jpg"));
    images.emplace("1", text("static/img/item" + std::to_string(i) + "_1.jpg"));
    fields.emplace("img_path", Node::object(std::move(images)));
    fields.emplace("date", text("2024-05-01 13:22:10"));
    return Node::object(std::move(fields));
}

ChatMessage chatMessage(const std::string& key, const std::string& sender, qint64 timestamp)
{
    Node::Children fields;
    fields.emplace("id", text(sender));
    fields.emplace("msg", text("안녕하세요! 아직 판매 중인가요? 내일 거래 가능할까요?"));
    fields.emplace("timestamp", Node::number(double(timestamp)));
    return messageFromNode(QString::fromStdString(key), Node::object(std::move(fields)));
}

} // namespace

class MarketBench : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void chatListFromCache();
    void chatListRowsAsTheAppBuildsThem();
    void itemsForAllRooms();
    void digestsForAllRooms();
    void latest30InBigRoom();
    void scrollBackInBigRoom();
    void openCacheFile();
    void outboxEnqueue();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalCache> m_cache;
    QStringList m_rooms;
    QString m_bigRoom;
    QString m_middleKey; // a key halfway through the big room
    std::string nextKey() { return pushId(++m_clock, ++m_sequence); }

    qint64 m_clock = 1714537330000;
    quint64 m_sequence = 0;
};

void MarketBench::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cache = std::make_unique<LocalCache>(m_dir.filePath(QStringLiteral("cache.sqlite")));
    QVERIFY(m_cache->isOpen());

    QElapsedTimer timer;
    timer.start();
    std::vector<Item> items;
    for (int i = 0; i < kRooms; ++i) {
        const QString key = QString::fromStdString(nextKey());
        m_rooms.append(key);
        items.push_back(itemFromNode(key, itemRecord(i)));
    }
    m_cache->storeItems(items);
    std::map<QString, Node> selling;
    for (const Item& item : items)
        selling.emplace(item.key, item.raw);
    m_cache->replaceList(kMe, ListKind::Selling, selling);
    // Every room: a few messages from me and two others, read up to the middle.
    for (int r = 0; r < kRooms; ++r) {
        std::vector<ChatMessage> messages;
        for (int i = 0; i < kMessagesPerRoom; ++i) {
            const std::string key = nextKey();
            messages.push_back(
                chatMessage(key, i % 3 == 0 ? "minji" : "buyer" + std::to_string(i % 3), m_clock));
        }
        m_cache->storeMessages(m_rooms[r], messages);
        m_cache->storeRoomMeta(m_rooms[r], {{kMe}, messages[kMessagesPerRoom / 2].key, false});
    }
    const qint64 roomsMs = timer.restart();

    // The big room, in one storeMessages call: one transaction.
    m_bigRoom = m_rooms.front();
    std::vector<ChatMessage> big;
    big.reserve(kBigRoomMessages);
    for (int i = 0; i < kBigRoomMessages; ++i) {
        const std::string key = nextKey();
        big.push_back(chatMessage(key, "user" + std::to_string(i % 37), m_clock));
    }
    m_middleKey = big[kBigRoomMessages / 2].key;
    m_cache->storeMessages(m_bigRoom, big);
    QCOMPARE(m_cache->messageCount(m_bigRoom), kBigRoomMessages + kMessagesPerRoom);
    qInfo("sizes: %d rooms of %d messages (set up in %lld ms), one room with %d more (stored in "
          "one transaction in %lld ms)",
          kRooms, kMessagesPerRoom, roomsMs, kBigRoomMessages, timer.elapsed());
}

// What the chat list needs at start-up: every row's item and its digest.
void MarketBench::chatListFromCache()
{
    std::size_t rows = 0;
    QBENCHMARK
    {
        rows = 0;
        for (const QString& room : m_rooms)
            rows += m_cache->item(room) ? 1 : 0;
        rows += m_cache->roomDigests(m_rooms, kMe).size();
    }
    QCOMPARE(rows, std::size_t(2 * kRooms));
}

// The whole start-up path of the chat list's Selling section from the cache, as
// ChatListService::start() runs it: the list's records, their items, digests, room facts and
// drafts, joined into sorted rows.
void MarketBench::chatListRowsAsTheAppBuildsThem()
{
    DraftStore drafts(m_dir.filePath(QStringLiteral("profile.sqlite")));
    QVERIFY(drafts.isOpen());
    drafts.save(m_rooms.back(), QStringLiteral("내일 가능할까요?"));
    std::size_t rows = 0;
    QBENCHMARK
    {
        ChatListData data;
        data.me = kMe;
        for (const auto& [key, value] : m_cache->list(kMe, ListKind::Selling))
            data.selling.emplace(key, itemFromNode(key, value));
        rows = buildRows(ListKind::Selling, data, *m_cache, drafts).size();
    }
    QCOMPARE(rows, std::size_t(kRooms));
}

void MarketBench::itemsForAllRooms()
{
    int found = 0;
    QBENCHMARK
    {
        found = 0;
        for (const QString& room : m_rooms)
            found += m_cache->item(room) ? 1 : 0;
    }
    QCOMPARE(found, kRooms);
}

void MarketBench::digestsForAllRooms()
{
    std::map<QString, RoomDigest> digests;
    QBENCHMARK
    {
        digests = m_cache->roomDigests(m_rooms, kMe);
    }
    QCOMPARE(digests.size(), std::size_t(kRooms));
    QCOMPARE(digests.at(m_rooms.back()).unread, 6); // buyers' messages after the read mark
    QCOMPARE(digests.at(m_bigRoom).unread, 100);    // capped
}

void MarketBench::latest30InBigRoom()
{
    std::vector<ChatMessage> page;
    QBENCHMARK
    {
        page = m_cache->latestMessages(m_bigRoom, 30);
    }
    QCOMPARE(page.size(), std::size_t(30));
}

// Scrolling up: the 30 before a key in the middle of the room.
void MarketBench::scrollBackInBigRoom()
{
    std::vector<ChatMessage> page;
    QBENCHMARK
    {
        page = m_cache->messagesBefore(m_bigRoom, m_middleKey, 30);
    }
    QCOMPARE(page.size(), std::size_t(30));
}

// Start-up: opening the file checks it (PRAGMA quick_check reads every page).
void MarketBench::openCacheFile()
{
    bool rebuilt = true;
    QBENCHMARK
    {
        LocalCache cache(m_cache->filePath());
        rebuilt = cache.wasRebuilt();
    }
    QVERIFY(!rebuilt);
}

// Enter pressed → the message is on disk (synchronous=FULL: the WAL is fsynced).
void MarketBench::outboxEnqueue()
{
    OutboxStore outbox(m_dir.filePath(QStringLiteral("profile.sqlite")));
    QVERIFY(outbox.isOpen());
    int failures = 0;
    QBENCHMARK
    {
        OutboxEntry entry;
        entry.room = m_bigRoom;
        entry.key = QString::fromStdString(nextKey());
        entry.senderId = kMe;
        entry.text = QStringLiteral("네, 내일 오후 3시에 학생회관 앞에서 뵐게요!");
        failures += outbox.enqueue(entry) ? 0 : 1;
    }
    QCOMPARE(failures, 0);
}

QTEST_GUILESS_MAIN(MarketBench)
#include "market_bench.moc"
