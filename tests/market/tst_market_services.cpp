// The market core's services against the embedded server with the demo market: the chat list
// and its live updates, rooms, sending through the outbox, the buyer registration race,
// purchases and read marks.

#include "fault_proxy.h"
#include "market_test_support.h"

#include "market/identity_service.h"
#include "market/local_cache.h"
#include "market/room_activity.h"
#include "protocol/pushid.h"

#include <QSignalSpy>
#include <QTest>

using namespace oiso;
using namespace oiso::test;
using market::ListKind;
using market::RoomMessage;

namespace {

protocol::Node webMessage(const char* from, const QString& text)
{
    return protocol::Node::object({{"id", protocol::Node::string(from)},
                                   {"msg", protocol::Node::string(market::utf8(text))},
                                   {"timestamp", rtdb::RtdbClient::serverTimestamp()}});
}

// Waits until every stream of the list is live.
bool waitForLiveList(MarketClient& client)
{
    QSignalSpy changed(&client.list(), &market::ChatListService::connectionStateChanged);
    while (client.list().connectionState() != market::ConnectionState::Live) {
        if (!changed.wait(20'000))
            return false;
    }
    return true;
}

} // namespace

class TestMarketServices : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<EmbeddedServer>(demoServerOptions());
        m_admin = std::make_unique<ClientSet>(m_server->location());
        m_calculus = demoItemKey(m_admin->client, QStringLiteral("미적분학"));
        m_keyboard = demoItemKey(m_admin->client, QStringLiteral("무선 키보드"));
        m_laptop = demoItemKey(m_admin->client, QStringLiteral("LG 그램"));
        m_calculator = demoItemKey(m_admin->client, QStringLiteral("공학용 계산기"));
        m_lamp = demoItemKey(m_admin->client, QStringLiteral("LED 책상"));
    }

    void chatListShowsTheDemoMarket()
    {
        MarketClient minji(m_server->location(), QStringLiteral("minji"));
        minji.session->start();
        QVERIFY(waitForLiveList(minji));
        QTRY_COMPARE_WITH_TIMEOUT(minji.list().rows(ListKind::Selling).size(), std::size_t(4),
                                  10'000);
        QTRY_COMPARE(minji.list().rows(ListKind::Buying).size(), std::size_t(5));
        QTRY_COMPARE(minji.list().rows(ListKind::Purchased).size(), std::size_t(1));

        // Reconciled rooms: the newest message and the buyers who wrote.
        QTRY_VERIFY_WITH_TIMEOUT(minji.row(ListKind::Selling, m_calculus) &&
                                     minji.row(ListKind::Selling, m_calculus)->lastMessage &&
                                     minji.row(ListKind::Selling, m_calculus)->buyers == 2,
                                 10'000);
        const market::ChatListRow* calculus = minji.row(ListKind::Selling, m_calculus);
        QCOMPARE(calculus->name, QStringLiteral("미적분학 9판 (Stewart) 전공책"));
        QCOMPARE(calculus->price.won, std::optional<qint64>(15000));
        QCOMPARE(calculus->lastMessage->text, QStringLiteral("좋아요! 그때 뵐게요"));
        QVERIFY(calculus->imageUrl.toString().endsWith(QStringLiteral("calculus-book.png")));
        const market::ChatListRow* lamp = minji.row(ListKind::Selling, m_lamp);
        QVERIFY(lamp);
        QCOMPARE(lamp->buyers, 0);
        QVERIFY(!lamp->lastMessage);

        // Buying rows carry the item's status once it is read, and the purchase mark.
        QTRY_VERIFY(minji.row(ListKind::Buying, m_calculator) &&
                    !minji.row(ListKind::Buying, m_calculator)->status.isEmpty());
        QVERIFY(minji.row(ListKind::Buying, m_calculator)->purchased);
        QVERIFY(!minji.row(ListKind::Buying, m_laptop)->purchased);
        QCOMPARE(minji.list().rows(ListKind::Purchased).front().itemKey, m_calculator);
    }

    void listFollowsAnotherClientLive()
    {
        MarketClient minji(m_server->location(), QStringLiteral("minji"));
        minji.session->start();
        QVERIFY(waitForLiveList(minji));
        QTRY_VERIFY_WITH_TIMEOUT(minji.row(ListKind::Selling, m_calculus) &&
                                     minji.row(ListKind::Selling, m_calculus)->lastMessage,
                                 10'000);
        const int unreadBefore = minji.row(ListKind::Selling, m_calculus)->unread;
        QSignalSpy arrived(&minji.list(), &market::ChatListService::messageArrived);

        MarketClient jiwoo(m_server->location(), QStringLiteral("jiwoo"));
        jiwoo.session->start();
        const QString text = QStringLiteral("혹시 오늘 저녁에도 가능할까요?");
        QVERIFY(jiwoo.session->room(m_calculus).send(text).isEmpty());

        QTRY_VERIFY_WITH_TIMEOUT(
            minji.row(ListKind::Selling, m_calculus)->lastMessage->text == text, 10'000);
        QCOMPARE(minji.row(ListKind::Selling, m_calculus)->unread, unreadBefore + 1);
        QTRY_VERIFY(!arrived.isEmpty());
        QCOMPARE(arrived.last().at(0).toString(), m_calculus);
        // Jiwoo's own list shows her message too (her summary was written in the same update).
        QTRY_VERIFY_WITH_TIMEOUT(jiwoo.row(ListKind::Buying, m_calculus) &&
                                     jiwoo.row(ListKind::Buying, m_calculus)->lastMessage &&
                                     jiwoo.row(ListKind::Buying, m_calculus)->lastMessage->text ==
                                         text,
                                 10'000);
    }

    void webAppMessagesShowOnStart()
    {
        // The web app writes a message and no summary: a fresh start finds it by reconciling.
        const QString text = QStringLiteral("웹에서 보낸 메시지");
        protocol::Path at = market::paths::room(m_laptop);
        at.push_back(m_admin->client.newPushId());
        QVERIFY(finished(m_admin->client.set(at, webMessage("junho", text)))->ok());

        MarketClient minji(m_server->location(), QStringLiteral("minji"));
        minji.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(minji.row(ListKind::Buying, m_laptop) &&
                                     minji.row(ListKind::Buying, m_laptop)->lastMessage &&
                                     minji.row(ListKind::Buying, m_laptop)->lastMessage->text ==
                                         text,
                                 10'000);
        QVERIFY(minji.row(ListKind::Buying, m_laptop)->unread >= 1);
    }

    void webAppMessagesShowWhileRunning()
    {
        MarketClient minji(m_server->location(), QStringLiteral("minji"));
        minji.list().setRecheckInterval(100);
        minji.session->start();
        QVERIFY(waitForLiveList(minji));
        QTRY_VERIFY_WITH_TIMEOUT(minji.list().isSettled(), 10'000);
        const QString text = QStringLiteral("웹에서 방금 보낸 메시지");
        protocol::Path at = market::paths::room(m_laptop);
        at.push_back(m_admin->client.newPushId());
        QVERIFY(finished(m_admin->client.set(at, webMessage("junho", text)))->ok());
        QTRY_VERIFY_WITH_TIMEOUT(minji.row(ListKind::Buying, m_laptop)->lastMessage->text == text,
                                 10'000);
    }

    void sendShowsSendingThenSentAndTheOtherSideSeesIt()
    {
        MarketClient minji(m_server->location(), QStringLiteral("minji"));
        minji.session->start();
        market::ChatRoomService& room = minji.session->room(m_laptop);
        QTRY_VERIFY_WITH_TIMEOUT(room.connectionState() == market::ConnectionState::Live, 10'000);
        QVERIFY(room.messages().size() >= 14);

        MarketClient junho(m_server->location(), QStringLiteral("junho"));
        junho.session->start();
        market::ChatRoomService& junhoRoom = junho.session->room(m_laptop);
        QTRY_VERIFY_WITH_TIMEOUT(junhoRoom.connectionState() == market::ConnectionState::Live,
                                 10'000);

        QSignalSpy inserted(&room, &market::ChatRoomService::messagesInserted);
        const QString text = QStringLiteral("지금 도착했어요 😊");
        QVERIFY(room.send(text).isEmpty());
        // Shown at once, from the outbox, as sending.
        QVERIFY(!inserted.isEmpty());
        QCOMPARE(room.messages().back().message.text, text);
        QVERIFY(room.messages().back().mine);
        QCOMPARE(room.messages().back().delivery, RoomMessage::Delivery::Sending);
        QTRY_COMPARE_WITH_TIMEOUT(room.messages().back().delivery, RoomMessage::Delivery::Sent,
                                  10'000);
        QVERIFY(room.messages().back().message.timestampMs);

        QTRY_VERIFY_WITH_TIMEOUT(!junhoRoom.messages().empty() &&
                                     junhoRoom.messages().back().message.text == text,
                                 10'000);
        QVERIFY(!junhoRoom.messages().back().mine);
        QCOMPARE(junhoRoom.messages().back().message.senderId, QStringLiteral("minji"));

        // Refused text never reaches the outbox.
        QVERIFY(!room.send(QStringLiteral("   \n ")).isEmpty());
        QVERIFY(!room.send(QString(2001, QLatin1Char('a'))).isEmpty());
    }

    void buyersFirstMessageRegistersOnceUnderARace()
    {
        // Two of jiwoo's clients write their first message in a room at the same moment.
        MarketClient phone(m_server->location(), QStringLiteral("jiwoo"));
        MarketClient laptop(m_server->location(), QStringLiteral("jiwoo"));
        phone.session->start();
        laptop.session->start();
        QVERIFY(phone.sender().enqueue(m_keyboard, QStringLiteral("키보드 아직 있나요?")).entry);
        QVERIFY(laptop.sender().enqueue(m_keyboard, QStringLiteral("직거래 가능하세요?")).entry);
        QTRY_VERIFY_WITH_TIMEOUT(phone.sender().isIdle() && laptop.sender().isIdle(), 10'000);

        const protocol::Node level = readValue(
            m_admin->client, market::paths::buyerChat(QStringLiteral("jiwoo"), m_keyboard));
        QCOMPARE(level.childCount(), std::size_t(1));
        const protocol::Node& entry = level.children().begin()->second;
        QCOMPARE(entry.child("item_key")->stringValue(), market::utf8(m_keyboard));
        QCOMPARE(entry.child("name")->stringValue(), std::string("무선 키보드·마우스 세트"));
        QVERIFY(entry.child("price") && entry.child("img_path"));
        // Both messages are in the room; jiwoo is a member now.
        const protocol::Node room = readValue(m_admin->client, market::paths::room(m_keyboard));
        int fromJiwoo = 0;
        for (const auto& [key, value] : room.children())
            fromJiwoo += value.child("id")->stringValue() == "jiwoo";
        QCOMPARE(fromJiwoo, 2);
        protocol::Path member = market::paths::roomMembers(m_keyboard);
        member.push_back("jiwoo");
        QCOMPARE(readValue(m_admin->client, member), protocol::Node::boolean(true));
        // The seller's list row follows through the fan-out: junho sees a buyer.
        MarketClient junho(m_server->location(), QStringLiteral("junho"));
        junho.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(junho.row(ListKind::Selling, m_keyboard) &&
                                     junho.row(ListKind::Selling, m_keyboard)->buyers >= 2,
                                 10'000);
    }

    void olderPagesLoadFromTheServerAndTheCache()
    {
        // A room of 200 messages; the first page shows 30, older pages of 50 bring the rest.
        const QString roomKey = QString::fromStdString(m_admin->client.newPushId());
        protocol::Node::Children item;
        item.emplace("seller", protocol::Node::string("junho"));
        item.emplace("name", protocol::Node::string("긴 대화방"));
        QVERIFY(finished(
                    m_admin->client.set(market::paths::item(roomKey), protocol::Node::object(item)))
                    ->ok());
        std::vector<std::pair<protocol::Path, protocol::Node>> writes;
        protocol::PushIdGenerator ids;
        for (int i = 0; i < 200; ++i) {
            protocol::Path at = market::paths::message(roomKey, {});
            at.back() = ids.next(1'700'000'000'000 + i * 1000);
            writes.emplace_back(
                at, webMessage(i % 2 ? "junho" : "minji", QStringLiteral("message %1").arg(i)));
        }
        QVERIFY(finished(m_admin->client.update({}, writes))->ok());

        QTemporaryDir profile;
        for (int run = 0; run < 2; ++run) { // the second run pages from the cache
            MarketClient minji(m_server->location(), QStringLiteral("minji"), profile.path());
            minji.session->start();
            market::ChatRoomService& room = minji.session->room(roomKey);
            QTRY_VERIFY_WITH_TIMEOUT(room.messages().size() >= 30, 10'000);
            QSignalSpy older(&room, &market::ChatRoomService::olderLoaded);
            while (room.hasOlder()) {
                const int count = older.count();
                room.loadOlder();
                QTRY_VERIFY_WITH_TIMEOUT(older.count() > count, 10'000);
            }
            QCOMPARE(room.messages().size(), std::size_t(200));
            for (int i = 0; i < 200; ++i)
                QCOMPARE(room.messages()[std::size_t(i)].message.text,
                         QStringLiteral("message %1").arg(i));
        }
    }

    void messagesWrittenOfflineAreSentOnceOnTheNextStart()
    {
        EmbeddedServer server(demoServerOptions());
        ClientSet admin(server.location());
        const QString item = demoItemKey(admin.client, QStringLiteral("LG 그램"));
        const int before = int(readValue(admin.client, market::paths::room(item)).childCount());
        QTemporaryDir profile;
        server.stop();
        {
            MarketClient minji(server.location(), QStringLiteral("minji"), profile.path());
            minji.session->start();
            market::ChatRoomService& room = minji.session->room(item);
            for (int i = 0; i < 3; ++i)
                QVERIFY(room.send(QStringLiteral("offline %1").arg(i)).isEmpty());
            QCOMPARE(room.messages().size(), std::size_t(3)); // nothing cached: only mine
            for (const RoomMessage& m : room.messages())
                QCOMPARE(m.delivery, RoomMessage::Delivery::Sending);
        } // the app quits with the messages unsent
        server.start();
        MarketClient again(server.location(), QStringLiteral("minji"), profile.path());
        again.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(again.sender().isIdle(), 15'000);
        const protocol::Node room = readValue(admin.client, market::paths::room(item));
        QCOMPARE(int(room.childCount()), before + 3);
        QStringList offline;
        for (const auto& [key, value] : room.children()) {
            const QString text = QString::fromStdString(value.child("msg")->stringValue());
            if (text.startsWith(QStringLiteral("offline")))
                offline.append(text);
        }
        QCOMPARE(offline, (QStringList{QStringLiteral("offline 0"), QStringLiteral("offline 1"),
                                       QStringLiteral("offline 2")}));
    }

    void refusedMessageFailsAndRetrySendsIt()
    {
        FaultProxy proxy(quint16(QUrl(m_server->url()).port()));
        MarketClient minji(*rtdb::DatabaseLocation::parse(proxy.url()), QStringLiteral("minji"));
        minji.session->start();
        market::ChatRoomService& room = minji.session->room(m_calculus);
        QTRY_VERIFY_WITH_TIMEOUT(room.connectionState() == market::ConnectionState::Live, 10'000);

        proxy.failNext("PATCH", 1, 400, R"({"error":"Invalid data; couldn't parse JSON object"})");
        QVERIFY(room.send(QStringLiteral("거절될 메시지")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(room.messages().back().delivery, RoomMessage::Delivery::Failed,
                                  10'000);
        QVERIFY(!room.messages().back().error.isEmpty());

        room.retry(room.messages().back().message.key);
        QTRY_COMPARE_WITH_TIMEOUT(room.messages().back().delivery, RoomMessage::Delivery::Sent,
                                  10'000);

        // Rules that allow creating a message but not rewriting it refuse a resend whose first
        // attempt landed: the message is there, so it is sent, not failed.
        const QString landedKey = QString::fromStdString(minji.net.client.newPushId());
        protocol::Path landedAt = market::paths::message(m_calculus, landedKey);
        QVERIFY(finished(
                    m_admin->client.set(landedAt, webMessage("minji", QStringLiteral("먼저 도착"))))
                    ->ok());
        market::OutboxEntry resend;
        resend.room = m_calculus;
        resend.key = landedKey;
        resend.senderId = QStringLiteral("minji");
        resend.text = QStringLiteral("먼저 도착");
        QVERIFY(minji.session->outbox().enqueue(resend));
        proxy.failNext("PATCH", 1, 401, R"({"error":"Permission denied"})");
        minji.sender().kick();
        minji.sender().retry(landedKey);          // not failed: no effect; the queue picks it up
        room.send(QStringLiteral("다음 메시지")); // wakes the room's queue
        QTRY_VERIFY_WITH_TIMEOUT(minji.sender().isIdle(), 10'000);
        QCOMPARE(minji.session->outbox().entry(landedKey)->state, market::OutboxEntry::State::Sent);

        // Server errors count against a budget, then fail; a failed message can be deleted.
        // (Each outbox attempt is itself a request the client retries: every try is refused.)
        proxy.failNext("PATCH",
                       market::OutboxSender::kMaxAttempts *
                           minji.net.client.retryPolicy().maxAttempts,
                       503, R"({"error":"Service unavailable"})");
        QVERIFY(room.send(QStringLiteral("서버 오류")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(room.messages().back().delivery, RoomMessage::Delivery::Failed,
                                  20'000);
        const QString key = room.messages().back().message.key;
        const std::size_t count = room.messages().size();
        room.discard(key);
        QCOMPARE(room.messages().size(), count - 1);
        QVERIFY(!minji.session->outbox().entry(key));
    }

    void purchaseIsRecordedOncePerItem()
    {
        MarketClient minji(m_server->location(), QStringLiteral("minji"));
        minji.session->start();
        QVERIFY(waitForLiveList(minji));
        QTRY_VERIFY_WITH_TIMEOUT(minji.row(ListKind::Buying, m_laptop), 10'000);
        QSignalSpy done(&minji.list(), &market::ChatListService::purchaseFinished);
        minji.list().completePurchase(m_laptop);
        minji.list().completePurchase(m_laptop); // a double click
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 10'000);
        QCOMPARE(done.at(0).at(1).toString(), QString());
        QCOMPARE(done.at(1).at(1).toString(), QString());
        const protocol::Node bought =
            readValue(m_admin->client, market::paths::purchases(QStringLiteral("minji")));
        int forLaptop = 0;
        for (const auto& [key, value] : bought.children())
            forLaptop += value.child("item_key")->stringValue() == market::utf8(m_laptop);
        QCOMPARE(forLaptop, 1);
        QTRY_VERIFY_WITH_TIMEOUT(minji.row(ListKind::Buying, m_laptop)->purchased, 10'000);
        QTRY_COMPARE(minji.list().rows(ListKind::Purchased).size(), std::size_t(2));
    }

    void readingARoomClearsItsUnreadCount()
    {
        QTemporaryDir profile;
        MarketClient minji(m_server->location(), QStringLiteral("minji"), profile.path());
        minji.session->start();
        QVERIFY(waitForLiveList(minji));
        QTRY_VERIFY_WITH_TIMEOUT(minji.row(ListKind::Selling, m_calculus) &&
                                     minji.row(ListKind::Selling, m_calculus)->unread > 0,
                                 10'000);
        market::ChatRoomService& room = minji.session->room(m_calculus);
        QTRY_VERIFY_WITH_TIMEOUT(room.connectionState() == market::ConnectionState::Live, 10'000);
        room.markRead();
        QTRY_COMPARE_WITH_TIMEOUT(minji.row(ListKind::Selling, m_calculus)->unread, 0, 10'000);
        // The mark is on the server: another device of minji's starts with the badge cleared.
        MarketClient other(m_server->location(), QStringLiteral("minji"));
        other.session->start();
        QTRY_VERIFY_WITH_TIMEOUT(other.row(ListKind::Selling, m_calculus) &&
                                     other.row(ListKind::Selling, m_calculus)->lastMessage &&
                                     other.row(ListKind::Selling, m_calculus)->unread == 0,
                                 10'000);
    }

    void sellingFallsBackWithoutTheSellerIndex()
    {
        // A hosted database without ".indexOn": ["seller"] refuses the query with 400.
        FaultProxy proxy(quint16(QUrl(m_server->url()).port()));
        proxy.failNextMatching("orderBy=%22seller%22", 1000, 400,
                               "{\"error\":\"Index not defined, add \\\".indexOn\\\": "
                               "\\\"seller\\\", for path \\\"/item\\\", to the rules\"}");
        MarketClient minji(*rtdb::DatabaseLocation::parse(proxy.url()), QStringLiteral("minji"));
        minji.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(minji.list().rows(ListKind::Selling).size(), std::size_t(4),
                                  10'000);
        QVERIFY(proxy.failedRequests() >= 1);
        QVERIFY(waitForLiveList(minji)); // the fallback stream is live, the list keeps working
        for (const market::ChatListRow& row : minji.list().rows(ListKind::Selling))
            QCOMPARE(row.seller, QStringLiteral("minji"));
    }

    void loginIdsAreClaimedOnceAndResolved()
    {
        market::IdentityService identity(m_admin->client);
        QSignalSpy claimed(&identity, &market::IdentityService::claimed);
        QSignalSpy resolved(&identity, &market::IdentityService::resolved);

        identity.claim(QStringLiteral("newbie"), QStringLiteral("uid-newbie-1"),
                       QStringLiteral("newbie@oiso.test"));
        QVERIFY(claimed.wait(10'000));
        QCOMPARE(claimed.last().at(1).toString(), QString());
        // The same account again (a retried sign-up) is fine; another account is refused.
        identity.claim(QStringLiteral("newbie"), QStringLiteral("uid-newbie-1"), {});
        QVERIFY(claimed.wait(10'000));
        QCOMPARE(claimed.last().at(1).toString(), QString());
        identity.claim(QStringLiteral("newbie"), QStringLiteral("uid-someone-else"), {});
        QVERIFY(claimed.wait(10'000));
        QVERIFY(claimed.last().at(1).toString().contains(QStringLiteral("newbie")));
        identity.claim(QStringLiteral("Bad Id!"), QStringLiteral("uid-x"), {});
        QVERIFY(!claimed.last().at(1).toString().isEmpty());

        identity.resolve(QStringLiteral("uid-newbie-1"));
        QVERIFY(resolved.wait(10'000));
        QCOMPARE(resolved.last().at(1).toString(), QStringLiteral("newbie"));
        // The demo accounts were bound before user_logins existed: found through user_ids.
        const QString minjiUid = QString::fromStdString(
            readValue(m_admin->client, market::paths::loginOwner(QStringLiteral("minji")))
                .stringValue());
        identity.resolve(minjiUid);
        QVERIFY(resolved.wait(10'000));
        QCOMPARE(resolved.last().at(1).toString(), QStringLiteral("minji"));
        identity.resolve(QStringLiteral("uid-nobody"));
        QVERIFY(resolved.wait(10'000));
        QCOMPARE(resolved.last().at(1).toString(), QString());
        QCOMPARE(resolved.last().at(2).toString(), QString());
        // The claim wrote the profile the web app reads, once (not again for the retried claim).
        int profiles = 0;
        const protocol::Node users = readValue(m_admin->client, market::paths::users());
        for (const auto& [key, user] : users.children())
            profiles += user.child("id") && user.child("id")->stringValue() == "newbie";
        QCOMPARE(profiles, 1);
    }

    void cleanupTestCase()
    {
        m_admin.reset();
        m_server.reset();
    }

private:
    std::unique_ptr<EmbeddedServer> m_server;
    std::unique_ptr<ClientSet> m_admin;
    QString m_calculus, m_keyboard, m_laptop, m_calculator, m_lamp;
};

QTEST_GUILESS_MAIN(TestMarketServices)
#include "tst_market_services.moc"
