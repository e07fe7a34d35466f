#include "ui/chatlist/chat_list_page.h"

#include "ui/chatlist/chat_list_delegate.h"
#include "ui/chatlist/chat_list_filter_model.h"
#include "ui/chatlist/chat_list_model.h"

#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QVBoxLayout>

namespace oiso::ui {

namespace {

QString sectionName(market::ListKind kind)
{
    switch (kind) {
    case market::ListKind::Selling:
        return QStringLiteral("selling");
    case market::ListKind::Buying:
        return QStringLiteral("buying");
    case market::ListKind::Purchased:
        return QStringLiteral("purchased");
    }
    return {};
}

} // namespace

ChatListPage::ChatListPage(market::ListKind kind, ThumbnailLoader* thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_model(new ChatListModel(kind, this))
    , m_filter(new ChatListFilterModel(this))
    , m_view(new QListView(this))
    , m_delegate(new ChatListDelegate(thumbnails, this))
    , m_emptyHint(new QLabel(m_view->viewport()))
{
    setObjectName(sectionName(kind) + QStringLiteral("Page"));
    m_filter->setSourceModel(m_model);
    m_view->setObjectName(sectionName(kind) + QStringLiteral("List"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(m_delegate);
    // Every row has the same height (per font): the view skips measuring each one.
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setMouseTracking(true); // the row's button shows its hover state
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setFrameShape(QFrame::NoFrame);

    m_emptyHint->setObjectName(sectionName(kind) + QStringLiteral("EmptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    auto* hintLayout = new QVBoxLayout(m_view->viewport());
    hintLayout->addWidget(m_emptyHint, 0, Qt::AlignCenter);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setFocusProxy(m_view);

    // Double-click and Enter both arrive as activated (single click where the platform is set
    // to open items that way).
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        const QString itemKey = itemKeyAt(index);
        if (!itemKey.isEmpty())
            emit openRequested(itemKey);
    });
    connect(m_delegate, &ChatListDelegate::purchaseClicked, this, [this](const QModelIndex& index) {
        m_view->setCurrentIndex(index);
        emit purchaseRequested(itemKeyAt(index));
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &ChatListPage::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { emit currentRowChanged(); });
    // A live update may change whether the current row can still be purchased.
    connect(m_filter, &QAbstractItemModel::dataChanged, this, [this] { emit currentRowChanged(); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_filter, signal, this, [this] {
            updateEmptyHint();
            emit currentRowChanged();
        });
    }
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ChatListPage::updateEmptyHint);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ChatListPage::updateEmptyHint);
    updateEmptyHint();
}

QString ChatListPage::itemKeyAt(const QModelIndex& proxyIndex) const
{
    return proxyIndex.data(ChatListModel::ItemKeyRole).toString();
}

const market::ChatListRow* ChatListPage::currentRow() const
{
    const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
    return current.isValid() ? m_model->rowAt(current.row()) : nullptr;
}

bool ChatListPage::selectItem(const QString& itemKey)
{
    const int row = m_model->rowOfItem(itemKey);
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row));
    if (!index.isValid())
        return false; // filtered out
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

void ChatListPage::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    updateEmptyHint();
}

void ChatListPage::updateEmptyHint()
{
    const bool empty = m_filter->rowCount() == 0;
    if (empty) {
        const bool filtered = m_model->rowCount() > 0;
        m_emptyHint->setText(filtered ? tr("No item matches “%1”.").arg(m_filter->filterText())
                                      : m_placeholder);
    }
    m_emptyHint->setVisible(empty);
}

void ChatListPage::showContextMenu(const QPoint& position)
{
    // A keyboard-invoked menu arrives with a position that may be on no row: use the current
    // one and open the menu on it.
    QModelIndex index = m_view->indexAt(position);
    QPoint at = position;
    if (!index.isValid()) {
        index = m_view->currentIndex();
        if (!index.isValid())
            return;
        at = m_view->visualRect(index).center();
    }
    m_view->setCurrentIndex(index);
    const QString itemKey = itemKeyAt(index);
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("chatListContextMenu"));
    QAction* open = menu.addAction(tr("&Open chat"));
    open->setObjectName(QStringLiteral("openChatContextAction"));
    open->setEnabled(!itemKey.isEmpty());
    connect(open, &QAction::triggered, this, [this, itemKey] { emit openRequested(itemKey); });
    if (m_kind == market::ListKind::Buying) {
        QAction* purchase = menu.addAction(tr("&Purchase complete…"));
        purchase->setObjectName(QStringLiteral("purchaseContextAction"));
        purchase->setEnabled(index.data(ChatListModel::PurchasableRole).toBool());
        connect(purchase, &QAction::triggered, this,
                [this, itemKey] { emit purchaseRequested(itemKey); });
    }
    menu.exec(m_view->viewport()->mapToGlobal(at));
}

} // namespace oiso::ui
