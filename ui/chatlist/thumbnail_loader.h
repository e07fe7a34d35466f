#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QPointer>
#include <QQueue>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace oiso::ui {

// Item thumbnails for the lists: fetched with the injected network manager (for images only —
// the loader gives it a disk cache in the profile's cache folder), decoded and cropped off the
// GUI thread (QtConcurrent), kept in a memory cache. Nothing here ever blocks: thumbnail()
// answers at once with what it has and starts a load; thumbnailReady() says when to repaint.
//
// Only http/https URLs are fetched; redirects are capped and never downgrade; a transfer is cut
// at maxImageBytes or after timeoutMs; anything that fails shows the placeholder for the rest of
// the session instead of being retried on every paint.
class ThumbnailLoader : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString cacheDirectory; // empty: no disk cache
        qint64 maxDiskCacheBytes = 64LL * 1024 * 1024;
        qint64 maxImageBytes = 8LL * 1024 * 1024;
        int pixelSize = 160; // decoded square edge: sharp at 2x for the list's thumbnails
        int maxConcurrent = 4;
        int timeoutMs = 15'000;
        int memoryCacheKiB = 32 * 1024;
    };

    enum class Status { Unknown, Loading, Ready, Failed };

    ThumbnailLoader(QNetworkAccessManager& network, Options options, QObject* parent = nullptr);
    ~ThumbnailLoader() override;

    // The thumbnail when it is decoded; a null pixmap otherwise (then a load is started once,
    // unless the URL failed or is not http(s)).
    QPixmap thumbnail(const QUrl& url);
    Status status(const QUrl& url) const;
    static bool isFetchable(const QUrl& url);

signals:
    void thumbnailReady(const QUrl& url);
    void thumbnailFailed(const QUrl& url);

private:
    void startNext();
    void onFinished(QNetworkReply* reply, const QUrl& url);
    void decode(const QUrl& url, const QByteArray& bytes);
    void fail(const QUrl& url);

    QNetworkAccessManager& m_network;
    Options m_options;
    QCache<QUrl, QPixmap> m_pixmaps;
    QHash<QUrl, Status> m_status;
    QQueue<QUrl> m_queue;
    QList<QPointer<QNetworkReply>> m_inFlight;
};

} // namespace oiso::ui
