#include "ui/chatlist/chat_list_text.h"

#include "market/chat_list_service.h"
#include "market/price.h"

#include <QStringList>

namespace oiso::ui {

namespace {

QString compact(const QString& text)
{
    QString result = text.simplified();
    result.remove(u' ');
    return result;
}

} // namespace

ChatListText::StatusTone ChatListText::statusTone(const QString& stored)
{
    // The web app writes these three words; rows typed by hand may carry spaces or English.
    const QString word = compact(stored);
    if (word == QStringLiteral("판매중") ||
        word.compare(QLatin1String("onsale"), Qt::CaseInsensitive) == 0)
        return StatusTone::OnSale;
    if (word == QStringLiteral("예약중") ||
        word.compare(QLatin1String("reserved"), Qt::CaseInsensitive) == 0)
        return StatusTone::Reserved;
    if (word == QStringLiteral("판매완료") ||
        word.compare(QLatin1String("sold"), Qt::CaseInsensitive) == 0)
        return StatusTone::Sold;
    return StatusTone::Other;
}

Tone ChatListText::statusColor(const QString& stored)
{
    switch (statusTone(stored)) {
    case StatusTone::OnSale:
        return Tone::Accent;
    case StatusTone::Reserved:
        return Tone::Caution;
    case StatusTone::Sold:
    case StatusTone::Other:
        break;
    }
    return Tone::Muted;
}

QString ChatListText::status(const QString& stored)
{
    switch (statusTone(stored)) {
    case StatusTone::OnSale:
        return tr("On sale");
    case StatusTone::Reserved:
        return tr("Reserved");
    case StatusTone::Sold:
        return tr("Sold");
    case StatusTone::Other:
        break;
    }
    return stored.simplified();
}

QString ChatListText::unreadBadge(int unread)
{
    if (unread <= 0)
        return {};
    return unread > 99 ? QStringLiteral("99+") : QString::number(unread);
}

bool ChatListText::previewIsDraft(const market::ChatListRow& row)
{
    return !row.draft.trimmed().isEmpty();
}

QString ChatListText::draftPrefix()
{
    return tr("Draft:", "prefix of a chat list row whose room has unsent text");
}

QString ChatListText::preview(const market::ChatListRow& row)
{
    if (previewIsDraft(row))
        return draftPrefix() + u' ' + previewBody(row);
    return previewBody(row);
}

QString ChatListText::previewBody(const market::ChatListRow& row)
{
    if (previewIsDraft(row))
        return row.draft.simplified();
    if (row.lastMessage && !row.lastMessage->text.isEmpty())
        return row.lastMessage->text.simplified();
    if (row.section == market::ListKind::Purchased)
        return tr("Purchased");
    return tr("No messages yet");
}

QString ChatListText::buyers(int count)
{
    return tr("%n buyer(s)", "people who wrote in the room of an item I sell", count);
}

QString ChatListText::price(const market::ChatListRow& row)
{
    const QString text = market::formatPrice(row.price);
    return text.isEmpty() ? tr("No price") : text;
}

QString ChatListText::accessibleDescription(const market::ChatListRow& row)
{
    QStringList parts;
    parts << (row.name.isEmpty() ? tr("Unnamed item") : row.name) << price(row);
    if (!row.status.isEmpty())
        parts << status(row.status);
    if (row.section == market::ListKind::Selling && row.buyers > 0)
        parts << buyers(row.buyers);
    if (row.unread > 0)
        parts << tr("%1 unread").arg(unreadBadge(row.unread));
    if (row.purchased)
        parts << tr("Purchased");
    parts << preview(row);
    return parts.join(QStringLiteral(", "));
}

} // namespace oiso::ui
