#pragma once

#include <QToolBar>

#include <vector>

class QLineEdit;
class QToolButton;

namespace oiso::ui {

// The chat list's toolbar: the search box, which takes the room there is, then the actions'
// buttons. Each button shows its icon and, where the window is wide enough, its name beside it;
// the names go in order of importance (`textPriority`, lower first) until the next one would not
// fit, the rest show their icon alone (their names are in the tooltips and accessible names). So
// nothing is pushed into the toolbar's "more" menu at any usual width. Buttons show the action's
// name without the menu's mnemonic ("채팅 열기", not "채팅 열기(O)"). Icons are tinted from the
// palette (the "more" button too, which the style draws in a fixed dark grey).
class ChatListToolBar : public QToolBar {
    Q_OBJECT

public:
    explicit ChatListToolBar(const QString& title, QWidget* parent = nullptr);

    void addSearchBox(QLineEdit* search);
    // Sets the action's toolbar text (its text without the mnemonic) and icon, and adds it.
    void addActionButton(QAction* action, const QString& iconName, int textPriority);

    QToolButton* buttonFor(QAction* action) const;
    QToolButton* moreButton() const;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Entry {
        QAction* action;
        QString iconName;
        int priority;
        int iconOnlyWidth = 0;
        int withTextWidth = 0;
    };

    void updateIcons();
    void measure();
    void fit(int width);

    QLineEdit* m_search = nullptr;
    std::vector<Entry> m_entries;
    int m_fixedWidth = 0; // margins, spacing, the search box and separators
    bool m_measured = false;
};

} // namespace oiso::ui
