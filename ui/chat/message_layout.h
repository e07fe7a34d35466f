#pragma once

#include <QCoreApplication>
#include <QFont>
#include <QLocale>
#include <QModelIndex>
#include <QPointF>
#include <QRect>
#include <QString>
#include <QTextLayout>

#include <memory>

namespace oiso::ui {

// Where each part of one message row goes, in the row's own coordinates (0, 0 is its top left).
// One computation serves the height (sizeHint), the painting and the hit areas of Retry and
// Delete, so what is clickable is exactly what is drawn.
struct MessageGeometry {
    int width = 0;
    int height = 0;
    QRect separator; // the band of the date separator; empty when none
    QRect divider;   // the band of the unread divider; empty when none
    QRect sender;    // the sender's id above the first bubble of others' groups
    QString senderText;
    QRect bubble;
    QPointF textOrigin;
    std::shared_ptr<QTextLayout> text; // shaped and wrapped (Hangul, emoji: HarfBuzz via Qt)
    QRect state;                       // my message's delivery mark beside the bubble
    QRect time;                        // under the last bubble of a group
    QString timeText;
    QRect failedNote; // "Not sent", then the two actions
    QRect retry;
    QRect remove;
};

class MessageLayout {
    Q_DECLARE_TR_FUNCTIONS(oiso::ui::MessageLayout)

public:
    static MessageGeometry compute(const QModelIndex& index, const QFont& font, int width,
                                   const QLocale& locale);

    static QFont smallFont(const QFont& font);
    // Spacing derived from the font, so rows scale with the user's font size.
    static int margin(const QFont& font);
    static int radius(const QFont& font);

    static QString notSentText() { return tr("Not sent"); }
    static QString retryText() { return tr("Retry"); }
    static QString deleteText() { return tr("Delete"); }
    static QString unreadText() { return tr("Unread messages"); }
};

} // namespace oiso::ui
