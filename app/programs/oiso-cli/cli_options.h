#pragma once

#include "protocol/node.h"
#include "protocol/path.h"
#include "protocol/query.h"
#include "rtdb/auth_session.h"
#include "rtdb/database_location.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace oiso::cli {

enum class Command {
    Get,
    Put,
    Patch,
    Delete,
    Push,
    Listen, // the database
    Chats,
    History,
    Send,
    Purchase, // the market (cli_market.h)
};

inline bool isMarketCommand(Command command)
{
    return command == Command::Chats || command == Command::History || command == Command::Send ||
           command == Command::Purchase;
}

// Everything a run of oiso-cli needs, validated: a bad command line never reaches the network.
struct CliConfig {
    Command command = Command::Get;
    rtdb::DatabaseLocation database;
    rtdb::Credential fixedCredential; // --token / --access-token
    QString email;
    QString password;
    QString apiKey;
    protocol::Path path;
    protocol::Node value;                                           // put, push
    std::vector<std::pair<protocol::Path, protocol::Node>> updates; // patch
    protocol::Query query;
    bool shallow = false;
    int count = 0; // listen: stop after this many changes (0 = forever)
    // Market commands.
    QString actAs; // --as: act as this login id without signing in
    QString item;  // history, send, purchase
    QString text;  // send
    bool json = false;
    int limit = 30;           // history: how many of the newest messages
    QString profileDirectory; // --profile; default: the app-data folder per database and user
    int timeoutMs = 30'000;
};

// Where settings come from when not on the command line: OISO_DATABASE_URL / OISO_API_KEY /
// OISO_PASSWORD, then the desktop app's saved settings, then a local oiso-server.
struct CliEnvironment {
    QString databaseUrl;
    QString apiKey;
    QString password;

    static CliEnvironment fromProcess();
};

inline constexpr auto kDefaultDatabaseUrl = "http://127.0.0.1:9000";

// Parses arguments (without the program name). On a usage error returns nullopt with the
// message in *error (exit code 2).
std::optional<CliConfig> parseCommandLine(const QStringList& arguments,
                                          const CliEnvironment& environment, QString* error,
                                          bool* helpShown = nullptr);

QString usageText();

} // namespace oiso::cli
