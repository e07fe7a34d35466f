#pragma once

#include "market/connection_state.h"

#include <QString>
#include <QTimer>
#include <QWidget>

class QLabel;
class QFrame;
class QToolButton;

namespace oiso::market {
class ChatRoomService;
}

namespace oiso::ui {

class ChatHeader;
class ConnectionLine;
class Composer;
class ComposerBar;
class MessageDelegate;
class MessageModel;
class MessageView;
class RoomMessageSource;
class ThumbnailLoader;

// One item's chat window (DESIGN §2): the item's header, a line about the connection, the
// messages, and the composer. It keeps the reader's place, loads older pages as they scroll up,
// marks the room read while it is active and the newest messages are in view, keeps the draft
// (saved shortly after typing stops, and on close) and says in words what went wrong. Esc (or
// Ctrl+W) closes it.
class ChatWindow : public QWidget {
    Q_OBJECT

public:
    ChatWindow(market::ChatRoomService& room, ThumbnailLoader& thumbnails,
               QWidget* parent = nullptr);
    ~ChatWindow() override;

    const QString& itemKey() const { return m_itemKey; }
    MessageModel& model() const { return *m_model; }
    MessageView* view() const { return m_view; }
    ComposerBar* composerBar() const { return m_composerBar; }
    Composer* composer() const;
    ChatHeader* header() const { return m_header; }
    QString errorText() const;
    QString connectionText() const;
    ConnectionLine* connectionLine() const { return m_connection; }

    // Saves what the composer holds as the room's draft now (closing does it too).
    void saveDraft();
    // What closing does before the window goes: the composition committed, the draft saved.
    void prepareToClose();

    static constexpr int kDraftDelayMs = 700;

signals:
    void closed(const QString& itemKey);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildLayout();
    void connectRoom();
    void onSendRequested(const QString& text);
    void updateItem();
    void updateConnection(market::ConnectionState state);
    void showError(const QString& message);
    void hideError();
    void loadOlderIfWanted();
    void maybeMarkRead();
    void placeOnce();

    market::ChatRoomService& m_room;
    QString m_itemKey;
    RoomMessageSource* m_source;
    MessageModel* m_model;
    MessageDelegate* m_delegate;
    ChatHeader* m_header;
    ConnectionLine* m_connection;
    QFrame* m_errorBar;
    QLabel* m_error;
    QToolButton* m_dismissError;
    MessageView* m_view;
    ComposerBar* m_composerBar;
    QTimer m_draftTimer;
    QTimer m_olderTimer; // defers loadOlder() out of the view's layout and signal handlers
    QString m_readUpTo;  // the newest key markRead() was called for
    bool m_placed = false;
};

} // namespace oiso::ui
