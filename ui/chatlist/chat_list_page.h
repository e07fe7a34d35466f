#pragma once

#include "market/local_cache.h"

#include <QWidget>

class QLabel;
class QListView;

namespace oiso::market {
struct ChatListRow;
}

namespace oiso::ui {

class ChatListDelegate;
class ChatListFilterModel;
class ChatListModel;
class ThumbnailLoader;

// One section of the chat list window (Selling, Buying or Purchased): its model, the filter
// proxy and the list view. Activating a row (double-click, Enter) asks to open its chat; the
// row's button, the context menu or the window's action ask to record a purchase.
class ChatListPage : public QWidget {
    Q_OBJECT

public:
    ChatListPage(market::ListKind kind, ThumbnailLoader* thumbnails, QWidget* parent = nullptr);

    market::ListKind kind() const { return m_kind; }
    ChatListModel& model() { return *m_model; }
    ChatListFilterModel& filter() { return *m_filter; }
    QListView& view() { return *m_view; }
    ChatListDelegate& delegate() { return *m_delegate; }

    // The row under the keyboard focus, or null.
    const market::ChatListRow* currentRow() const;
    // Makes the row of that item current (and visible); false when it is not listed.
    bool selectItem(const QString& itemKey);
    void setPlaceholderText(const QString& text);

signals:
    void openRequested(const QString& itemKey);
    void purchaseRequested(const QString& itemKey);
    void currentRowChanged();

private:
    void showContextMenu(const QPoint& position);
    void updateEmptyHint();
    QString itemKeyAt(const QModelIndex& proxyIndex) const;

    market::ListKind m_kind;
    ChatListModel* m_model;
    ChatListFilterModel* m_filter;
    QListView* m_view;
    ChatListDelegate* m_delegate;
    QLabel* m_emptyHint;
    QString m_placeholder;
};

} // namespace oiso::ui
