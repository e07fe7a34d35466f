#include "ui/common/time_format.h"

namespace oiso::ui {

QLocale TimeFormat::uiLocale()
{
    // A translation says which locale its words belong to, so a Korean UI writes Korean dates
    // even on a machine whose system locale is English (and the other way round).
    const QString name = tr("default", "The QLocale name of this translation's language, e.g. "
                                       "ko_KR. Leave as \"default\" to follow the system.");
    if (!name.isEmpty() && name != QLatin1String("default"))
        return QLocale(name);
    // No locale configured (LANG unset: the C locale) writes "15:05:00"; people read English.
    const QLocale system;
    return system.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates)
                                           : system;
}

QString TimeFormat::messageTime(const QDateTime& t, const QLocale& locale)
{
    if (!t.isValid())
        return {};
    return locale.toString(t.toLocalTime().time(), QLocale::ShortFormat);
}

QString TimeFormat::dateSeparator(const QDate& date, const QDate& today, const QLocale& locale)
{
    if (!date.isValid())
        return {};
    if (date == today)
        return tr("Today");
    if (date == today.addDays(-1))
        return tr("Yesterday");
    return locale.toString(date, QLocale::LongFormat);
}

QString TimeFormat::relativeTime(const QDateTime& t, const QDateTime& now, const QLocale& locale)
{
    if (!t.isValid())
        return {};
    const qint64 seconds = t.secsTo(now);
    // A message a little "in the future" is clock skew between the sender and us, not a message
    // from tomorrow.
    if (seconds < 60 && seconds > -5 * 60)
        return tr("Just now");
    if (seconds > 0 && seconds < 60 * 60) {
        const int minutes = int(seconds / 60);
        return tr("%n min ago", "a message's age in minutes", minutes);
    }
    const QDate day = t.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (day == today)
        return messageTime(t, locale);
    if (day == today.addDays(-1))
        return tr("Yesterday");
    if (day.year() == today.year())
        return locale.toString(day, tr("MMM d", "A day of this year in the chat list (QDate "
                                                "format). Korean: M월 d일"));
    return locale.toString(day, tr("MMM d, yyyy", "A day of another year in the chat list (QDate "
                                                  "format). Korean: yyyy. M. d."));
}

} // namespace oiso::ui
