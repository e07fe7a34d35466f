#pragma once

#include <QString>

namespace oiso::ui {

// How the filter box matches item names, the way Korean users search: case-insensitive, blind
// to spaces ("lg그램" finds "LG 그램") and to Unicode normalisation (Hangul typed as decomposed
// jamo, as macOS may send it, still matches), and initial consonants alone find a word
// ("ㄴㅌㅂ" finds "노트북", 초성 검색).
class NameMatcher {
public:
    explicit NameMatcher(const QString& query = {});

    bool isEmpty() const { return m_query.isEmpty(); }
    bool matches(const QString& name) const;

    // Exposed for tests: the comparable form of a text, and its initial consonants.
    static QString fold(const QString& text);
    static QString initialConsonants(const QString& folded);

private:
    QString m_query;
    bool m_consonantsOnly = false;
};

} // namespace oiso::ui
