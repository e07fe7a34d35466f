#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QLocalServer;
class QLocalSocket;

namespace oiso::ui {

// One running app per profile. start() tries to reach a running instance under the key; if
// one answers, the request (an item to open, or just "show yourself") is handed to it and
// forwarded() follows — the caller exits. Otherwise this instance listens under the key and
// becomes primary(); requests from later launches arrive as activationRequested().
//
// Everything is asynchronous (no waitFor… on the GUI thread). The wire format is one line of
// UTF-8: "open <itemKey>\n" or "show\n", answered by "ok\n".
class SingleInstance : public QObject {
    Q_OBJECT

public:
    explicit SingleInstance(QString key, QObject* parent = nullptr);
    ~SingleInstance() override;

    void start(const QString& itemKey);
    bool isPrimary() const { return m_server != nullptr; }
    const QString& key() const { return m_key; }

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

signals:
    void primary();
    void forwarded();
    // The caller could not be made primary nor reach the running instance (`error` says why).
    void failed(const QString& error);
    // A later launch asked to be shown, and to open itemKey when it is not empty.
    void activationRequested(const QString& itemKey);

private:
    void becomePrimary(bool retryAfterCleanup);
    void onConnection();

    QString m_key;
    QString m_request;
    QLocalServer* m_server = nullptr;
    QPointer<QLocalSocket> m_client;
    int m_timeoutMs = 3'000;
    bool m_triedAgain = false;
};

} // namespace oiso::ui
