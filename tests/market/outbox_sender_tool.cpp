// A stand-in for the app in the crash test: writes COUNT numbered messages into one room
// through the market core's durable outbox, as a user typing quickly would, and exits 0 once
// every one of them is sent. Killed at any moment and started again on the same profile, it goes
// on where it stopped: what is in the outbox is resent, what is not yet written is written.
//
//   outbox_sender_tool --db URL --as ID --profile DIR --room KEY --count N --prefix TEXT

#include "market/market_session.h"
#include "market/outbox_sender.h"
#include "market/outbox_store.h"
#include "rtdb/rtdb_client.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

using namespace oiso;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    for (const char* name : {"db", "as", "profile", "room", "count", "prefix"})
        parser.addOption(
            {QString::fromLatin1(name), QString::fromLatin1(name), QStringLiteral("value")});
    parser.process(app);
    const auto location = rtdb::DatabaseLocation::parse(parser.value(QStringLiteral("db")));
    if (!location)
        return 2;
    const QString room = parser.value(QStringLiteral("room"));
    const QString prefix = parser.value(QStringLiteral("prefix"));
    const int count = parser.value(QStringLiteral("count")).toInt();

    QNetworkAccessManager network;
    rtdb::RtdbClient client(*location, network);
    rtdb::RetryPolicy fast;
    fast.initialDelayMs = 20;
    fast.maxDelayMs = 200;
    fast.deadlineMs = 10'000;
    client.setRetryPolicy(fast);
    market::MarketSession session(client, {parser.value(QStringLiteral("profile")),
                                           parser.value(QStringLiteral("as")), QUrl()});
    QString error;
    if (!session.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    session.sender().setBackoff(20, 200);
    session.sender().start();

    // Everything this profile ever enqueued in the room (sent or not) is already taken care of.
    int next = session.outbox().countForRoom(room);
    QTimer typing;
    typing.setInterval(1);
    QObject::connect(&typing, &QTimer::timeout, &app, [&] {
        if (next < count) {
            if (!session.sender().enqueue(room, prefix + QString::number(next)).entry) {
                std::fprintf(stderr, "enqueue failed\n");
                app.exit(1);
            }
            ++next;
            return;
        }
        if (session.sender().isIdle())
            app.exit(0);
    });
    typing.start();
    return app.exec();
}
