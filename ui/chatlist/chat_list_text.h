#pragma once

#include "ui/common/tone_colors.h"

#include <QCoreApplication>
#include <QString>

namespace oiso::market {
struct ChatListRow;
}

namespace oiso::ui {

// The words of a chat list row, shared by the delegate (what is painted) and the model (what a
// screen reader says), so both always agree.
class ChatListText {
    Q_DECLARE_TR_FUNCTIONS(oiso::ui::ChatListText)

public:
    // The stored status (판매중 / 예약중 / 판매완료, as the web app writes it) in the UI's
    // language; anything else is shown as it was stored.
    static QString status(const QString& stored);
    // What the status means, for the chip's colour.
    enum class StatusTone { OnSale, Reserved, Sold, Other };
    static StatusTone statusTone(const QString& stored);
    // The status pill's colour: the accent on sale, amber reserved, muted sold (and unknown).
    static Tone statusColor(const QString& stored);

    // "1" … "99", then "99+" (the service caps its count at 100).
    static QString unreadBadge(int unread);
    // The second line: "Draft: …" when the user left unsent text, else the last message on one
    // line, else a hint that nobody has written yet.
    static QString preview(const market::ChatListRow& row);
    static bool previewIsDraft(const market::ChatListRow& row);
    static QString draftPrefix(); // "Draft:", painted in the accent colour
    // The text after the draft prefix (the draft itself), or the whole preview.
    static QString previewBody(const market::ChatListRow& row);
    static QString buyers(int count);
    static QString price(const market::ChatListRow& row); // "15,000원", or "No price"
    // One sentence with everything the row shows, for assistive technology and tooltips.
    static QString accessibleDescription(const market::ChatListRow& row);
};

} // namespace oiso::ui
