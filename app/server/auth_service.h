#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <variant>

namespace oiso::server {

struct AuthOptions {
    int tokenLifetimeSeconds = 3600;
    QString projectId = QStringLiteral("oiso-local");
    // Email enumeration protection: answer INVALID_LOGIN_CREDENTIALS instead of
    // EMAIL_NOT_FOUND / INVALID_PASSWORD (the default for new Firebase projects).
    bool emailEnumerationProtection = true;
    // Refresh sessions kept per account (each sign-in opens one; the oldest is dropped first).
    int maxSessionsPerAccount = 32;
};

// What a successful sign-up, sign-in or refresh returns.
struct AuthTokens {
    QString localId; // the uid
    QString email;
    QString idToken;      // a JWT, HS256, claims as reference §7.2
    QString refreshToken; // opaque
    int expiresIn = 3600;
};

// An Identity Toolkit error code, possibly with a detail suffix ("WEAK_PASSWORD : Password should
// be at least 6 characters"), exactly as it goes into error.message.
struct AuthError {
    QString message;
};

// The verified claims of an ID token (the JSON payload of the JWT).
struct IdTokenClaims {
    QString uid;
    QJsonObject claims;
};

// Email/password accounts of the embedded server, stored in `<dataDir>/auth/accounts.json`
// (written atomically) with passwords as libsodium Argon2id hashes; ID tokens signed with a
// random per-data-folder secret (`<dataDir>/auth/jwt-secret`, created on first use, mode 0600).
// Thread-safe. Password hashing is deliberately slow: call it off any I/O thread.
class AuthService {
public:
    AuthService(QString dataDirectory, AuthOptions options = {});
    ~AuthService();

    // Loads (or creates) the secret and the accounts. On failure sets *error.
    bool open(QString* error);

    std::variant<AuthTokens, AuthError> signUp(const QString& email, const QString& password);
    std::variant<AuthTokens, AuthError> signIn(const QString& email, const QString& password);
    std::variant<AuthTokens, AuthError> refresh(const QString& refreshToken);
    // accounts:lookup → the user's record ({localId, email, emailVerified, passwordUpdatedAt,…}).
    std::variant<QJsonObject, AuthError> lookup(const QString& idToken);

    // Creates an account with a chosen uid unless the email exists already (demo seeding).
    // Returns the uid of the (possibly existing) account.
    std::variant<QString, AuthError> ensureAccount(const QString& email, const QString& password,
                                                   const QString& preferredUid);

    // Verifies an ID token given in `auth=`: signature, exp, iat, aud, iss.
    // std::nullopt with *error = "Auth token is expired" or "Could not parse auth token."
    std::optional<IdTokenClaims> verifyIdToken(QByteArrayView token, QString* error) const;

    const AuthOptions& options() const;
    void setTokenLifetimeSeconds(int seconds); // for tests

    // The numeric "project number" the token endpoint reports as project_id (reference §7.3):
    // twelve digits derived from the project id, stable across runs.
    QString projectNumber() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace oiso::server
