#include "ui/common/status_pill_label.h"

#include "ui/common/status_pill.h"

#include <QEvent>
#include <QPainter>

namespace oiso::ui {

StatusPillLabel::StatusPillLabel(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void StatusPillLabel::setStatus(const QString& text, Tone tone)
{
    if (text == m_text && tone == m_tone)
        return;
    m_text = text;
    m_tone = tone;
    setAccessibleName(text);
    updateGeometry();
    update();
}

QSize StatusPillLabel::sizeHint() const
{
    if (m_text.isEmpty())
        return {0, 0};
    return StatusPill::size(m_text, StatusPill::font(font()));
}

void StatusPillLabel::paintEvent(QPaintEvent*)
{
    if (m_text.isEmpty())
        return;
    QPainter painter(this);
    const QPalette::ColorGroup group =
        isEnabled() ? (isActiveWindow() ? QPalette::Active : QPalette::Inactive)
                    : QPalette::Disabled;
    const QColor background = palette().color(group, backgroundRole());
    const QFont pillFont = StatusPill::font(font());
    const QSize size = StatusPill::size(m_text, pillFont);
    const QRect pill(QPoint(0, (height() - size.height()) / 2), size);
    StatusPill::paint(&painter, pill, m_text, pillFont,
                      StatusPill::colors(m_tone, palette(), background, group));
}

void StatusPillLabel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateGeometry();
}

} // namespace oiso::ui

#include "moc_status_pill_label.cpp"
