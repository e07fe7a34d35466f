#pragma once

#include "cli_market.h"
#include "cli_options.h"
#include "rtdb/auth_client.h"
#include "rtdb/auth_session.h"
#include "rtdb/rtdb_client.h"
#include "rtdb/stream_listener.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <cstdio>
#include <memory>

namespace oiso::cli {

// Runs one oiso-cli command on the client library and reports the exit code through finished().
// Results go to stdout (JSON), errors and connection notes to stderr.
class CliRunner : public QObject {
    Q_OBJECT

public:
    CliRunner(CliConfig config, std::FILE* out, std::FILE* err, QObject* parent = nullptr);
    void start();

signals:
    void finished(int exitCode);

private:
    void runCommand();
    void printReply(rtdb::RtdbReply& reply);
    void startListening();
    void startMarketCommand();
    void printUpdate(const rtdb::StreamUpdate& update);
    void printLine(const QByteArray& line);
    void fail(const QString& message);

    CliConfig m_config;
    std::FILE* m_out;
    std::FILE* m_err;
    QNetworkAccessManager m_network;
    std::unique_ptr<rtdb::AuthClient> m_authClient;
    std::unique_ptr<rtdb::AuthSession> m_session;
    std::unique_ptr<rtdb::RtdbClient> m_client;
    std::unique_ptr<rtdb::StreamListener> m_listener;
    std::unique_ptr<MarketCommand> m_market;
    int m_printed = 0;
    bool m_commandStarted = false;
    bool m_done = false;
};

// The JSON of a query result with its children in the query's order (a JSON object keeps the
// order it is written in, so a reader sees Firebase order).
QByteArray orderedJson(const protocol::Node& value,
                       const std::vector<std::pair<std::string, protocol::Node>>& children,
                       bool ordered);

} // namespace oiso::cli
