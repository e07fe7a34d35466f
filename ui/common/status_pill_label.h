#pragma once

#include "ui/common/tone_colors.h"

#include <QWidget>

namespace oiso::ui {

// One status pill as a widget (the chat window's header), drawn by StatusPill like the chat
// list's rows, on the widget's background.
class StatusPillLabel : public QWidget {
    Q_OBJECT

public:
    explicit StatusPillLabel(QWidget* parent = nullptr);

    void setStatus(const QString& text, Tone tone);
    const QString& text() const { return m_text; }
    Tone tone() const { return m_tone; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QString m_text;
    Tone m_tone = Tone::Muted;
};

} // namespace oiso::ui
