// oiso-ui-bench, parts "rss", "open", "echo" and "scroll": the real chat windows in this process,
// as the app builds them (ChatWindowManager on minji's MarketSession, the chat list window
// shown), on the embedded server in-process on loopback. The rooms' messages are in the cache
// only (the server has their items): opening a room is the cache path, sending goes to the
// server through the durable outbox.

#include "market/market_test_support.h"
#include "ui/chat/chat_window.h"
#include "ui/chat/chat_window_manager.h"
#include "ui/chat/composer.h"
#include "ui/chat/message_model.h"
#include "ui/chat/message_view.h"
#include "ui/chatlist/chat_list_window.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui_bench.h"
#include "ui_bench_cache.h"
#include "ui_bench_paint.h"

#include <QFile>
#include <QScrollBar>
#include <QSettings>
#include <QTest>

namespace oiso::bench::ui {

namespace {

using oiso::ui::ChatWindow;
using oiso::ui::MessageView;
using Delivery = market::RoomMessage::Delivery;

constexpr int kTimeoutMs = 30'000;

bool loopUntil(const std::function<bool()>& done, int timeoutMs = kTimeoutMs)
{
    const double deadline = nowMs() + timeoutMs;
    while (!done()) {
        if (nowMs() > deadline)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

// /proc/self/status: VmRSS or VmHWM in MiB.
double statusMiB(const QByteArray& field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toDouble() / 1024;
    }
    return 0;
}

MessageView* messageViewOf(QObject* widget)
{
    auto* view = widget->parent() ? qobject_cast<MessageView*>(widget->parent()) : nullptr;
    return view && view->viewport() == widget ? view : nullptr;
}

int rowWithText(const oiso::ui::MessageModel& model, const QString& body)
{
    for (int row = model.rowCount() - 1; row >= 0; --row)
        if (model.index(row).data(oiso::ui::MessageModel::TextRole).toString() == body)
            return row;
    return -1;
}

// minji's app: session, chat list window, chat windows; and the paints of every message view.
class Bench {
public:
    Bench()
        : m_minji(m_server.location(), kMe)
        , m_settings(m_dir.filePath(QStringLiteral("ui.ini")), QSettings::IniFormat)
        , m_thumbnails(m_minji.net.network, {})
        , m_manager(*m_minji.session, m_settings, &m_thumbnails)
        , m_list(m_minji.list(), &m_thumbnails, m_manager, m_settings)
        , m_probe([](QObject* widget) { return messageViewOf(widget) != nullptr; },
                  [this](const Paint& paint) { onPaint(paint); })
    {
        m_minji.session->start();
        m_list.setAccount(kMe, true);
        m_list.show();
        loopUntil([this] { return m_minji.list().isSettled(); });
    }

    // A room of `messages` cached messages whose item the server knows too.
    QString makeRoom(int messages, const QString& name)
    {
        const QString key = fillRoom(m_minji.session->cache(), m_keys, messages, name);
        test::finished(m_minji.net.client.set(market::paths::item(key),
                                              m_minji.session->cache().item(key)->raw));
        return key;
    }

    // Opens the room's window; the time until the end of the first paint showing messages, and
    // that paint's own duration. Negative when it never painted.
    std::pair<double, double> open(const QString& key)
    {
        m_firstPaint = {};
        m_opening = key;
        const double started = nowMs();
        m_manager.openRoom(key);
        if (!loopUntil([this] { return m_firstPaint.endMs > 0; }))
            return {-1, -1};
        m_opening.clear();
        return {m_firstPaint.endMs - started, m_firstPaint.durationMs()};
    }

    void close(const QString& key)
    {
        ChatWindow* window = m_manager.window(key);
        if (!window)
            return;
        bool closed = false; // the window is gone and its room closed
        const QMetaObject::Connection connection =
            QObject::connect(&m_manager, &oiso::ui::ChatWindowManager::windowClosed, &m_manager,
                             [&](const QString& itemKey) { closed = closed || itemKey == key; });
        window->close();
        loopUntil([&] { return closed; });
        QObject::disconnect(connection);
    }

    void closeAll() { m_manager.closeAll(); }
    ChatWindow* window(const QString& key) const { return m_manager.window(key); }

    void runEcho(const Options& options, const QString& key, Figures& figures, Failures& failures);
    void runScroll(const Options& options, const QString& key, Figures& figures,
                   Failures& failures);

private:
    void onPaint(const Paint& paint)
    {
        m_lastPaint = paint;
        ++m_paints;
        if (m_scrolling)
            m_scrollPaints.push_back(paint.durationMs());
        MessageView* view = messageViewOf(paint.widget);
        auto* window = qobject_cast<ChatWindow*>(view->window());
        if (!m_opening.isEmpty() && window && window->itemKey() == m_opening &&
            m_firstPaint.endMs == 0 && window->model().rowCount() > 0)
            m_firstPaint = paint;
        if (m_echoText.isEmpty() || m_echoEnd > 0 || !window)
            return;
        const int row = rowWithText(window->model(), m_echoText);
        if (row >= 0 &&
            view->visualRect(window->model().index(row)).intersects(view->viewport()->rect()))
            m_echoEnd = paint.endMs;
    }

    QTemporaryDir m_dir;
    test::EmbeddedServer m_server;
    test::MarketClient m_minji;
    QSettings m_settings;
    oiso::ui::ThumbnailLoader m_thumbnails;
    oiso::ui::ChatWindowManager m_manager;
    oiso::ui::ChatListWindow m_list;
    PaintProbe m_probe;
    KeyClock m_keys;

    Paint m_lastPaint;
    int m_paints = 0;
    QString m_opening;
    Paint m_firstPaint;
    QString m_echoText;
    double m_echoEnd = 0;
    bool m_scrolling = false;
    std::vector<double> m_scrollPaints;
};

void Bench::runEcho(const Options& options, const QString& key, Figures& figures,
                    Failures& failures)
{
    ChatWindow* chat = window(key);
    std::vector<double> samples, handler;
    for (int i = 0; i < options.echoes; ++i) {
        const QString text = QStringLiteral("bench message %1, local echo").arg(i); // keys: ASCII
        QTest::keyClicks(chat->composer(), text);
        QCoreApplication::processEvents(); // the typing's own repaints
        m_echoText = text;
        m_echoEnd = 0;
        const double started = nowMs();
        QTest::keyClick(chat->composer(), Qt::Key_Return);
        handler.push_back(nowMs() - started); // the send itself: outbox on disk, rows, layout
        if (!loopUntil([this] { return m_echoEnd > 0; })) {
            failures.add("the local echo of message " + std::to_string(i) + " never painted");
            return;
        }
        samples.push_back(m_echoEnd - started);
        m_echoText.clear();
        // The next one starts once this one is on the server (each Enter meets a quiet room).
        const bool sent = loopUntil([&] {
            const int row = rowWithText(chat->model(), text);
            return row >= 0 && Delivery(chat->model()
                                            .index(row)
                                            .data(oiso::ui::MessageModel::DeliveryRole)
                                            .toInt()) == Delivery::Sent;
        });
        if (!sent)
            failures.add("message " + std::to_string(i) + " was not confirmed as sent");
    }
    figures.echoMs = client::percentilesOf(samples);
    figures.echoHandlerMs = client::percentilesOf(handler);
}

void Bench::runScroll(const Options& options, const QString& key, Figures& figures,
                      Failures& failures)
{
    ChatWindow* chat = window(key);
    MessageView* view = chat->view();
    QScrollBar* bar = view->verticalScrollBar();
    market::ChatRoomService& room = m_minji.session->room(key);
    view->scrollToNewest();
    QCoreApplication::processEvents();
    std::vector<double> frames;
    m_scrollPaints.clear();
    m_scrolling = true;
    for (int step = 0; step < options.scrollPages; ++step) {
        if (bar->value() == bar->minimum()) {
            // At the top of what is loaded: the older page the view asked for comes first.
            if (!loopUntil([&] { return bar->value() > bar->minimum() || !room.hasOlder(); }) ||
                bar->value() == bar->minimum()) {
                failures.add("scrolling stopped at the top after " + std::to_string(step) +
                             " pages");
                break;
            }
        }
        const int paints = m_paints;
        const double started = nowMs();
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        if (!loopUntil([&] { return m_paints > paints; })) {
            failures.add("no paint after page step " + std::to_string(step));
            break;
        }
        frames.push_back(m_lastPaint.endMs - started);
        ++figures.scrollSteps;
    }
    m_scrolling = false;
    figures.scrollRowsLoaded = chat->model().rowCount();
    figures.scrollPaints = int(m_scrollPaints.size());
    figures.scrollPaintMs = client::percentilesOf(m_scrollPaints);
    figures.scrollFrameMs = client::percentilesOf(frames);
}

} // namespace

void runWindows(const Options& options, Figures& figures, Failures& failures)
{
    Bench bench;
    if (runs(options, "rss")) {
        QStringList rooms;
        for (int i = 0; i < options.rssRooms; ++i)
            rooms.append(bench.makeRoom(options.rssMessagesPerRoom,
                                        QStringLiteral("전공책 %1권 묶음").arg(i + 1)));
        QCoreApplication::processEvents();
        figures.rssBeforeMiB = statusMiB("VmRSS");
        for (const QString& key : rooms) {
            if (bench.open(key).first < 0)
                failures.add("a chat window for the RSS figure never painted its messages");
        }
        QCoreApplication::processEvents();
        figures.rssWindows = int(rooms.size());
        figures.rssMiB = statusMiB("VmRSS");
        figures.rssPeakMiB = statusMiB("VmHWM");
        bench.closeAll();
    }
    if (!runs(options, "open") && !runs(options, "echo") && !runs(options, "scroll"))
        return;
    figures.bigRoomMessages = options.bigRoomMessages;
    const QString big =
        bench.makeRoom(options.bigRoomMessages, QStringLiteral("미적분학 9판 (Stewart) 전공책"));
    std::vector<double> opens, paints;
    for (int i = 0; i < std::max(1, runs(options, "open") ? options.opens : 1); ++i) {
        if (i > 0)
            bench.close(big);
        const auto [ms, paintMs] = bench.open(big);
        if (ms < 0) {
            failures.add("the chat window of the big room never painted its messages");
            return;
        }
        if (i == 0)
            figures.openFirstMs = ms;
        opens.push_back(ms);
        paints.push_back(paintMs);
    }
    figures.openMs = client::spreadOf(opens);
    figures.openPaintMs = client::spreadOf(paints).median;
    if (runs(options, "echo"))
        bench.runEcho(options, big, figures, failures);
    if (runs(options, "scroll"))
        bench.runScroll(options, big, figures, failures);
}

} // namespace oiso::bench::ui
