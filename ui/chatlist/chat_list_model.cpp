#include "ui/chatlist/chat_list_model.h"

#include "ui/chatlist/chat_list_text.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>
#include <iterator>

namespace oiso::ui {

ChatListModel::ChatListModel(market::ListKind kind, QObject* parent)
    : QAbstractListModel(parent)
    , m_kind(kind)
{
}

const market::ChatListRow* ChatListModel::rowAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    return &m_rows[size_t(row)];
}

int ChatListModel::rowOfKey(const QString& key) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].key == key)
            return int(i);
    }
    return -1;
}

int ChatListModel::rowOfItem(const QString& itemKey) const
{
    if (itemKey.isEmpty())
        return -1;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].itemKey == itemKey)
            return int(i);
    }
    return -1;
}

int ChatListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

void ChatListModel::setRows(std::vector<market::ChatListRow> next)
{
    // Keys identify rows across updates, so they must be unique: a duplicate (which the service
    // should never send) keeps its first occurrence rather than confusing the views.
    {
        QSet<QString> seen;
        std::erase_if(next, [&seen](const market::ChatListRow& row) {
            if (seen.contains(row.key))
                return true;
            seen.insert(row.key);
            return false;
        });
    }
    QSet<QString> nextKeys;
    for (const market::ChatListRow& row : next)
        nextKeys.insert(row.key);

    // 1. Rows that left, bottom up, one signal per contiguous run.
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (nextKeys.contains(m_rows[size_t(last)].key)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !nextKeys.contains(m_rows[size_t(first - 1)].key))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }

    // 2. Walk the new order. Everything before `i` is already in place, so a key that is still
    // here sits at `i` or later: it is moved up (a row whose room got a new message jumps to the
    // top — one move, and persistent indexes such as the selection follow it). New keys are
    // inserted, one signal per contiguous run.
    QSet<QString> present;
    for (const market::ChatListRow& row : m_rows)
        present.insert(row.key);
    for (int i = 0; i < int(next.size()); ++i) {
        const QString& key = next[size_t(i)].key;
        if (i < int(m_rows.size()) && m_rows[size_t(i)].key == key) {
            updateRow(i, std::move(next[size_t(i)]));
            continue;
        }
        if (present.contains(key)) {
            int from = i + 1;
            while (m_rows[size_t(from)].key != key)
                ++from;
            beginMoveRows({}, from, from, {}, i);
            market::ChatListRow moved = std::move(m_rows[size_t(from)]);
            m_rows.erase(m_rows.begin() + from);
            m_rows.insert(m_rows.begin() + i, std::move(moved));
            endMoveRows();
            updateRow(i, std::move(next[size_t(i)]));
            continue;
        }
        int last = i;
        while (last + 1 < int(next.size()) && !present.contains(next[size_t(last + 1)].key))
            ++last;
        beginInsertRows({}, i, last);
        m_rows.insert(m_rows.begin() + i, std::make_move_iterator(next.begin() + i),
                      std::make_move_iterator(next.begin() + last + 1));
        endInsertRows();
        i = last;
    }
}

void ChatListModel::updateRow(int row, market::ChatListRow next)
{
    market::ChatListRow& current = m_rows[size_t(row)];
    const QList<int> roles = changedRoles(current, next);
    current = std::move(next);
    if (!roles.isEmpty()) {
        const QModelIndex at = index(row);
        emit dataChanged(at, at, roles);
    }
}

QList<int> ChatListModel::changedRoles(const market::ChatListRow& before,
                                       const market::ChatListRow& after)
{
    QList<int> roles;
    auto note = [&roles](bool changed, std::initializer_list<int> affected) {
        if (changed)
            roles.append(affected);
    };
    note(before.itemKey != after.itemKey, {ItemKeyRole});
    note(before.name != after.name, {NameRole, Qt::DisplayRole});
    note(before.price != after.price, {PriceTextRole});
    note(before.status != after.status, {StatusRole});
    note(before.seller != after.seller, {SellerRole});
    note(before.imageUrl != after.imageUrl, {ImageUrlRole});
    const auto text = [](const market::ChatListRow& r) {
        return r.lastMessage ? r.lastMessage->text : QString();
    };
    const auto sender = [](const market::ChatListRow& r) {
        return r.lastMessage ? r.lastMessage->senderId : QString();
    };
    const auto time = [](const market::ChatListRow& r) {
        return r.lastMessage ? r.lastMessage->timestampMs : std::nullopt;
    };
    note(text(before) != text(after), {LastMessageRole, PreviewRole});
    note(sender(before) != sender(after), {LastSenderRole});
    note(time(before) != time(after), {LastTimeRole});
    note(before.unread != after.unread, {UnreadRole});
    note(before.buyers != after.buyers, {BuyersRole});
    note(before.purchased != after.purchased, {PurchasedRole, PurchasableRole});
    note(before.draft != after.draft, {DraftRole, PreviewRole, PreviewIsDraftRole});
    note(before.section != after.section, {SectionRole, PurchasableRole, PreviewRole});
    if (!roles.isEmpty())
        roles.append({Qt::AccessibleTextRole, Qt::ToolTipRole});
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    return roles;
}

QVariant ChatListModel::data(const QModelIndex& index, int role) const
{
    const market::ChatListRow* row = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row->name;
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole:
        return ChatListText::accessibleDescription(*row);
    case KeyRole:
        return row->key;
    case ItemKeyRole:
        return row->itemKey;
    case PriceTextRole:
        return ChatListText::price(*row);
    case StatusRole:
        return row->status;
    case SellerRole:
        return row->seller;
    case ImageUrlRole:
        return row->imageUrl;
    case LastMessageRole:
        return row->lastMessage ? row->lastMessage->text : QString();
    case LastSenderRole:
        return row->lastMessage ? row->lastMessage->senderId : QString();
    case LastTimeRole:
        if (row->lastMessage && row->lastMessage->timestampMs)
            return QDateTime::fromMSecsSinceEpoch(*row->lastMessage->timestampMs);
        return QDateTime();
    case UnreadRole:
        return row->unread;
    case BuyersRole:
        return row->buyers;
    case PurchasedRole:
        return row->purchased;
    case DraftRole:
        return row->draft;
    case SectionRole:
        return int(row->section);
    case PurchasableRole:
        return row->section == market::ListKind::Buying && !row->purchased &&
               !row->itemKey.isEmpty();
    case PreviewRole:
        return ChatListText::previewBody(*row);
    case PreviewIsDraftRole:
        return ChatListText::previewIsDraft(*row);
    default:
        break;
    }
    return {};
}

QHash<int, QByteArray> ChatListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KeyRole, "key");
    names.insert(ItemKeyRole, "itemKey");
    names.insert(NameRole, "name");
    names.insert(PriceTextRole, "price");
    names.insert(StatusRole, "status");
    names.insert(SellerRole, "seller");
    names.insert(ImageUrlRole, "imageUrl");
    names.insert(LastMessageRole, "lastMessage");
    names.insert(LastSenderRole, "lastSender");
    names.insert(LastTimeRole, "lastTime");
    names.insert(UnreadRole, "unread");
    names.insert(BuyersRole, "buyers");
    names.insert(PurchasedRole, "purchased");
    names.insert(DraftRole, "draft");
    names.insert(SectionRole, "section");
    names.insert(PurchasableRole, "purchasable");
    names.insert(PreviewRole, "preview");
    names.insert(PreviewIsDraftRole, "previewIsDraft");
    return names;
}

} // namespace oiso::ui
