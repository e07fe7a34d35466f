#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace oiso::rtdb {

// A Firebase Auth REST failure (reference §7.4), reduced to what a client acts on. The server's
// code (e.g. "WEAK_PASSWORD : Password should be at least 6 characters") is split at " : " and
// switched on its first part, as the JS SDK does.
struct AuthError {
    Q_DECLARE_TR_FUNCTIONS(oiso::rtdb::AuthError)

public:
    enum class Code {
        None,
        Network, // no answer: keep the session, try again later
        Timeout,
        EmailExists,
        InvalidCredentials, // EMAIL_NOT_FOUND, INVALID_PASSWORD, INVALID_LOGIN_CREDENTIALS
        WeakPassword,
        InvalidEmail,
        MissingEmail,
        MissingPassword,
        OperationNotAllowed, // the provider is off in the project
        UserDisabled,
        TooManyAttempts,
        SessionExpired, // the refresh token (or ID token) is no longer valid: sign in again
        InvalidApiKey,
        NotSignedIn, // no credentials to refresh
        Malformed,   // the answer was not what the protocol says
        Other,
    };

    Code code = Code::None;
    int httpStatus = 0;
    QString serverCode; // the part before " : ", e.g. "WEAK_PASSWORD"
    QString detail;     // the part after it, or a network error text

    bool isError() const { return code != Code::None; }
    explicit operator bool() const { return isError(); }

    // The session cannot continue without the user signing in again.
    bool endsSession() const
    {
        return code == Code::SessionExpired || code == Code::UserDisabled ||
               code == Code::NotSignedIn || code == Code::InvalidApiKey;
    }
    bool isTransient() const { return code == Code::Network || code == Code::Timeout; }

    QString userMessage() const;
    QString technicalMessage() const; // never includes a token

    // Maps an error body {"error": {"code": 400, "message": "CODE : detail"}} (or anything else)
    // and its status to an error.
    static AuthError fromResponse(int status, const QByteArray& body);
    static AuthError fromServerCode(const QString& message, int status = 400);
};

} // namespace oiso::rtdb
