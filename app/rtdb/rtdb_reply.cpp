#include "rtdb/rtdb_reply.h"

#include <QTimer>

namespace oiso::rtdb {

std::vector<std::pair<std::string, protocol::Node>> RtdbReply::orderedChildren() const
{
    if (!m_query.isEmpty())
        return protocol::queryChildren(m_value, m_query);
    std::vector<std::pair<std::string, protocol::Node>> children;
    if (m_value.isObject()) {
        for (const auto& [key, child] : m_value.children())
            children.emplace_back(key, child);
    }
    return children;
}

void RtdbReply::cancel()
{
    if (!m_finished)
        finish(RtdbError::cancelled());
}

void RtdbReply::finish(RtdbError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    emit finished();
}

void RtdbReply::then(QObject* context, std::function<void(RtdbReply&)> handler)
{
    if (m_finished) {
        // Still asynchronous, so callers never see their handler run inside the call.
        QTimer::singleShot(0, context, [self = QPointer(this), handler = std::move(handler)] {
            if (self) {
                handler(*self);
                self->deleteLater();
            }
        });
        return;
    }
    connect(this, &RtdbReply::finished, context, [this, handler = std::move(handler)] {
        handler(*this);
        deleteLater();
    });
}

} // namespace oiso::rtdb
