#include "ui/chatlist/chat_list_filter_model.h"

#include "ui/chatlist/chat_list_model.h"

namespace oiso::ui {

ChatListFilterModel::ChatListFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    // Only the roles the filter and the order depend on trigger re-filtering.
    setFilterRole(ChatListModel::NameRole);
    setSortRole(ChatListModel::UnreadRole);
}

void ChatListFilterModel::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_matcher = NameMatcher(text);
    invalidateRowsFilter();
}

void ChatListFilterModel::setUnreadFirst(bool enabled)
{
    if (enabled == m_unreadFirst)
        return;
    m_unreadFirst = enabled;
    // Column -1 restores the source order (the service's newest first).
    sort(enabled ? 0 : -1);
}

bool ChatListFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_matcher.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return m_matcher.matches(index.data(ChatListModel::NameRole).toString());
}

bool ChatListFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    // Unread rooms first; within each group the service's order, so the sort is stable.
    const bool leftUnread = left.data(ChatListModel::UnreadRole).toInt() > 0;
    const bool rightUnread = right.data(ChatListModel::UnreadRole).toInt() > 0;
    if (leftUnread != rightUnread)
        return leftUnread;
    return left.row() < right.row();
}

} // namespace oiso::ui
