#include "journal.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <deque>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcJournal, "oiso.server.journal")

namespace oiso::server {

namespace {

constexpr quint32 kRecordMagic = 0x4F49534Fu; // "OISO"
constexpr int kHeaderBytes = 12;              // magic, payload length, CRC-32 (little endian)
constexpr quint32 kMaxRecordBytes = 512u * 1024 * 1024;
const QByteArray kSnapshotMagic = QByteArrayLiteral("OISO-SNAPSHOT 1 ");

QString segmentName(std::uint64_t n)
{
    return QStringLiteral("log-%1.oisolog").arg(n, 8, 10, QLatin1Char('0'));
}

quint32 readLe32(const char* p)
{
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return quint32(u[0]) | quint32(u[1]) << 8 | quint32(u[2]) << 16 | quint32(u[3]) << 24;
}

void appendLe32(QByteArray& out, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        out += char((v >> (8 * i)) & 0xFF);
}

quint32 crcOf(const char* data, qsizetype size)
{
    return quint32(
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(data), static_cast<uInt>(size)));
}

// Forces written data to stable storage (fdatasync, or its platform equivalent).
bool syncDescriptor(int fd)
{
#if defined(Q_OS_WIN)
    return _commit(fd) == 0;
#elif defined(Q_OS_MACOS)
    return fcntl(fd, F_FULLFSYNC) == 0 || fsync(fd) == 0;
#else
    return fdatasync(fd) == 0;
#endif
}

// A new or renamed directory entry is durable only once the directory itself is synced.
void syncDirectory(const QString& path)
{
#ifndef Q_OS_WIN
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(path);
#endif
}

// An open segment; the descriptor closes when the last user (appender or sync thread) lets go,
// so a rotation never closes a file under a running fdatasync.
struct Segment {
    int fd = -1;
    ~Segment()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

struct Journal::Private {
    QString directory;
    std::mutex mutex;
    std::condition_variable changed;
    std::shared_ptr<Segment> segment;
    std::uint64_t segmentNumber = 0;
    std::uint64_t appended = 0;
    std::uint64_t synced = 0;
    qint64 bytesSinceSnapshot = 0;
    bool failed = false;
    bool stopping = false;
    std::deque<std::pair<std::uint64_t, std::function<void()>>> callbacks;
    std::thread syncThread;

    bool openSegment(std::uint64_t number, QString* error)
    {
        const QString path = QDir(directory).filePath(segmentName(number));
        auto next = std::make_shared<Segment>();
#ifdef Q_OS_WIN
        next->fd = ::_open(QFile::encodeName(path).constData(),
                           _O_WRONLY | _O_APPEND | _O_CREAT | _O_BINARY, 0600);
#else
        next->fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
#endif
        if (next->fd < 0) {
            if (error)
                *error = QStringLiteral("Cannot open %1: %2")
                             .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        syncDirectory(directory);
        segment = std::move(next);
        segmentNumber = number;
        return true;
    }

    void syncLoop()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            changed.wait(lock,
                         [this] { return stopping || appended > synced || readyCallbacks(); });
            if (appended > synced && !failed) {
                const std::uint64_t target = appended;
                const auto file = segment; // keeps the descriptor open during the sync
                lock.unlock();
                const bool ok = syncDescriptor(file->fd);
                lock.lock();
                if (ok) {
                    synced = std::max(synced, target);
                } else {
                    failed = true;
                    qCCritical(lcJournal)
                        << "cannot sync the journal to disk:" << std::strerror(errno)
                        << "- writes will not be acknowledged";
                }
            }
            std::vector<std::function<void()>> ready;
            while (!callbacks.empty() && callbacks.front().first <= synced) {
                ready.push_back(std::move(callbacks.front().second));
                callbacks.pop_front();
            }
            changed.notify_all(); // sync() waiters
            if (!ready.empty()) {
                lock.unlock();
                for (auto& callback : ready)
                    callback();
                lock.lock();
            }
            if (stopping && (appended <= synced || failed) && !readyCallbacks())
                return;
        }
    }

    bool readyCallbacks() const
    {
        return !callbacks.empty() && callbacks.front().first <= synced;
    }

    // Reads one segment's records. A bad record ends the segment: for the newest segment that
    // is a torn write (the file is cut back to the last good record); in an older one it is
    // damage that would silently drop later writes, so it is an error.
    bool readSegment(std::uint64_t number, bool isLast, Recovered& out, QString* error)
    {
        const QString path = QDir(directory).filePath(segmentName(number));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        const QByteArray data = file.readAll();
        file.close();
        qsizetype offset = 0;
        while (offset < data.size()) {
            const qsizetype left = data.size() - offset;
            bool good = left >= kHeaderBytes && readLe32(data.constData() + offset) == kRecordMagic;
            quint32 length = 0;
            if (good) {
                length = readLe32(data.constData() + offset + 4);
                good = length <= kMaxRecordBytes && left - kHeaderBytes >= qsizetype(length) &&
                       crcOf(data.constData() + offset + kHeaderBytes, length) ==
                           readLe32(data.constData() + offset + 8);
            }
            if (!good) {
                if (!isLast) {
                    *error = QStringLiteral("The journal file %1 is damaged at byte %2; it is "
                                            "not the last one, so later writes would be lost. "
                                            "Restore it from a backup or move it away.")
                                 .arg(path)
                                 .arg(offset);
                    return false;
                }
                out.discardedTailBytes += left;
                if (!QFile::resize(path, offset)) {
                    *error = QStringLiteral("Cannot cut the torn end off %1").arg(path);
                    return false;
                }
                return true;
            }
            out.records.push_back(data.mid(offset + kHeaderBytes, length));
            offset += kHeaderBytes + qsizetype(length);
        }
        return true;
    }
};

Journal::Journal(QString directory)
    : d(std::make_unique<Private>())
{
    d->directory = std::move(directory);
}

Journal::~Journal()
{
    if (d->syncThread.joinable()) {
        {
            std::lock_guard lock(d->mutex);
            d->stopping = true;
        }
        d->changed.notify_all();
        d->syncThread.join();
    }
}

std::optional<Journal::Recovered> Journal::open(QString* error)
{
    QString problem;
    QDir dir(d->directory);
    if (!dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1").arg(d->directory);
        return std::nullopt;
    }
    Recovered recovered;
    std::uint64_t firstSegment = 1;
    QFile snapshot(dir.filePath(QStringLiteral("snapshot.json")));
    if (snapshot.exists()) {
        if (!snapshot.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("Cannot read %1").arg(snapshot.fileName());
            return std::nullopt;
        }
        const QByteArray header = snapshot.readLine();
        bool ok = header.startsWith(kSnapshotMagic);
        if (ok)
            firstSegment = header.mid(kSnapshotMagic.size()).trimmed().toULongLong(&ok);
        if (!ok) {
            if (error)
                *error = QStringLiteral("%1 is not a snapshot of ours").arg(snapshot.fileName());
            return std::nullopt;
        }
        recovered.snapshot = snapshot.readAll();
    }

    std::vector<std::uint64_t> segments;
    const QStringList names = dir.entryList({QStringLiteral("log-*.oisolog")}, QDir::Files);
    for (const QString& name : names) {
        bool ok = false;
        const std::uint64_t n = name.mid(4, name.size() - 12).toULongLong(&ok);
        if (!ok)
            continue;
        if (n < firstSegment)
            QFile::remove(dir.filePath(name)); // covered by the snapshot; left by a crash
        else
            segments.push_back(n);
    }
    std::sort(segments.begin(), segments.end());
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (!d->readSegment(segments[i], i + 1 == segments.size(), recovered, &problem)) {
            if (error)
                *error = problem;
            return std::nullopt;
        }
    }
    const std::uint64_t current = segments.empty() ? firstSegment : segments.back();
    if (!d->openSegment(current, &problem)) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    d->bytesSinceSnapshot = 0;
    for (const QByteArray& r : recovered.records)
        d->bytesSinceSnapshot += r.size() + kHeaderBytes;
    d->syncThread = std::thread([this] { d->syncLoop(); });
    return recovered;
}

std::uint64_t Journal::append(QByteArrayView payload)
{
    QByteArray record;
    record.reserve(kHeaderBytes + payload.size());
    appendLe32(record, kRecordMagic);
    appendLe32(record, quint32(payload.size()));
    appendLe32(record, crcOf(payload.data(), payload.size()));
    record.append(payload.data(), payload.size());

    std::lock_guard lock(d->mutex);
    qsizetype written = 0;
    while (!d->failed && written < record.size()) {
        const auto n = ::write(d->segment->fd, record.constData() + written,
                               static_cast<std::size_t>(record.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            d->failed = true;
            qCCritical(lcJournal) << "cannot write the journal:" << std::strerror(errno)
                                  << "- writes will not be acknowledged";
            break;
        }
        written += n;
    }
    d->bytesSinceSnapshot += record.size();
    const std::uint64_t seq = ++d->appended;
    d->changed.notify_all();
    return seq;
}

void Journal::whenDurable(std::uint64_t seq, std::function<void()> done)
{
    {
        std::lock_guard lock(d->mutex);
        d->callbacks.emplace_back(seq, std::move(done));
    }
    d->changed.notify_all();
}

void Journal::sync()
{
    std::unique_lock lock(d->mutex);
    const std::uint64_t target = d->appended;
    d->changed.notify_all();
    d->changed.wait(lock,
                    [&] { return d->synced >= target || d->failed || !d->syncThread.joinable(); });
}

std::uint64_t Journal::lastSequence() const
{
    std::lock_guard lock(d->mutex);
    return d->appended;
}

std::uint64_t Journal::beginSnapshot()
{
    std::lock_guard lock(d->mutex);
    // Records of the old segment must be durable before the snapshot can replace them; sync it
    // here so the sync thread only ever deals with the newest segment.
    if (d->segment && !syncDescriptor(d->segment->fd))
        d->failed = true;
    if (!d->failed)
        d->synced = d->appended;
    QString error;
    const std::uint64_t next = d->segmentNumber + 1;
    if (!d->openSegment(next, &error)) {
        qCCritical(lcJournal) << error;
        d->failed = true;
    }
    d->bytesSinceSnapshot = 0;
    d->changed.notify_all();
    return next;
}

bool Journal::finishSnapshot(std::uint64_t token, const QByteArray& treeJson, QString* error)
{
    QDir dir(d->directory);
    QSaveFile file(dir.filePath(QStringLiteral("snapshot.json")));
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(kSnapshotMagic + QByteArray::number(quint64(token)) + '\n');
    file.write(treeJson);
    // QSaveFile::commit() flushes, fsyncs and renames over the old snapshot.
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    syncDirectory(d->directory);
    const QStringList names = dir.entryList({QStringLiteral("log-*.oisolog")}, QDir::Files);
    for (const QString& name : names) {
        bool ok = false;
        const std::uint64_t n = name.mid(4, name.size() - 12).toULongLong(&ok);
        if (ok && n < token)
            QFile::remove(dir.filePath(name));
    }
    return true;
}

qint64 Journal::bytesSinceSnapshot() const
{
    std::lock_guard lock(d->mutex);
    return d->bytesSinceSnapshot;
}

} // namespace oiso::server
