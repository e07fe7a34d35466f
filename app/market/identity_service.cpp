#include "identity_service.h"

#include "market_paths.h"
#include "rtdb/rtdb_client.h"

#include <QRegularExpression>

namespace oiso::market {

namespace {

QString stringOf(const protocol::Node& node)
{
    return node.type() == protocol::Node::Type::String ? QString::fromStdString(node.stringValue())
                                                       : QString();
}

} // namespace

IdentityService::IdentityService(rtdb::RtdbClient& client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
}

QString IdentityService::loginIdProblem(const QString& loginId)
{
    static const QRegularExpression allowed(QStringLiteral("^[a-z0-9_.-]{3,20}$"));
    if (loginId.size() < 3)
        return tr("A login id needs at least 3 characters.");
    if (loginId.size() > 20)
        return tr("A login id can have at most 20 characters.");
    if (!allowed.match(loginId).hasMatch())
        return tr("Use only lower-case letters, digits, '_', '.' and '-' in a login id.");
    return {};
}

void IdentityService::resolve(const QString& uid)
{
    m_client.get(paths::accountLogin(uid))->then(this, [this, uid](rtdb::RtdbReply& reply) {
        if (!reply.ok()) {
            emit resolved(uid, {}, reply.error().userMessage());
            return;
        }
        const QString loginId = stringOf(reply.value());
        if (!loginId.isEmpty()) {
            emit resolved(uid, loginId, {});
            return;
        }
        // Bound before user_logins existed (or by the demo seed): find the claim itself.
        rtdb::GetOptions byOwner;
        byOwner.query.orderBy = protocol::Query::OrderBy::Value;
        byOwner.query.equalTo = protocol::Query::Bound{protocol::Node::string(utf8(uid)), {}};
        m_client.get(paths::loginOwners(), byOwner)
            ->then(this, [this, uid](rtdb::RtdbReply& lookup) {
                if (!lookup.ok()) {
                    // A hosted database without ".indexOn": ".value" on user_ids cannot answer
                    // this; the account then looks unbound and sign-up claims an id again.
                    const bool noIndex = lookup.error().kind == rtdb::RtdbError::Kind::IndexMissing;
                    emit resolved(uid, {}, noIndex ? QString() : lookup.error().userMessage());
                    return;
                }
                const auto children = lookup.orderedChildren();
                if (children.empty()) {
                    emit resolved(uid, {}, {});
                    return;
                }
                const QString found = QString::fromStdString(children.front().first);
                m_client
                    .set(paths::accountLogin(uid), protocol::Node::string(utf8(found)),
                         rtdb::silentWrite())
                    ->then(this, [](rtdb::RtdbReply&) {}); // a repair; harmless if it fails
                emit resolved(uid, found, {});
            });
    });
}

void IdentityService::claim(const QString& loginId, const QString& uid, const QString& email,
                            const QString& displayName)
{
    const QString problem = loginIdProblem(loginId);
    if (!problem.isEmpty()) {
        emit claimed(loginId, problem);
        return;
    }
    const protocol::Node owner = protocol::Node::string(utf8(uid));
    m_client.createIfAbsent(paths::loginOwner(loginId), owner)
        ->then(this, [this, loginId, uid, email, displayName, owner](rtdb::RtdbReply& reply) {
            if (!reply.ok()) {
                const bool taken =
                    reply.error().kind == rtdb::RtdbError::Kind::PreconditionFailed &&
                    !(reply.value() == owner);
                if (taken || reply.error().kind != rtdb::RtdbError::Kind::PreconditionFailed) {
                    emit claimed(loginId, taken ? tr("The login id \"%1\" is already taken. "
                                                     "Please choose another one.")
                                                      .arg(loginId)
                                                : reply.error().userMessage());
                    return;
                }
                // 412 with my own uid: claimed before (a retried sign-up). The binding back and
                // the profile went in one write after the claim: done if it is there.
                m_client.get(paths::accountLogin(uid))
                    ->then(this, [this, loginId, uid, email, displayName](rtdb::RtdbReply& back) {
                        if (back.ok() && back.value() == protocol::Node::string(utf8(loginId)))
                            emit claimed(loginId, {});
                        else
                            writeBinding(loginId, uid, email, displayName);
                    });
                return;
            }
            writeBinding(loginId, uid, email, displayName);
        });
}

void IdentityService::writeBinding(const QString& loginId, const QString& uid, const QString& email,
                                   const QString& displayName)
{
    // The way back from the account, and the users/<pushKey> profile the web app's sign-up
    // writes, together.
    std::vector<std::pair<protocol::Path, protocol::Node>> writes;
    writes.emplace_back(paths::accountLogin(uid), protocol::Node::string(utf8(loginId)));
    protocol::Path profile = paths::users();
    profile.push_back(m_client.newPushId());
    protocol::Node::Children fields;
    fields.emplace("id", protocol::Node::string(utf8(loginId)));
    fields.emplace("name",
                   protocol::Node::string(utf8(displayName.isEmpty() ? loginId : displayName)));
    if (!email.isEmpty())
        fields.emplace("email", protocol::Node::string(utf8(email)));
    writes.emplace_back(std::move(profile), protocol::Node::object(std::move(fields)));
    m_client.update({}, writes)->then(this, [this, loginId](rtdb::RtdbReply& written) {
        emit claimed(loginId, written.ok() ? QString() : written.error().userMessage());
    });
}

} // namespace oiso::market
