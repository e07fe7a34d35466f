// The local cache: records come back exactly (Korean, emoji, long text, every push-id
// character), messages in key order with paging, the chat list's digests, the user's lists,
// bounded growth, and a file that is damaged, foreign or of another schema is rebuilt.
#include "market/local_cache.h"

#include "common/protocol_test_helpers.h"
#include "protocol/pushid.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace oiso::market;
using oiso::protocol::Node;
using oiso::test::json;

namespace {

ChatMessage message(const QString& key, const QString& sender, const QString& text,
                    qint64 timestamp = 1714537330000)
{
    Node::Children fields;
    fields.emplace("id", Node::string(sender.toStdString()));
    fields.emplace("msg", Node::string(text.toStdString()));
    fields.emplace("timestamp", Node::number(double(timestamp)));
    return messageFromNode(key, Node::object(std::move(fields)));
}

// Push ids one millisecond apart: increasing keys in both creation and byte order.
QStringList pushIds(int count, qint64 startMs = 1714537330000)
{
    oiso::protocol::PushIdGenerator generator;
    QStringList keys;
    for (int i = 0; i < count; ++i)
        keys.append(QString::fromStdString(generator.next(startMs + i)));
    return keys;
}

// `count` messages in `room`, alternating between the given senders.
QStringList fill(LocalCache& cache, const QString& room, int count, const QStringList& senders)
{
    const QStringList keys = pushIds(count);
    std::vector<ChatMessage> messages;
    for (int i = 0; i < count; ++i)
        messages.push_back(
            message(keys[i], senders[i % senders.size()], QStringLiteral("메시지 %1").arg(i)));
    cache.storeMessages(room, messages);
    return keys;
}

QStringList keysOf(const std::vector<ChatMessage>& messages)
{
    QStringList keys;
    for (const ChatMessage& m : messages)
        keys.append(m.key);
    return keys;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

void touchFile(const QString& path)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
}

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& byte : bytes)
        byte = char(random.bounded(256));
    return bytes;
}

} // namespace

class TestLocalCache : public QObject {
    Q_OBJECT

private slots:
    void init();

    void itemsRoundTrip();
    void messagesRoundTrip();
    void messageWithoutRecordKeepsItsFields();
    void keysSortByBytes();
    void pagesBackwards();
    void roomsAreSeparate();
    void upsertAndRemove();

    void digestsCountUnreadAfterTheReadMark();
    void digestsCapUnreadAndListSenders();
    void digestOfAnEmptyRoom();
    void digestsOfManyRoomsMatchOneByOne();

    void listsReplaceUpsertAndRemove();
    void roomMetaRoundTrip();
    void keepsEverythingAcrossReopen();

    void rebuildsAGarbageFile();
    void aCleanCloseSkipsThePageCheck();
    void rebuildsAnotherSchemaVersion();
    void rebuildsAForeignDatabase();
    void rebuildsDamagedPages();
    void emptyFileIsANewCache();
    void unwritableFolderFallsBackToMemory();

    void enforceLimitsDropsOldestOfLeastRecentRooms();
    void enforceLimitsKeepsEachRoomsNewest();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("cache.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLocalCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLocalCache::itemsRoundTrip()
{
    LocalCache cache(path());
    QVERIFY(cache.isOpen());
    QVERIFY(!cache.wasRebuilt());
    QCOMPARE(cache.errorString(), QString());

    const Node raw = json(R"({"seller":"minji","name":"아이패드 미니 😀","price":"15,000원",
        "status":"판매중","img_path":["static/a.jpg","static/b.jpg"],"extra":{"kept":true}})");
    const Node other = json(R"({"seller":"junho","name":"전공책","price":8000})");
    cache.storeItems({itemFromNode(QStringLiteral("-Nitem_A-z"), raw),
                      itemFromNode(QStringLiteral("item2"), other)});

    const std::optional<Item> item = cache.item(QStringLiteral("-Nitem_A-z"));
    QVERIFY(item);
    QCOMPARE(item->key, QStringLiteral("-Nitem_A-z"));
    QCOMPARE(item->name, QStringLiteral("아이패드 미니 😀"));
    QCOMPARE(item->seller, QStringLiteral("minji"));
    QCOMPARE(item->raw, raw);
    QCOMPARE(cache.item(QStringLiteral("item2"))->raw, other);
    QVERIFY(!cache.item(QStringLiteral("missing")));

    // An upsert replaces the record.
    const Node sold = json(R"({"seller":"minji","name":"아이패드 미니","status":"판매완료"})");
    cache.storeItems({itemFromNode(QStringLiteral("-Nitem_A-z"), sold)});
    QCOMPARE(cache.item(QStringLiteral("-Nitem_A-z"))->raw, sold);
    QVERIFY(cache.item(QStringLiteral("-Nitem_A-z"))->isSold());
}

void TestLocalCache::messagesRoundTrip()
{
    LocalCache cache(path());
    const QString room = QStringLiteral("-NxRoom_09azAZ");
    const QString longText = QString(1991, QChar(u'가')) + QStringLiteral("😀🎉 끝!!!");
    QCOMPARE(longText.size(), 2000);

    std::vector<ChatMessage> messages = {
        message(QStringLiteral("-Nk0000000000000000a"), QStringLiteral("minji"),
                QStringLiteral("안녕하세요! 아직 판매 중인가요? 🙏")),
        message(QStringLiteral("-Nk0000000000000000b"), QStringLiteral("junho"), longText),
        // Legacy shapes: a string timestamp, unknown fields, a number id.
        messageFromNode(QStringLiteral("-Nk0000000000000000c"),
                        json(R"({"id":20241234,"msg":"네 ㅎㅎ","timestamp":"2024-05-01 13:22:10",
                                 "unknown":{"nested":[1,2,3]}})")),
        // No timestamp and a key that is no push id: no time at all.
        messageFromNode(QStringLiteral("legacy"), json(R"({"id":"jiwoo","msg":""})")),
    };
    QVERIFY(!messages[3].timestampMs);
    cache.storeMessages(room, messages);

    const std::vector<ChatMessage> back = cache.latestMessages(room, 10);
    QCOMPARE(back.size(), messages.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
        QCOMPARE(back[i], messages[i]);
        QCOMPARE(back[i].raw, messages[i].raw);
    }
    QCOMPARE(back[1].text.size(), 2000);
    QCOMPARE(back[3].text, QString());
    QVERIFY(!back[3].text.isNull()); // stored as text, not NULL
}

void TestLocalCache::messageWithoutRecordKeepsItsFields()
{
    LocalCache cache(path());
    ChatMessage echo;
    echo.key = QStringLiteral("-NkLocalEcho_0000000");
    echo.senderId = QStringLiteral("minji");
    echo.text = QStringLiteral("보내는 중… ✉️");
    echo.timestampMs = 1714537330123;
    cache.storeMessages(QStringLiteral("room"), {echo});
    const std::optional<ChatMessage> back = cache.newestMessage(QStringLiteral("room"));
    QVERIFY(back);
    QCOMPARE(*back, echo);
    QVERIFY(back->raw.isNull());
}

void TestLocalCache::keysSortByBytes()
{
    // Every push-id character, in a shuffled order: the result is byte order ('-' < digits <
    // upper case < '_' < lower case), which for push ids is creation order.
    const QString alphabet =
        QStringLiteral("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
    QStringList keys;
    for (QChar c : alphabet)
        keys.append(QStringLiteral("-Nk") + c + QStringLiteral("00000000000000_z"));
    keys.append(QStringLiteral("-Nk"));
    keys.append(alphabet); // a key holding every character at once
    QStringList shuffled = keys;
    std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());

    LocalCache cache(path());
    std::vector<ChatMessage> messages;
    for (const QString& key : shuffled)
        messages.push_back(message(key, QStringLiteral("minji"), key));
    cache.storeMessages(QStringLiteral("room"), messages);

    QStringList expected = keys;
    std::sort(expected.begin(), expected.end(),
              [](const QString& a, const QString& b) { return a.toLatin1() < b.toLatin1(); });
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("room"), 1000)), expected);
    QCOMPARE(cache.newestMessage(QStringLiteral("room"))->key, expected.last());
    for (const ChatMessage& m : cache.latestMessages(QStringLiteral("room"), 1000))
        QCOMPARE(m.text, m.key);
}

void TestLocalCache::pagesBackwards()
{
    LocalCache cache(path());
    const QStringList keys = fill(cache, QStringLiteral("room"), 100, {QStringLiteral("a")});
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 100);

    std::vector<ChatMessage> page = cache.latestMessages(QStringLiteral("room"), 30);
    QCOMPARE(keysOf(page), keys.mid(70));
    QStringList seen = keysOf(page);
    while (!page.empty()) {
        page = cache.messagesBefore(QStringLiteral("room"), page.front().key, 30);
        seen = keysOf(page) + seen;
    }
    QCOMPARE(seen, keys);
    QCOMPARE(keysOf(cache.messagesBefore(QStringLiteral("room"), keys[10], 30)), keys.mid(0, 10));
    QVERIFY(cache.messagesBefore(QStringLiteral("room"), keys[0], 30).empty());
    QVERIFY(cache.latestMessages(QStringLiteral("room"), 0).empty());
    QCOMPARE(cache.latestMessages(QStringLiteral("room"), 1000).size(), std::size_t(100));
    QCOMPARE(cache.newestMessage(QStringLiteral("room"))->key, keys.last());
}

void TestLocalCache::roomsAreSeparate()
{
    LocalCache cache(path());
    // "a" is a prefix of "ab": ranges of one room must not run into the next.
    fill(cache, QStringLiteral("a"), 5, {QStringLiteral("x")});
    fill(cache, QStringLiteral("ab"), 7, {QStringLiteral("y")});
    QCOMPARE(cache.messageCount(QStringLiteral("a")), 5);
    QCOMPARE(cache.messageCount(QStringLiteral("ab")), 7);
    QCOMPARE(cache.latestMessages(QStringLiteral("a"), 100).size(), std::size_t(5));
    QCOMPARE(cache.messageCount(QStringLiteral("missing")), 0);
    QVERIFY(!cache.newestMessage(QStringLiteral("missing")));
    QVERIFY(cache.latestMessages(QStringLiteral("missing"), 30).empty());
}

void TestLocalCache::upsertAndRemove()
{
    LocalCache cache(path());
    const QStringList keys = fill(cache, QStringLiteral("room"), 5, {QStringLiteral("a")});
    cache.storeMessages(QStringLiteral("room"),
                        {message(keys[2], QStringLiteral("a"), QStringLiteral("고쳤어요"))});
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 5);
    QCOMPARE(cache.latestMessages(QStringLiteral("room"), 5)[2].text, QStringLiteral("고쳤어요"));

    cache.removeMessages(QStringLiteral("room"), {keys[4], keys[0], QStringLiteral("nope")});
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 3);
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("room"), 10)), keys.mid(1, 3));
    QCOMPARE(cache.newestMessage(QStringLiteral("room"))->key, keys[3]);
}

void TestLocalCache::digestsCountUnreadAfterTheReadMark()
{
    LocalCache cache(path());
    const QString me = QStringLiteral("minji");
    // 10 messages: even ones mine, odd ones from junho.
    const QStringList keys = fill(cache, QStringLiteral("room"), 10, {me, QStringLiteral("junho")});

    // No read mark: every message of the others is unread.
    RoomDigest digest = cache.roomDigests({QStringLiteral("room")}, me).at(QStringLiteral("room"));
    QCOMPARE(digest.unread, 5);
    QCOMPARE(digest.newest->key, keys[9]);
    QCOMPARE(digest.newest->senderId, QStringLiteral("junho"));

    // Read up to keys[4]: junho's 5, 7, 9 are left.
    cache.storeRoomMeta(QStringLiteral("room"), {{}, keys[4], false});
    digest = cache.roomDigests({QStringLiteral("room")}, me).at(QStringLiteral("room"));
    QCOMPARE(digest.unread, 3);

    // Read everything; then one of mine arrives: still nothing unread.
    cache.storeRoomMeta(QStringLiteral("room"), {{}, keys[9], false});
    const QString mine = pushIds(1, 1800000000000).front();
    cache.storeMessages(QStringLiteral("room"), {message(mine, me, QStringLiteral("네"))});
    digest = cache.roomDigests({QStringLiteral("room")}, me).at(QStringLiteral("room"));
    QCOMPARE(digest.unread, 0);
    QCOMPARE(digest.newest->key, mine);
}

void TestLocalCache::digestsCapUnreadAndListSenders()
{
    LocalCache cache(path());
    const QString me = QStringLiteral("minji");
    const QStringList keys = fill(cache, QStringLiteral("big"), 300,
                                  {QStringLiteral("junho"), me, QStringLiteral("seoyeon")});
    fill(cache, QStringLiteral("small"), 3, {QStringLiteral("jiwoo")});

    const auto digests = cache.roomDigests(
        {QStringLiteral("big"), QStringLiteral("small"), QStringLiteral("big")}, me, 50);
    QCOMPARE(digests.size(), std::size_t(2));
    QCOMPARE(digests.at(QStringLiteral("big")).unread, 50);
    QCOMPARE(cache.roomDigests({QStringLiteral("big")}, me).at(QStringLiteral("big")).unread, 100);
    QCOMPARE(cache.roomDigests({QStringLiteral("big")}, me, 1000).at(QStringLiteral("big")).unread,
             200);
    QCOMPARE(digests.at(QStringLiteral("big")).senders,
             QStringList({QStringLiteral("junho"), me, QStringLiteral("seoyeon")}));
    QCOMPARE(digests.at(QStringLiteral("small")).unread, 3);
    QCOMPARE(digests.at(QStringLiteral("small")).senders, QStringList{QStringLiteral("jiwoo")});

    // Senders follow the cached messages: gone with seoyeon's last message, moved by an edit.
    QStringList seoyeons;
    for (int i = 2; i < 300; i += 3)
        seoyeons.append(keys[i]);
    cache.removeMessages(QStringLiteral("big"), seoyeons);
    cache.storeMessages(QStringLiteral("big"),
                        {message(keys[0], QStringLiteral("hyunwoo"), QStringLiteral("수정"))});
    QCOMPARE(cache.roomDigests({QStringLiteral("big")}, me).at(QStringLiteral("big")).senders,
             QStringList({QStringLiteral("hyunwoo"), QStringLiteral("junho"), me}));
}

void TestLocalCache::digestOfAnEmptyRoom()
{
    LocalCache cache(path());
    cache.storeRoomMeta(QStringLiteral("quiet"), {{QStringLiteral("minji")}, {}, false});
    const auto digests = cache.roomDigests({QStringLiteral("quiet"), QStringLiteral("unknown")},
                                           QStringLiteral("minji"));
    QCOMPARE(digests.size(), std::size_t(2));
    for (const auto& [room, digest] : digests) {
        QVERIFY(!digest.newest);
        QCOMPARE(digest.unread, 0);
        QVERIFY(digest.senders.isEmpty());
    }
    QVERIFY(cache.roomDigests({}, QStringLiteral("minji")).empty());
}

// Many rooms are read in one pass, a few one by one: both give the same digests.
void TestLocalCache::digestsOfManyRoomsMatchOneByOne()
{
    LocalCache cache(path());
    const QString me = QStringLiteral("minji");
    QStringList rooms;
    for (int r = 0; r < 12; ++r) {
        const QString room = QStringLiteral("방-%1-\"quoted\"").arg(r);
        rooms.append(room);
        if (r % 4 == 3)
            continue; // some rooms have nothing cached
        const QStringList keys = fill(cache, room, 5 + r * 3,
                                      {me, QStringLiteral("junho"), QStringLiteral("u%1").arg(r)});
        if (r % 2 == 0)
            cache.storeRoomMeta(room, {{}, keys[r], false});
    }
    rooms.append(rooms.front()); // asked twice
    const auto together = cache.roomDigests(rooms, me, 7);
    QCOMPARE(together.size(), std::size_t(12));
    for (const QString& room : rooms) {
        const RoomDigest alone = cache.roomDigests({room}, me, 7).at(room);
        const RoomDigest& batch = together.at(room);
        QCOMPARE(batch.newest.has_value(), alone.newest.has_value());
        if (alone.newest) {
            QCOMPARE(*batch.newest, *alone.newest);
            QCOMPARE(batch.newest->raw, alone.newest->raw);
        }
        QCOMPARE(batch.unread, alone.unread);
        QCOMPARE(batch.senders, alone.senders);
    }
    QCOMPARE(together.at(rooms[1]).unread, 5); // 8 messages, 3 of them mine, no read mark
    QCOMPARE(together.at(rooms[5]).unread, 7); // 13 of others: capped
    QCOMPARE(together.at(rooms[2]).unread, 5); // u2's and junho's after keys[2] of 11
    QVERIFY(!together.at(rooms[3]).newest);
}

void TestLocalCache::listsReplaceUpsertAndRemove()
{
    LocalCache cache(path());
    const QString me = QStringLiteral("minji");
    cache.replaceList(
        me, ListKind::Buying,
        {{QStringLiteral("item1"), json(R"({"-Npush":{"name":"책","price":"5000"}})")},
         {QStringLiteral("item2"), json(R"({"-Npush":{"name":"의자 🪑"}})")},
         {QStringLiteral("skipped"), Node()}});
    cache.replaceList(me, ListKind::Selling, {{QStringLiteral("item9"), json(R"({"name":"x"})")}});
    cache.replaceList(QStringLiteral("junho"), ListKind::Buying,
                      {{QStringLiteral("item7"), json(R"({"name":"y"})")}});

    std::map<QString, Node> buying = cache.list(me, ListKind::Buying);
    QCOMPARE(buying.size(), std::size_t(2));
    QCOMPARE(buying.at(QStringLiteral("item2")), json(R"({"-Npush":{"name":"의자 🪑"}})"));

    cache.storeListEntry(me, ListKind::Buying, QStringLiteral("item3"), json(R"({"name":"z"})"));
    cache.storeListEntry(me, ListKind::Buying, QStringLiteral("item1"), json(R"({"name":"새"})"));
    cache.storeListEntry(me, ListKind::Buying, QStringLiteral("item2"), Node());
    buying = cache.list(me, ListKind::Buying);
    QCOMPARE(buying.size(), std::size_t(2));
    QCOMPARE(buying.at(QStringLiteral("item1")), json(R"({"name":"새"})"));
    QVERIFY(buying.count(QStringLiteral("item3")));

    // A replace drops what the new list lacks, and touches no other owner or kind.
    cache.replaceList(me, ListKind::Buying, {{QStringLiteral("item4"), json("1")}});
    QCOMPARE(cache.list(me, ListKind::Buying).size(), std::size_t(1));
    QCOMPARE(cache.list(me, ListKind::Selling).size(), std::size_t(1));
    QCOMPARE(cache.list(QStringLiteral("junho"), ListKind::Buying).size(), std::size_t(1));
    QVERIFY(cache.list(me, ListKind::Purchased).empty());
    cache.replaceList(me, ListKind::Buying, {});
    QVERIFY(cache.list(me, ListKind::Buying).empty());
}

void TestLocalCache::roomMetaRoundTrip()
{
    LocalCache cache(path());
    QCOMPARE(cache.roomMeta(QStringLiteral("room")).members, QStringList());
    fill(cache, QStringLiteral("room"), 4, {QStringLiteral("a")});
    const RoomMeta meta{{QStringLiteral("minji"), QStringLiteral("김민지😀"), QStringLiteral("")},
                        QStringLiteral("-NkRead_9"),
                        true};
    cache.storeRoomMeta(QStringLiteral("room"), meta);
    const RoomMeta back = cache.roomMeta(QStringLiteral("room"));
    QCOMPARE(back.members, meta.members);
    QCOMPARE(back.readKey, meta.readKey);
    QCOMPARE(back.readKeyDirty, true);
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 4); // meta does not touch the count

    cache.storeRoomMeta(QStringLiteral("room"), {});
    QCOMPARE(cache.roomMeta(QStringLiteral("room")).readKey, QString());
    QCOMPARE(cache.roomMeta(QStringLiteral("room")).readKeyDirty, false);
}

void TestLocalCache::keepsEverythingAcrossReopen()
{
    QStringList keys;
    {
        LocalCache cache(path());
        keys = fill(cache, QStringLiteral("room"), 20, {QStringLiteral("a"), QStringLiteral("b")});
        cache.storeItems({itemFromNode(QStringLiteral("room"), json(R"({"name":"책"})"))});
        cache.storeRoomMeta(QStringLiteral("room"), {{QStringLiteral("a")}, keys[9], false});
        cache.storeListEntry(QStringLiteral("a"), ListKind::Purchased, QStringLiteral("-Nbuy"),
                             json(R"({"item_key":"room"})"));
    }
    LocalCache cache(path());
    QVERIFY(cache.isOpen());
    QVERIFY(!cache.wasRebuilt());
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("room"), 100)), keys);
    QCOMPARE(cache.item(QStringLiteral("room"))->name, QStringLiteral("책"));
    QCOMPARE(cache.roomMeta(QStringLiteral("room")).readKey, keys[9]);
    QCOMPARE(cache.list(QStringLiteral("a"), ListKind::Purchased).size(), std::size_t(1));
    QCOMPARE(cache.roomDigests({QStringLiteral("room")}, QStringLiteral("a"))
                 .at(QStringLiteral("room"))
                 .unread,
             5);
}

void TestLocalCache::rebuildsAGarbageFile()
{
    writeFile(path(), randomBytes(64 * 1024, 1));
    writeFile(path() + QStringLiteral("-wal"), randomBytes(4096, 2));
    writeFile(path() + QStringLiteral("-shm"), randomBytes(32768, 3));
    {
        LocalCache cache(path());
        QVERIFY(cache.isOpen());
        QVERIFY(cache.wasRebuilt());
        QVERIFY(!cache.errorString().isEmpty());
        fill(cache, QStringLiteral("room"), 3, {QStringLiteral("a")});
        QCOMPARE(cache.messageCount(QStringLiteral("room")), 3);
    }
    LocalCache again(path());
    QVERIFY(!again.wasRebuilt());
    QCOMPARE(again.messageCount(QStringLiteral("room")), 3);
}

void TestLocalCache::rebuildsAnotherSchemaVersion()
{
    {
        LocalCache cache(path());
        fill(cache, QStringLiteral("room"), 3, {QStringLiteral("a")});
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v"));

    LocalCache cache(path());
    QVERIFY(cache.isOpen());
    QVERIFY(cache.wasRebuilt());
    QVERIFY(cache.errorString().contains(QStringLiteral("99")));
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 0);
    fill(cache, QStringLiteral("room"), 2, {QStringLiteral("a")});
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 2);
}

void TestLocalCache::rebuildsAForeignDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("f"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE messages(x)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("f"));
    LocalCache cache(path());
    QVERIFY(cache.isOpen());
    QVERIFY(cache.wasRebuilt());
    fill(cache, QStringLiteral("room"), 2, {QStringLiteral("a")});
    QCOMPARE(cache.latestMessages(QStringLiteral("room"), 5).size(), std::size_t(2));
}

void TestLocalCache::rebuildsDamagedPages()
{
    auto wreck = [this] {
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 16 * 4096);
        // Keep the header page (so the file still says "SQLite format 3") and wreck the b-tree
        // pages.
        QVERIFY(file.seek(4096));
        file.write(randomBytes(int(file.size()) - 2 * 4096, 4));
    };
    {
        LocalCache cache(path());
        for (int room = 0; room < 20; ++room)
            fill(cache, QStringLiteral("room%1").arg(room), 50, {QStringLiteral("a")});
    }
    // Damaged after a clean close (the disk itself): the open reads only the header, so the
    // damage shows when the pages are read — an empty answer, never a crash — and the next start
    // reads every page and rebuilds.
    wreck();
    {
        LocalCache cache(path());
        QVERIFY(cache.isOpen());
        QVERIFY(!cache.wasRebuilt());
        QVERIFY(cache.latestMessages(QStringLiteral("room1"), 10).size() < 10);
        QVERIFY(!cache.errorString().isEmpty());
    }
    {
        LocalCache cache(path());
        QVERIFY(cache.isOpen());
        QVERIFY(cache.wasRebuilt());
        QCOMPARE(cache.messageCount(QStringLiteral("room1")), 0);
        fill(cache, QStringLiteral("room1"), 2, {QStringLiteral("a")});
        QCOMPARE(cache.messageCount(QStringLiteral("room1")), 2);
        for (int room = 2; room < 20; ++room)
            fill(cache, QStringLiteral("room%1").arg(room), 50, {QStringLiteral("a")});
    }
    // Damaged while the app was running and then killed (the in-use marker is still there): the
    // very next open reads every page and rebuilds.
    touchFile(path() + QStringLiteral(".in-use"));
    wreck();
    LocalCache cache(path());
    QVERIFY(cache.isOpen());
    QVERIFY(cache.wasRebuilt());
    QCOMPARE(cache.messageCount(QStringLiteral("room5")), 0);
}

void TestLocalCache::aCleanCloseSkipsThePageCheck()
{
    {
        LocalCache cache(path());
        fill(cache, QStringLiteral("room"), 5, {QStringLiteral("a")});
        QVERIFY(QFile::exists(path() + QStringLiteral(".in-use")));
    }
    QVERIFY(!QFile::exists(path() + QStringLiteral(".in-use")));
    LocalCache cache(path());
    QVERIFY(!cache.wasRebuilt());
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 5);
}

void TestLocalCache::emptyFileIsANewCache()
{
    writeFile(path(), {});
    LocalCache cache(path());
    QVERIFY(cache.isOpen());
    QVERIFY(!cache.wasRebuilt());
    fill(cache, QStringLiteral("room"), 2, {QStringLiteral("a")});
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 2);
}

void TestLocalCache::unwritableFolderFallsBackToMemory()
{
    // The "folder" is a plain file: nothing can be created below it.
    writeFile(m_dir->filePath(QStringLiteral("not-a-folder")), "x");
    LocalCache cache(m_dir->filePath(QStringLiteral("not-a-folder/cache.sqlite")));
    QVERIFY(cache.isOpen());
    QVERIFY(!cache.wasRebuilt());
    QVERIFY(cache.errorString().contains(QStringLiteral("memory")));
    fill(cache, QStringLiteral("room"), 2, {QStringLiteral("a")});
    QCOMPARE(cache.messageCount(QStringLiteral("room")), 2);
}

void TestLocalCache::enforceLimitsDropsOldestOfLeastRecentRooms()
{
    LocalCache cache(path());
    const QStringList a = fill(cache, QStringLiteral("A"), 50, {QStringLiteral("x")});
    const QStringList b = fill(cache, QStringLiteral("B"), 50, {QStringLiteral("x")});
    const QStringList c = fill(cache, QStringLiteral("C"), 50, {QStringLiteral("x")});
    cache.noteRoomOpened(QStringLiteral("C"));
    cache.noteRoomOpened(QStringLiteral("A")); // most recent; B was never opened

    cache.enforceLimits(200, 20); // under the limit: nothing happens
    QCOMPARE(cache.messageCount(QStringLiteral("B")), 50);

    // 50 too many: B gives its 30 spare, then C (opened before A) the other 20.
    cache.enforceLimits(100, 20);
    QCOMPARE(cache.messageCount(QStringLiteral("A")), 50);
    QCOMPARE(cache.messageCount(QStringLiteral("B")), 20);
    QCOMPARE(cache.messageCount(QStringLiteral("C")), 30);
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("B"), 100)), b.mid(30));
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("C"), 100)), c.mid(20));

    // Opening B makes it the last to give: 40 too many come from C (down to 10), then A.
    cache.noteRoomOpened(QStringLiteral("B"));
    cache.enforceLimits(60, 10);
    QCOMPARE(cache.messageCount(QStringLiteral("C")), 10);
    QCOMPARE(cache.messageCount(QStringLiteral("A")), 30);
    QCOMPARE(cache.messageCount(QStringLiteral("B")), 20);
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("A"), 100)), a.mid(20));
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("C"), 100)), c.mid(40));
}

void TestLocalCache::enforceLimitsKeepsEachRoomsNewest()
{
    LocalCache cache(path());
    const QStringList keys = fill(cache, QStringLiteral("A"), 30, {QStringLiteral("x")});
    fill(cache, QStringLiteral("B"), 30, {QStringLiteral("y")});
    cache.enforceLimits(10, 25);
    QCOMPARE(cache.messageCount(QStringLiteral("A")), 25);
    QCOMPARE(cache.messageCount(QStringLiteral("B")), 25);
    QCOMPARE(keysOf(cache.latestMessages(QStringLiteral("A"), 100)), keys.mid(5));
    QCOMPARE(cache.newestMessage(QStringLiteral("A"))->key, keys.last());

    cache.enforceLimits(0, 0); // nothing kept at all
    QCOMPARE(cache.messageCount(QStringLiteral("A")), 0);
    QVERIFY(cache.latestMessages(QStringLiteral("B"), 10).empty());
    QVERIFY(cache.roomDigests({QStringLiteral("B")}, {}).at(QStringLiteral("B")).senders.isEmpty());
}

QTEST_GUILESS_MAIN(TestLocalCache)
#include "tst_local_cache.moc"
