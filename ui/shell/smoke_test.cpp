#include "ui/shell/smoke_test.h"

#include "ui/chatlist/chat_list_model.h"
#include "ui/chatlist/chat_list_page.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/shell/app_controller.h"

#include <QTimer>

#include <array>
#include <utility>

namespace oiso::ui {

namespace {
constexpr std::array kLists = {market::ListKind::Selling, market::ListKind::Buying,
                               market::ListKind::Purchased};
}

SmokeTest::SmokeTest(AppController& controller, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
{
    connect(&controller, &AppController::ready, this, &SmokeTest::watchWindow);
    connect(&controller, &AppController::startFailed, this, [this](const QString& message) {
        finish(1, QStringLiteral("smoke test failed: ") + message);
    });
    QTimer::singleShot(timeoutMs, this, [this, timeoutMs] {
        finish(1,
               QStringLiteral("smoke test failed: no chat list rows within %1 ms").arg(timeoutMs));
    });
}

void SmokeTest::watchWindow(const QString& loginId)
{
    m_loginId = loginId;
    ChatListWindow* window = m_controller.session() ? m_controller.session()->window() : nullptr;
    if (!window)
        return;
    for (market::ListKind kind : kLists) {
        ChatListModel& model = window->page(kind).model();
        connect(&model, &QAbstractItemModel::rowsInserted, this, &SmokeTest::check);
        connect(&model, &QAbstractItemModel::modelReset, this, &SmokeTest::check);
    }
    check(); // rows from the cache are there at once
}

void SmokeTest::check()
{
    ChatListWindow* window = m_controller.session() ? m_controller.session()->window() : nullptr;
    if (!window || !window->isVisible())
        return;
    int rows = 0;
    for (market::ListKind kind : kLists)
        rows += window->page(kind).model().rowCount();
    if (rows > 0)
        finish(0, QStringLiteral("smoke test passed: the chat list shows %1 rows (signed in as %2)")
                      .arg(QString::number(rows), m_loginId));
}

void SmokeTest::finish(int exitCode, const QString& report)
{
    if (std::exchange(m_done, true))
        return;
    emit finished(exitCode, report);
}

} // namespace oiso::ui
