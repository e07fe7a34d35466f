#include "cli_options.h"

#include "protocol/json.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSettings>

namespace oiso::cli {

namespace {

struct Options {
    QCommandLineOption db{QStringLiteral("db"), QStringLiteral("Database URL."),
                          QStringLiteral("url")};
    QCommandLineOption token{QStringLiteral("token"),
                             QStringLiteral("A Firebase ID token (sent as auth=)."),
                             QStringLiteral("token")};
    QCommandLineOption accessToken{
        QStringLiteral("access-token"),
        QStringLiteral("An OAuth2 access token (admin; sent as Authorization: Bearer)."),
        QStringLiteral("token")};
    QCommandLineOption email{QStringLiteral("email"), QStringLiteral("Sign in with this email."),
                             QStringLiteral("email")};
    QCommandLineOption password{QStringLiteral("password"),
                                QStringLiteral("Password for --email (or OISO_PASSWORD)."),
                                QStringLiteral("password")};
    QCommandLineOption apiKey{QStringLiteral("api-key"), QStringLiteral("Firebase Web API key."),
                              QStringLiteral("key")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("Give up after this many seconds (default 30)."),
                               QStringLiteral("seconds"), QStringLiteral("30")};
    QCommandLineOption shallow{QStringLiteral("shallow"), QStringLiteral("get: keys only.")};
    QCommandLineOption orderBy{QStringLiteral("order-by"),
                               QStringLiteral("$key, $value, $priority or a child path."),
                               QStringLiteral("key")};
    QCommandLineOption equalTo{QStringLiteral("equal-to"), QStringLiteral("JSON value."),
                               QStringLiteral("value")};
    QCommandLineOption startAt{QStringLiteral("start-at"), QStringLiteral("JSON value."),
                               QStringLiteral("value")};
    QCommandLineOption startAfter{QStringLiteral("start-after"), QStringLiteral("JSON value."),
                                  QStringLiteral("value")};
    QCommandLineOption endAt{QStringLiteral("end-at"), QStringLiteral("JSON value."),
                             QStringLiteral("value")};
    QCommandLineOption endBefore{QStringLiteral("end-before"), QStringLiteral("JSON value."),
                                 QStringLiteral("value")};
    QCommandLineOption limitToFirst{QStringLiteral("limit-to-first"),
                                    QStringLiteral("Number of children."), QStringLiteral("n")};
    QCommandLineOption limitToLast{QStringLiteral("limit-to-last"),
                                   QStringLiteral("Number of children."), QStringLiteral("n")};
    QCommandLineOption count{QStringLiteral("count"),
                             QStringLiteral("listen: exit after this many changes."),
                             QStringLiteral("n")};
    QCommandLineOption as{QStringLiteral("as"),
                          QStringLiteral("Market commands: act as this login id without signing "
                                         "in (servers that allow it)."),
                          QStringLiteral("id")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("chats, history: JSON output.")};
    QCommandLineOption limit{QStringLiteral("limit"),
                             QStringLiteral("history: how many of the newest messages."),
                             QStringLiteral("n")};
    QCommandLineOption profile{QStringLiteral("profile"),
                               QStringLiteral("Market commands: cache and outbox folder."),
                               QStringLiteral("dir")};
};

std::optional<protocol::Node> parseValue(const QString& text, QString* error)
{
    QString parseError;
    protocol::JsonParseOptions options;
    options.allowServerValues = true;
    std::optional<protocol::Node> value = protocol::parseJson(text.toUtf8(), &parseError, options);
    if (!value)
        *error = QStringLiteral("the value is not JSON (%1); text needs quotes, e.g. '\"hello\"'")
                     .arg(parseError);
    return value;
}

// A PATCH body: keys are relative paths (a/b), so it cannot go through parseJson's key checks
// as a whole; each key is a path and each value a tree.
std::optional<std::vector<std::pair<protocol::Path, protocol::Node>>>
parseUpdates(const QString& text, QString* error)
{
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &jsonError);
    if (!document.isObject()) {
        *error = QStringLiteral("patch needs a JSON object, e.g. '{\"name\":\"x\",\"a/b\":1}'");
        return std::nullopt;
    }
    std::vector<std::pair<protocol::Path, protocol::Node>> updates;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString keyError;
        std::optional<protocol::Path> path = protocol::parsePath(it.key().toStdString(), &keyError);
        if (!path || path->empty()) {
            *error = QStringLiteral("bad key \"%1\": %2").arg(it.key(), keyError);
            return std::nullopt;
        }
        QString valueError;
        protocol::JsonParseOptions options;
        options.allowServerValues = true;
        std::optional<protocol::Node> value =
            protocol::fromJsonValue(it.value(), &valueError, options);
        if (!value) {
            *error = QStringLiteral("bad value for \"%1\": %2").arg(it.key(), valueError);
            return std::nullopt;
        }
        updates.emplace_back(std::move(*path), std::move(*value));
    }
    return updates;
}

std::optional<protocol::Query> parseQuery(const QCommandLineParser& parser, const Options& o,
                                          QString* error)
{
    std::vector<std::pair<std::string, std::string>> parameters;
    if (parser.isSet(o.orderBy)) {
        const QString key = parser.value(o.orderBy);
        QByteArray quoted;
        protocol::appendJsonString(quoted, key.toStdString());
        parameters.emplace_back("orderBy", quoted.toStdString());
    }
    const std::pair<const char*, const QCommandLineOption*> values[] = {
        {"equalTo", &o.equalTo},        {"startAt", &o.startAt},
        {"startAfter", &o.startAfter},  {"endAt", &o.endAt},
        {"endBefore", &o.endBefore},    {"limitToFirst", &o.limitToFirst},
        {"limitToLast", &o.limitToLast}};
    for (const auto& [name, option] : values) {
        if (parser.isSet(*option))
            parameters.emplace_back(name, parser.value(*option).toStdString());
    }
    QString queryError;
    std::optional<protocol::Query> query = protocol::Query::fromParameters(parameters, &queryError);
    if (!query)
        *error = queryError;
    return query;
}

} // namespace

CliEnvironment CliEnvironment::fromProcess()
{
    CliEnvironment environment;
    // The desktop app's saved settings (the same organisation and application names).
    const QSettings settings(QSettings::UserScope, QStringLiteral("Oiso"),
                             QStringLiteral("Oiso Chat"));
    environment.databaseUrl = qEnvironmentVariable(
        "OISO_DATABASE_URL", settings.value(QStringLiteral("database/url")).toString());
    environment.apiKey = qEnvironmentVariable(
        "OISO_API_KEY", settings.value(QStringLiteral("database/apiKey")).toString());
    environment.password = qEnvironmentVariable("OISO_PASSWORD");
    return environment;
}

QString usageText()
{
    return QStringLiteral(
               "Usage: oiso-cli [--db URL] [--token T | --access-token T | --email E --password "
               "P]\n"
               "                [--api-key K] [--timeout S] COMMAND\n"
               "\n"
               "Commands (values are JSON: '\"text\"', '{\"a\":1}', 5, true, null):\n"
               "  get PATH [--shallow] [--order-by KEY] [--equal-to V] [--start-at V] "
               "[--start-after V]\n"
               "           [--end-at V] [--end-before V] [--limit-to-first N] [--limit-to-last N]\n"
               "  put PATH JSON        replace the value at PATH\n"
               "  patch PATH JSON      update the named children ('{\"a/b\":1}' paths allowed)\n"
               "  delete PATH          remove the value at PATH\n"
               "  push PATH JSON       add under a new push id and print it\n"
               "  listen PATH [--count N] [query options]\n"
               "                       print one JSON line per change; reconnects on its own\n"
               "\n"
               "Market commands (as --as ID, or the login id of --email). ITEM is an item key,\n"
               "item/KEY or oiso://item/KEY (keys start with '-': put them after \"--\"):\n"
               "  chats [--json]       the Selling, Buying and Purchased lists with their counts\n"
               "  history ITEM [--limit N] [--json]\n"
               "                       the newest messages of an item's room\n"
               "  send ITEM TEXT       send a message (kept in the outbox until it is sent)\n"
               "  purchase ITEM        record the purchase of an item you are buying\n"
               "\n"
               "The database is --db, else OISO_DATABASE_URL, else the app's settings, else %1.\n"
               "Exit status: 0 success, 1 error (text on stderr), 2 usage error.\n")
        .arg(QLatin1String(kDefaultDatabaseUrl));
}

std::optional<CliConfig> parseCommandLine(const QStringList& arguments,
                                          const CliEnvironment& environment, QString* error,
                                          bool* helpShown)
{
    Options o;
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help.")};
    parser.addOptions({help,           o.db,          o.token,      o.accessToken, o.email,
                       o.password,     o.apiKey,      o.timeout,    o.shallow,     o.orderBy,
                       o.equalTo,      o.startAt,     o.startAfter, o.endAt,       o.endBefore,
                       o.limitToFirst, o.limitToLast, o.count,      o.as,          o.json,
                       o.limit,        o.profile});
    QStringList withProgram = arguments;
    withProgram.prepend(QStringLiteral("oiso-cli"));
    if (!parser.parse(withProgram)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        if (helpShown)
            *helpShown = true;
        return std::nullopt;
    }
    auto fail = [error](const QString& message) -> std::optional<CliConfig> {
        *error = message;
        return std::nullopt;
    };

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(QStringLiteral("no command given"));
    static const QList<std::tuple<QString, Command, int>> kCommands = {
        {QStringLiteral("get"), Command::Get, 1},
        {QStringLiteral("put"), Command::Put, 2},
        {QStringLiteral("patch"), Command::Patch, 2},
        {QStringLiteral("delete"), Command::Delete, 1},
        {QStringLiteral("push"), Command::Push, 2},
        {QStringLiteral("listen"), Command::Listen, 1},
        {QStringLiteral("chats"), Command::Chats, 0},
        {QStringLiteral("history"), Command::History, 1},
        {QStringLiteral("send"), Command::Send, 2},
        {QStringLiteral("purchase"), Command::Purchase, 1}};
    CliConfig config;
    int arity = -1;
    for (const auto& [name, command, operands] : kCommands) {
        if (positional.first() == name) {
            config.command = command;
            arity = operands;
        }
    }
    if (arity < 0)
        return fail(QStringLiteral("unknown command \"%1\"").arg(positional.first()));
    if (positional.size() != arity + 1) {
        static const QMap<Command, QString> kOperands = {
            {Command::Get, QStringLiteral("PATH")},
            {Command::Put, QStringLiteral("PATH JSON")},
            {Command::Patch, QStringLiteral("PATH JSON")},
            {Command::Delete, QStringLiteral("PATH")},
            {Command::Push, QStringLiteral("PATH JSON")},
            {Command::Listen, QStringLiteral("PATH")},
            {Command::Chats, QStringLiteral("nothing")},
            {Command::History, QStringLiteral("ITEM")},
            {Command::Send, QStringLiteral("ITEM TEXT")},
            {Command::Purchase, QStringLiteral("ITEM")}};
        return fail(QStringLiteral("\"%1\" takes %2")
                        .arg(positional.first(), kOperands.value(config.command)));
    }

    const bool market = isMarketCommand(config.command);
    if (market) {
        if (config.command != Command::Chats) {
            // Push keys start with '-', which reads as an option: accept item/KEY and
            // oiso://item/KEY as well as KEY after "--".
            config.item = positional.at(1);
            for (const QString& prefix :
                 {QStringLiteral("oiso://item/"), QStringLiteral("item/")}) {
                if (config.item.startsWith(prefix))
                    config.item = config.item.mid(prefix.size());
            }
            QString keyProblem = protocol::keyError(config.item.toStdString());
            if (!keyProblem.isEmpty())
                return fail(QStringLiteral("bad item key \"%1\": %2").arg(config.item, keyProblem));
        }
        if (config.command == Command::Send)
            config.text = positional.at(2);
        config.json = parser.isSet(o.json);
        config.actAs = parser.value(o.as);
        config.profileDirectory = parser.value(o.profile);
        if (parser.isSet(o.limit)) {
            bool limitOk = false;
            config.limit = parser.value(o.limit).toInt(&limitOk);
            if (!limitOk || config.limit <= 0 || config.command != Command::History)
                return fail(
                    QStringLiteral("--limit takes a positive number and goes with history"));
        }
        if (config.json && config.command != Command::Chats && config.command != Command::History)
            return fail(QStringLiteral("--json goes with chats and history"));
    } else {
        if (parser.isSet(o.as) || parser.isSet(o.json) || parser.isSet(o.limit) ||
            parser.isSet(o.profile))
            return fail(QStringLiteral("--as, --json, --limit and --profile go with the market "
                                       "commands"));
        QString pathError;
        std::optional<protocol::Path> path =
            protocol::parsePath(positional.at(1).toStdString(), &pathError);
        if (!path)
            return fail(QStringLiteral("bad path \"%1\": %2").arg(positional.at(1), pathError));
        config.path = std::move(*path);
    }

    QString valueError;
    if (config.command == Command::Put || config.command == Command::Push) {
        std::optional<protocol::Node> value = parseValue(positional.at(2), &valueError);
        if (!value)
            return fail(valueError);
        config.value = std::move(*value);
    } else if (config.command == Command::Patch) {
        auto updates = parseUpdates(positional.at(2), &valueError);
        if (!updates)
            return fail(valueError);
        config.updates = std::move(*updates);
    }

    const bool readsQuery = config.command == Command::Get || config.command == Command::Listen;
    QString queryError;
    std::optional<protocol::Query> query = parseQuery(parser, o, &queryError);
    if (!query)
        return fail(queryError);
    if (!readsQuery && !query->isEmpty())
        return fail(QStringLiteral("query options only go with get and listen"));
    config.query = std::move(*query);
    config.shallow = parser.isSet(o.shallow);
    if (config.shallow && (config.command != Command::Get || !config.query.isEmpty()))
        return fail(QStringLiteral("--shallow goes with get, without query options"));

    bool ok = true;
    if (parser.isSet(o.count)) {
        config.count = parser.value(o.count).toInt(&ok);
        if (!ok || config.count <= 0 || config.command != Command::Listen)
            return fail(QStringLiteral("--count takes a positive number and goes with listen"));
    }
    const double seconds = parser.value(o.timeout).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 3600)
        return fail(QStringLiteral("--timeout takes a number of seconds (up to 3600)"));
    config.timeoutMs = int(seconds * 1000);

    const QString url = parser.isSet(o.db)                  ? parser.value(o.db)
                        : environment.databaseUrl.isEmpty() ? QLatin1String(kDefaultDatabaseUrl)
                                                            : environment.databaseUrl;
    QString urlError;
    std::optional<rtdb::DatabaseLocation> database = rtdb::DatabaseLocation::parse(url, &urlError);
    if (!database)
        return fail(urlError);
    config.database = std::move(*database);

    const int credentials =
        int(parser.isSet(o.token)) + int(parser.isSet(o.accessToken)) + int(parser.isSet(o.email));
    if (credentials > 1)
        return fail(QStringLiteral("use only one of --token, --access-token and --email"));
    if (parser.isSet(o.token))
        config.fixedCredential = {rtdb::Credential::Kind::IdToken, parser.value(o.token)};
    if (parser.isSet(o.accessToken))
        config.fixedCredential = {rtdb::Credential::Kind::AccessToken, parser.value(o.accessToken)};
    config.apiKey = parser.isSet(o.apiKey) ? parser.value(o.apiKey) : environment.apiKey;
    if (parser.isSet(o.email)) {
        config.email = parser.value(o.email);
        config.password =
            parser.isSet(o.password) ? parser.value(o.password) : environment.password;
        if (config.password.isEmpty())
            return fail(QStringLiteral("--email needs --password (or OISO_PASSWORD)"));
        if (config.database.isHostedFirebase() && config.apiKey.isEmpty())
            return fail(QStringLiteral("signing in to a hosted database needs --api-key (or "
                                       "OISO_API_KEY)"));
    } else if (parser.isSet(o.password)) {
        return fail(QStringLiteral("--password goes with --email"));
    }
    if (market && config.actAs.isEmpty() && config.email.isEmpty())
        return fail(QStringLiteral("market commands need --as ID or --email (whose login id is "
                                   "used)"));
    if (!config.actAs.isEmpty() && credentials > 0 && parser.isSet(o.email))
        return fail(QStringLiteral("use --as or --email, not both"));
    return config;
}

} // namespace oiso::cli
