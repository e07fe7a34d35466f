#pragma once

#include "ui/common/tone_colors.h"

#include <QWidget>

class QLabel;

namespace oiso::ui {

// The chat window's line about the connection: a dot in the state's colour (green live, amber
// connecting, red offline or signed out, all from the palette: see Tone) and the words.
class ConnectionLine : public QWidget {
    Q_OBJECT

public:
    explicit ConnectionLine(QWidget* parent = nullptr);

    void setState(const QString& text, Tone tone);
    QString text() const;
    Tone tone() const { return m_tone; }
    // The dot's colour as painted now (tests).
    QColor dotColor() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRect dotRect() const;

    QLabel* m_label;
    Tone m_tone = Tone::Muted;
};

} // namespace oiso::ui
