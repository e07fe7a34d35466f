// The chat window's composer: Enter sends, Shift+Enter breaks the line, and Hangul composition
// (synthetic input method events: preedit, commit) never sends twice or doubles the last
// syllable.

#include "ui/chat/composer.h"

#include <QInputMethodEvent>
#include <QShortcut>
#include <QSignalSpy>
#include <QTest>

using oiso::ui::Composer;

namespace {

void preedit(QWidget* target, const QString& text)
{
    QInputMethodEvent event(text, {});
    QCoreApplication::sendEvent(target, &event);
}

void commit(QWidget* target, const QString& text)
{
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(target, &event);
}

// Korean text as a keyboard without composition would type it (QTest::keyClicks is ASCII-only).
void typeText(QWidget* target, const QString& text)
{
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(target, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
        QCoreApplication::sendEvent(target, &release);
    }
}

} // namespace

class TestComposer : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void enterSends();
    void shiftEnterBreaksTheLine();
    void heldEnterSendsOnce();
    void commitThenEnterSendsOnce();
    void enterWhileComposingCommitsAndSendsOnce();
    void lateCommitAfterEnterIsDropped();
    void newSyllableAfterSendIsKept();
    void shiftEnterWhileComposing();
    void escapeWhileComposingDoesNotClose();
    void growsWithTheText();
    void tabMovesFocus();

private:
    QWidget* m_window = nullptr;
    Composer* m_composer = nullptr;
    QSignalSpy* m_submitted = nullptr;
};

void TestComposer::init()
{
    m_window = new QWidget;
    m_composer = new Composer(m_window);
    m_composer->resize(300, m_composer->height());
    m_submitted = new QSignalSpy(m_composer, &Composer::submitted);
    // The owner clears the box when it takes the text, as the chat window does.
    connect(m_composer, &Composer::submitted, m_composer, &Composer::clear);
    m_window->show();
    m_composer->setFocus();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestComposer::cleanup()
{
    delete m_submitted;
    delete m_window;
}

void TestComposer::enterSends()
{
    QTest::keyClicks(m_composer, QStringLiteral("hello"));
    QTest::keyClick(m_composer, Qt::Key_Return);
    QCOMPARE(m_submitted->size(), 1);
    QCOMPARE(m_submitted->first().first().toString(), QStringLiteral("hello"));
    QCOMPARE(m_composer->toPlainText(), QString());

    QTest::keyClicks(m_composer, QStringLiteral("keypad"));
    QTest::keyClick(m_composer, Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(m_submitted->size(), 2);
}

void TestComposer::shiftEnterBreaksTheLine()
{
    QTest::keyClicks(m_composer, QStringLiteral("first"));
    QTest::keyClick(m_composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(m_composer, QStringLiteral("second"));
    QCOMPARE(m_submitted->size(), 0);
    QCOMPARE(m_composer->toPlainText(), QStringLiteral("first\nsecond"));
    QTest::keyClick(m_composer, Qt::Key_Return);
    QCOMPARE(m_submitted->size(), 1);
    QCOMPARE(m_submitted->first().first().toString(), QStringLiteral("first\nsecond"));
}

void TestComposer::heldEnterSendsOnce()
{
    QTest::keyClicks(m_composer, QStringLiteral("once"));
    QTest::keyPress(m_composer, Qt::Key_Return);
    QKeyEvent repeat(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r"), true);
    QCoreApplication::sendEvent(m_composer, &repeat);
    QTest::keyRelease(m_composer, Qt::Key_Return);
    QCOMPARE(m_submitted->size(), 1);
}

void TestComposer::commitThenEnterSendsOnce()
{
    // The usual order: the input method commits the syllable, then Enter arrives.
    typeText(m_composer, QStringLiteral("안녕하세"));
    preedit(m_composer, QStringLiteral("ㅇ"));
    preedit(m_composer, QStringLiteral("요"));
    QVERIFY(m_composer->isComposing());
    QCOMPARE(m_composer->toPlainText(), QStringLiteral("안녕하세")); // a preedit is not text yet
    commit(m_composer, QStringLiteral("요"));
    QVERIFY(!m_composer->isComposing());
    QTest::keyClick(m_composer, Qt::Key_Return);
    QCOMPARE(m_submitted->size(), 1);
    QCOMPARE(m_submitted->first().first().toString(), QStringLiteral("안녕하세요"));
    QCOMPARE(m_composer->toPlainText(), QString());
}

void TestComposer::enterWhileComposingCommitsAndSendsOnce()
{
    // Enter while "요" is still being composed: it is committed and sent with the rest, once.
    typeText(m_composer, QStringLiteral("안녕하세"));
    preedit(m_composer, QStringLiteral("요"));
    QTest::keyClick(m_composer, Qt::Key_Return);
    QCOMPARE(m_submitted->size(), 1);
    QCOMPARE(m_submitted->first().first().toString(), QStringLiteral("안녕하세요"));
    QVERIFY(!m_composer->isComposing());
    QCOMPARE(m_composer->toPlainText(), QString());
}

void TestComposer::lateCommitAfterEnterIsDropped()
{
    // Some input methods commit the syllable after the Enter that already sent it (or when they
    // are reset): it must not come back as a lone "요" in the box, or be sent again.
    typeText(m_composer, QStringLiteral("감사합니다 좋아"));
    preedit(m_composer, QStringLiteral("요"));
    QTest::keyClick(m_composer, Qt::Key_Return);
    commit(m_composer, QStringLiteral("요"));
    QCOMPARE(m_composer->toPlainText(), QString());
    QTest::keyClick(m_composer, Qt::Key_Return);
    QCOMPARE(m_submitted->size(), 2); // the second Enter sends the (empty) box, not "요"
    QCOMPARE(m_submitted->at(0).first().toString(), QStringLiteral("감사합니다 좋아요"));
    QCOMPARE(m_submitted->at(1).first().toString(), QString());
}

void TestComposer::newSyllableAfterSendIsKept()
{
    // The same syllable typed again after sending is new text, not a late commit.
    preedit(m_composer, QStringLiteral("네"));
    QTest::keyClick(m_composer, Qt::Key_Return);
    preedit(m_composer, QStringLiteral("네"));
    commit(m_composer, QStringLiteral("네"));
    QCOMPARE(m_composer->toPlainText(), QStringLiteral("네"));
    QCOMPARE(m_submitted->size(), 1);
}

void TestComposer::shiftEnterWhileComposing()
{
    typeText(m_composer, QStringLiteral("첫 줄"));
    preedit(m_composer, QStringLiteral("이"));
    QTest::keyClick(m_composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(m_composer, QStringLiteral("next"));
    QCOMPARE(m_submitted->size(), 0);
    QCOMPARE(m_composer->toPlainText(), QStringLiteral("첫 줄이\nnext"));
}

void TestComposer::escapeWhileComposingDoesNotClose()
{
    auto* close = new QShortcut(QKeySequence(Qt::Key_Escape), m_window);
    QSignalSpy activated(close, &QShortcut::activated);
    preedit(m_composer, QStringLiteral("하"));
    QTest::keyClick(m_composer, Qt::Key_Escape);
    QCOMPARE(activated.size(), 0);
    commit(m_composer, QStringLiteral("하"));
    QTest::keyClick(m_composer, Qt::Key_Escape);
    QCOMPARE(activated.size(), 1);
}

void TestComposer::growsWithTheText()
{
    const int oneLine = m_composer->height();
    QTest::keyClick(m_composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClick(m_composer, Qt::Key_Return, Qt::ShiftModifier);
    QTRY_VERIFY(m_composer->height() > oneLine);
    const int threeLines = m_composer->height();
    for (int i = 0; i < 20; ++i)
        QTest::keyClick(m_composer, Qt::Key_Return, Qt::ShiftModifier);
    QTRY_VERIFY(m_composer->height() > threeLines);
    const int capped = m_composer->height();
    QTest::keyClick(m_composer, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(m_composer->height(), capped); // it scrolls from kMaxVisibleLines on
    m_composer->clear();
    QTRY_COMPARE(m_composer->height(), oneLine);
}

void TestComposer::tabMovesFocus()
{
    QVERIFY(m_composer->tabChangesFocus());
    QVERIFY(!m_composer->accessibleName().isEmpty());
}

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
