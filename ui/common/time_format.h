#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>

namespace oiso::ui {

// How the windows write times and dates. Words ("Today", "5 min ago") come from the translation;
// numbers, month and day names and AM/PM from a QLocale: the one passed, or uiLocale() — the
// language of the loaded translation — so the words and the formats always agree.
class TimeFormat {
    Q_DECLARE_TR_FUNCTIONS(oiso::ui::TimeFormat)

public:
    // The locale of the UI language: the loaded translation names it; without one (or when it
    // does not say), QLocale() — US English in place of the C locale.
    static QLocale uiLocale();

    // The time under a message: "오후 3:05" (Korean), "3:05 PM" (US English) — the locale's short
    // time format.
    static QString messageTime(const QDateTime& t, const QLocale& locale);

    // The separator above the first message of a day: "Today", "Yesterday", otherwise the
    // locale's long date ("2026년 11월 30일 월요일", "Monday, 30 November 2026").
    static QString dateSeparator(const QDate& date, const QDate& today, const QLocale& locale);

    // The time of a room's last message in the chat list, relative to `now`: "Just now" (under a
    // minute, or slightly in the future: clocks differ), "5 min ago" (under an hour), the time
    // (earlier today), "Yesterday", the day (this year: "Nov 28" / "11월 28일"), the full date
    // (other years: "Nov 28, 2025" / "2025. 11. 28."). Empty for an invalid time.
    static QString relativeTime(const QDateTime& t, const QDateTime& now, const QLocale& locale);
};

inline QString messageTime(const QDateTime& t, const QLocale& locale)
{
    return TimeFormat::messageTime(t, locale);
}

inline QString dateSeparator(const QDate& date, const QDate& today, const QLocale& locale)
{
    return TimeFormat::dateSeparator(date, today, locale);
}

inline QString relativeTime(const QDateTime& t, const QDateTime& now, const QLocale& locale)
{
    return TimeFormat::relativeTime(t, now, locale);
}

// In the UI language (TimeFormat::uiLocale()).
inline QString relativeTime(const QDateTime& t, const QDateTime& now)
{
    return TimeFormat::relativeTime(t, now, TimeFormat::uiLocale());
}

} // namespace oiso::ui
