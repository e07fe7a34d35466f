#pragma once

#include <QCoreApplication>
#include <QString>

namespace oiso::market {

// The longest message, in characters (Unicode code points) — the same limit the shipped rules
// enforce on chatlist/<item>/<key>/msg.
inline constexpr int kMaxMessageLength = 2000;

struct MessageCheck {
    Q_DECLARE_TR_FUNCTIONS(oiso::market::MessageCheck)

public:
    enum class Problem { None, Empty, TooLong };
    Problem problem = Problem::None;
    int length = 0; // in code points

    bool ok() const { return problem == Problem::None; }
    QString userMessage() const; // translated; empty when ok
};

// Empty or whitespace-only text (invisible fillers such as U+3164 count as whitespace) is
// refused, as is text over kMaxMessageLength code points. Both are judged on the text as sent,
// normalizedMessageText(text), so a trailing line break never makes a message too long.
MessageCheck checkMessageText(const QString& text);

// The text as sent: trailing whitespace and leading blank lines removed (inner line breaks kept).
QString normalizedMessageText(const QString& text);

} // namespace oiso::market
