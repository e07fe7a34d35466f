#include "market/message_rules.h"

#include <algorithm>
#include <limits>

namespace oiso::market {

namespace {

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r' || c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
}

// Characters that draw nothing. QChar::isSpace knows the spaces (U+3000 included) and line
// breaks; these others are how people send "empty" messages in Korean chats (the Hangul fillers
// above all), so a text of only them is refused as empty too.
bool isInvisible(QChar c)
{
    switch (c.unicode()) {
    case 0x00AD: // soft hyphen
    case 0x115F: // Hangul choseong filler
    case 0x1160: // Hangul jungseong filler
    case 0x180E: // Mongolian vowel separator
    case 0x200B: // zero width space
    case 0x200C: // zero width non-joiner
    case 0x200D: // zero width joiner
    case 0x2060: // word joiner
    case 0x3164: // Hangul filler
    case 0xFEFF: // zero width no-break space (BOM)
    case 0xFFA0: // halfwidth Hangul filler
        return true;
    default:
        return false;
    }
}

// Code points, as people count characters: a surrogate pair (emoji, rare Hanja) is one.
int codePointCount(QStringView text)
{
    qsizetype count = text.size();
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i].isHighSurrogate() && text[i + 1].isLowSurrogate()) {
            --count;
            ++i;
        }
    }
    return int(std::min<qsizetype>(count, std::numeric_limits<int>::max()));
}

} // namespace

QString MessageCheck::userMessage() const
{
    switch (problem) {
    case Problem::None:
        break;
    case Problem::Empty:
        return tr("Type a message first.");
    case Problem::TooLong:
        return tr("This message is too long: %1 of %2 characters.")
            .arg(length)
            .arg(kMaxMessageLength);
    }
    return {};
}

MessageCheck checkMessageText(const QString& text)
{
    // Measured on the text as it will be sent, so trailing spaces or a final line break never
    // push a message over the limit.
    const QString sent = normalizedMessageText(text);
    MessageCheck check;
    check.length = codePointCount(sent);
    if (std::all_of(sent.begin(), sent.end(),
                    [](QChar c) { return c.isSpace() || isInvisible(c); }))
        check.problem = MessageCheck::Problem::Empty;
    else if (check.length > kMaxMessageLength)
        check.problem = MessageCheck::Problem::TooLong;
    return check;
}

QString normalizedMessageText(const QString& text)
{
    qsizetype end = text.size();
    while (end > 0 && text[end - 1].isSpace())
        --end;
    qsizetype first = 0;
    while (first < end && text[first].isSpace())
        ++first;
    if (first == end)
        return {};
    // Back to the start of the first line with text, so its indentation stays.
    qsizetype start = first;
    while (start > 0 && !isLineBreak(text[start - 1]))
        --start;
    return text.mid(start, end - start);
}

} // namespace oiso::market
