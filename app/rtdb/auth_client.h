#pragma once

#include "rtdb/auth_error.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace oiso::rtdb {

// Where the Firebase Auth REST endpoints are (reference §7.3): Google's hosts for a hosted
// project, or the same paths under a local server (the embedded server mirrors the Auth
// emulator's layout).
struct AuthEndpoints {
    QUrl identityToolkit; // .../identitytoolkit.googleapis.com/v1
    QUrl secureToken;     // .../securetoken.googleapis.com/v1/token
    QString apiKey;

    static AuthEndpoints google(const QString& apiKey);
    static AuthEndpoints underServer(const QUrl& serverBase, const QString& apiKey);
};

// What a sign-in or refresh returns. expiresInSeconds is parsed from the string the service
// sends (§7.2: "3600").
struct TokenGrant {
    QString idToken;
    QString refreshToken;
    QString uid;
    QString email;
    int expiresInSeconds = 0;
};

// The Auth REST calls, one network round-trip each, no state. Tokens go in request bodies, never
// in URLs (which proxies and logs keep).
class AuthClient : public QObject {
    Q_OBJECT

public:
    using GrantCallback = std::function<void(const TokenGrant&, const AuthError&)>;

    AuthClient(QNetworkAccessManager& manager, AuthEndpoints endpoints, QObject* parent = nullptr);

    const AuthEndpoints& endpoints() const { return m_endpoints; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void signUp(const QString& email, const QString& password, QObject* context,
                GrantCallback done);
    void signIn(const QString& email, const QString& password, QObject* context,
                GrantCallback done);
    // Trades a refresh token for a new ID token (form-encoded, snake_case answer, §7.3).
    void refresh(const QString& refreshToken, QObject* context, GrantCallback done);

private:
    void post(const QUrl& url, const QByteArray& contentType, const QByteArray& body,
              QObject* context, std::function<void(int, const QByteArray&, const AuthError&)> done);
    QUrl withKey(QUrl url) const;

    QNetworkAccessManager& m_manager;
    AuthEndpoints m_endpoints;
    int m_timeoutMs = 20'000;
};

} // namespace oiso::rtdb
