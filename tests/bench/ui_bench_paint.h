#pragma once
// Measures paints: an application-wide event filter that, for the widgets it is told to watch,
// performs the widget's paint event itself (QCoreApplication::sendEvent inside the filter, the
// paint cycle's painter redirection still in place) so it can time the whole paint and knows
// the moment it ended. Nothing else about the paint changes.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QWidget>

#include <functional>

namespace oiso::bench::ui {

// Milliseconds on one monotonic clock for the whole benchmark.
inline double nowMs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return double(clock.nsecsElapsed()) / 1e6;
}

struct Paint {
    QWidget* widget = nullptr;
    double startMs = 0;
    double endMs = 0;
    double durationMs() const { return endMs - startMs; }
};

class PaintProbe : public QObject {
public:
    // `watches` says which widgets' paints to time; `painted` hears of each one as it ends.
    PaintProbe(std::function<bool(QObject*)> watches, std::function<void(const Paint&)> painted)
        : m_watches(std::move(watches))
        , m_painted(std::move(painted))
    {
        QCoreApplication::instance()->installEventFilter(this);
    }
    ~PaintProbe() override { QCoreApplication::instance()->removeEventFilter(this); }
    PaintProbe(const PaintProbe&) = delete;
    PaintProbe& operator=(const PaintProbe&) = delete;

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (m_inside || event->type() != QEvent::Paint || !watched->isWidgetType() ||
            !m_watches(watched))
            return false;
        Paint paint{static_cast<QWidget*>(watched), nowMs(), 0};
        m_inside = true;
        QCoreApplication::sendEvent(watched, event); // the widget paints, inside this cycle
        m_inside = false;
        paint.endMs = nowMs();
        m_painted(paint);
        return true;
    }

private:
    std::function<bool(QObject*)> m_watches;
    std::function<void(const Paint&)> m_painted;
    bool m_inside = false;
};

} // namespace oiso::bench::ui
