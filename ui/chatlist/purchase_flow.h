#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <QMessageBox>
class QWidget;

namespace oiso::market {
class ChatListService;
}

namespace oiso::ui {

// "Purchase complete" from the Buying list: asks for confirmation (a window-modal box, no nested
// event loop), records it through the service and shows the outcome — a status message when it
// worked, a box with the reason when it did not. One request per item at a time.
class PurchaseFlow : public QObject {
    Q_OBJECT

public:
    PurchaseFlow(market::ChatListService& service, QWidget* window);

    void request(const QString& itemKey, const QString& itemName);
    bool isPending(const QString& itemKey) const { return m_pending.contains(itemKey); }

signals:
    void statusMessage(const QString& text);
    void finished(const QString& itemKey, bool ok);

private:
    void onFinished(const QString& itemKey, const QString& error);

    market::ChatListService& m_service;
    QWidget* m_window;
    QSet<QString> m_pending;
    QHash<QString, QString> m_names;
    QPointer<QMessageBox> m_confirm;
};

} // namespace oiso::ui
