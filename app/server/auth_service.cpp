#include "auth_service.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtEndian>

#include <sodium.h>

#include <map>
#include <mutex>
#include <vector>

namespace oiso::server {

namespace {

constexpr int kSecretBytes = 32;
constexpr int kUidLength = 28;
// The clock skew the Admin SDKs tolerate for `iat` (reference §7.2).
constexpr qint64 kAllowedClockSkewSeconds = 300;
constexpr qsizetype kMaxTokenLength = 8192;

struct RefreshSession {
    QByteArray sha256Hex; // only the hash: a leaked accounts.json must not grant sessions
    qint64 authTime = 0;  // seconds; carried into every ID token the session mints
};

struct Account {
    QString uid;
    QString email; // canonical (lower case), as the Auth emulator stores it
    QString passwordHash;
    qint64 createdAtMs = 0;
    qint64 passwordUpdatedAtMs = 0;
    qint64 lastLoginAtMs = 0;
    std::vector<RefreshSession> sessions;
};

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
// The only header we issue, hence the only one we accept: a token naming another algorithm
// ("none" above all) must never get as far as its claims.
const QByteArray kJwtHeader = QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})");

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(kBase64Url);
}

// Strict: rejects padding, foreign characters and non-canonical encodings, so one token has
// exactly one spelling.
std::optional<QByteArray> fromBase64Url(const QByteArray& text)
{
    auto decoded =
        QByteArray::fromBase64Encoding(text, kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || base64Url(decoded.decoded) != text)
        return std::nullopt;
    return std::move(decoded.decoded);
}

QByteArray randomBytes(std::size_t count)
{
    QByteArray bytes(qsizetype(count), Qt::Uninitialized);
    randombytes_buf(bytes.data(), count);
    return bytes;
}

QString randomUid()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString uid;
    uid.reserve(kUidLength);
    for (int i = 0; i < kUidLength; ++i)
        uid.append(QLatin1Char(alphabet[randombytes_uniform(sizeof(alphabet) - 1)]));
    return uid;
}

QByteArray sha256Hex(const QString& text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex();
}

// Deliberately simple: one '@', a local part without spaces or specials, and a domain of
// letter/digit/hyphen labels. Enough to catch typos; the address is never mailed.
bool isValidEmail(const QString& email)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^[^\s\p{Cc}@()<>\[\]\\,;:"]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)*)"
        R"([\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$)"));
    return email.size() <= 254 && pattern.match(email).hasMatch();
}

// Demo uids become database keys, so they follow the RTDB key rules (reference §1.2).
bool isValidUid(const QString& uid)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[^.$#\[\]/\x00-\x1f\x7f]{1,128}$)"));
    return pattern.match(uid).hasMatch();
}

std::optional<AuthError> checkCredentialsInput(const QString& email, const QString& password,
                                               bool checkStrength)
{
    if (email.isEmpty())
        return AuthError{QStringLiteral("MISSING_EMAIL")};
    if (!isValidEmail(email))
        return AuthError{QStringLiteral("INVALID_EMAIL")};
    if (password.isEmpty())
        return AuthError{QStringLiteral("MISSING_PASSWORD")};
    if (checkStrength && password.size() < 6)
        return AuthError{
            QStringLiteral("WEAK_PASSWORD : Password should be at least 6 characters")};
    return std::nullopt;
}

// Argon2id; slow on purpose, so never call it with the mutex held.
std::optional<QString> hashPassword(const QString& password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt; // out of memory
    return QString::fromLatin1(out);
}

bool passwordMatches(const QString& hash, const QString& password)
{
    const QByteArray utf8 = password.toUtf8();
    return !crypto_pwhash_str_verify(hash.toLatin1().constData(), utf8.constData(),
                                     quint64(utf8.size()));
}

// With enumeration protection an unknown email must cost as much as a wrong password, or the
// response time would tell which addresses have accounts.
void burnPasswordCheck(const QString& password)
{
    static std::once_flag once;
    static QString dummyHash;
    std::call_once(once, [] {
        dummyHash =
            hashPassword(QString::fromLatin1(base64Url(randomBytes(16)))).value_or(QString());
    });
    if (!dummyHash.isEmpty())
        passwordMatches(dummyHash, password);
}

AuthError internalError(const QString& why)
{
    return AuthError{QStringLiteral("INTERNAL_ERROR : ") + why};
}

QJsonObject accountToJson(const Account& account)
{
    QJsonArray sessions;
    for (const RefreshSession& session : account.sessions) {
        sessions.append(
            QJsonObject{{QStringLiteral("sha256"), QString::fromLatin1(session.sha256Hex)},
                        {QStringLiteral("authTime"), session.authTime}});
    }
    return QJsonObject{{QStringLiteral("localId"), account.uid},
                       {QStringLiteral("email"), account.email},
                       {QStringLiteral("passwordHash"), account.passwordHash},
                       {QStringLiteral("createdAt"), account.createdAtMs},
                       {QStringLiteral("passwordUpdatedAt"), account.passwordUpdatedAtMs},
                       {QStringLiteral("lastLoginAt"), account.lastLoginAtMs},
                       {QStringLiteral("refreshSessions"), sessions}};
}

std::optional<Account> accountFromJson(const QJsonObject& json)
{
    Account account;
    account.uid = json.value(QStringLiteral("localId")).toString();
    account.email = json.value(QStringLiteral("email")).toString();
    account.passwordHash = json.value(QStringLiteral("passwordHash")).toString();
    account.createdAtMs = json.value(QStringLiteral("createdAt")).toInteger();
    account.passwordUpdatedAtMs = json.value(QStringLiteral("passwordUpdatedAt")).toInteger();
    account.lastLoginAtMs = json.value(QStringLiteral("lastLoginAt")).toInteger();
    if (!isValidUid(account.uid) || account.email.isEmpty() || account.passwordHash.isEmpty())
        return std::nullopt;
    for (const QJsonValue& value : json.value(QStringLiteral("refreshSessions")).toArray()) {
        const QJsonObject session = value.toObject();
        const QByteArray hash = session.value(QStringLiteral("sha256")).toString().toLatin1();
        if (hash.size() != 64)
            return std::nullopt;
        account.sessions.push_back({hash, session.value(QStringLiteral("authTime")).toInteger()});
    }
    return account;
}

// Writes through QSaveFile (temporary file, fsync, rename) so a crash leaves the old or the new
// file, never half of one. Both files are secrets, hence owner-only permissions.
bool writeFileAtomically(const QString& path, const QByteArray& data, QString* error)
{
    QSaveFile file(path);
    // The temporary file gets its mode before the first byte goes in; the rename keeps it.
    const bool written = file.open(QIODevice::WriteOnly) &&
                         file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
                         file.write(data) == data.size() && file.commit();
    if (!written)
        *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
    return written;
}

std::optional<QByteArray> readWholeFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

struct AuthService::Private {
    QString directory;
    AuthOptions options;
    mutable std::mutex mutex;
    QByteArray secret;
    std::map<QString, Account> accounts;   // by uid
    std::map<QString, QString> uidByEmail; // canonical email → uid
    std::map<QByteArray, QString> uidBySession;

    QString authDirectory() const { return directory + QStringLiteral("/auth"); }
    QString accountsPath() const { return authDirectory() + QStringLiteral("/accounts.json"); }
    QString secretPath() const { return authDirectory() + QStringLiteral("/jwt-secret"); }
    QString issuer() const
    {
        return QStringLiteral("https://securetoken.google.com/") + options.projectId;
    }

    bool loadSecret(QString* error);
    bool loadAccounts(QString* error);
    bool saveLocked(QString* error) const;
    void insertLocked(Account account);
    QString mintIdToken(const Account& account, qint64 authTime) const;
    QByteArray sign(const QByteArray& signingInput) const
    {
        return QMessageAuthenticationCode::hash(signingInput, secret, QCryptographicHash::Sha256);
    }
    std::variant<QString, AuthError> createAccount(const QString& email, const QString& password,
                                                   const QString& preferredUid,
                                                   bool existingIsError);
    std::variant<AuthTokens, AuthError> finishSignIn(const QString& uid);
};

bool AuthService::Private::loadSecret(QString* error)
{
    if (!QFile::exists(secretPath())) {
        secret = randomBytes(kSecretBytes);
        return writeFileAtomically(secretPath(), secret, error);
    }
    const auto content = readWholeFile(secretPath(), error);
    if (!content)
        return false;
    secret = *content;
    if (secret.size() != kSecretBytes) {
        *error =
            QStringLiteral("%1 is damaged (expected %2 bytes)").arg(secretPath()).arg(kSecretBytes);
        return false;
    }
    // Repair permissions loosened by a copy or an archive tool.
    return QFile::setPermissions(secretPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

bool AuthService::Private::loadAccounts(QString* error)
{
    if (!QFile::exists(accountsPath()))
        return true;
    const auto content = readWholeFile(accountsPath(), error);
    if (!content)
        return false;
    const QJsonDocument document = QJsonDocument::fromJson(*content);
    const QJsonArray list = document.object().value(QStringLiteral("accounts")).toArray();
    for (const QJsonValue& value : list) {
        auto account = accountFromJson(value.toObject());
        if (!account || accounts.contains(account->uid) || uidByEmail.contains(account->email))
            break;
        insertLocked(std::move(*account));
    }
    if (document.isObject() && accounts.size() == std::size_t(list.size()))
        return true;
    *error = QStringLiteral("%1 is damaged").arg(accountsPath());
    return false;
}

bool AuthService::Private::saveLocked(QString* error) const
{
    QJsonArray list;
    for (const auto& [uid, account] : accounts)
        list.append(accountToJson(account));
    const QJsonObject root{{QStringLiteral("version"), 1}, {QStringLiteral("accounts"), list}};
    return writeFileAtomically(accountsPath(), QJsonDocument(root).toJson(QJsonDocument::Indented),
                               error);
}

void AuthService::Private::insertLocked(Account account)
{
    uidByEmail[account.email] = account.uid;
    for (const RefreshSession& session : account.sessions)
        uidBySession[session.sha256Hex] = account.uid;
    const QString uid = account.uid;
    accounts[uid] = std::move(account);
}

QString AuthService::Private::mintIdToken(const Account& account, qint64 authTime) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject firebase{{QStringLiteral("identities"),
                                QJsonObject{{QStringLiteral("email"), QJsonArray{account.email}}}},
                               {QStringLiteral("sign_in_provider"), QStringLiteral("password")}};
    const QJsonObject claims{{QStringLiteral("iss"), issuer()},
                             {QStringLiteral("aud"), options.projectId},
                             {QStringLiteral("auth_time"), authTime},
                             {QStringLiteral("user_id"), account.uid},
                             {QStringLiteral("sub"), account.uid},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("exp"), now + options.tokenLifetimeSeconds},
                             {QStringLiteral("email"), account.email},
                             {QStringLiteral("email_verified"), false},
                             {QStringLiteral("firebase"), firebase}};
    const QByteArray signingInput = base64Url(kJwtHeader) + '.' +
                                    base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return QString::fromLatin1(signingInput + '.' + base64Url(sign(signingInput)));
}

AuthService::AuthService(QString dataDirectory, AuthOptions options)
    : d(std::make_unique<Private>())
{
    d->directory = std::move(dataDirectory);
    d->options = std::move(options);
}

AuthService::~AuthService()
{
    if (!d->secret.isEmpty())
        sodium_memzero(d->secret.data(), std::size_t(d->secret.size()));
}

bool AuthService::open(QString* error)
{
    // sodium_init() is idempotent, but one call per process is all it needs.
    static const bool sodiumReady = sodium_init() >= 0;
    if (!sodiumReady) {
        *error = QStringLiteral("libsodium cannot be initialised");
        return false;
    }
    const std::lock_guard lock(d->mutex);
    d->accounts.clear();
    d->uidByEmail.clear();
    d->uidBySession.clear();
    if (!QDir().mkpath(d->authDirectory())) {
        *error = QStringLiteral("Cannot create %1").arg(d->authDirectory());
        return false;
    }
    QFile::setPermissions(d->authDirectory(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return d->loadSecret(error) && d->loadAccounts(error);
}

std::variant<QString, AuthError> AuthService::Private::createAccount(const QString& email,
                                                                     const QString& password,
                                                                     const QString& preferredUid,
                                                                     bool existingIsError)
{
    if (auto invalid = checkCredentialsInput(email, password, true))
        return *invalid;
    if (!preferredUid.isEmpty() && !isValidUid(preferredUid))
        return AuthError{QStringLiteral("INVALID_LOCAL_ID")};
    const QString canonical = email.toLower();
    const auto existing = [&]() -> std::optional<std::variant<QString, AuthError>> {
        const auto it = uidByEmail.find(canonical);
        if (it == uidByEmail.end())
            return std::nullopt;
        if (existingIsError)
            return AuthError{QStringLiteral("EMAIL_EXISTS")};
        return it->second;
    };
    {
        // Cheap early answer; the authoritative check is repeated after hashing.
        const std::lock_guard lock(mutex);
        if (auto found = existing())
            return *found;
    }
    const auto hash = hashPassword(password);
    if (!hash)
        return internalError(QStringLiteral("Cannot hash the password"));

    const std::lock_guard lock(mutex);
    if (secret.isEmpty())
        return internalError(QStringLiteral("Auth storage is not open"));
    if (auto found = existing())
        return *found;
    QString uid = preferredUid.isEmpty() ? randomUid() : preferredUid;
    if (accounts.contains(uid) && !preferredUid.isEmpty())
        return AuthError{QStringLiteral("DUPLICATE_LOCAL_ID")};
    while (accounts.contains(uid))
        uid = randomUid();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    insertLocked(Account{uid, canonical, *hash, nowMs, nowMs, nowMs, {}});
    QString error;
    if (!saveLocked(&error)) {
        uidByEmail.erase(canonical);
        accounts.erase(uid);
        return internalError(error);
    }
    return uid;
}

std::variant<AuthTokens, AuthError> AuthService::signUp(const QString& email,
                                                        const QString& password)
{
    const auto created = d->createAccount(email, password, QString(), true);
    if (const auto* error = std::get_if<AuthError>(&created))
        return *error;
    return d->finishSignIn(std::get<QString>(created));
}

std::variant<AuthTokens, AuthError> AuthService::signIn(const QString& email,
                                                        const QString& password)
{
    if (auto invalid = checkCredentialsInput(email, password, false))
        return *invalid;
    const bool protection = d->options.emailEnumerationProtection;
    const AuthError badCredentials{QStringLiteral("INVALID_LOGIN_CREDENTIALS")};
    QString uid;
    QString hash;
    {
        const std::lock_guard lock(d->mutex);
        const auto it = d->uidByEmail.find(email.toLower());
        if (it != d->uidByEmail.end()) {
            uid = it->second;
            hash = d->accounts.at(uid).passwordHash;
        }
    }
    if (uid.isEmpty()) {
        if (!protection)
            return AuthError{QStringLiteral("EMAIL_NOT_FOUND")};
        burnPasswordCheck(password);
        return badCredentials;
    }
    if (!passwordMatches(hash, password))
        return protection ? badCredentials : AuthError{QStringLiteral("INVALID_PASSWORD")};
    return d->finishSignIn(uid);
}

// Records the sign-in and opens a refresh session. Accounts are never deleted, so the uid
// found before the slow password check is still there.
std::variant<AuthTokens, AuthError> AuthService::Private::finishSignIn(const QString& uid)
{
    const std::lock_guard lock(mutex);
    Account& account = accounts.at(uid);
    const Account before = account;
    account.lastLoginAtMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 authTime = account.lastLoginAtMs / 1000;
    const QString refreshToken = QString::fromLatin1(base64Url(randomBytes(32)));
    account.sessions.push_back({sha256Hex(refreshToken), authTime});
    // Every sign-in opens a session; dropping the oldest bounds the file's growth while leaving
    // room for a user signed in on several machines.
    const bool dropOldest = account.sessions.size() > std::size_t(options.maxSessionsPerAccount);
    if (dropOldest)
        account.sessions.erase(account.sessions.begin());
    QString error;
    if (!saveLocked(&error)) {
        account = before;
        return internalError(error);
    }
    if (dropOldest)
        uidBySession.erase(before.sessions.front().sha256Hex);
    uidBySession[account.sessions.back().sha256Hex] = uid;
    return AuthTokens{uid, account.email, mintIdToken(account, authTime), refreshToken,
                      options.tokenLifetimeSeconds};
}

std::variant<AuthTokens, AuthError> AuthService::refresh(const QString& refreshToken)
{
    if (refreshToken.isEmpty())
        return AuthError{QStringLiteral("MISSING_REFRESH_TOKEN")};
    const QByteArray hash = sha256Hex(refreshToken);
    const std::lock_guard lock(d->mutex);
    const auto session = d->uidBySession.find(hash);
    if (session == d->uidBySession.end())
        return AuthError{QStringLiteral("INVALID_REFRESH_TOKEN")};
    const auto account = d->accounts.find(session->second);
    if (account == d->accounts.end())
        return AuthError{QStringLiteral("USER_NOT_FOUND")};
    qint64 authTime = 0;
    for (const RefreshSession& s : account->second.sessions) {
        if (s.sha256Hex == hash)
            authTime = s.authTime;
    }
    // The refresh token stays the same: the session is long-lived, only the ID token rotates.
    return AuthTokens{account->second.uid, account->second.email,
                      d->mintIdToken(account->second, authTime), refreshToken,
                      d->options.tokenLifetimeSeconds};
}

std::variant<QJsonObject, AuthError> AuthService::lookup(const QString& idToken)
{
    const auto claims = verifyIdToken(idToken.toUtf8(), nullptr);
    if (!claims)
        return AuthError{QStringLiteral("INVALID_ID_TOKEN")};
    const std::lock_guard lock(d->mutex);
    const auto it = d->accounts.find(claims->uid);
    if (it == d->accounts.end())
        return AuthError{QStringLiteral("USER_NOT_FOUND")};
    const Account& account = it->second;
    return QJsonObject{{QStringLiteral("localId"), account.uid},
                       {QStringLiteral("email"), account.email},
                       {QStringLiteral("emailVerified"), false},
                       {QStringLiteral("passwordUpdatedAt"), account.passwordUpdatedAtMs},
                       {QStringLiteral("createdAt"), QString::number(account.createdAtMs)},
                       {QStringLiteral("lastLoginAt"), QString::number(account.lastLoginAtMs)}};
}

std::variant<QString, AuthError> AuthService::ensureAccount(const QString& email,
                                                            const QString& password,
                                                            const QString& preferredUid)
{
    return d->createAccount(email, password, preferredUid, false);
}

std::optional<IdTokenClaims> AuthService::verifyIdToken(QByteArrayView token, QString* error) const
{
    QString ignored;
    if (!error)
        error = &ignored;
    *error = QStringLiteral("Could not parse auth token.");
    if (token.size() > kMaxTokenLength)
        return std::nullopt;
    const QList<QByteArray> parts = token.toByteArray().split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto header = fromBase64Url(parts[0]);
    const auto payloadBytes = fromBase64Url(parts[1]);
    const auto signature = fromBase64Url(parts[2]);
    if (header != kJwtHeader || !payloadBytes || !signature)
        return std::nullopt;

    QByteArray expected;
    {
        const std::lock_guard lock(d->mutex);
        if (!d->secret.isEmpty())
            expected = d->sign(parts[0] + '.' + parts[1]);
    }
    if (expected.isEmpty() || signature->size() != expected.size() ||
        sodium_memcmp(signature->constData(), expected.constData(), std::size_t(expected.size())))
        return std::nullopt;

    const QJsonDocument payload = QJsonDocument::fromJson(*payloadBytes);
    const QJsonObject claims = payload.object();
    const QJsonValue exp = claims.value(QStringLiteral("exp"));
    const QJsonValue iat = claims.value(QStringLiteral("iat"));
    const QString uid = claims.value(QStringLiteral("sub")).toString();
    if (!payload.isObject() || !exp.isDouble() || !iat.isDouble() || !isValidUid(uid) ||
        claims.value(QStringLiteral("aud")).toString() != d->options.projectId ||
        claims.value(QStringLiteral("iss")).toString() != d->issuer())
        return std::nullopt;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (iat.toInteger() > now + kAllowedClockSkewSeconds)
        return std::nullopt;
    if (exp.toInteger() <= now) {
        *error = QStringLiteral("Auth token is expired");
        return std::nullopt;
    }
    error->clear();
    return IdTokenClaims{uid, claims};
}

const AuthOptions& AuthService::options() const
{
    return d->options;
}

void AuthService::setTokenLifetimeSeconds(int seconds)
{
    const std::lock_guard lock(d->mutex);
    d->options.tokenLifetimeSeconds = seconds;
}

QString AuthService::projectNumber() const
{
    const QByteArray digest =
        QCryptographicHash::hash(d->options.projectId.toUtf8(), QCryptographicHash::Sha256);
    const quint64 value = qFromBigEndian<quint64>(digest.constData());
    // Twelve digits without a leading zero, like real project numbers.
    return QString::number(100000000000ULL + value % 900000000000ULL);
}

} // namespace oiso::server
