#include "ui/chatlist/purchase_flow.h"

#include "market/chat_list_service.h"

#include <QMessageBox>
#include <QPushButton>

namespace oiso::ui {

PurchaseFlow::PurchaseFlow(market::ChatListService& service, QWidget* window)
    : QObject(window)
    , m_service(service)
    , m_window(window)
{
    connect(&m_service, &market::ChatListService::purchaseFinished, this,
            &PurchaseFlow::onFinished);
}

void PurchaseFlow::request(const QString& itemKey, const QString& itemName)
{
    if (itemKey.isEmpty() || m_pending.contains(itemKey))
        return;
    if (m_confirm)
        m_confirm->close();
    const QString name = itemName.isEmpty() ? tr("this item") : itemName;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Purchase complete"),
                                tr("Did you buy “%1”?").arg(name), QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("purchaseConfirmDialog"));
    box->setInformativeText(tr("It will be recorded in your purchases, as on the market's "
                               "website. This cannot be undone here."));
    QPushButton* confirm = box->addButton(tr("Record purchase"), QMessageBox::AcceptRole);
    confirm->setObjectName(QStringLiteral("confirmPurchaseButton"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelPurchaseButton"));
    box->setDefaultButton(cancel); // Enter must not record a purchase by accident
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, confirm, itemKey, name](QAbstractButton* clicked) {
                if (clicked != confirm)
                    return;
                m_pending.insert(itemKey);
                m_names.insert(itemKey, name);
                emit statusMessage(tr("Recording the purchase of “%1”…").arg(name));
                m_service.completePurchase(itemKey);
            });
    m_confirm = box;
    box->open();
}

void PurchaseFlow::onFinished(const QString& itemKey, const QString& error)
{
    if (!m_pending.remove(itemKey))
        return; // not ours (another window, or a repeat answer)
    const QString name = m_names.take(itemKey);
    if (error.isEmpty()) {
        emit statusMessage(tr("The purchase of “%1” is recorded.").arg(name));
        emit finished(itemKey, true);
        return;
    }
    emit statusMessage(tr("The purchase of “%1” was not recorded.").arg(name));
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Purchase not recorded"),
                                tr("The purchase of “%1” could not be recorded.").arg(name),
                                QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("purchaseErrorDialog"));
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
    emit finished(itemKey, false);
}

} // namespace oiso::ui
