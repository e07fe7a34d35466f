#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace oiso::ui {

class Composer;

// The bottom of a chat window: the composer, the send button and, near the length limit, a
// counter ("1,950/2,000", in the error colour past the limit).
class ComposerBar : public QWidget {
    Q_OBJECT

public:
    explicit ComposerBar(QWidget* parent = nullptr);

    Composer* composer() const { return m_composer; }
    QToolButton* sendButton() const { return m_send; }
    QLabel* counter() const { return m_counter; }

    QString text() const;
    // Replaces the text without it counting as the user's edit (a restored draft).
    void setText(const QString& text);
    void clear() { setText({}); }

    // The counter appears from this many characters on.
    static int counterThreshold();

signals:
    // Enter in the composer or the send button; any composition is already committed.
    void sendRequested(const QString& text);
    void textEdited(); // by the user (for the draft)

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateCounter();
    void updateSendIcon();

    Composer* m_composer;
    QToolButton* m_send;
    QLabel* m_counter;
    bool m_settingText = false;
};

} // namespace oiso::ui
