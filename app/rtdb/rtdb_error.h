#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace oiso::rtdb {

// Why a database request failed, typed so callers decide without parsing text: retry (network,
// timeout, 5xx), refresh the token (auth expired), re-read and retry (precondition failed), add
// an index or fall back (index missing), or give up and tell the user.
struct RtdbError {
    Q_DECLARE_TR_FUNCTIONS(oiso::rtdb::RtdbError)

public:
    enum class Kind {
        None,
        Network,            // no HTTP answer: refused, reset, DNS, TLS…
        Timeout,            // no answer within the request's deadline
        Http,               // any other HTTP error status; serverMessage holds the `error` text
        PermissionDenied,   // 401/403 that a token refresh did not cure (rules deny)
        IndexMissing,       // 400 "Index not defined, add ".indexOn"…"
        PreconditionFailed, // 412: the ETag did not match (the reply has the current value)
        AuthExpired,        // the credential is no longer accepted and could not be refreshed
        MalformedResponse,  // the server answered with something that is not what the protocol says
        InvalidRequest,     // refused before sending: bad path, key or value
        Cancelled,          // the caller cancelled the request
    };

    Kind kind = Kind::None;
    int httpStatus = 0;    // 0 when there was no HTTP answer
    QString serverMessage; // the server's `error` text (or raw body), the network error text…

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    // Safe to send the same request again later: the failure happened in transit or the server
    // says it is temporarily unable (5xx, 429), and nothing about the request needs to change.
    bool isTransient() const;

    // A sentence for a student: what happened, in plain words, translated.
    QString userMessage() const;
    // For logs and the command line: kind, status and the server's text (never a token).
    QString technicalMessage() const;

    static RtdbError fromHttp(int status, const QByteArray& body);
    static RtdbError network(const QString& text) { return {Kind::Network, 0, text}; }
    static RtdbError timeout() { return {Kind::Timeout, 0, {}}; }
    static RtdbError cancelled() { return {Kind::Cancelled, 0, {}}; }
    static RtdbError invalidRequest(const QString& text) { return {Kind::InvalidRequest, 0, text}; }
    static RtdbError malformed(const QString& text) { return {Kind::MalformedResponse, 0, text}; }
};

// The `error` member of a Realtime Database error body, or the body itself when it is not JSON
// (the Admin SDKs fall back the same way), trimmed and bounded so a proxy's HTML page stays short.
QString extractServerMessage(const QByteArray& body);

} // namespace oiso::rtdb
