#include "ui/chatlist/chat_list_window.h"

#include "market/chat_list_service.h"
#include "ui/chatlist/chat_list_filter_model.h"
#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_page.h"
#include "ui/chatlist/chat_list_toolbar.h"
#include "ui/chatlist/connection_bar.h"
#include "ui/chatlist/purchase_flow.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/common/first_paint_report.h"
#include "ui/common/icons.h"
#include "ui/shell/room_opener.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace oiso::ui {

namespace {

constexpr std::array kKinds = {market::ListKind::Selling, market::ListKind::Buying,
                               market::ListKind::Purchased};
constexpr int kClockIntervalMs = 60'000; // relative times ("3분 전") move on

const QString kGeometryKey = QStringLiteral("windows/chatList/geometry");
const QString kSectionKey = QStringLiteral("windows/chatList/section");
const QString kUnreadFirstKey = QStringLiteral("windows/chatList/unreadFirst");

} // namespace

ChatListWindow::ChatListWindow(market::ChatListService& service, ThumbnailLoader* thumbnails,
                               RoomOpener& opener, QSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_opener(opener)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("chatListWindow"));
    setWindowTitle(tr("Oiso Chat"));
    setWindowIcon(applicationIcon());

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_connectionBar = new ConnectionBar(central);
    layout->addWidget(m_connectionBar);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("sectionTabs"));
    m_tabs->setAccessibleName(tr("Lists"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    const QString placeholders[] = {
        tr("You are not selling anything yet. Items you list on the market appear here."),
        tr("No chats yet. When you write to a seller on the market, the item appears here."),
        tr("No purchases recorded yet."),
    };
    const QString accessibleNames[] = {tr("Items I am selling"), tr("Items I am buying"),
                                       tr("Items I bought")};
    for (size_t i = 0; i < kKinds.size(); ++i) {
        auto* page = new ChatListPage(kKinds[i], thumbnails, m_tabs);
        page->setPlaceholderText(placeholders[i]);
        page->view().setAccessibleName(accessibleNames[i]);
        m_pages[i] = page;
        m_tabs->addTab(page, QString());
        connect(page, &ChatListPage::openRequested, this,
                [this](const QString& itemKey) { m_opener.openRoom(itemKey); });
        connect(page, &ChatListPage::purchaseRequested, this, &ChatListWindow::requestPurchase);
        connect(page, &ChatListPage::currentRowChanged, this, &ChatListWindow::updateActions);
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &ChatListWindow::updateActions);

    m_purchases = new PurchaseFlow(m_service, this);
    buildActions();
    buildMenus();
    buildToolBar();

    m_accountLabel = new QLabel(this);
    m_accountLabel->setObjectName(QStringLiteral("accountLabel"));
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_accountLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    connect(m_purchases, &PurchaseFlow::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10'000); });
    connect(m_purchases, &PurchaseFlow::finished, this, &ChatListWindow::updateActions);

    connect(m_connectionBar, &ConnectionBar::retryRequested, this,
            [this] { m_service.reconnectNow(); });
    connect(m_connectionBar, &ConnectionBar::signInRequested, this,
            &ChatListWindow::signInRequested);

    // Live data: every change of a list replaces its rows; the model turns that into a keyed
    // diff, so the selection stays where it is.
    connect(&m_service, &market::ChatListService::rowsChanged, this, &ChatListWindow::refresh);
    connect(&m_service, &market::ChatListService::connectionStateChanged, this,
            &ChatListWindow::setConnectionState);
    for (market::ListKind kind : kKinds)
        refresh(kind);
    setConnectionState(m_service.connectionState());

    if (thumbnails) {
        connect(thumbnails, &ThumbnailLoader::thumbnailReady, this, [this] {
            for (ChatListPage* page : m_pages)
                page->view().viewport()->update();
        });
    }
    m_clock = new QTimer(this);
    m_clock->setInterval(kClockIntervalMs);
    connect(m_clock, &QTimer::timeout, this, [this] {
        for (ChatListPage* page : m_pages)
            page->view().viewport()->update();
    });
    m_clock->start();

    setTabOrder(m_filter, m_tabs);
    restoreState();
    updateActions();
    reportFirstPaintIfAsked(*this); // oiso-ui-bench: OISO_REPORT_FIRST_PAINT=1 (off by default)
}

ChatListWindow::~ChatListWindow()
{
    saveState();
}

ChatListPage& ChatListWindow::page(market::ListKind kind) const
{
    return *m_pages[size_t(kind)];
}

ChatListPage& ChatListWindow::currentPage() const
{
    const int index = std::clamp(m_tabs->currentIndex(), 0, int(m_pages.size()) - 1);
    return *m_pages[size_t(index)];
}

void ChatListWindow::showSection(market::ListKind kind)
{
    m_tabs->setCurrentIndex(int(kind));
    page(kind).view().setFocus();
}

void ChatListWindow::buildActions()
{
    m_openAction = new QAction(tr("&Open chat"), this);
    m_openAction->setObjectName(QStringLiteral("openChatAction"));
    m_openAction->setToolTip(tr("Open the chat of the selected item (Enter)"));
    connect(m_openAction, &QAction::triggered, this, &ChatListWindow::openCurrent);

    m_purchaseAction = new QAction(tr("&Purchase complete…"), this);
    m_purchaseAction->setObjectName(QStringLiteral("purchaseAction"));
    m_purchaseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_purchaseAction->setToolTip(tr("Record that you bought the selected item"));
    connect(m_purchaseAction, &QAction::triggered, this, &ChatListWindow::purchaseCurrent);

    m_unreadFirstAction = new QAction(tr("&Unread first"), this);
    m_unreadFirstAction->setObjectName(QStringLiteral("unreadFirstAction"));
    m_unreadFirstAction->setCheckable(true);
    m_unreadFirstAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    m_unreadFirstAction->setToolTip(tr("Show chats with unread messages first"));
    connect(m_unreadFirstAction, &QAction::toggled, this, [this](bool on) {
        for (ChatListPage* page : m_pages)
            page->filter().setUnreadFirst(on);
    });

    m_findAction = new QAction(tr("&Find item"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    addAction(m_findAction);

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &ChatListWindow::settingsRequested);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &ChatListWindow::quitRequested);

    const Qt::Key keys[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3};
    for (size_t i = 0; i < kKinds.size(); ++i) {
        auto* action = new QAction(this);
        action->setShortcut(QKeySequence(Qt::CTRL | keys[i]));
        const market::ListKind kind = kKinds[i];
        connect(action, &QAction::triggered, this, [this, kind] { showSection(kind); });
        m_sectionActions[i] = action;
    }
}

void ChatListWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_settingsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_accountMenu = menuBar()->addMenu(tr("&Account"));
    m_accountMenu->setObjectName(QStringLiteral("accountMenu"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    for (QAction* action : m_sectionActions)
        view->addAction(action);
    view->addSeparator();
    view->addAction(m_findAction);
    view->addAction(m_unreadFirstAction);

    QMenu* chat = menuBar()->addMenu(tr("&Chat"));
    chat->setObjectName(QStringLiteral("chatMenu"));
    chat->addAction(m_openAction);
    chat->addAction(m_purchaseAction);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about = help->addAction(tr("&About Oiso Chat"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("About Oiso Chat"),
                                    tr("Oiso Chat %1").arg(QApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setInformativeText(
            tr("The desktop chat of the Oiso campus market. Chats are shared with the "
               "market's website."));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void ChatListWindow::buildToolBar()
{
    auto* bar = new ChatListToolBar(tr("Chats"), this);
    bar->setObjectName(QStringLiteral("chatListToolBar"));
    addToolBar(bar);
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Search items (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Search items by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 12);
    m_filter->installEventFilter(this);
    bar->addSearchBox(m_filter);
    bar->addSeparator();
    // Names beside the icons where they fit: "Purchase complete" first (its icon says least),
    // then the toggle, whose state needs its name; "Open chat" is also Enter and a double-click.
    bar->addActionButton(m_unreadFirstAction, QStringLiteral("unread-first"), 1);
    bar->addActionButton(m_openAction, QStringLiteral("open-chat"), 2);
    bar->addActionButton(m_purchaseAction, QStringLiteral("purchase"), 0);
    // Tool buttons made from actions take their accessible names from the actions' text.
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (ChatListPage* page : m_pages)
            page->filter().setFilterText(text);
        updateTitles();
        updateActions();
    });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        // Enter in the search box jumps to the first match, ready for another Enter to open it.
        QListView& view = currentPage().view();
        if (view.model()->rowCount() == 0)
            return;
        view.setCurrentIndex(view.model()->index(0, 0));
        view.setFocus(Qt::TabFocusReason);
    });
}

void ChatListWindow::refresh(market::ListKind kind)
{
    page(kind).model().setRows(m_service.rows(kind));
    updateTitles();
    updateActions();
}

void ChatListWindow::updateTitles()
{
    for (size_t i = 0; i < kKinds.size(); ++i) {
        const int count = m_pages[i]->model().rowCount();
        QString title;
        switch (kKinds[i]) {
        case market::ListKind::Selling:
            title = tr("Selling (%1)").arg(count);
            break;
        case market::ListKind::Buying:
            title = tr("Buying (%1)").arg(count);
            break;
        case market::ListKind::Purchased:
            title = tr("Purchased (%1)").arg(count);
            break;
        }
        m_tabs->setTabText(int(i), title);
        m_sectionActions[i]->setText(title);
    }
}

void ChatListWindow::updateActions()
{
    const market::ChatListRow* row = currentPage().currentRow();
    m_openAction->setEnabled(row && !row->itemKey.isEmpty());
    const bool purchasable = row && row->section == market::ListKind::Buying && !row->purchased &&
                             !row->itemKey.isEmpty() && !m_purchases->isPending(row->itemKey);
    m_purchaseAction->setEnabled(purchasable);
}

void ChatListWindow::setConnectionState(market::ConnectionState state)
{
    m_connectionBar->setState(state);
    const QString text = ConnectionBar::shortText(state);
    m_connectionLabel->setText(text);
    m_connectionLabel->setAccessibleName(tr("Connection: %1").arg(text));
}

void ChatListWindow::setAccount(const QString& loginId, bool demo)
{
    setWindowTitle(demo ? tr("Oiso Chat — %1 (Demo)").arg(loginId)
                        : tr("Oiso Chat — %1").arg(loginId));
    m_accountLabel->setText(demo ? tr("Demo · %1").arg(loginId) : loginId);
    m_accountLabel->setToolTip(
        demo ? tr("Demo market on this computer. Configure a hosted database in Settings.")
             : tr("Signed in as %1").arg(loginId));
    m_accountLabel->setAccessibleName(demo ? tr("Demo account %1").arg(loginId)
                                           : tr("Signed in as %1").arg(loginId));
    // The marker stands out: the demo's chats are not the real market's.
    m_accountLabel->setForegroundRole(demo ? QPalette::Link : QPalette::WindowText);
    QFont font = m_accountLabel->font();
    font.setBold(demo);
    m_accountLabel->setFont(font);
}

void ChatListWindow::present()
{
    if (isMinimized())
        setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
}

void ChatListWindow::openCurrent()
{
    const market::ChatListRow* row = currentPage().currentRow();
    if (row && !row->itemKey.isEmpty())
        m_opener.openRoom(row->itemKey);
}

void ChatListWindow::purchaseCurrent()
{
    const market::ChatListRow* row = currentPage().currentRow();
    if (row && row->section == market::ListKind::Buying)
        requestPurchase(row->itemKey);
}

void ChatListWindow::requestPurchase(const QString& itemKey)
{
    ChatListModel& buying = page(market::ListKind::Buying).model();
    const market::ChatListRow* row = buying.rowAt(buying.rowOfItem(itemKey));
    if (!row || row->purchased)
        return;
    m_purchases->request(itemKey, row->name);
    updateActions();
}

void ChatListWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    QMainWindow::closeEvent(event);
    if (event->isAccepted())
        emit closed();
}

bool ChatListWindow::eventFilter(QObject* watched, QEvent* event)
{
    // In the search box, Down goes to the list and Esc clears the search (then leaves the box).
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down) {
            currentPage().view().setFocus(Qt::TabFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            if (!m_filter->text().isEmpty())
                m_filter->clear();
            else
                currentPage().view().setFocus(Qt::TabFocusReason);
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void ChatListWindow::saveState()
{
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kSectionKey, m_tabs->currentIndex());
    m_settings.setValue(kUnreadFirstKey, m_unreadFirstAction->isChecked());
}

void ChatListWindow::restoreState()
{
    if (!restoreGeometry(m_settings.value(kGeometryKey).toByteArray()))
        resize(fontMetrics().averageCharWidth() * 70, fontMetrics().height() * 40);
    const int section = m_settings.value(kSectionKey, 0).toInt();
    m_tabs->setCurrentIndex(std::clamp(section, 0, int(m_pages.size()) - 1));
    m_unreadFirstAction->setChecked(m_settings.value(kUnreadFirstKey, false).toBool());
}

} // namespace oiso::ui
