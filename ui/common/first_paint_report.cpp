#include "ui/common/first_paint_report.h"

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QWidget>

#include <cstdio>

namespace oiso::ui {

namespace {

// Started while the program's static objects are initialised, before main().
struct LoadClock {
    LoadClock() { timer.start(); }
    QElapsedTimer timer;
};
const LoadClock kLoadClock;

// Watches the viewports of the lists; the first one to paint is painted here, at once, so that
// the time printed is the end of that paint. Then the filter goes.
class FirstPaintReport : public QObject {
public:
    using QObject::QObject;

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        auto* view =
            watched->parent() ? qobject_cast<QAbstractItemView*>(watched->parent()) : nullptr;
        if (m_done || event->type() != QEvent::Paint || !view || view->viewport() != watched)
            return false;
        m_done = true;
        watched->removeEventFilter(this);
        QCoreApplication::sendEvent(watched, event); // the view paints now
        std::fprintf(stderr, "first-paint-ms %lld rows %d\n",
                     static_cast<long long>(kLoadClock.timer.elapsed()),
                     view->model() ? view->model()->rowCount() : 0);
        std::fflush(stderr);
        deleteLater();
        return true;
    }

private:
    bool m_done = false;
};

} // namespace

void reportFirstPaintIfAsked(QWidget& window)
{
    if (qEnvironmentVariable("OISO_REPORT_FIRST_PAINT") != QLatin1String("1"))
        return;
    auto* report = new FirstPaintReport(&window);
    const auto views = window.findChildren<QAbstractItemView*>();
    for (QAbstractItemView* view : views)
        view->viewport()->installEventFilter(report);
}

} // namespace oiso::ui
