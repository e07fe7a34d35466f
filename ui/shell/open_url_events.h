#pragma once

#include <QObject>
#include <QString>

namespace oiso::ui {

// Links the operating system hands to the running application as events rather than on the
// command line: macOS delivers a clicked oiso://item/KEY (and a second "launch" of a running
// app) as a QFileOpenEvent to the application object. Installed as an event filter on the
// application; an Oiso item link becomes itemRequested(key), anything else is left alone.
class OpenUrlEvents : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

signals:
    void itemRequested(const QString& itemKey);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace oiso::ui
