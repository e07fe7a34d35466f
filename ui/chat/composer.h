#pragma once

#include <QPlainTextEdit>
#include <QString>

namespace oiso::ui {

// Where the user writes: Enter sends, Shift+Enter breaks the line, and Hangul composition is
// respected. An input method shows the syllable being composed as a preedit string; when Enter
// arrives while one is shown, the composition is committed first (by the input method if it
// does so at once, otherwise here, and the input method is reset so it cannot commit the same
// syllable again), and the text goes out exactly once, ending in that syllable. A commit of that
// same syllable arriving late from the input method is dropped instead of doubling it.
//
// Tab moves the focus on (a chat box needs no tabs); Esc while composing cancels the
// composition and does not reach the window's Esc (close).
class Composer : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit Composer(QWidget* parent = nullptr);

    // The syllable being composed, as the text layout shows it (the truth, whatever events
    // the input method sent or did not send).
    QString preeditText() const;
    bool isComposing() const { return !preeditText().isEmpty(); }
    // Makes the syllable being composed part of the text (before the text is taken by a button
    // or saved as a draft).
    void commitComposition();
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static constexpr int kMaxVisibleLines = 6; // then it scrolls

signals:
    // Enter (or Ctrl+Enter) without Shift: the text as typed; the owner decides what to send and
    // clears the box when it was accepted.
    void submitted(const QString& text);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void inputMethodEvent(QInputMethodEvent* event) override;

private:
    void fitHeight();
    int heightForLines(int lines) const;

    // What this box committed on the input method's behalf; the input method may still commit
    // it itself, once.
    QString m_committedForIme;
};

} // namespace oiso::ui
