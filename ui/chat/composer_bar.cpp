#include "ui/chat/composer_bar.h"

#include "market/message_rules.h"
#include "ui/chat/composer.h"
#include "ui/chat/message_delegate.h"
#include "ui/common/time_format.h"
#include "ui/common/tinted_icon.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace oiso::ui {

ComposerBar::ComposerBar(QWidget* parent)
    : QWidget(parent)
    , m_composer(new Composer(this))
    , m_send(new QToolButton(this))
    , m_counter(new QLabel(this))
{
    m_composer->setObjectName(QStringLiteral("composer"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_counter->setObjectName(QStringLiteral("lengthCounter"));
    m_send->setToolTip(tr("Send (Enter)"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setFocusPolicy(Qt::TabFocus); // a click must not take the focus from the composer
    m_send->setAutoRaise(true);
    m_send->setIconSize(QSize(22, 22));
    m_counter->setAlignment(Qt::AlignRight);
    m_counter->hide();

    auto* row = new QHBoxLayout;
    row->setSpacing(6);
    row->addWidget(m_composer, 1);
    row->addWidget(m_send, 0, Qt::AlignBottom);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(10, 6, 10, 8);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_counter);

    connect(m_composer, &Composer::submitted, this, &ComposerBar::sendRequested);
    connect(m_send, &QToolButton::clicked, this, [this] {
        m_composer->commitComposition();
        emit sendRequested(m_composer->toPlainText());
    });
    connect(m_composer, &Composer::textChanged, this, [this] {
        updateCounter();
        if (!m_settingText)
            emit textEdited();
    });
    setFocusProxy(m_composer);
    updateCounter();
}

QString ComposerBar::text() const
{
    return m_composer->toPlainText();
}

void ComposerBar::setText(const QString& text)
{
    m_settingText = true;
    m_composer->setPlainText(text);
    m_composer->moveCursor(QTextCursor::End);
    m_settingText = false;
    updateCounter();
}

int ComposerBar::counterThreshold()
{
    return market::kMaxMessageLength - market::kMaxMessageLength / 10;
}

void ComposerBar::updateCounter()
{
    const QString text = m_composer->toPlainText();
    const market::MessageCheck check = market::checkMessageText(text);
    const bool canSend = check.problem != market::MessageCheck::Problem::Empty;
    if (m_send->icon().isNull())
        updateSendIcon();
    m_send->setEnabled(canSend); // the icon carries its disabled look: nothing to redraw
    if (check.length < counterThreshold()) {
        m_counter->hide();
        return;
    }
    const QLocale locale = TimeFormat::uiLocale();
    m_counter->setText(
        tr("%1/%2", "characters written / the most a message may have")
            .arg(locale.toString(check.length), locale.toString(market::kMaxMessageLength)));
    m_counter->setAccessibleName(
        tr("%1 of at most %2 characters")
            .arg(locale.toString(check.length), locale.toString(market::kMaxMessageLength)));
    QPalette palette = m_counter->palette();
    palette.setColor(QPalette::WindowText, check.length > market::kMaxMessageLength
                                               ? errorColor(this->palette())
                                               : this->palette().color(QPalette::PlaceholderText));
    m_counter->setPalette(palette);
    m_counter->show();
}

void ComposerBar::updateSendIcon()
{
    // One icon for both states, made again only when the palette changes.
    m_send->setIcon(tintedIcon(QStringLiteral("send"), palette().color(QPalette::Highlight),
                               palette().color(QPalette::Disabled, QPalette::ButtonText)));
}

void ComposerBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateSendIcon();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange)
        updateCounter();
}

} // namespace oiso::ui

#include "moc_composer_bar.cpp"
