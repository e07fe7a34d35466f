#pragma once

#include "ui/common/tone_colors.h"

#include <QDateTime>
#include <QStyledItemDelegate>

#include <functional>

namespace oiso::ui {

class ThumbnailLoader;

// Paints one chat list row from the model's roles (ChatListModel):
//
//   [thumb]  name (bold)                                  time
//            15,000원  [On sale]  3 buyers      [Purchase complete]
//            last message, or "Draft: …"                  (12)
//
// Every colour comes from the palette (light and dark themes alike); sizes come from the font,
// so rows have one fixed height per font (uniform item sizes keep long lists fast) and scale
// with high-DPI settings. The base style paints selection, hover and focus first.
class ChatListDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit ChatListDelegate(ThumbnailLoader* thumbnails, QObject* parent = nullptr);

    // The clock used for relative times (tests pin it).
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Where the row's "Purchase complete" button is (empty when the row has none).
    QRect purchaseButtonRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;

signals:
    void purchaseClicked(const QModelIndex& index);

protected:
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    void paintThumbnail(QPainter* painter, const QRect& rect, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const;
    int paintChip(QPainter* painter, const QRect& line, int x, const QString& text, Tone tone,
                  const QStyleOptionViewItem& option) const;

    ThumbnailLoader* m_thumbnails;
    std::function<QDateTime()> m_now;
    QPersistentModelIndex m_pressed; // the row whose button is held down
};

} // namespace oiso::ui
