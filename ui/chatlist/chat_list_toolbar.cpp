#include "ui/chatlist/chat_list_toolbar.h"

#include "ui/common/action_text.h"
#include "ui/common/tinted_icon.h"

#include <QAction>
#include <QEvent>
#include <QLayout>
#include <QLineEdit>
#include <QResizeEvent>
#include <QToolButton>

#include <algorithm>
#include <numeric>

namespace oiso::ui {

namespace {
// What a layout may round or a style add beyond the size hints.
constexpr int kSlack = 4;
} // namespace

ChatListToolBar::ChatListToolBar(const QString& title, QWidget* parent)
    : QToolBar(title, parent)
{
    setMovable(false);
    setFloatable(false);
    setToolButtonStyle(Qt::ToolButtonIconOnly);
    const int icon = fontMetrics().height();
    setIconSize(QSize(icon, icon));
    updateIcons();
}

void ChatListToolBar::addSearchBox(QLineEdit* search)
{
    m_search = search;
    search->setSizePolicy(QSizePolicy::Expanding, search->sizePolicy().verticalPolicy());
    addWidget(search);
    m_measured = false;
}

void ChatListToolBar::addActionButton(QAction* action, const QString& iconName, int textPriority)
{
    action->setIconText(withoutMnemonic(action->text()));
    addAction(action);
    m_entries.push_back({action, iconName, textPriority});
    updateIcons();
    m_measured = false;
}

QToolButton* ChatListToolBar::buttonFor(QAction* action) const
{
    return qobject_cast<QToolButton*>(widgetForAction(action));
}

QToolButton* ChatListToolBar::moreButton() const
{
    // QToolBar's own extension button: shown only when buttons do not fit.
    return findChild<QToolButton*>(QStringLiteral("qt_toolbar_ext_button"));
}

void ChatListToolBar::updateIcons()
{
    const QColor ink = palette().color(QPalette::Active, QPalette::ButtonText);
    const QColor disabled = palette().color(QPalette::Disabled, QPalette::ButtonText);
    for (const Entry& entry : m_entries)
        entry.action->setIcon(tintedIcon(entry.iconName, ink, disabled));
    if (QToolButton* more = moreButton())
        more->setIcon(tintedIcon(QStringLiteral("more"), ink, disabled));
}

void ChatListToolBar::measure()
{
    // Each button's width both ways (switching a button's style only invalidates its size hint;
    // fit() sets the style it keeps), and what the rest of the bar takes at its least.
    for (Entry& entry : m_entries) {
        QToolButton* button = buttonFor(entry.action);
        if (!button)
            continue;
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        entry.iconOnlyWidth = button->sizeHint().expandedTo(button->minimumSize()).width();
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        entry.withTextWidth = button->sizeHint().expandedTo(button->minimumSize()).width();
    }
    const QLayout* bar = layout();
    const QMargins margins = bar->contentsMargins();
    int fixed = margins.left() + margins.right() + kSlack;
    int items = 0;
    for (int i = 0; i < bar->count(); ++i) {
        QWidget* widget = bar->itemAt(i)->widget();
        if (!widget || widget->isHidden() || qobject_cast<QToolButton*>(widget)) {
            items += widget && qobject_cast<QToolButton*>(widget) ? 1 : 0;
            continue;
        }
        fixed += widget->sizeHint().expandedTo(widget->minimumSize()).width();
        ++items;
    }
    m_fixedWidth = fixed + std::max(0, items - 1) * bar->spacing();
    m_measured = true;
}

void ChatListToolBar::fit(int width)
{
    if (!m_measured)
        measure();
    std::vector<Entry*> byPriority;
    for (Entry& entry : m_entries)
        byPriority.push_back(&entry);
    std::stable_sort(byPriority.begin(), byPriority.end(),
                     [](const Entry* a, const Entry* b) { return a->priority < b->priority; });
    int used = std::accumulate(m_entries.begin(), m_entries.end(), m_fixedWidth,
                               [](int sum, const Entry& e) { return sum + e.iconOnlyWidth; });
    bool room = true;
    for (Entry* entry : byPriority) {
        const int extra = entry->withTextWidth - entry->iconOnlyWidth;
        // Once one name does not fit, the less important ones are not shown either: names
        // appear in a steady order as the window widens.
        room = room && used + extra <= width;
        if (room)
            used += extra;
        if (QToolButton* button = buttonFor(entry->action))
            button->setToolButtonStyle(room ? Qt::ToolButtonTextBesideIcon
                                            : Qt::ToolButtonIconOnly);
    }
}

void ChatListToolBar::resizeEvent(QResizeEvent* event)
{
    fit(event->size().width());
    QToolBar::resizeEvent(event);
}

void ChatListToolBar::changeEvent(QEvent* event)
{
    QToolBar::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
        updateIcons();
        break;
    case QEvent::StyleChange:
        updateIcons();
        [[fallthrough]];
    case QEvent::FontChange:
    case QEvent::LanguageChange:
        m_measured = false;
        fit(width());
        break;
    default:
        break;
    }
}

} // namespace oiso::ui
