#pragma once

#include <QIcon>
#include <QString>

namespace oiso::ui {

// Icons drawn from the SVGs in resources/icons (crisp at every device pixel ratio). `name` is the
// file name without ".svg", e.g. "oiso-chat".
QIcon bundledIcon(const QString& name);

// The application icon.
QIcon applicationIcon();

} // namespace oiso::ui
