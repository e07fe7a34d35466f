#include "ui/chatlist/thumbnail_loader.h"

#include <QBuffer>
#include <QFutureWatcher>
#include <QImage>
#include <QImageReader>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QtConcurrent/QtConcurrentRun>

namespace oiso::ui {

namespace {

Q_LOGGING_CATEGORY(lcThumbnails, "oiso.ui.thumbnails")

constexpr int kMaxRedirects = 3;
// Decoding a huge picture only to show 56 pixels of it is wasted memory: QImageReader scales
// while decoding, and pictures claiming more than this are refused outright.
constexpr int kMaxSourceEdge = 12'000;

// Runs on a worker thread: decode at a reduced size, then crop the centre square.
QImage decodeThumbnail(const QByteArray& bytes, int edge)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize source = reader.size();
    if (source.isValid()) {
        if (source.width() > kMaxSourceEdge || source.height() > kMaxSourceEdge)
            return {};
        const QSize scaled = source.scaled(edge, edge, Qt::KeepAspectRatioByExpanding);
        if (scaled.width() < source.width())
            reader.setScaledSize(scaled);
    }
    QImage image = reader.read();
    if (image.isNull())
        return {};
    const QSize covered = image.size().scaled(edge, edge, Qt::KeepAspectRatioByExpanding);
    if (covered != image.size())
        image = image.scaled(covered, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const int side = std::min(image.width(), image.height());
    return image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side);
}

} // namespace

ThumbnailLoader::ThumbnailLoader(QNetworkAccessManager& network, Options options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_options(std::move(options))
{
    m_pixmaps.setMaxCost(m_options.memoryCacheKiB);
    if (!m_options.cacheDirectory.isEmpty()) {
        auto* cache = new QNetworkDiskCache; // the manager takes ownership
        cache->setCacheDirectory(m_options.cacheDirectory);
        cache->setMaximumCacheSize(m_options.maxDiskCacheBytes);
        m_network.setCache(cache);
    }
}

ThumbnailLoader::~ThumbnailLoader()
{
    for (const QPointer<QNetworkReply>& reply : std::as_const(m_inFlight)) {
        if (reply)
            reply->abort();
    }
}

bool ThumbnailLoader::isFetchable(const QUrl& url)
{
    const QString scheme = url.scheme();
    return url.isValid() && !url.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

ThumbnailLoader::Status ThumbnailLoader::status(const QUrl& url) const
{
    if (!isFetchable(url))
        return Status::Failed;
    return m_status.value(url, Status::Unknown);
}

QPixmap ThumbnailLoader::thumbnail(const QUrl& url)
{
    if (const QPixmap* cached = m_pixmaps.object(url))
        return *cached;
    if (!isFetchable(url))
        return {};
    const Status current = m_status.value(url, Status::Unknown);
    // Ready but evicted from memory: fetch again (from the disk cache, normally).
    if (current == Status::Unknown || current == Status::Ready) {
        m_status.insert(url, Status::Loading);
        m_queue.enqueue(url);
        startNext();
    }
    return {};
}

void ThumbnailLoader::startNext()
{
    m_inFlight.removeIf([](const QPointer<QNetworkReply>& reply) { return reply.isNull(); });
    while (!m_queue.isEmpty() && m_inFlight.size() < m_options.maxConcurrent) {
        const QUrl url = m_queue.dequeue();
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                             QNetworkRequest::PreferCache);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::NoLessSafeRedirectPolicy);
        request.setMaximumRedirectsAllowed(kMaxRedirects);
        request.setTransferTimeout(m_options.timeoutMs);
        QNetworkReply* reply = m_network.get(request);
        m_inFlight.append(reply);
        const qint64 limit = m_options.maxImageBytes;
        connect(reply, &QNetworkReply::downloadProgress, this,
                [reply, limit](qint64 received, qint64 total) {
                    if (received > limit || total > limit)
                        reply->abort(); // too big for a thumbnail: finished() reports it
                });
        // A declared length over the limit stops the transfer before the body comes.
        connect(reply, &QNetworkReply::metaDataChanged, this, [reply, limit] {
            if (reply->header(QNetworkRequest::ContentLengthHeader).toLongLong() > limit)
                reply->abort();
        });
        connect(reply, &QNetworkReply::redirected, this, [reply](const QUrl& target) {
            if (!isFetchable(target))
                reply->abort();
        });
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, url] { onFinished(reply, url); });
    }
}

void ThumbnailLoader::onFinished(QNetworkReply* reply, const QUrl& url)
{
    // Frees its slot now (deleteLater would only clear the pointer on a later turn).
    m_inFlight.removeIf([reply](const QPointer<QNetworkReply>& p) { return p == reply; });
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || (status != 0 && status != 200)) {
        qCDebug(lcThumbnails) << "thumbnail failed:" << url.toDisplayString() << status
                              << reply->errorString();
        fail(url);
    } else {
        // The transfer may have completed before an abort could stop it: the limit holds anyway.
        const QByteArray bytes = reply->read(m_options.maxImageBytes + 1);
        if (bytes.size() > m_options.maxImageBytes)
            fail(url);
        else
            decode(url, bytes);
    }
    startNext();
}

void ThumbnailLoader::decode(const QUrl& url, const QByteArray& bytes)
{
    const int edge = m_options.pixelSize;
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, url] {
        watcher->deleteLater();
        const QImage image = watcher->result();
        if (image.isNull()) {
            fail(url);
            return;
        }
        // QPixmap lives on the GUI thread only; the conversion is cheap at thumbnail size.
        auto* pixmap = new QPixmap(QPixmap::fromImage(image));
        const int costKiB = std::max(1, int(qint64(image.sizeInBytes()) / 1024));
        m_pixmaps.insert(url, pixmap, costKiB);
        m_status.insert(url, Status::Ready);
        emit thumbnailReady(url);
    });
    watcher->setFuture(QtConcurrent::run(decodeThumbnail, bytes, edge));
}

void ThumbnailLoader::fail(const QUrl& url)
{
    m_status.insert(url, Status::Failed);
    emit thumbnailFailed(url);
}

} // namespace oiso::ui
