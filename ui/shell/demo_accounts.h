#pragma once

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace oiso::ui {

// The demo market's accounts (resources/demo/market.json, seeded by the embedded server): who
// can be signed in with one click on the built-in server. minji both sells and buys, so she is
// the default.
struct DemoAccount {
    QString loginId;
    QString name;
};

class DemoAccounts {
    Q_DECLARE_TR_FUNCTIONS(oiso::ui::DemoAccounts)

public:
    static const std::vector<DemoAccount>& all();
    static QString defaultLoginId() { return QStringLiteral("minji"); }
    static bool contains(const QString& loginId);
    static QString email(const QString& loginId); // <id>@oiso.test
    // Shared by every demo account and published in the README: it protects nothing, which is
    // why it exists only for the embedded demo server.
    static QString password() { return QStringLiteral("oiso-demo-1234"); }
    // "김민지 (minji)"
    static QString label(const DemoAccount& account);
};

} // namespace oiso::ui
