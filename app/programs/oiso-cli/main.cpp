// oiso-cli: a thin command line on the Realtime Database client library, for users, scripts and
// tests. See usageText() for the commands.
#include "cli_options.h"
#include "cli_runner.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Oiso"));
    QCoreApplication::setApplicationName(QStringLiteral("oiso-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OISO_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.contains(QLatin1String("--version"))) {
        std::printf("oiso-cli %s\n", OISO_VERSION);
        return 0;
    }
    QString error;
    bool helpShown = false;
    std::optional<oiso::cli::CliConfig> config = oiso::cli::parseCommandLine(
        arguments, oiso::cli::CliEnvironment::fromProcess(), &error, &helpShown);
    if (!config) {
        if (helpShown) {
            std::fputs(qUtf8Printable(oiso::cli::usageText()), stdout);
            return 0;
        }
        std::fprintf(stderr, "oiso-cli: %s\nTry 'oiso-cli --help' for the commands.\n",
                     qUtf8Printable(error));
        return 2;
    }
    oiso::cli::CliRunner runner(std::move(*config), stdout, stderr);
    QObject::connect(&runner, &oiso::cli::CliRunner::finished, &app,
                     [](int code) { QCoreApplication::exit(code); });
    // From the event loop: a command that fails at once must find the loop running to end it.
    QTimer::singleShot(0, &runner, &oiso::cli::CliRunner::start);
    return app.exec();
}
