#include "ui/shell/single_instance.h"

#include "ui/shell/launch_options.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QTimer>

#include <memory>

namespace oiso::ui {

namespace {

Q_LOGGING_CATEGORY(lcInstance, "oiso.ui.instance")

const QByteArray kOpen = QByteArrayLiteral("open ");
const QByteArray kShow = QByteArrayLiteral("show");
const QByteArray kOk = QByteArrayLiteral("ok\n");
constexpr qsizetype kMaxLine = 4096;

} // namespace

SingleInstance::SingleInstance(QString key, QObject* parent)
    : QObject(parent)
    , m_key(std::move(key))
{
}

SingleInstance::~SingleInstance() = default;

void SingleInstance::start(const QString& itemKey)
{
    m_request = itemKey;
    auto* socket = new QLocalSocket(this);
    m_client = socket;
    auto* deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    // Exactly one outcome per attempt, whichever of answer, error or deadline comes first.
    auto done = std::make_shared<bool>(false);
    QByteArray line = itemKey.isEmpty() ? kShow : kOpen + itemKey.toUtf8();
    line.append('\n');
    connect(socket, &QLocalSocket::connected, this, [socket, line] { socket->write(line); });
    connect(socket, &QLocalSocket::readyRead, this, [this, socket, done] {
        if (*done || !socket->canReadLine())
            return;
        *done = true;
        const bool ok = socket->readLine() == kOk;
        socket->disconnectFromServer();
        socket->deleteLater();
        if (ok)
            emit forwarded();
        else
            emit failed(tr("Oiso Chat is already running but did not accept the request."));
    });
    connect(socket, &QLocalSocket::errorOccurred, this,
            [this, socket, done](QLocalSocket::LocalSocketError error) {
                if (*done)
                    return;
                *done = true;
                socket->deleteLater();
                // Nobody listens, or a crashed instance left its socket file behind (refused):
                // this launch becomes the running instance.
                if (error != QLocalSocket::ServerNotFoundError &&
                    error != QLocalSocket::ConnectionRefusedError)
                    qCWarning(lcInstance) << "cannot reach the running instance:" << error;
                becomePrimary(true);
            });
    connect(deadline, &QTimer::timeout, this, [this, socket, done] {
        if (*done)
            return;
        *done = true;
        // A running instance that does not answer (hung) must not leave this launch waiting.
        socket->abort();
        socket->deleteLater();
        emit failed(tr("Oiso Chat is already running but does not respond. Close it (or end "
                       "it in the task manager) and try again."));
    });
    deadline->start(m_timeoutMs);
    socket->connectToServer(m_key);
}

void SingleInstance::becomePrimary(bool retryAfterCleanup)
{
    auto* server = new QLocalServer(this);
    // Only this user may connect (no other account on the machine can open our windows).
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_key)) {
        if (server->serverError() == QAbstractSocket::AddressInUseError && retryAfterCleanup) {
            delete server;
            if (!m_triedAgain) {
                // Another launch won the race to listen, or a stale socket file is left from a
                // crash: ask once more; if nobody answers, remove the stale name and listen.
                m_triedAgain = true;
                auto* probe = new QLocalSocket(this);
                connect(probe, &QLocalSocket::connected, this, [this, probe] {
                    probe->abort();
                    probe->deleteLater();
                    start(m_request);
                });
                connect(probe, &QLocalSocket::errorOccurred, this, [this, probe] {
                    probe->deleteLater();
                    QLocalServer::removeServer(m_key);
                    becomePrimary(false);
                });
                probe->connectToServer(m_key);
                return;
            }
            QLocalServer::removeServer(m_key);
            becomePrimary(false);
            return;
        }
        const QString reason = server->errorString();
        delete server;
        emit failed(tr("Could not check whether Oiso Chat is already running (%1).").arg(reason));
        return;
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
    emit primary();
}

void SingleInstance::onConnection()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > kMaxLine)
                    socket->abort(); // not one of ours
                return;
            }
            const QByteArray line = socket->readLine(kMaxLine).trimmed();
            QString itemKey;
            if (line.startsWith(kOpen)) {
                itemKey = QString::fromUtf8(line.mid(kOpen.size()));
                if (!isValidItemKey(itemKey))
                    itemKey.clear(); // still show the window; the key could not be a room
            } else if (line != kShow) {
                socket->abort();
                return;
            }
            socket->write(kOk);
            socket->flush();
            emit activationRequested(itemKey);
        });
    }
}

} // namespace oiso::ui
