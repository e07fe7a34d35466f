// Micro-benchmarks of the protocol layer on the server's hot paths: storing a message in a big
// room, parsing a request body, serialising a room (snapshots, GETs), and the query a chat
// window's event stream re-evaluates on every write. Figures come from QBENCHMARK; nothing
// here asserts speed.
#include "protocol/json.h"
#include "protocol/node.h"
#include "protocol/pushid.h"
#include "protocol/query.h"

#include <QTest>

#include <string>

using oiso::protocol::Node;
using oiso::protocol::Path;
using oiso::protocol::Query;

namespace {

// A big room in Release; a smaller one where the build is instrumented (Debug, sanitizers), so
// the test still runs in seconds there. Either way the figure names the size it used.
#ifdef NDEBUG
constexpr int kRoomSize = 100000;
#else
constexpr int kRoomSize = 20000;
#endif

Node message(const std::string& sender, qint64 timestamp)
{
    Node::Children fields;
    fields.emplace("id", Node::string(sender));
    fields.emplace("msg", Node::string("안녕하세요! 아직 판매 중인가요? 내일 거래 가능할까요?"));
    fields.emplace("timestamp", Node::number(double(timestamp)));
    return Node::object(std::move(fields));
}

} // namespace

class TreeBench : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void setMessageInBigRoom();
    void setMessageWhileSnapshotShares();
    void parseOneKilobyteMessage();
    void serialiseBigRoom();
    void queryLast30ByKey();
    void queryLast30ByTimestamp();

private:
    oiso::protocol::PushIdGenerator m_pushIds;
    qint64 m_clock = 1700000000000;
    Node m_root; // chatlist/<item>/<pushId> with kRoomSize messages in one room
    Path m_room;
};

void TreeBench::initTestCase()
{
    m_room = {"chatlist", m_pushIds.next(m_clock)};
    // Built as one map with hinted inserts (push ids increase), so setup stays cheap.
    Node::Children children;
    for (int i = 0; i < kRoomSize; ++i) {
        ++m_clock;
        children.emplace_hint(children.end(), m_pushIds.next(m_clock),
                              message("user" + std::to_string(i % 37), m_clock));
    }
    QVERIFY(m_root.set(m_room, Node::object(std::move(children))));
    QCOMPARE(m_root.at(m_room).childCount(), std::size_t(kRoomSize));
    qInfo("room size: %d messages", kRoomSize);
}

// A PUT of one chat message: the tree is not shared, so only the path to it is touched.
void TreeBench::setMessageInBigRoom()
{
    Path path = m_room;
    path.emplace_back();
    QBENCHMARK
    {
        ++m_clock;
        path.back() = m_pushIds.next(m_clock);
        m_root.set(path, message("buyer", m_clock));
    }
}

// The same while a snapshot (or a GET being serialised) still shares the tree: the write copies
// the room's level once; this is the price of O(1) snapshots.
void TreeBench::setMessageWhileSnapshotShares()
{
    Path path = m_room;
    path.emplace_back();
    QBENCHMARK
    {
        const Node snapshot = m_root;
        ++m_clock;
        path.back() = m_pushIds.next(m_clock);
        m_root.set(path, message("buyer", m_clock));
    }
}

void TreeBench::parseOneKilobyteMessage()
{
    QByteArray text = "{\"id\":\"seller\",\"msg\":\"";
    while (text.size() < 990)
        text += "안녕하세요 ";
    text += "\",\"timestamp\":1700000000000}";
    QVERIFY(text.size() >= 1000 && text.size() <= 1100);
    QVERIFY(oiso::protocol::parseJson(text).has_value());
    QBENCHMARK
    {
        auto node = oiso::protocol::parseJson(text);
        Q_UNUSED(node);
    }
}

void TreeBench::serialiseBigRoom()
{
    const Node& room = m_root.at(m_room);
    qsizetype bytes = 0;
    QBENCHMARK
    {
        bytes = oiso::protocol::toJson(room).size();
    }
    QVERIFY(bytes > kRoomSize * 50);
}

// A chat window's stream: the newest 30 messages by key (push ids sort by time).
void TreeBench::queryLast30ByKey()
{
    Query query;
    query.orderBy = Query::OrderBy::Key;
    query.limitToLast = 30;
    const Node& room = m_root.at(m_room);
    std::size_t found = 0;
    QBENCHMARK
    {
        found = oiso::protocol::queryChildren(room, query).size();
    }
    QCOMPARE(found, std::size_t(30));
}

// The same window ordered by a child: every evaluation has to index and sort the whole room.
void TreeBench::queryLast30ByTimestamp()
{
    Query query;
    query.orderBy = Query::OrderBy::Child;
    query.childPath = {"timestamp"};
    query.limitToLast = 30;
    const Node& room = m_root.at(m_room);
    std::size_t found = 0;
    QBENCHMARK
    {
        found = oiso::protocol::queryChildren(room, query).size();
    }
    QCOMPARE(found, std::size_t(30));
}

QTEST_GUILESS_MAIN(TreeBench)
#include "tree_bench.moc"
