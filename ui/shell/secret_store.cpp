#include "ui/shell/secret_store.h"

#include <QLoggingCategory>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace oiso::ui {

namespace {

Q_LOGGING_CATEGORY(lcSecrets, "oiso.ui.secrets")

SecretStore::Result resultOf(const QKeychain::Job& job)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return SecretStore::Result::Ok;
    case QKeychain::EntryNotFound:
        return SecretStore::Result::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretStore::Result::Unavailable;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::OtherError:
        break;
    }
    return SecretStore::Result::Failed;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject* parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{
}

void KeychainSecretStore::read(const QString& key, ReadCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done] {
        const Result result = resultOf(*job);
        if (result == Result::Unavailable)
            m_available = false;
        if (result == Result::Failed) // never the secret: only what went wrong
            qCWarning(lcSecrets) << "keychain read failed:" << job->errorString();
        done(result, result == Result::Ok ? job->textData() : QString());
    });
    job->start();
}

void KeychainSecretStore::write(const QString& key, const QString& secret, WriteCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, done] {
        const Result result = resultOf(*job);
        if (result == Result::Unavailable)
            m_available = false;
        if (result == Result::Failed)
            qCWarning(lcSecrets) << "keychain write failed:" << job->errorString();
        if (done)
            done(result);
    });
    job->start();
}

void KeychainSecretStore::remove(const QString& key, WriteCallback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done] {
        const Result result = resultOf(*job);
        if (result == Result::Unavailable)
            m_available = false;
        if (done)
            done(result);
    });
    job->start();
}

MemorySecretStore::MemorySecretStore(bool available, QObject* parent)
    : SecretStore(parent)
    , m_available(available)
{
}

void MemorySecretStore::read(const QString& key, ReadCallback done)
{
    // Answer later, as a real keychain does, so callers are tested against asynchrony.
    Result result = Result::Unavailable;
    QString secret;
    if (m_available) {
        const auto found = m_secrets.find(key);
        result = found == m_secrets.end() ? Result::NotFound : Result::Ok;
        if (found != m_secrets.end())
            secret = found->second;
    }
    QTimer::singleShot(0, this, [done, result, secret] { done(result, secret); });
}

void MemorySecretStore::write(const QString& key, const QString& secret, WriteCallback done)
{
    if (m_available)
        m_secrets[key] = secret;
    const Result result = m_available ? Result::Ok : Result::Unavailable;
    QTimer::singleShot(0, this, [done, result] {
        if (done)
            done(result);
    });
}

void MemorySecretStore::remove(const QString& key, WriteCallback done)
{
    m_secrets.erase(key);
    const Result result = m_available ? Result::Ok : Result::Unavailable;
    QTimer::singleShot(0, this, [done, result] {
        if (done)
            done(result);
    });
}

} // namespace oiso::ui
