// Thumbnails: decoded off the GUI thread and cropped square, kept in memory and on disk, and
// every way a picture can fail ends in the placeholder (a null pixmap, status Failed) without
// being fetched again on every paint. A scripted HTTP server plays the image host.

#include "rtdb/fault_server.h"
#include "ui/chatlist/thumbnail_loader.h"

#include <QBuffer>
#include <QImage>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using oiso::test::FaultServer;
using oiso::test::RecordedRequest;
using oiso::ui::ThumbnailLoader;
using Status = oiso::ui::ThumbnailLoader::Status;

namespace {

constexpr int kWaitMs = 20'000;

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The image host: a few paths, each a different way for a picture to arrive or not.
void imageHost(QTcpSocket* socket, const RecordedRequest& request, int)
{
    const QByteArray path = request.target;
    const QByteArray cacheable = "Cache-Control: max-age=3600\r\n";
    if (path == "/ok.png" || path == "/other.png" || path.startsWith("/n")) {
        FaultServer::respond(socket, 200, png(300, 200), cacheable);
    } else if (path == "/big.png") {
        FaultServer::respond(socket, 200, png(300, 200) + QByteArray(64 * 1024, 'x'));
    } else if (path == "/garbage.png") {
        FaultServer::respond(socket, 200, "this is not a picture");
    } else if (path == "/to-ok") {
        FaultServer::respond(socket, 302, {}, "Location: /ok.png\r\n");
    } else if (path == "/to-ftp") {
        FaultServer::respond(socket, 302, {}, "Location: ftp://127.0.0.1/ok.png\r\n");
    } else {
        FaultServer::respond(socket, 404, "missing");
    }
}

int requestsFor(const FaultServer& server, const QByteArray& path)
{
    int count = 0;
    for (const RecordedRequest& request : server.requests())
        count += request.target == path ? 1 : 0;
    return count;
}

} // namespace

class TestThumbnailLoader : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void decodesCroppedSquareOffTheGuiThread();
    void failuresEndInThePlaceholder_data();
    void failuresEndInThePlaceholder();
    void onlyHttpIsFetched();
    void failedPicturesAreNotRetriedOnEveryPaint();
    void diskCacheServesTheNextRun();
    void manyPicturesAllArriveThroughFewConnections();

private:
    ThumbnailLoader::Options options() const
    {
        ThumbnailLoader::Options o;
        o.cacheDirectory = m_cache->path();
        o.maxImageBytes = 32 * 1024;
        o.pixelSize = 160;
        return o;
    }
    QUrl url(const char* path) const { return QUrl(m_server->url() + QLatin1String(path)); }

    std::unique_ptr<FaultServer> m_server;
    std::unique_ptr<QTemporaryDir> m_cache;
};

void TestThumbnailLoader::init()
{
    m_server = std::make_unique<FaultServer>(imageHost);
    m_cache = std::make_unique<QTemporaryDir>();
}

void TestThumbnailLoader::cleanup()
{
    m_server.reset();
    m_cache.reset();
}

void TestThumbnailLoader::decodesCroppedSquareOffTheGuiThread()
{
    QNetworkAccessManager network;
    ThumbnailLoader loader(network, options());
    QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
    QVERIFY(loader.thumbnail(url("/ok.png")).isNull()); // never waits: asks, and answers later
    QCOMPARE(loader.status(url("/ok.png")), Status::Loading);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, kWaitMs);
    const QPixmap pixmap = loader.thumbnail(url("/ok.png"));
    QCOMPARE(pixmap.size(), QSize(160, 160));
    QCOMPARE(loader.status(url("/ok.png")), Status::Ready);
    // A redirect within http(s) is followed.
    loader.thumbnail(url("/to-ok"));
    QTRY_COMPARE_WITH_TIMEOUT(loader.status(url("/to-ok")), Status::Ready, kWaitMs);
}

void TestThumbnailLoader::failuresEndInThePlaceholder_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("not found") << QStringLiteral("/missing.png");
    QTest::newRow("too big") << QStringLiteral("/big.png");
    QTest::newRow("not a picture") << QStringLiteral("/garbage.png");
    QTest::newRow("redirect to another scheme") << QStringLiteral("/to-ftp");
}

void TestThumbnailLoader::failuresEndInThePlaceholder()
{
    QFETCH(QString, path);
    QNetworkAccessManager network;
    ThumbnailLoader loader(network, options());
    QSignalSpy failed(&loader, &ThumbnailLoader::thumbnailFailed);
    const QUrl target(m_server->url() + path);
    QVERIFY(loader.thumbnail(target).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWaitMs);
    QCOMPARE(loader.status(target), Status::Failed);
    QVERIFY(loader.thumbnail(target).isNull());
}

void TestThumbnailLoader::onlyHttpIsFetched()
{
    QNetworkAccessManager network;
    ThumbnailLoader loader(network, options());
    for (const QUrl& target :
         {QUrl(QStringLiteral("file:///etc/passwd")), QUrl(QStringLiteral("ftp://127.0.0.1/a.png")),
          QUrl(QStringLiteral("static/images/a.png")), QUrl()}) {
        QVERIFY(loader.thumbnail(target).isNull());
        QCOMPARE(loader.status(target), Status::Failed);
    }
    QCOMPARE(m_server->requestCount(), 0);
}

void TestThumbnailLoader::failedPicturesAreNotRetriedOnEveryPaint()
{
    QNetworkAccessManager network;
    ThumbnailLoader loader(network, options());
    QSignalSpy failed(&loader, &ThumbnailLoader::thumbnailFailed);
    QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
    loader.thumbnail(url("/missing.png"));
    loader.thumbnail(url("/ok.png"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, kWaitMs);
    for (int paint = 0; paint < 20; ++paint) {
        loader.thumbnail(url("/missing.png"));
        loader.thumbnail(url("/ok.png"));
    }
    QCOMPARE(requestsFor(*m_server, "/missing.png"), 1);
    QCOMPARE(requestsFor(*m_server, "/ok.png"), 1);
}

void TestThumbnailLoader::diskCacheServesTheNextRun()
{
    {
        QNetworkAccessManager network;
        ThumbnailLoader loader(network, options());
        loader.thumbnail(url("/other.png"));
        QTRY_COMPARE_WITH_TIMEOUT(loader.status(url("/other.png")), Status::Ready, kWaitMs);
    }
    QNetworkAccessManager network;
    ThumbnailLoader next(network, options());
    next.thumbnail(url("/other.png"));
    QTRY_COMPARE_WITH_TIMEOUT(next.status(url("/other.png")), Status::Ready, kWaitMs);
    QCOMPARE(requestsFor(*m_server, "/other.png"), 1); // the second run read it from disk
}

void TestThumbnailLoader::manyPicturesAllArriveThroughFewConnections()
{
    QNetworkAccessManager network;
    ThumbnailLoader::Options few = options();
    few.maxConcurrent = 2;
    ThumbnailLoader loader(network, few);
    QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady);
    for (int i = 0; i < 12; ++i)
        loader.thumbnail(QUrl(m_server->url() + QStringLiteral("/n%1.png").arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 12, kWaitMs);
}

QTEST_MAIN(TestThumbnailLoader)
#include "tst_thumbnail_loader.moc"
