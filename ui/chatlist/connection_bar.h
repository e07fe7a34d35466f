#pragma once

#include "market/connection_state.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace oiso::ui {

// The strip above the lists that says how fresh they are: hidden while live; "Connecting…" or
// "Offline — showing saved data" with a Retry button; "Signed out" with a Sign in button. The
// lists stay usable in every state (they show the cache), so the window never looks frozen.
class ConnectionBar : public QFrame {
    Q_OBJECT

public:
    explicit ConnectionBar(QWidget* parent = nullptr);

    void setState(market::ConnectionState state);
    market::ConnectionState state() const { return m_state; }

    // The short word for the status bar.
    static QString shortText(market::ConnectionState state);

signals:
    void retryRequested();
    void signInRequested();

private:
    market::ConnectionState m_state = market::ConnectionState::Connecting;
    QLabel* m_text;
    QPushButton* m_retry;
    QPushButton* m_signIn;
};

} // namespace oiso::ui
