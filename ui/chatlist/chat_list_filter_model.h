#pragma once

#include "ui/chatlist/name_matcher.h"

#include <QSortFilterProxyModel>

namespace oiso::ui {

// What a chat list page shows of its model: rows whose item name matches the filter box
// (NameMatcher), in the service's order (newest first) or with unread rooms first. Live updates
// of the source are re-filtered and re-sorted as they come (dynamic sorting), and the proxy
// keeps the view's selection on its item through them.
class ChatListFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ChatListFilterModel(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }
    void setUnreadFirst(bool enabled);
    bool unreadFirst() const { return m_unreadFirst; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    NameMatcher m_matcher;
    bool m_unreadFirst = false;
};

} // namespace oiso::ui
