#include "demo_seed.h"

#include "protocol/json.h"
#include "protocol/pushid.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <mutex>

// The resource object lives in a static library, so the linker only keeps it when something
// references its initialiser. Q_INIT_RESOURCE declares that initialiser in the current namespace,
// hence this function sits at global scope.
static void initDemoResources()
{
    Q_INIT_RESOURCE(demo);
}

namespace oiso::server {
namespace {

Q_LOGGING_CATEGORY(lcDemo, "oiso.server.demo")

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kDayMs = 24 * 60 * kMinuteMs;

void ensureResources()
{
    static std::once_flag once;
    std::call_once(once, initDemoResources);
}

// A fresh generator per key: its timestamp part is exactly `ms`. One shared generator would
// never step back in time, and the records are not created in time order.
std::string pushKeyAt(qint64 ms)
{
    protocol::PushIdGenerator generator;
    return generator.next(ms);
}

// Firebase-shaped (28 alphanumerics) and stable, so `user_ids` can be written before the accounts
// exist and a re-seeded folder keeps pointing at the same accounts.
QString demoUid(const QString& loginId)
{
    const QByteArray hash = QCryptographicHash::hash(
        QString(QStringLiteral("oiso-demo/") + loginId).toUtf8(), QCryptographicHash::Sha256);
    const QString uid = QStringLiteral("demo") + loginId + QString::fromLatin1(hash.toHex());
    return uid.left(28);
}

bool isPlainLoginId(const QString& id)
{
    if (id.isEmpty() || id.size() > 16)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
    });
}

// Seconds inside the stated minute, so the times do not all fall on :00 yet stay reproducible.
qint64 jitterMs(qsizetype a, qsizetype b)
{
    return ((a * 31 + b * 17) % 60) * 1000;
}

QString localDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).date().toString(Qt::ISODate);
}

// The shape the web app's older rows have: local wall-clock text instead of epoch milliseconds.
// The web app runs in Korea and wrote wall-clock text in Korean time; readers take it as such
// (market/chat_message.h), so the demo must not depend on this machine's time zone.
QString legacyTimestamp(qint64 ms)
{
    QTimeZone seoul("Asia/Seoul");
    if (!seoul.isValid())
        seoul = QTimeZone(9 * 3600);
    return QDateTime::fromMSecsSinceEpoch(ms, seoul).toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

class Builder {
public:
    explicit Builder(qint64 nowMs)
        : m_now(nowMs)
    {
    }

    DemoMarket build(const QJsonObject& market)
    {
        addUsers(market);
        const QJsonArray items = market.value(QLatin1String("items")).toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            addItem(items.at(i).toObject(), i);
        addPurchases(market.value(QLatin1String("purchases")).toArray());
        return std::move(m_market);
    }

private:
    struct ItemInfo {
        std::string key;
        QString seller;
        QJsonObject listing; // {img_path, name, price, item_key}, shared by both user lists
    };

    void put(const protocol::Path& path, const QJsonValue& value)
    {
        QString error;
        auto node = protocol::fromJsonValue(value, &error);
        if (!node) {
            qCWarning(lcDemo) << "skipping demo value at" << protocol::pathToString(path).c_str()
                              << error;
            return;
        }
        m_market.tree.set(path, std::move(*node));
    }

    void addUsers(const QJsonObject& market)
    {
        const QString password = market.value(QLatin1String("password")).toString();
        const QString domain = market.value(QLatin1String("emailDomain")).toString();
        const QJsonArray users = market.value(QLatin1String("users")).toArray();
        for (qsizetype i = 0; i < users.size(); ++i) {
            const QJsonObject user = users.at(i).toObject();
            const QString id = user.value(QLatin1String("id")).toString();
            if (!isPlainLoginId(id) || m_users.contains(id)) {
                qCWarning(lcDemo) << "skipping demo user with a bad or repeated id" << id;
                continue;
            }
            m_users.insert(id);
            DemoAccount account{id, user.value(QLatin1String("name")).toString(),
                                id + QLatin1Char('@') + domain, password, demoUid(id)};
            const qint64 joined = m_now -
                                  user.value(QLatin1String("joinedDaysAgo")).toInt() * kDayMs -
                                  ((i * 53) % 700) * kMinuteMs;
            put({"users", pushKeyAt(joined)},
                QJsonObject{{QStringLiteral("id"), id},
                            {QStringLiteral("name"), account.name},
                            {QStringLiteral("email"), account.email},
                            {QStringLiteral("phone"), user.value(QLatin1String("phone"))},
                            {QStringLiteral("profile"), user.value(QLatin1String("profile"))}});
            put({"user_ids", id.toStdString()}, account.uid);
            m_market.accounts.push_back(std::move(account));
        }
    }

    struct Message {
        QString from, text;
        qint64 ms = 0;
        bool legacy = false;
    };

    // Chat times, strictly increasing in template order so key order is conversation order.
    std::vector<Message> messagesOf(const QJsonArray& chat, qsizetype itemIndex) const
    {
        std::vector<Message> messages;
        for (qsizetype i = 0; i < chat.size(); ++i) {
            const QJsonObject entry = chat.at(i).toObject();
            Message message{entry.value(QLatin1String("from")).toString(),
                            entry.value(QLatin1String("msg")).toString(), 0,
                            entry.value(QLatin1String("legacyTimestamp")).toBool()};
            if (!m_users.contains(message.from) || message.text.isEmpty()) {
                qCWarning(lcDemo) << "skipping demo message from" << message.from;
                continue;
            }
            message.ms = m_now - entry.value(QLatin1String("minutesAgo")).toInteger() * kMinuteMs -
                         jitterMs(itemIndex, i);
            if (!messages.empty())
                message.ms = std::max(message.ms, messages.back().ms + 1);
            messages.push_back(std::move(message));
        }
        return messages;
    }

    void addItem(const QJsonObject& item, qsizetype index)
    {
        const QString templateKey = item.value(QLatin1String("key")).toString();
        const QString seller = item.value(QLatin1String("seller")).toString();
        if (templateKey.isEmpty() || m_items.contains(templateKey) || !m_users.contains(seller)) {
            qCWarning(lcDemo) << "skipping demo item" << templateKey << "of" << seller;
            return;
        }
        const std::vector<Message> messages =
            messagesOf(item.value(QLatin1String("chat")).toArray(), index);

        qint64 listed = m_now - item.value(QLatin1String("listedDaysAgo")).toInt() * kDayMs -
                        ((index * 37) % 600) * kMinuteMs;
        if (!messages.empty())
            listed = std::min(listed, messages.front().ms - kMinuteMs); // listed before asked
        const std::string key = pushKeyAt(listed);

        QJsonObject record;
        for (const char* field :
             {"name", "category", "price", "place", "status", "description", "img_path"})
            record.insert(QLatin1String(field), item.value(QLatin1String(field)));
        record.insert(QStringLiteral("seller"), seller);
        record.insert(QStringLiteral("date"), localDate(listed));
        put({"item", key}, record);

        const QString itemKey = QString::fromStdString(key);
        const QJsonObject listing{
            {QStringLiteral("img_path"), record.value(QLatin1String("img_path"))},
            {QStringLiteral("name"), record.value(QLatin1String("name"))},
            {QStringLiteral("price"), record.value(QLatin1String("price"))},
            {QStringLiteral("item_key"), itemKey}};
        m_items.insert(templateKey, ItemInfo{key, seller, listing});
        m_market.itemKeys.emplace(templateKey, itemKey);
        addRoom(key, seller, listing, messages);
    }

    void addRoom(const std::string& itemKey, const QString& seller, const QJsonObject& listing,
                 const std::vector<Message>& messages)
    {
        QSet<QString> buyers;
        QHash<QString, std::string> lastOwnKey; // per participant
        for (const Message& message : messages) {
            const std::string key = pushKeyAt(message.ms);
            lastOwnKey.insert(message.from, key);
            const QJsonValue timestamp = message.legacy ? QJsonValue(legacyTimestamp(message.ms))
                                                        : QJsonValue(double(message.ms));
            put({"chatlist", itemKey, key}, QJsonObject{{QStringLiteral("id"), message.from},
                                                        {QStringLiteral("msg"), message.text},
                                                        {QStringLiteral("timestamp"), timestamp}});
            // As the web app does: a buyer's first message puts the item in their buying list.
            if (message.from != seller && !buyers.contains(message.from)) {
                buyers.insert(message.from);
                put({"buyer_chatlist", message.from.toStdString(), itemKey, pushKeyAt(message.ms)},
                    listing);
            }
        }
        // Oiso Chat's own nodes (docs/database.md), as if the room had been used from the app:
        // its members, and each one's read mark at their own last message — someone who
        // replied has read what came before, so what others wrote since shows as unread.
        for (auto it = lastOwnKey.cbegin(); it != lastOwnKey.cend(); ++it) {
            const std::string user = it.key().toStdString();
            put({"room_members", itemKey, user}, true);
            put({"chat_summary", user, itemKey, "read"}, QString::fromStdString(it.value()));
        }
    }

    void addPurchases(const QJsonArray& purchases)
    {
        for (const QJsonValue& value : purchases) {
            const QJsonObject purchase = value.toObject();
            const QString buyer = purchase.value(QLatin1String("buyer")).toString();
            const auto item = m_items.constFind(purchase.value(QLatin1String("item")).toString());
            if (!m_users.contains(buyer) || item == m_items.constEnd() || item->seller == buyer) {
                qCWarning(lcDemo) << "skipping demo purchase by" << buyer;
                continue;
            }
            const qint64 when =
                m_now - purchase.value(QLatin1String("minutesAgo")).toInteger() * kMinuteMs;
            put({"buylist", buyer.toStdString(), pushKeyAt(when)}, item->listing);
        }
    }

    const qint64 m_now;
    DemoMarket m_market;
    QSet<QString> m_users;
    QHash<QString, ItemInfo> m_items;
};

} // namespace

DemoMarket buildDemoMarket(qint64 nowMs)
{
    ensureResources();
    QFile file(QStringLiteral(":/demo/market.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcDemo) << "the demo market template is not bundled";
        return {};
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        qCWarning(lcDemo) << "the demo market template is not valid JSON:" << error.errorString();
        return {};
    }
    return Builder(nowMs).build(document.object());
}

QString demoResourceForRequestPath(QStringView requestPath)
{
    ensureResources();
    // Whitelist rather than normalise: every segment must be a plain file-name-like word, so no
    // dot segment, escape, empty segment or separator trick can reach outside static/.
    if (!requestPath.startsWith(u"/static/") || requestPath.size() > 200)
        return {};
    const QStringView relative = requestPath.mid(1);
    for (const QStringView segment : relative.split(u'/')) {
        if (segment.isEmpty() || segment.startsWith(u'.'))
            return {};
        const bool plain = std::all_of(segment.begin(), segment.end(), [](QChar c) {
            return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                   (c >= u'0' && c <= u'9') || c == u'-' || c == u'_' || c == u'.';
        });
        if (!plain)
            return {};
    }
    const QString resource = QStringLiteral(":/demo/") + relative;
    return QFileInfo(resource).isFile() ? resource : QString();
}

} // namespace oiso::server
