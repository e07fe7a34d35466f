#pragma once

#include <QIcon>
#include <QString>

namespace oiso::ui {

// Icons drawn from the SVGs in resources/icons (crisp at every device pixel ratio). `name` is the
// file name without ".svg", e.g. "oiso-chat".
QIcon bundledIcon(const QString& name);

// The application icon.
QIcon applicationIcon();

// Registers the compiled-in icon files (:/icons/…) once; every function here calls it, and code
// that loads them by path itself must too.
void ensureIconResources();

} // namespace oiso::ui
