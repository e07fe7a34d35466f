#pragma once

#include "market/chat_room_service.h"

#include <QAbstractListModel>
#include <QDate>
#include <QDateTime>
#include <QString>

#include <vector>

namespace oiso::ui {

class MessageSource;

// The messages of one room as a list model, for the chat window's view and delegate. It mirrors
// its source's signals with exact begin/end pairs, keeping its own copy of the rows so that
// rowCount() and data() always describe what the view was last told, and derives how the rows are
// drawn: groups (one sender, within kGroupGapMs, on one day), a date separator above the first
// message of each day, and an "unread" divider above the first message from someone else that
// is newer than the read mark (none while the read mark is unknown). A change emits dataChanged
// only for the roles that changed, including the derived roles of the neighbours it affects.
class MessageModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        TextRole,     // QString (also Qt::DisplayRole)
        SenderRole,   // QString: the sender's login id
        TimeRole,     // QDateTime in local time; invalid when the message has no readable time
        MineRole,     // bool
        DeliveryRole, // int: market::RoomMessage::Delivery
        ErrorRole,    // QString: why a message of mine failed
        FirstInGroupRole,
        LastInGroupRole,
        DateSeparatorRole, // QDate: the day to announce above this row; invalid for none
        UnreadDividerRole, // bool: the "unread messages" divider goes above this row
    };
    Q_ENUM(Role)

    static constexpr qint64 kGroupGapMs = 5 * 60 * 1000;

    explicit MessageModel(MessageSource& source, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const market::RoomMessage& message(int row) const { return m_rows[std::size_t(row)].message; }
    QString keyAt(int row) const;
    int rowOfKey(const QString& key) const; // -1 when not shown
    int unreadDividerRow() const;           // -1 when there is none

    // The user has seen the newest message (the window is active and at the bottom). When no
    // divider is shown, later arrivals are unread from here on, so the divider marks where the
    // user left; a divider already shown stays for as long as the window is open.
    void noteAllSeen();

private:
    struct Flags {
        bool first = false;
        bool last = false;
        bool divider = false;
        QDate separator;
        friend bool operator==(const Flags&, const Flags&) = default;
    };
    struct Row {
        market::RoomMessage message;
        QDateTime time; // local
        Flags flags;    // as last reported to the view
    };

    void onInserted(int first, int count);
    void onRemoved(int first, int count);
    void onChanged(int row);
    void resync();

    static Row rowFrom(const market::RoomMessage& message);
    static QList<int> changedRoles(const market::RoomMessage& a, const market::RoomMessage& b);
    bool inRange(int row) const { return row >= 0 && row < int(m_rows.size()); }
    QString findDividerKey() const;
    QDate separatorAt(int row) const;
    bool firstAt(int row) const;
    Flags flagsAt(int row) const;
    // Recomputes the divider and the flags of `rows` (and the rows whose grouping depends on
    // them), reporting those that changed.
    void refresh(std::vector<int> rows);

    MessageSource& m_source;
    std::vector<Row> m_rows;
    QString m_readMark;   // messages after it from others are unread
    QString m_dividerKey; // the row the divider is above; empty for none
};

} // namespace oiso::ui
