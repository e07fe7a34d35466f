#include "ui/common/action_text.h"

#include <QRegularExpression>

namespace oiso::ui {

QString withoutMnemonic(const QString& text)
{
    // "(&X)" with the space before it, where the translation put one, and nothing else of it.
    static const QRegularExpression appended(QStringLiteral("\\s*\\(&[^&)]\\)"));
    QString out = text;
    out.remove(appended);
    QString result;
    result.reserve(out.size());
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out.at(i) != u'&') {
            result.append(out.at(i));
            continue;
        }
        if (i + 1 < out.size() && out.at(i + 1) == u'&') {
            result.append(u'&'); // "&&" is a literal ampersand
            ++i;
        }
    }
    return result;
}

} // namespace oiso::ui
