#include "client_bench_data.h"

#include "protocol/json.h"
#include "protocol/pushid.h"

#include <array>
#include <iterator>
#include <string_view>

namespace oiso::bench::client {

namespace {

using protocol::Node;

// Lines of the campus-market chats the app carries: short questions, longer arrangements,
// some English and emoji. Mostly 3-byte UTF-8, so the parser sees multi-byte characters cut by
// the network chunks.
constexpr std::array<std::string_view, 14> kTexts = {
    "안녕하세요 아직 판매중인가요?",
    "네 아직 있어요!",
    "혹시 가격 조금 깎아주실 수 있나요? 학생이라서요 ㅠㅠ",
    "내일 오후 3시에 학생회관 앞에서 거래 가능할까요?",
    "Is the desk still available? I can pick it up tomorrow after class.",
    "택배 거래도 되나요?",
    "사진 몇 장 더 보내주실 수 있을까요? 상태가 궁금해서요 😊",
    "ok 👍",
    "죄송해요 방금 다른 분이랑 거래하기로 했어요",
    "감사합니다! 그럼 내일 뵐게요",
    "전공책 3권 다 같이 사면 2만원에 해주실 수 있나요? 필기는 조금 있어도 괜찮아요. 도서관 "
    "1층 로비에서 만나면 될 것 같아요.",
    "넵",
    "Sorry, running 10 minutes late — 조금만 기다려 주세요!",
    "자전거 아직 있나요? 바퀴 바람은 괜찮은지 궁금합니다.",
};

constexpr std::array<std::string_view, 8> kSenders = {"minji",   "jisoo",    "hyunwoo", "alex",
                                                      "seoyeon", "donghyun", "yuna",    "chris"};

QByteArray pathJson(std::string_view key)
{
    std::string path(1, '/');
    path.append(key);
    QByteArray out;
    protocol::appendJsonString(out, path);
    return out;
}

} // namespace

MessageFactory::MessageFactory(std::uint32_t seed, std::int64_t startMs)
    : m_random(seed)
    , m_clockMs(startMs)
{
}

std::string MessageFactory::nextKey()
{
    // A push id from the message's own time and seeded random bits: increasing, like the keys
    // clients generate, and the same on every run.
    static constexpr std::string_view alphabet = protocol::PushIdGenerator::kAlphabet;
    std::string id(20, '-');
    std::int64_t t = m_clockMs;
    for (int i = 7; i >= 0; --i) {
        id[static_cast<std::size_t>(i)] = alphabet[static_cast<std::size_t>(t % 64)];
        t /= 64;
    }
    for (std::size_t i = 8; i < id.size(); ++i)
        id[i] = alphabet[m_random() % 64];
    return id;
}

ChatMessage MessageFactory::next()
{
    m_clockMs += 1 + static_cast<std::int64_t>(m_random() % 5000); // strictly increasing keys
    ChatMessage message;
    message.key = nextKey();
    message.sender = std::string(kSenders[m_random() % kSenders.size()]);
    message.text = std::string(kTexts[m_random() % kTexts.size()]);
    message.timestamp = m_clockMs;
    return message;
}

Node messageNode(const ChatMessage& message)
{
    Node::Children fields;
    fields.emplace("id", Node::string(message.sender));
    fields.emplace("msg", Node::string(message.text));
    fields.emplace("timestamp", Node::number(double(message.timestamp)));
    return Node::object(std::move(fields));
}

QByteArray messageJson(const ChatMessage& message)
{
    return protocol::toJson(messageNode(message));
}

QByteArray sseFrame(const char* name, const QByteArray& data)
{
    return QByteArray("event: ") + name + "\ndata: " + data + "\n\n";
}

rtdb::SseEvent putEventFor(const ChatMessage& message)
{
    rtdb::SseEvent event;
    event.type = QByteArrayLiteral("put");
    event.data = R"({"path":)" + pathJson(message.key) + R"(,"data":)" + messageJson(message) + '}';
    return event;
}

rtdb::SseEvent readPatchFor(const std::string& key)
{
    rtdb::SseEvent event;
    event.type = QByteArrayLiteral("patch");
    event.data = R"({"path":)" + pathJson(key) + R"(,"data":{"read":true}})";
    return event;
}

GeneratedStream makeEventStream(qsizetype targetBytes, std::uint32_t seed, int patchEvery,
                                int keepAliveEvery)
{
    GeneratedStream stream;
    MessageFactory factory(seed);
    stream.bytes.reserve(targetBytes + 4096);
    auto add = [&stream](rtdb::SseEvent event) {
        stream.bytes += sseFrame(event.type.constData(), event.data);
        stream.expected.push_back(std::move(event));
    };
    rtdb::SseEvent initial;
    initial.type = QByteArrayLiteral("put");
    initial.data = QByteArrayLiteral(R"({"path":"/","data":null})"); // the room was empty
    add(std::move(initial));
    for (int i = 1; stream.bytes.size() < targetBytes; ++i) {
        if (i % keepAliveEvery == 0) {
            rtdb::SseEvent keepAlive;
            keepAlive.type = QByteArrayLiteral("keep-alive");
            keepAlive.data = QByteArrayLiteral("null");
            add(std::move(keepAlive));
            ++stream.keepAlives;
        } else if (i % patchEvery == 0 && !stream.messages.empty()) {
            // Someone read a recent message.
            const std::size_t recent = std::min<std::size_t>(stream.messages.size(), 50);
            const auto& target =
                stream.messages[stream.messages.size() - 1 - factory.random()() % recent];
            add(readPatchFor(target.key));
            stream.patchedKeys.insert(target.key);
            ++stream.patches;
        } else {
            ChatMessage message = factory.next();
            add(putEventFor(message));
            stream.messages.push_back(std::move(message));
            ++stream.puts;
        }
    }
    return stream;
}

Snapshot makeSnapshot(qsizetype targetBytes, int messagesPerRoom, std::uint32_t seed)
{
    MessageFactory factory(seed);
    Node::Children rooms;
    qsizetype bytes = 2;
    while (bytes < targetBytes) {
        const std::string roomKey = factory.nextKey(); // rooms are keyed by their item's push id
        Node::Children messages;
        bytes += qsizetype(roomKey.size()) + 6;
        for (int i = 0; i < messagesPerRoom; ++i) {
            const ChatMessage message = factory.next();
            // key + quotes + colon + comma, and the message object
            bytes += qsizetype(message.key.size()) + 4 + messageJson(message).size();
            messages.emplace(message.key, messageNode(message));
        }
        rooms.emplace(roomKey, Node::object(std::move(messages)));
    }
    Snapshot snapshot;
    snapshot.tree = Node::object(std::move(rooms));
    snapshot.json = protocol::toJson(snapshot.tree);
    return snapshot;
}

SnapshotEdit editSnapshot(const Snapshot& before, std::uint32_t seed)
{
    // Every 50th room got new messages, every 97th had a message edited, every 200th is gone,
    // and one new room appears per 200: a few per cent of a big database, as after a short
    // disconnection.
    SnapshotEdit edit;
    MessageFactory factory(seed, 1832521600000); // later than every message of `before`
    Node tree = before.tree;
    const Node::Children& rooms = before.tree.children();
    int index = 0;
    for (const auto& [roomKey, room] : rooms) {
        ++index;
        if (index % 200 == 0) {
            tree.set({roomKey}, Node());
            edit.removedRooms.insert(roomKey);
        } else if (index % 50 == 0) {
            for (int i = 0; i < 3; ++i) {
                const ChatMessage message = factory.next();
                tree.set({roomKey, message.key}, messageNode(message));
            }
            edit.changedRooms.insert(roomKey);
        } else if (index % 97 == 0) {
            const std::string& first = room.children().begin()->first;
            tree.set({roomKey, first, "msg"}, Node::string("(수정됨) 가격 내렸어요! 연락 주세요"));
            edit.changedRooms.insert(roomKey);
        }
    }
    const int newRooms = std::max(1, int(rooms.size()) / 200);
    const std::size_t perRoom = rooms.empty() ? 1 : rooms.begin()->second.childCount();
    for (int r = 0; r < newRooms; ++r) {
        const std::string roomKey = factory.nextKey();
        for (std::size_t i = 0; i < perRoom; ++i) {
            const ChatMessage message = factory.next();
            tree.set({roomKey, message.key}, messageNode(message));
        }
        edit.addedRooms.insert(roomKey);
    }
    edit.after.tree = std::move(tree);
    edit.after.json = protocol::toJson(edit.after.tree);
    return edit;
}

} // namespace oiso::bench::client
