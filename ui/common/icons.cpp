#include "icons.h"

// The icons are compiled into the static oiso_ui library, where nothing would reference them and
// the linker would drop them: this reference keeps them (and must be outside any namespace).
static void initIconResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace oiso::ui {

void ensureIconResources()
{
    static const bool initialized = (initIconResources(), true);
    Q_UNUSED(initialized);
}

QIcon bundledIcon(const QString& name)
{
    ensureIconResources();
    // QIcon renders SVG files at the size and device pixel ratio asked for (Qt Svg's icon engine),
    // so one file serves 1x, 2x and fractional scales alike.
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}

QIcon applicationIcon()
{
    return bundledIcon(QStringLiteral("oiso-chat"));
}

} // namespace oiso::ui
