#include "ui_bench_cache.h"

#include "protocol/pushid.h"

#include <array>
#include <string>

namespace oiso::bench::ui {

using market::ChatMessage;
using market::Item;
using market::ListKind;
using protocol::Node;

namespace {

// Chat lines of different lengths, so that bubbles differ in height as in a real room.
constexpr std::array kTexts = {
    "안녕하세요! 아직 판매 중인가요?",
    "네 아직 있어요 :)",
    "내일 오후 3시에 학생회관 앞에서 거래 가능할까요? 혹시 가격 조금만 깎아주실 수 있나요?",
    "좋아요",
    "책 상태는 사진 그대로예요. 필기는 앞쪽 두 챕터에만 연필로 조금 있고, 지우개로 지울 수 "
    "있어요. 표지에 작은 얼룩이 하나 있습니다.",
    "ㅋㅋ 감사합니다\n그럼 내일 뵐게요!",
    "혹시 다른 분이랑 먼저 약속하셨으면 말씀해 주세요",
    "Is it still available? I can pick it up tomorrow.",
};

Node text(const std::string& value)
{
    return Node::string(value);
}

Node itemRecord(int i, const std::string& seller, const std::string& name)
{
    Node::Children fields;
    fields.emplace("seller", text(seller));
    fields.emplace("name", text(name));
    fields.emplace("category", text("전자기기"));
    fields.emplace("price", Node::number(10000 + (i % 90) * 500));
    fields.emplace("place", text("학생회관 앞"));
    fields.emplace("status", text(i % 7 == 0 ? "예약중" : "판매중"));
    fields.emplace("description", text("거의 새것입니다. 직거래만 합니다."));
    fields.emplace("date", text("2024-05-01 13:22:10"));
    return Node::object(std::move(fields));
}

// What the web app writes under buyer_chatlist/<me>/<item> (one push level) and buylist/<me>.
Node listEntry(const Item& item)
{
    Node::Children fields;
    fields.emplace("name", text(item.name.toStdString()));
    fields.emplace("price", Node::number(15000));
    fields.emplace("item_key", text(item.key.toStdString()));
    return Node::object(std::move(fields));
}

ChatMessage message(const QString& key, const std::string& sender, qint64 timestamp, int i)
{
    Node::Children fields;
    fields.emplace("id", text(sender));
    fields.emplace("msg", text(kTexts[std::size_t(i) % kTexts.size()]));
    fields.emplace("timestamp", Node::number(double(timestamp)));
    return market::messageFromNode(key, Node::object(std::move(fields)));
}

std::vector<ChatMessage> messages(KeyClock& keys, int count, const std::string& buyer)
{
    std::vector<ChatMessage> result;
    result.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const QString key = keys.next();
        const std::string sender = i % 3 == 0 ? "minji" : (i % 3 == 1 ? buyer : "jiwoo");
        result.push_back(message(key, sender, keys.now(), i));
    }
    return result;
}

} // namespace

QString KeyClock::next()
{
    m_ms += 1000;
    ++m_sequence;
    constexpr std::string_view alphabet = protocol::PushIdGenerator::kAlphabet;
    std::string id(20, '-');
    qint64 ms = m_ms;
    for (int i = 7; i >= 0; --i, ms >>= 6)
        id[std::size_t(i)] = alphabet[std::size_t(ms & 63)];
    quint64 sequence = m_sequence;
    for (int i = 19; i >= 8; --i, sequence >>= 6)
        id[std::size_t(i)] = alphabet[std::size_t(sequence & 63)];
    return QString::fromStdString(id);
}

int sellingRooms(int rooms)
{
    return rooms * 4 / 10;
}

QStringList fillChatList(market::LocalCache& cache, KeyClock& keys, int rooms, int messagesPerRoom)
{
    const int selling = sellingRooms(rooms);
    const int buying = rooms / 2;
    std::vector<Item> items;
    QStringList keysOut;
    std::map<QString, Node> sellingList, buyingList, purchasedList;
    for (int i = 0; i < rooms; ++i) {
        const QString key = keys.next();
        const bool mine = i < selling;
        const std::string seller = mine ? "minji" : "seller" + std::to_string(i % 50);
        Item item = market::itemFromNode(
            key, itemRecord(i, seller, "아이패드 미니 6세대 64GB 와이파이 " + std::to_string(i)));
        if (mine) {
            sellingList.emplace(key, item.raw);
        } else if (i < selling + buying) {
            buyingList.emplace(key, Node::object({{keys.next().toStdString(), listEntry(item)}}));
        } else {
            purchasedList.emplace(keys.next(), listEntry(item));
        }
        keysOut.append(key);
        items.push_back(std::move(item));
    }
    cache.storeItems(items);
    cache.replaceList(kMe, ListKind::Selling, sellingList);
    cache.replaceList(kMe, ListKind::Buying, buyingList);
    cache.replaceList(kMe, ListKind::Purchased, purchasedList);
    for (int r = 0; r < rooms; ++r) {
        const std::vector<ChatMessage> room =
            messages(keys, messagesPerRoom, "buyer" + std::to_string(r % 7));
        cache.storeMessages(keysOut[r], room);
        const QString readKey = room.empty() ? QString() : room[room.size() / 2].key;
        cache.storeRoomMeta(keysOut[r],
                            {{kMe, QStringLiteral("buyer%1").arg(r % 7)}, readKey, false});
    }
    return keysOut;
}

QString fillRoom(market::LocalCache& cache, KeyClock& keys, int count, const QString& name)
{
    const QString key = keys.next();
    cache.storeItems({market::itemFromNode(key, itemRecord(1, "minji", name.toStdString()))});
    const std::vector<ChatMessage> room = messages(keys, count, "junho");
    cache.storeMessages(key, room);
    cache.storeRoomMeta(key, {{kMe, QStringLiteral("junho"), QStringLiteral("jiwoo")},
                              room.empty() ? QString() : room.back().key,
                              false});
    return key;
}

} // namespace oiso::bench::ui
