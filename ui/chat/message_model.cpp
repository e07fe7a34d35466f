#include "ui/chat/message_model.h"

#include "market/message_order.h"
#include "ui/chat/message_source.h"
#include "ui/common/time_format.h"

#include <QLoggingCategory>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace oiso::ui {

namespace {

Q_LOGGING_CATEGORY(lcModel, "oiso.ui.messages")

using Delivery = market::RoomMessage::Delivery;

} // namespace

MessageModel::MessageModel(MessageSource& source, QObject* parent)
    : QAbstractListModel(parent)
    , m_source(source)
    , m_readMark(source.readMarkAtOpen())
{
    for (const market::RoomMessage& message : source.messages())
        m_rows.push_back(rowFrom(message));
    m_dividerKey = findDividerKey();
    for (int row = 0; row < int(m_rows.size()); ++row)
        m_rows[std::size_t(row)].flags = flagsAt(row);

    connect(&source, &MessageSource::messagesInserted, this, &MessageModel::onInserted);
    connect(&source, &MessageSource::messagesRemoved, this, &MessageModel::onRemoved);
    connect(&source, &MessageSource::messageChanged, this, &MessageModel::onChanged);
}

int MessageModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const market::RoomMessage& m = row.message;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.message.text;
    case KeyRole:
        return m.message.key;
    case SenderRole:
        return m.message.senderId;
    case TimeRole:
        return row.time;
    case MineRole:
        return m.mine;
    case DeliveryRole:
        return int(m.delivery);
    case ErrorRole:
        return m.error;
    case FirstInGroupRole:
        return row.flags.first;
    case LastInGroupRole:
        return row.flags.last;
    case DateSeparatorRole:
        return row.flags.separator;
    case UnreadDividerRole:
        return row.flags.divider;
    case Qt::ToolTipRole: {
        if (m.delivery == Delivery::Failed && !m.error.isEmpty())
            return m.error;
        return row.time.isValid() ? TimeFormat::uiLocale().toString(row.time, QLocale::LongFormat)
                                  : QVariant();
    }
    case Qt::AccessibleTextRole: {
        const QLocale locale = TimeFormat::uiLocale();
        const QString who = m.mine ? tr("You") : m.message.senderId;
        QString text =
            row.time.isValid()
                ? tr("%1 at %2: %3").arg(who, messageTime(row.time, locale), m.message.text)
                : tr("%1: %2").arg(who, m.message.text);
        if (m.delivery == Delivery::Sending)
            text += QLatin1Char(' ') + tr("(sending)");
        else if (m.delivery == Delivery::Failed)
            text += QLatin1Char(' ') + tr("(not sent: %1)").arg(m.error);
        return text;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{KeyRole, "key"},
                  {TextRole, "text"},
                  {SenderRole, "sender"},
                  {TimeRole, "time"},
                  {MineRole, "mine"},
                  {DeliveryRole, "delivery"},
                  {ErrorRole, "error"},
                  {FirstInGroupRole, "firstInGroup"},
                  {LastInGroupRole, "lastInGroup"},
                  {DateSeparatorRole, "dateSeparator"},
                  {UnreadDividerRole, "unreadDivider"}});
    return names;
}

QString MessageModel::keyAt(int row) const
{
    return inRange(row) ? m_rows[std::size_t(row)].message.message.key : QString();
}

int MessageModel::rowOfKey(const QString& key) const
{
    const auto it =
        std::lower_bound(m_rows.begin(), m_rows.end(), key, [](const Row& row, const QString& k) {
            return market::messageKeyLess(row.message.message.key, k);
        });
    return it != m_rows.end() && it->message.message.key == key ? int(it - m_rows.begin()) : -1;
}

int MessageModel::unreadDividerRow() const
{
    return m_dividerKey.isEmpty() ? -1 : rowOfKey(m_dividerKey);
}

void MessageModel::noteAllSeen()
{
    if (!m_dividerKey.isEmpty() || m_rows.empty())
        return;
    const QString& newest = m_rows.back().message.message.key;
    if (m_readMark.isEmpty() || market::messageKeyLess(m_readMark, newest))
        m_readMark = newest;
}

void MessageModel::onInserted(int first, int count)
{
    const int size = int(m_rows.size());
    if (first < 0 || first > size || count <= 0 || int(m_source.messages().size()) != size + count)
        return resync();
    const QString oldDivider = m_dividerKey;
    beginInsertRows({}, first, first + count - 1);
    const auto& messages = m_source.messages();
    std::vector<Row> fresh;
    fresh.reserve(std::size_t(count));
    for (int i = first; i < first + count; ++i)
        fresh.push_back(rowFrom(messages[std::size_t(i)]));
    m_rows.insert(m_rows.begin() + first, std::make_move_iterator(fresh.begin()),
                  std::make_move_iterator(fresh.end()));
    m_dividerKey = findDividerKey();
    for (int i = first; i < first + count; ++i)
        m_rows[std::size_t(i)].flags = flagsAt(i);
    endInsertRows();

    std::vector<int> touched{first - 1, first + count};
    for (const QString& key : {oldDivider, m_dividerKey})
        if (const int at = rowOfKey(key); at >= 0)
            touched.insert(touched.end(), {at - 1, at});
    refresh(std::move(touched));
}

void MessageModel::onRemoved(int first, int count)
{
    const int size = int(m_rows.size());
    if (first < 0 || count <= 0 || first + count > size ||
        int(m_source.messages().size()) != size - count)
        return resync();
    const QString oldDivider = m_dividerKey;
    beginRemoveRows({}, first, first + count - 1);
    m_rows.erase(m_rows.begin() + first, m_rows.begin() + first + count);
    m_dividerKey = findDividerKey();
    endRemoveRows();

    std::vector<int> touched{first - 1, first};
    for (const QString& key : {oldDivider, m_dividerKey})
        if (const int at = rowOfKey(key); at >= 0)
            touched.insert(touched.end(), {at - 1, at});
    refresh(std::move(touched));
}

void MessageModel::onChanged(int row)
{
    const auto& messages = m_source.messages();
    if (!inRange(row) || messages.size() != m_rows.size() ||
        messages[std::size_t(row)].message.key != m_rows[std::size_t(row)].message.message.key)
        return resync();
    Row& target = m_rows[std::size_t(row)];
    const QList<int> roles = changedRoles(target.message, messages[std::size_t(row)]);
    if (roles.isEmpty())
        return;
    const Flags flags = target.flags;
    target = rowFrom(messages[std::size_t(row)]);
    target.flags = flags;
    emit dataChanged(index(row), index(row), roles);

    // A new time (the server's, once sent) or sender can regroup the row and its neighbours.
    const QString oldDivider = m_dividerKey;
    m_dividerKey = findDividerKey();
    std::vector<int> touched{row - 1, row, row + 1};
    for (const QString& key : {oldDivider, m_dividerKey})
        if (const int at = rowOfKey(key); at >= 0)
            touched.insert(touched.end(), {at - 1, at});
    refresh(std::move(touched));
}

void MessageModel::resync()
{
    // The source broke its contract (a signal that does not match its rows): start over rather
    // than show something else than it holds.
    qCWarning(lcModel) << "message source and model disagree; resetting the model";
    beginResetModel();
    m_rows.clear();
    for (const market::RoomMessage& message : m_source.messages())
        m_rows.push_back(rowFrom(message));
    m_dividerKey = findDividerKey();
    for (int row = 0; row < int(m_rows.size()); ++row)
        m_rows[std::size_t(row)].flags = flagsAt(row);
    endResetModel();
}

MessageModel::Row MessageModel::rowFrom(const market::RoomMessage& message)
{
    Row row;
    row.message = message;
    if (message.message.timestampMs)
        row.time = QDateTime::fromMSecsSinceEpoch(*message.message.timestampMs);
    return row;
}

QList<int> MessageModel::changedRoles(const market::RoomMessage& a, const market::RoomMessage& b)
{
    QList<int> roles;
    if (a.message.text != b.message.text)
        roles << Qt::DisplayRole << TextRole;
    if (a.message.senderId != b.message.senderId)
        roles << SenderRole;
    if (a.message.timestampMs != b.message.timestampMs)
        roles << TimeRole;
    if (a.mine != b.mine)
        roles << MineRole;
    if (a.delivery != b.delivery)
        roles << DeliveryRole;
    if (a.error != b.error)
        roles << ErrorRole;
    if (!roles.isEmpty())
        roles << Qt::ToolTipRole << Qt::AccessibleTextRole;
    return roles;
}

QString MessageModel::findDividerKey() const
{
    // No read mark says nothing (a profile whose cache has not learnt it yet looks the same as a
    // room never read): no divider rather than one above everything.
    if (m_readMark.isEmpty())
        return {};
    auto it = std::upper_bound(m_rows.begin(), m_rows.end(), m_readMark,
                               [](const QString& mark, const Row& row) {
                                   return market::messageKeyLess(mark, row.message.message.key);
                               });
    it = std::find_if(it, m_rows.end(), [](const Row& row) { return !row.message.mine; });
    return it == m_rows.end() ? QString() : it->message.message.key;
}

QDate MessageModel::separatorAt(int row) const
{
    const QDate day = m_rows[std::size_t(row)].time.date();
    if (!day.isValid())
        return {};
    for (int before = row - 1; before >= 0; --before) {
        const QDate previous = m_rows[std::size_t(before)].time.date();
        if (previous.isValid())
            return previous == day ? QDate() : day;
    }
    return day; // the first dated row says which day it is
}

bool MessageModel::firstAt(int row) const
{
    if (row == 0)
        return true;
    const Row& current = m_rows[std::size_t(row)];
    const Row& previous = m_rows[std::size_t(row - 1)];
    if (current.message.message.key == m_dividerKey || separatorAt(row).isValid())
        return true;
    if (current.message.mine != previous.message.mine ||
        current.message.message.senderId != previous.message.message.senderId)
        return true;
    if (current.time.isValid() && previous.time.isValid())
        return std::llabs(previous.time.msecsTo(current.time)) > kGroupGapMs;
    return false;
}

MessageModel::Flags MessageModel::flagsAt(int row) const
{
    Flags flags;
    flags.first = firstAt(row);
    flags.last = row + 1 == int(m_rows.size()) || firstAt(row + 1);
    flags.divider =
        !m_dividerKey.isEmpty() && m_rows[std::size_t(row)].message.message.key == m_dividerKey;
    flags.separator = separatorAt(row);
    return flags;
}

void MessageModel::refresh(std::vector<int> rows)
{
    // A row's separator depends on the previous row with a time, so rows without one pass the
    // change on to the next.
    const int size = int(m_rows.size());
    std::set<int> todo;
    for (int row : rows) {
        if (!inRange(row))
            continue;
        todo.insert(row);
        while (row + 1 < size && !m_rows[std::size_t(row)].time.isValid())
            todo.insert(++row);
    }
    for (const int row : todo) {
        Row& target = m_rows[std::size_t(row)];
        const Flags now = flagsAt(row);
        if (now == target.flags)
            continue;
        QList<int> roles;
        if (now.first != target.flags.first)
            roles << FirstInGroupRole;
        if (now.last != target.flags.last)
            roles << LastInGroupRole;
        if (now.divider != target.flags.divider)
            roles << UnreadDividerRole;
        if (now.separator != target.flags.separator)
            roles << DateSeparatorRole;
        target.flags = now;
        emit dataChanged(index(row), index(row), roles);
    }
}

} // namespace oiso::ui

#include "moc_message_model.cpp"
