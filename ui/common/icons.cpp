#include "icons.h"

namespace oiso::ui {

QIcon bundledIcon(const QString& name)
{
    // QIcon renders SVG files at the size and device pixel ratio asked for (Qt Svg's icon engine),
    // so one file serves 1x, 2x and fractional scales alike.
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}

QIcon applicationIcon()
{
    return bundledIcon(QStringLiteral("oiso-chat"));
}

} // namespace oiso::ui
