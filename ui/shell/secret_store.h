#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <map>

namespace oiso::ui {

// Where the refresh token that keeps a user signed in across restarts is kept. Never a plain
// file: the OS keychain (KeychainSecretStore), or nowhere — then the user signs in each time,
// and the UI says why. Asynchronous, because keychains may ask the user or talk over D-Bus.
class SecretStore : public QObject {
    Q_OBJECT

public:
    enum class Result { Ok, NotFound, Unavailable, Failed };
    using ReadCallback = std::function<void(Result, const QString& secret)>;
    using WriteCallback = std::function<void(Result)>;

    using QObject::QObject;

    virtual void read(const QString& key, ReadCallback done) = 0;
    virtual void write(const QString& key, const QString& secret, WriteCallback done) = 0;
    virtual void remove(const QString& key, WriteCallback done) = 0;
    // False once the store has found out there is no keychain service (then nothing is kept).
    virtual bool isAvailable() const = 0;
};

// The OS keychain through QtKeychain (macOS Keychain, Windows Credential Manager, Secret Service
// or KWallet on Linux), never with QtKeychain's plain-text fallback.
class KeychainSecretStore : public SecretStore {
    Q_OBJECT

public:
    explicit KeychainSecretStore(QString service, QObject* parent = nullptr);

    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QString& secret, WriteCallback done) override;
    void remove(const QString& key, WriteCallback done) override;
    bool isAvailable() const override { return m_available; }

private:
    QString m_service;
    bool m_available = true;
};

// Keeps secrets in memory for this run only (tests, and machines without a keychain).
class MemorySecretStore : public SecretStore {
    Q_OBJECT

public:
    explicit MemorySecretStore(bool available = true, QObject* parent = nullptr);

    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QString& secret, WriteCallback done) override;
    void remove(const QString& key, WriteCallback done) override;
    bool isAvailable() const override { return m_available; }

private:
    bool m_available;
    std::map<QString, QString> m_secrets;
};

} // namespace oiso::ui
