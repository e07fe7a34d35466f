#pragma once

#include <QListView>
#include <QPersistentModelIndex>
#include <QPointer>

class QPushButton;

namespace oiso::ui {

class MessageDelegate;
class MessageModel;

// The list of a room's messages. It keeps the reader's place: at the bottom it follows new
// messages; scrolled up, new messages from others add up in a "N new ↓" pill instead of moving
// the view, and rows inserted above (older pages) shift the scroll position by their height so
// what is on screen stays put. It asks for older pages while fewer than two screens remain
// above. Retry and Delete of a failed message are reachable by mouse (the delegate's hit areas)
// and by keyboard (the context menu on the current message: Menu key or Shift+F10). With more
// above, the top edge fades into the background: the row cut there shows no sliver of text.
class MessageView : public QListView {
    Q_OBJECT

public:
    MessageView(MessageModel& model, MessageDelegate& delegate, QWidget* parent = nullptr);

    bool isAtBottom() const;
    int newMessageCount() const { return m_newCount; }
    QPushButton* newMessagesPill() const { return m_pill; }

    void scrollToNewest();
    // The first placement after opening: the newest messages, or the unread divider at the top
    // when the unread messages are more than a screen.
    void placeAtOpen();
    void doItemsLayout() override;
    // Emits nearTop() if fewer than two screens remain above (after a page arrived, say).
    void checkNearTop();

signals:
    void nearTop();
    void reachedBottom(); // the newest message is in view again (the user scrolled or jumped)
    void retryRequested(const QString& messageKey);
    void deleteRequested(const QString& messageKey);

protected:
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void onRowsAboutToBeInserted(const QModelIndex& parent, int start, int end);
    void onScrolled(int value);
    void onRangeChanged(int min, int max);
    void updatePill();
    void copyMessage(const QModelIndex& index);
    QModelIndex topVisibleIndex() const;
    int topFadeHeight() const;

    MessageModel& m_model;
    MessageDelegate& m_delegate;
    QPushButton* m_pill;
    bool m_stick = true; // follow the newest message
    int m_newCount = 0;
    // The row at the top of the view before rows were inserted above it, and where it was.
    QPersistentModelIndex m_anchor;
    int m_anchorTop = 0;
    bool m_atBottomBeforeInsert = true;
};

} // namespace oiso::ui
