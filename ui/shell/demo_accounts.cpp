#include "ui/shell/demo_accounts.h"

#include <algorithm>

namespace oiso::ui {

const std::vector<DemoAccount>& DemoAccounts::all()
{
    static const std::vector<DemoAccount> accounts{
        {QStringLiteral("minji"), QStringLiteral("김민지")},
        {QStringLiteral("junho"), QStringLiteral("이준호")},
        {QStringLiteral("seoyeon"), QStringLiteral("박서연")},
        {QStringLiteral("hyunwoo"), QStringLiteral("최현우")},
        {QStringLiteral("jiwoo"), QStringLiteral("정지우")},
    };
    return accounts;
}

bool DemoAccounts::contains(const QString& loginId)
{
    const auto& accounts = all();
    return std::any_of(accounts.begin(), accounts.end(),
                       [&loginId](const DemoAccount& a) { return a.loginId == loginId; });
}

QString DemoAccounts::email(const QString& loginId)
{
    return loginId + QStringLiteral("@oiso.test");
}

QString DemoAccounts::label(const DemoAccount& account)
{
    return tr("%1 (%2)", "a demo account: name (login id)").arg(account.name, account.loginId);
}

} // namespace oiso::ui
