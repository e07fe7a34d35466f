#include "ui/shell/open_url_events.h"

#include "ui/shell/launch_options.h"

#include <QFileOpenEvent>
#include <QLoggingCategory>

namespace oiso::ui {

namespace {
Q_LOGGING_CATEGORY(lcOpenUrl, "oiso.ui.openurl")
}

bool OpenUrlEvents::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::FileOpen)
        return QObject::eventFilter(watched, event);
    const QUrl url = static_cast<QFileOpenEvent*>(event)->url();
    const QString key = itemKeyFromLink(url.toString(QUrl::FullyEncoded));
    if (key.isEmpty()) {
        qCWarning(lcOpenUrl) << "ignored a link that is not oiso://item/KEY:" << url.scheme();
        return QObject::eventFilter(watched, event);
    }
    emit itemRequested(key);
    return true;
}

} // namespace oiso::ui
