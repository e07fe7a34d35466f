#include "rtdb/rtdb_error.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace oiso::rtdb {

namespace {

constexpr qsizetype kMaxMessageChars = 300;

} // namespace

QString extractServerMessage(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonValue error = document.object().value(QLatin1String("error"));
        if (error.isString())
            return error.toString();
        // Auth REST errors nest the text: {"error": {"message": "EMAIL_EXISTS"}}.
        if (error.isObject())
            return error.toObject().value(QLatin1String("message")).toString();
    }
    QString text = QString::fromUtf8(body).simplified();
    if (text.size() > kMaxMessageChars)
        text = text.left(kMaxMessageChars) + QStringLiteral("…");
    return text;
}

RtdbError RtdbError::fromHttp(int status, const QByteArray& body)
{
    RtdbError error{Kind::Http, status, extractServerMessage(body)};
    if (status == 412)
        error.kind = Kind::PreconditionFailed;
    else if (status == 401 || status == 403)
        error.kind = Kind::PermissionDenied;
    else if (status == 400 && error.serverMessage.startsWith(QLatin1String("Index not defined")))
        error.kind = Kind::IndexMissing;
    return error;
}

bool RtdbError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
    default:
        return false;
    }
}

QString RtdbError::userMessage() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Network:
        return tr("Could not reach the chat server. Check your internet connection.");
    case Kind::Timeout:
        return tr("The chat server did not answer in time. Please try again.");
    case Kind::PermissionDenied:
        return tr("You are not allowed to see or change this.");
    case Kind::IndexMissing:
        return tr("The database needs an index for this list (%1).").arg(serverMessage);
    case Kind::PreconditionFailed:
        return tr("Someone changed this at the same time. Please try again.");
    case Kind::AuthExpired:
        return tr("Your sign-in has expired. Please sign in again.");
    case Kind::MalformedResponse:
        return tr("The chat server sent something unexpected.");
    case Kind::InvalidRequest:
        return tr("This request is not valid: %1").arg(serverMessage);
    case Kind::Cancelled:
        return tr("Cancelled.");
    case Kind::Http:
        break;
    }
    if (httpStatus == 404)
        return tr("The database was not found. Check the database URL in Settings (%1).")
            .arg(serverMessage);
    if (httpStatus >= 500 || httpStatus == 429)
        return tr("The chat server is busy or having trouble. Please try again shortly.");
    return serverMessage.isEmpty()
               ? tr("The chat server refused the request (HTTP %1).").arg(httpStatus)
               : serverMessage;
}

QString RtdbError::technicalMessage() const
{
    static constexpr const char* kNames[] = {"none",
                                             "network error",
                                             "timeout",
                                             "HTTP error",
                                             "permission denied",
                                             "index missing",
                                             "precondition failed",
                                             "auth expired",
                                             "malformed response",
                                             "invalid request",
                                             "cancelled"};
    QString text = QLatin1String(kNames[static_cast<int>(kind)]);
    if (httpStatus != 0)
        text += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    if (!serverMessage.isEmpty())
        text += QStringLiteral(": ") + serverMessage;
    return text;
}

} // namespace oiso::rtdb
