#include "rtdb/auth_error.h"

#include "rtdb/rtdb_error.h"

#include <QHash>

namespace oiso::rtdb {

AuthError AuthError::fromServerCode(const QString& message, int status)
{
    static const QHash<QString, Code> kCodes = {
        {QStringLiteral("EMAIL_EXISTS"), Code::EmailExists},
        {QStringLiteral("EMAIL_NOT_FOUND"), Code::InvalidCredentials},
        {QStringLiteral("INVALID_PASSWORD"), Code::InvalidCredentials},
        {QStringLiteral("INVALID_LOGIN_CREDENTIALS"), Code::InvalidCredentials},
        {QStringLiteral("WEAK_PASSWORD"), Code::WeakPassword},
        {QStringLiteral("INVALID_EMAIL"), Code::InvalidEmail},
        {QStringLiteral("MISSING_EMAIL"), Code::MissingEmail},
        {QStringLiteral("MISSING_PASSWORD"), Code::MissingPassword},
        {QStringLiteral("OPERATION_NOT_ALLOWED"), Code::OperationNotAllowed},
        {QStringLiteral("PASSWORD_LOGIN_DISABLED"), Code::OperationNotAllowed},
        {QStringLiteral("ADMIN_ONLY_OPERATION"), Code::OperationNotAllowed},
        {QStringLiteral("USER_DISABLED"), Code::UserDisabled},
        {QStringLiteral("TOO_MANY_ATTEMPTS_TRY_LATER"), Code::TooManyAttempts},
        {QStringLiteral("TOKEN_EXPIRED"), Code::SessionExpired},
        {QStringLiteral("USER_NOT_FOUND"), Code::SessionExpired},
        {QStringLiteral("INVALID_REFRESH_TOKEN"), Code::SessionExpired},
        {QStringLiteral("MISSING_REFRESH_TOKEN"), Code::SessionExpired},
        {QStringLiteral("INVALID_GRANT_TYPE"), Code::SessionExpired},
        {QStringLiteral("PROJECT_NUMBER_MISMATCH"), Code::SessionExpired},
        {QStringLiteral("INVALID_ID_TOKEN"), Code::SessionExpired},
        {QStringLiteral("CREDENTIAL_TOO_OLD_LOGIN_AGAIN"), Code::SessionExpired},
    };
    AuthError error;
    error.httpStatus = status;
    const qsizetype separator = message.indexOf(QLatin1String(" : "));
    error.serverCode = (separator < 0 ? message : message.left(separator)).trimmed();
    if (separator >= 0)
        error.detail = message.mid(separator + 3).trimmed();
    error.code = kCodes.value(error.serverCode, Code::Other);
    if (error.code == Code::Other &&
        error.serverCode.startsWith(QLatin1String("API key not valid")))
        error.code = Code::InvalidApiKey;
    return error;
}

AuthError AuthError::fromResponse(int status, const QByteArray& body)
{
    const QString message = extractServerMessage(body);
    if (message.isEmpty()) {
        AuthError error;
        error.code = status >= 500 ? Code::Network : Code::Malformed;
        error.httpStatus = status;
        error.detail = QStringLiteral("HTTP %1").arg(status);
        return error;
    }
    AuthError error = fromServerCode(message, status);
    if (error.code == Code::Other && status >= 500)
        error.code = Code::Network; // the service is having trouble: try again later
    return error;
}

QString AuthError::userMessage() const
{
    switch (code) {
    case Code::None:
        return {};
    case Code::Network:
        return tr("Could not reach the sign-in service. Check your internet connection.");
    case Code::Timeout:
        return tr("The sign-in service did not answer in time. Please try again.");
    case Code::EmailExists:
        return tr("An account with this email already exists. Sign in instead.");
    case Code::InvalidCredentials:
        return tr("The email or password is not correct.");
    case Code::WeakPassword:
        return tr("Choose a longer password (at least 6 characters).");
    case Code::InvalidEmail:
        return tr("This email address is not valid.");
    case Code::MissingEmail:
        return tr("Enter your email address.");
    case Code::MissingPassword:
        return tr("Enter your password.");
    case Code::OperationNotAllowed:
        return tr("Signing in with email and password is turned off for this database.");
    case Code::UserDisabled:
        return tr("This account has been disabled.");
    case Code::TooManyAttempts:
        return tr("Too many attempts. Wait a little and try again.");
    case Code::SessionExpired:
    case Code::NotSignedIn:
        return tr("Your sign-in has expired. Please sign in again.");
    case Code::InvalidApiKey:
        return tr("The Web API key is not valid. Check it in Settings.");
    case Code::Malformed:
        return tr("The sign-in service sent something unexpected.");
    case Code::Other:
        break;
    }
    return tr("Signing in failed (%1).").arg(serverCode);
}

QString AuthError::technicalMessage() const
{
    QString text = serverCode.isEmpty() ? userMessage() : serverCode;
    if (!detail.isEmpty())
        text += QStringLiteral(" : ") + detail;
    if (httpStatus != 0)
        text += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    return text;
}

} // namespace oiso::rtdb
