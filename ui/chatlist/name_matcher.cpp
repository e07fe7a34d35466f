#include "ui/chatlist/name_matcher.h"

#include <algorithm>
#include <iterator>

namespace oiso::ui {

namespace {

constexpr char16_t kSyllableFirst = 0xAC00; // 가
constexpr char16_t kSyllableLast = 0xD7A3;  // 힣
constexpr int kSyllablesPerInitial = 21 * 28;
constexpr char16_t kConjoiningInitialFirst = 0x1100; // ᄀ, the first conjoining initial

// The 19 initial consonants of modern Hangul as compatibility jamo (what a keyboard types).
constexpr char16_t kInitials[] = {u'ㄱ', u'ㄲ', u'ㄴ', u'ㄷ', u'ㄸ', u'ㄹ', u'ㅁ',
                                  u'ㅂ', u'ㅃ', u'ㅅ', u'ㅆ', u'ㅇ', u'ㅈ', u'ㅉ',
                                  u'ㅊ', u'ㅋ', u'ㅌ', u'ㅍ', u'ㅎ'};

bool isCompatibilityConsonant(QChar c)
{
    return c.unicode() >= u'ㄱ' && c.unicode() <= u'ㅎ';
}

} // namespace

QString NameMatcher::fold(const QString& text)
{
    // NFKC composes jamo into syllables and folds full-width Latin; spaces do not separate
    // words reliably in item names, so they are dropped.
    QString folded = text.normalized(QString::NormalizationForm_KC).toCaseFolded();
    folded.removeIf([](QChar c) { return c.isSpace(); });
    // NFKC turns a lone keyboard consonant (ㄴ, U+3134) into its conjoining form (U+1102); back
    // to the keyboard's, so initial-consonant queries compare like with like.
    for (QChar& c : folded) {
        const char16_t u = c.unicode();
        if (u >= kConjoiningInitialFirst && u < kConjoiningInitialFirst + std::size(kInitials))
            c = QChar(kInitials[u - kConjoiningInitialFirst]);
    }
    return folded;
}

QString NameMatcher::initialConsonants(const QString& folded)
{
    QString result;
    result.reserve(folded.size());
    for (QChar c : folded) {
        const char16_t u = c.unicode();
        if (u >= kSyllableFirst && u <= kSyllableLast)
            result.append(QChar(kInitials[(u - kSyllableFirst) / kSyllablesPerInitial]));
        else
            result.append(c);
    }
    return result;
}

NameMatcher::NameMatcher(const QString& query)
    : m_query(fold(query))
{
    m_consonantsOnly = !m_query.isEmpty() &&
                       std::all_of(m_query.cbegin(), m_query.cend(), isCompatibilityConsonant);
}

bool NameMatcher::matches(const QString& name) const
{
    if (m_query.isEmpty())
        return true;
    const QString folded = fold(name);
    if (folded.contains(m_query))
        return true;
    return m_consonantsOnly && initialConsonants(folded).contains(m_query);
}

} // namespace oiso::ui
