#include "ui/chat/composer.h"

#include <QAbstractTextDocumentLayout>
#include <QGuiApplication>
#include <QInputMethod>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QTextBlock>

#include <cmath>

namespace oiso::ui {

Composer::Composer(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setPlaceholderText(tr("Write a message…"));
    setAccessibleName(tr("Message"));
    setAccessibleDescription(tr("Enter sends, Shift+Enter starts a new line"));
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &Composer::fitHeight);
    fitHeight();
}

QString Composer::preeditText() const
{
    const QTextLayout* layout = textCursor().block().layout();
    return layout ? layout->preeditAreaText() : QString();
}

int Composer::heightForLines(int lines) const
{
    const QMargins contents = contentsMargins();
    return int(std::ceil(lines * fontMetrics().lineSpacing() + 2 * document()->documentMargin())) +
           2 * frameWidth() + contents.top() + contents.bottom();
}

QSize Composer::sizeHint() const
{
    const int lines =
        qBound(1, int(document()->documentLayout()->documentSize().height()), kMaxVisibleLines);
    return {QPlainTextEdit::sizeHint().width(), heightForLines(lines)};
}

QSize Composer::minimumSizeHint() const
{
    return {QPlainTextEdit::minimumSizeHint().width(), heightForLines(1)};
}

void Composer::fitHeight()
{
    // One line when empty, growing with the text up to kMaxVisibleLines (the document layout of
    // a QPlainTextEdit measures its height in lines, wrapped lines included).
    setFixedHeight(sizeHint().height());
}

bool Composer::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && isComposing()) {
        // While composing, Esc belongs to the input method, not to the window's close shortcut.
        if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            event->accept();
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void Composer::keyPressEvent(QKeyEvent* event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (!enter) {
        m_committedForIme.clear();
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    event->accept();
    commitComposition();
    if (event->modifiers() & Qt::ShiftModifier) {
        textCursor().insertText(QStringLiteral("\n"));
        ensureCursorVisible();
        return;
    }
    if (event->modifiers() & (Qt::AltModifier | Qt::MetaModifier))
        return; // not a send gesture on any platform we know; do nothing rather than guess
    if (event->isAutoRepeat())
        return; // a held Enter sends once
    emit submitted(toPlainText());
}

void Composer::commitComposition()
{
    if (!isComposing())
        return;
    const QString shown = preeditText();
    // Most input methods commit synchronously when asked: inputMethodEvent() runs inside this
    // call and the preedit is gone.
    QGuiApplication::inputMethod()->commit();
    if (!isComposing())
        return;
    // This one did not (or there is no platform input method): commit what the user sees, then
    // make the input method drop its composition so it does not commit it a second time.
    QInputMethodEvent commit;
    commit.setCommitString(shown);
    QPlainTextEdit::inputMethodEvent(&commit);
    m_committedForIme = shown;
    QGuiApplication::inputMethod()->reset();
}

void Composer::inputMethodEvent(QInputMethodEvent* event)
{
    if (!m_committedForIme.isEmpty() && event->preeditString().isEmpty() &&
        event->replacementLength() == 0 && event->commitString() == m_committedForIme) {
        // The input method committing the syllable this box already committed (and maybe
        // sent) when Enter was pressed: dropping it is what keeps the syllable single.
        m_committedForIme.clear();
        event->accept();
        return;
    }
    // An empty event (a reset acknowledged) does not end the wait for a late commit.
    if (!event->commitString().isEmpty() || !event->preeditString().isEmpty())
        m_committedForIme.clear();
    QPlainTextEdit::inputMethodEvent(event);
}

} // namespace oiso::ui

#include "moc_composer.cpp"
