#include "ui/chat/connection_line.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace oiso::ui {

namespace {
constexpr int kMarginH = 12;
} // namespace

ConnectionLine::ConnectionLine(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
{
    m_label->setObjectName(QStringLiteral("connectionText"));
    m_label->setForegroundRole(QPalette::PlaceholderText);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    // Room on the left for the dot, painted by this widget: as wide as the font is high.
    const int dot = fontMetrics().height();
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(kMarginH + dot, 2, kMarginH, 4);
    row->addWidget(m_label, 1);
}

void ConnectionLine::setState(const QString& text, Tone tone)
{
    m_label->setText(text);
    m_tone = tone;
    setAccessibleName(text);
    update(dotRect());
}

QString ConnectionLine::text() const
{
    return m_label->text();
}

QColor ConnectionLine::dotColor() const
{
    return toneColor(m_tone, palette(), palette().color(backgroundRole()));
}

QRect ConnectionLine::dotRect() const
{
    // Centred on the first line of the words.
    const int line = fontMetrics().height();
    const int size = std::max(6, line / 2);
    const QRect label = m_label->geometry();
    return QRect(kMarginH, label.top() + (line - size) / 2, size, size);
}

void ConnectionLine::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(dotColor());
    painter.drawEllipse(QRectF(dotRect()));
}

} // namespace oiso::ui

#include "moc_connection_line.cpp"
