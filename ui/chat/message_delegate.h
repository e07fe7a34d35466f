#pragma once

#include "ui/chat/message_layout.h"

#include <QCache>
#include <QHash>
#include <QLocale>
#include <QStyledItemDelegate>

namespace oiso::ui {

class MessageModel;

// Paints one message row: the date separator and unread divider when the row has them, the
// sender's id above the first bubble of someone else's group, the bubble (mine on the right in
// the palette's highlight colour, others' on the left), the time under the last bubble of a
// group, and for mine the delivery mark (clock, check, red mark) with Retry and Delete under a
// failed one. Everything is drawn from palette roles, so light and dark palettes both work.
//
// Row heights are cached per message key and width (and the shaped text of recently painted rows
// with them); a change of a row's data drops its entry and tells the view its size changed.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    enum class Hit { None, Retry, Delete };

    explicit MessageDelegate(MessageModel& model, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // What is under `pos` (view coordinates) in the row drawn at option.rect.
    Hit hitTest(const QStyleOptionViewItem& option, const QModelIndex& index, QPoint pos) const;
    // The layout of a row at `width` (for tests and for the view's keyboard actions).
    MessageGeometry geometry(const QModelIndex& index, const QFont& font, int width) const;

    // Drops every cached height: the font, style or language changed.
    void clearCache();
    int cachedHeightCount() const { return int(m_heights.size()); }

signals:
    void retryRequested(const QString& messageKey);
    void deleteRequested(const QString& messageKey);

protected:
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

private:
    struct Height {
        int width = 0;
        int height = 0;
    };

    const MessageGeometry& layoutFor(const QModelIndex& index, const QFont& font, int width) const;
    void forget(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                const QList<int>& roles);
    void forgetRows(int first, int last);
    static int rowWidth(const QStyleOptionViewItem& option);

    void paintSeparator(QPainter* painter, const QStyleOptionViewItem& option,
                        const QModelIndex& index, const MessageGeometry& g) const;
    void paintDivider(QPainter* painter, const QStyleOptionViewItem& option,
                      const MessageGeometry& g) const;
    void paintBubble(QPainter* painter, const QStyleOptionViewItem& option,
                     const QModelIndex& index, const MessageGeometry& g) const;
    void paintFailed(QPainter* painter, const QStyleOptionViewItem& option,
                     const MessageGeometry& g) const;

    MessageModel& m_model;
    QLocale m_locale;
    mutable QHash<QString, Height> m_heights;
    mutable QCache<QString, MessageGeometry> m_layouts;
};

// The colour for a failure. Qt 6.4's palette has no role for it, so it is a red chosen for
// contrast against the palette's base (lighter on dark palettes).
QColor errorColor(const QPalette& palette);

} // namespace oiso::ui
