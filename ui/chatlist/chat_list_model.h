#pragma once

#include "market/chat_list_service.h"

#include <QAbstractListModel>
#include <QList>

#include <vector>

namespace oiso::ui {

// One list of the chat list window (Selling, Buying or Purchased) as a Qt model. The service
// replaces a list wholesale on every change; setRows() turns that into the smallest keyed
// update — removals, moves, insertions, and dataChanged with only the roles that changed — so
// views do not flicker and the selection and current row stay on the same item.
class ChatListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        KeyRole = Qt::UserRole + 1, // the row's key (unique in the list)
        ItemKeyRole,                // the item's key; empty for a purchase naming no item
        NameRole,
        PriceTextRole, // "15,000원"
        StatusRole,    // as stored
        SellerRole,
        ImageUrlRole,    // QUrl; invalid: placeholder
        LastMessageRole, // the last message's text
        LastSenderRole,
        LastTimeRole, // QDateTime (local); invalid when no time is known
        UnreadRole,   // int, capped at 100 by the service ("99+")
        BuyersRole,   // int, Selling rows
        PurchasedRole,
        DraftRole,
        SectionRole,     // int(market::ListKind)
        PurchasableRole, // a Buying row that can still be marked as purchased
        PreviewRole,     // the second line's text (the draft, the last message or a hint)
        PreviewIsDraftRole
    };
    Q_ENUM(Role)

    explicit ChatListModel(market::ListKind kind, QObject* parent = nullptr);

    market::ListKind kind() const { return m_kind; }
    void setRows(std::vector<market::ChatListRow> rows);
    const std::vector<market::ChatListRow>& rows() const { return m_rows; }
    const market::ChatListRow* rowAt(int row) const;
    int rowOfKey(const QString& key) const; // -1 when absent
    int rowOfItem(const QString& itemKey) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void updateRow(int row, market::ChatListRow next);
    static QList<int> changedRoles(const market::ChatListRow& before,
                                   const market::ChatListRow& after);

    market::ListKind m_kind;
    std::vector<market::ChatListRow> m_rows;
};

} // namespace oiso::ui
