#include "ui/chatlist/connection_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace oiso::ui {

ConnectionBar::ConnectionBar(QWidget* parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry now"), this))
    , m_signIn(new QPushButton(tr("&Sign in…"), this))
{
    setObjectName(QStringLiteral("connectionBar"));
    setFrameShape(QFrame::StyledPanel);
    // AlternateBase sets the strip apart in light and dark palettes alike.
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("connectionText"));
    m_text->setWordWrap(true);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setAccessibleName(tr("Retry connecting now"));
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setAccessibleName(tr("Sign in again"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    layout->addWidget(m_signIn);
    connect(m_retry, &QPushButton::clicked, this, &ConnectionBar::retryRequested);
    connect(m_signIn, &QPushButton::clicked, this, &ConnectionBar::signInRequested);
    setState(market::ConnectionState::Connecting);
}

QString ConnectionBar::shortText(market::ConnectionState state)
{
    switch (state) {
    case market::ConnectionState::Live:
        return tr("Live");
    case market::ConnectionState::Connecting:
        return tr("Connecting…");
    case market::ConnectionState::Offline:
        return tr("Offline");
    case market::ConnectionState::SignedOut:
        return tr("Signed out");
    }
    return {};
}

void ConnectionBar::setState(market::ConnectionState state)
{
    m_state = state;
    switch (state) {
    case market::ConnectionState::Live:
        m_text->clear();
        break;
    case market::ConnectionState::Connecting:
        m_text->setText(tr("Connecting… The lists show what was saved on this computer."));
        break;
    case market::ConnectionState::Offline:
        m_text->setText(tr("Offline — showing saved data. Messages you write are kept and sent "
                           "when the connection is back."));
        break;
    case market::ConnectionState::SignedOut:
        m_text->setText(tr("You were signed out. Sign in again to see new messages."));
        break;
    }
    m_retry->setVisible(state == market::ConnectionState::Offline);
    m_signIn->setVisible(state == market::ConnectionState::SignedOut);
    setAccessibleName(tr("Connection: %1").arg(shortText(state)));
    setVisible(state != market::ConnectionState::Live);
}

} // namespace oiso::ui
