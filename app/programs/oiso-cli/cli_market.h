#pragma once

#include "cli_options.h"

#include <QObject>

#include <cstdio>
#include <memory>

namespace oiso::rtdb {
class RtdbClient;
}
namespace oiso::market {
class MarketSession;
}

namespace oiso::cli {

// Runs one market command (chats, history, send, purchase) on the market core — the same
// services, cache and outbox the desktop app uses — as a login id, and reports the exit code
// through finished(). The cache and outbox live in a profile folder of oiso-cli's own (per
// database and login id), so a message that could not be sent yet is sent by the next run.
class MarketCommand : public QObject {
    Q_OBJECT

public:
    MarketCommand(const CliConfig& config, rtdb::RtdbClient& client, std::FILE* out, std::FILE* err,
                  QObject* parent = nullptr);
    ~MarketCommand() override;

    // `loginId`: --as, or the one bound to the signed-in account.
    void run(const QString& loginId);

signals:
    void finished(int exitCode);

private:
    void printChats();
    void printHistory();
    void historyStep();
    void send();
    void purchase();
    void printLine(const QByteArray& line);
    void fail(const QString& message);
    void succeed();
    QString profileDirectory(const QString& loginId) const;

    const CliConfig& m_config;
    rtdb::RtdbClient& m_client;
    std::FILE* m_out;
    std::FILE* m_err;
    std::unique_ptr<market::MarketSession> m_session;
    QString m_profileDirectory;
    bool m_done = false;
};

} // namespace oiso::cli
