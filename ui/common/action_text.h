#pragma once

#include <QString>

namespace oiso::ui {

// An action's text for a place that shows no mnemonics (a toolbar button): without the "&" that
// marks the mnemonic letter and without the "(&U)" that Korean, Japanese and Chinese translations
// append for it ("안 읽은 채팅 먼저(&U)" → "안 읽은 채팅 먼저"); "&&" stays a literal "&". Menus
// keep the full text.
QString withoutMnemonic(const QString& text);

} // namespace oiso::ui
