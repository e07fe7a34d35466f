#pragma once

#include "market/item.h"

#include <QPixmap>
#include <QUrl>
#include <QWidget>

#include <optional>

class QLabel;

namespace oiso::ui {

class StatusPillLabel;
class ThumbnailLoader;

// The top of a chat window: the item's photo (loaded asynchronously, a placeholder meanwhile and
// when it cannot be had), its name, price ("15,000원"), status (the chat list's pill) and
// seller.
class ChatHeader : public QWidget {
    Q_OBJECT

public:
    explicit ChatHeader(ThumbnailLoader& thumbnails, QWidget* parent = nullptr);

    void setItem(const std::optional<market::Item>& item, const QUrl& imageUrl);
    bool hasPhoto() const { return m_hasPhoto; }

    static constexpr int kPhotoSize = 52;

protected:
    void changeEvent(QEvent* event) override;

private:
    void showPhoto();
    QPixmap placeholder() const;

    ThumbnailLoader& m_thumbnails;
    std::optional<market::Item> m_item;
    QUrl m_imageUrl;
    bool m_hasPhoto = false;
    QLabel* m_photo;
    QLabel* m_name;
    QLabel* m_price;
    StatusPillLabel* m_status;
    QLabel* m_seller;
};

} // namespace oiso::ui
