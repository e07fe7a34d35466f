#include "ui/chat/chat_header.h"

#include "market/price.h"
#include "ui/chatlist/chat_list_text.h"
#include "ui/chatlist/thumbnail_loader.h"
#include "ui/common/status_pill_label.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace oiso::ui {

namespace {

// The photo cropped to a rounded square, drawn at the screen's pixel density.
QPixmap rounded(const QPixmap& source, int size, qreal ratio)
{
    QPixmap out(QSize(size, size) * ratio);
    out.setDevicePixelRatio(ratio);
    out.fill(Qt::transparent);
    QPainter painter(&out);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    QPainterPath clip;
    clip.addRoundedRect(QRectF(0, 0, size, size), size / 6.0, size / 6.0);
    painter.setClipPath(clip);
    const QPixmap scaled = source.scaled(QSize(size, size) * ratio, Qt::KeepAspectRatioByExpanding,
                                         Qt::SmoothTransformation);
    const QSizeF logical = QSizeF(scaled.size()) / ratio;
    painter.drawPixmap(QRectF((size - logical.width()) / 2, (size - logical.height()) / 2,
                              logical.width(), logical.height()),
                       scaled, QRectF(scaled.rect()));
    painter.end();
    return out;
}

} // namespace

ChatHeader::ChatHeader(ThumbnailLoader& thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_thumbnails(thumbnails)
    , m_photo(new QLabel(this))
    , m_name(new QLabel(this))
    , m_price(new QLabel(this))
    , m_status(new StatusPillLabel(this))
    , m_seller(new QLabel(this))
{
    m_photo->setObjectName(QStringLiteral("itemPhoto"));
    m_photo->setFixedSize(kPhotoSize, kPhotoSize);
    m_photo->setAccessibleName(tr("Item photo"));
    m_name->setObjectName(QStringLiteral("itemName"));
    m_price->setObjectName(QStringLiteral("itemPrice"));
    m_status->setObjectName(QStringLiteral("itemStatus"));
    m_seller->setObjectName(QStringLiteral("itemSeller"));
    QFont bold = m_name->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_name->setFont(bold);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name->setTextFormat(Qt::PlainText);
    m_seller->setTextFormat(Qt::PlainText);
    m_price->setTextFormat(Qt::PlainText);
    m_seller->setForegroundRole(QPalette::PlaceholderText);

    auto* details = new QHBoxLayout;
    details->setSpacing(8);
    details->addWidget(m_price);
    details->addWidget(m_status, 0, Qt::AlignVCenter);
    details->addWidget(m_seller);
    details->addStretch();
    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_name);
    text->addLayout(details);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(12, 10, 12, 10);
    row->setSpacing(12);
    row->addWidget(m_photo);
    row->addLayout(text, 1);

    connect(&m_thumbnails, &ThumbnailLoader::thumbnailReady, this, [this](const QUrl& url) {
        if (url == m_imageUrl)
            showPhoto();
    });
    setItem(std::nullopt, {});
}

void ChatHeader::setItem(const std::optional<market::Item>& item, const QUrl& imageUrl)
{
    m_item = item;
    m_imageUrl = imageUrl;
    if (!item) {
        m_name->setText(tr("Loading the item…"));
        m_price->clear();
        m_status->setStatus({}, Tone::Muted);
        m_status->hide();
        m_seller->clear();
    } else {
        m_name->setText(item->name.isEmpty() ? tr("Unnamed item") : item->name);
        const QString price = market::formatPrice(item->price);
        m_price->setText(price.isEmpty() ? tr("No price") : price);
        m_status->setStatus(ChatListText::status(item->status),
                            ChatListText::statusColor(item->status));
        m_status->setVisible(!item->status.isEmpty());
        m_seller->setText(item->seller.isEmpty() ? QString() : tr("Seller: %1").arg(item->seller));
    }
    setAccessibleName(tr("Item"));
    setAccessibleDescription(
        QStringList{m_name->text(), m_price->text(), m_status->text(), m_seller->text()}.join(
            QStringLiteral(", ")));
    showPhoto();
}

QPixmap ChatHeader::placeholder() const
{
    // The name's first letter on a quiet square: recognisable, and never a broken image.
    const qreal ratio = devicePixelRatioF();
    QPixmap out(QSize(kPhotoSize, kPhotoSize) * ratio);
    out.setDevicePixelRatio(ratio);
    out.fill(Qt::transparent);
    QPainter painter(&out);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Midlight));
    painter.drawRoundedRect(QRectF(0, 0, kPhotoSize, kPhotoSize), kPhotoSize / 6.0,
                            kPhotoSize / 6.0);
    const QString initial = m_item && !m_item->name.isEmpty() ? m_item->name.left(1) : QString();
    if (!initial.isEmpty()) {
        QFont font = this->font();
        font.setPixelSize(kPhotoSize / 2);
        painter.setFont(font);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(0, 0, kPhotoSize, kPhotoSize), Qt::AlignCenter, initial);
    }
    painter.end();
    return out;
}

void ChatHeader::showPhoto()
{
    const QPixmap photo = m_imageUrl.isValid() ? m_thumbnails.thumbnail(m_imageUrl) : QPixmap();
    m_hasPhoto = !photo.isNull();
    m_photo->setPixmap(m_hasPhoto ? rounded(photo, kPhotoSize, devicePixelRatioF())
                                  : placeholder());
}

void ChatHeader::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange)
        setItem(m_item, m_imageUrl);
}

} // namespace oiso::ui

#include "moc_chat_header.cpp"
