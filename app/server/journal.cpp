#include "journal.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QtEndian>

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#ifdef Q_OS_WIN
// Windows has to compile in spirit only: the CRT's POSIX-style calls stand in.
#include <io.h>
#define O_CLOEXEC O_BINARY
#define fsync _commit
#define fdatasync _commit
#define ftruncate _chsize_s
#else
#include <sys/uio.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcJournal, "oiso.server.journal")

namespace oiso::server {

namespace {

// On-disk format. A record: magic, payload length and CRC-32 of the payload (each 32-bit little
// endian), then the payload. The snapshot: one header line naming the first segment it does not
// cover, then the JSON of the tree.
constexpr quint32 kRecordMagic = 0x4F49534Fu; // "OISO" as read little endian
constexpr qsizetype kHeaderBytes = 12;
constexpr quint32 kMaxRecordBytes = 512u * 1024 * 1024;
constexpr char kSnapshotMagic[] = "OISO-SNAPSHOT 1 ";
const QLatin1String kSnapshotFile("snapshot.json");
const QLatin1String kSnapshotTempFile("snapshot.json.tmp");
const QLatin1String kSegmentPrefix("log-");
const QLatin1String kSegmentSuffix(".oisolog");

QString segmentName(std::uint64_t n)
{
    return kSegmentPrefix % QStringLiteral("%1").arg(n, 8, 10, QLatin1Char('0')) % kSegmentSuffix;
}

// Segment numbers present in the directory, ascending.
std::vector<std::uint64_t> segmentsIn(const QDir& dir)
{
    std::vector<std::uint64_t> numbers;
    const QStringList names =
        dir.entryList({kSegmentPrefix % QLatin1Char('*') % kSegmentSuffix}, QDir::Files);
    for (const QString& name : names) {
        bool ok = false;
        const auto digits =
            QStringView(name).sliced(kSegmentPrefix.size()).chopped(kSegmentSuffix.size());
        if (const std::uint64_t n = digits.toULongLong(&ok); ok && n > 0)
            numbers.push_back(n);
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

quint32 crcOf(const char* data, qsizetype size)
{
    // An empty view may have no data pointer; zlib answers 0 for it, the CRC of nothing.
    return quint32(crc32(0L, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(size)));
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Thin wrappers over the system calls durability depends on.
namespace files {

int openWith(const QString& path, int flags)
{
    return ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC, 0600);
}

// Keeps errno of the failure that matters. Never retried: after EINTR the descriptor is gone.
void closeFile(int fd)
{
    const int saved = errno;
    ::close(fd);
    errno = saved;
}

bool writeFully(int fd, const char* data, qsizetype size)
{
    while (size > 0) {
        const auto n = ::write(fd, data, static_cast<decltype(sizeof 0)>(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// Header and payload in one system call and no copy of the payload.
bool writeRecord(int fd, const char* header, qsizetype headerSize, QByteArrayView payload)
{
#ifdef Q_OS_WIN
    return writeFully(fd, header, headerSize) && writeFully(fd, payload.data(), payload.size());
#else
    iovec parts[2] = {{const_cast<char*>(header), std::size_t(headerSize)},
                      {const_cast<char*>(payload.data()), std::size_t(payload.size())}};
    ssize_t n = -1;
    do {
        n = ::writev(fd, parts, 2);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return false;
    if (n < headerSize) // a short write (full disk, signal) goes on with plain writes
        return writeFully(fd, header + n, headerSize - n) &&
               writeFully(fd, payload.data(), payload.size());
    return writeFully(fd, payload.data() + (n - headerSize), payload.size() - (n - headerSize));
#endif
}

// fdatasync for appends (it still syncs a changed size); a full fsync for whole files and
// directories. On macOS fsync() stops at the drive's cache and only F_FULLFSYNC flushes it;
// file systems that refuse F_FULLFSYNC get the best they offer.
bool syncToDisk(int fd, bool withMetadata)
{
#ifdef Q_OS_MACOS
    if (::fcntl(fd, F_FULLFSYNC) == 0)
        return true;
#endif
    int result = -1;
    do {
        result = withMetadata ? ::fsync(fd) : ::fdatasync(fd);
    } while (result < 0 && errno == EINTR);
    return result == 0;
}

// A created, renamed or truncated file is only durable once its directory entry is.
bool syncDirectory(const QString& path)
{
#ifdef Q_OS_WIN
    Q_UNUSED(path); // NTFS journals directory changes itself; a directory cannot be synced
    return true;
#else
    const int fd = openWith(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    // Some file systems cannot sync a directory at all; nothing more can be done there.
    const bool ok = syncToDisk(fd, true) || errno == EINVAL || errno == ENOTSUP;
    closeFile(fd);
    return ok;
#endif
}

bool truncateDurably(const QString& path, qint64 size)
{
    const int fd = openWith(path, O_WRONLY);
    const bool ok = fd >= 0 && ::ftruncate(fd, size) == 0 && syncToDisk(fd, true);
    if (fd >= 0)
        closeFile(fd);
    return ok;
}

// Atomically replaces `to`: rename() on POSIX, MoveFileEx with replacement on Windows.
bool replaceFile(const QString& from, const QString& to)
{
    std::error_code failure;
    std::filesystem::rename(from.toStdU16String(), to.toStdU16String(), failure);
    errno = failure.value();
    return !failure;
}

} // namespace files

// An open segment. Shared between the appenders and the sync thread, so a rotation never closes
// a descriptor under a running fdatasync.
struct Segment {
    int fd = -1;
    ~Segment() { files::closeFile(fd); }
};

} // namespace

struct Journal::Private {
    QString directory;

    // Guards everything below; held only for short, non-blocking work (a buffered write), except
    // in beginSnapshot(), which already runs under the caller's write lock.
    mutable std::mutex mutex;
    std::condition_variable work;     // wakes the sync thread
    std::condition_variable progress; // wakes sync() waiters
    std::shared_ptr<Segment> segment;
    std::uint64_t segmentNumber = 0;
    std::uint64_t appended = 0;
    std::uint64_t synced = 0;
    qint64 bytesSinceSnapshot = 0;
    // Set on the first write or sync error and never cleared: after a failed fdatasync the page
    // cache no longer says what is on disk, so nothing later may be acknowledged (the records
    // stay unacknowledged, their callbacks never run; a restart recovers what did reach disk).
    bool failed = false;
    bool running = false;
    bool stopping = false;
    // In registration order, which callers make commit order by registering under the lock
    // they append under. A strict queue, so a callback for something already durable still
    // waits for the ones registered before it, and none runs before its own seq is durable.
    std::deque<std::pair<std::uint64_t, std::function<void()>>> callbacks;
    std::function<void()> afterCallbacks; // set before open(); runs on the sync thread only
    std::thread syncThread;

    // Serialises finishSnapshot() calls; never taken together with `mutex` held.
    std::mutex snapshotMutex;
    std::uint64_t snapshotToken = 0; // first segment not covered by snapshot.json

    QString filePath(const QString& name) const { return QDir(directory).filePath(name); }

    void fail(const QString& why)
    {
        if (!failed)
            qCCritical(lcJournal) << why << "- writes will no longer be acknowledged";
        failed = true;
        progress.notify_all();
    }

    bool needsSync() const { return appended > synced && !failed; }
    bool hasReadyCallbacks() const
    {
        return !callbacks.empty() && callbacks.front().first <= synced;
    }

    bool openSegment(std::uint64_t number, QString* error)
    {
        const QString path = filePath(segmentName(number));
        const int fd = files::openWith(path, O_WRONLY | O_APPEND | O_CREAT);
        if (fd < 0) {
            *error = QStringLiteral("Cannot open %1: %2").arg(path, systemError(errno));
            return false;
        }
        std::shared_ptr<Segment> opened(new Segment{fd});
        // Records in a new file are only durable once its directory entry is.
        if (!files::syncDirectory(directory)) {
            *error =
                QStringLiteral("Cannot sync the folder %1: %2").arg(directory, systemError(errno));
            return false;
        }
        segment = std::move(opened);
        segmentNumber = number;
        return true;
    }

    // Group commit: one fdatasync covers every record appended while the previous one ran.
    void syncLoop()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            work.wait(lock, [this] { return stopping || needsSync() || hasReadyCallbacks(); });
            if (needsSync()) {
                const std::uint64_t target = appended;
                const std::shared_ptr<Segment> file = segment;
                lock.unlock();
                const bool ok = files::syncToDisk(file->fd, false);
                const int syncError = errno;
                lock.lock();
                if (ok) {
                    synced = std::max(synced, target);
                    progress.notify_all();
                } else {
                    fail(QStringLiteral("Cannot sync the journal to disk: ") %
                         systemError(syncError));
                }
            }
            runReadyCallbacks(lock);
            if (stopping && !needsSync() && !hasReadyCallbacks())
                return;
        }
    }

    // Outside the mutex: callbacks hand results to other threads and may append again.
    void runReadyCallbacks(std::unique_lock<std::mutex>& lock)
    {
        std::vector<std::function<void()>> ready;
        while (hasReadyCallbacks()) {
            ready.push_back(std::move(callbacks.front().second));
            callbacks.pop_front();
        }
        if (ready.empty())
            return;
        lock.unlock();
        for (auto& callback : ready)
            callback();
        if (afterCallbacks)
            afterCallbacks();
        ready.clear(); // captured state dies outside the lock too
        lock.lock();
    }

    // Reads one segment's records. A bad record (wrong magic, impossible length, CRC mismatch or
    // cut short) ends the newest segment: it is the torn end of writes in flight at a crash.
    // Those were never acknowledged, and since unsynced pages can reach the disk in any order,
    // intact-looking records behind it are not trustworthy either, so the file is cut back to the
    // last good record. In an older segment the same damage cannot come from a crash (a segment
    // is synced before the next one is created), and skipping it would silently drop the
    // acknowledged writes after it, so it is an error and the database refuses to start.
    bool readSegment(std::uint64_t number, bool isLast, Recovered& out, QString* error)
    {
        const QString path = filePath(segmentName(number));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        const QByteArray data = file.readAll();
        file.close();
        const char* base = data.constData();
        qsizetype offset = 0;
        while (offset < data.size()) {
            const qsizetype left = data.size() - offset;
            bool good =
                left >= kHeaderBytes && qFromLittleEndian<quint32>(base + offset) == kRecordMagic;
            quint32 length = 0;
            if (good) {
                length = qFromLittleEndian<quint32>(base + offset + 4);
                good = length <= kMaxRecordBytes && left - kHeaderBytes >= qsizetype(length) &&
                       crcOf(base + offset + kHeaderBytes, length) ==
                           qFromLittleEndian<quint32>(base + offset + 8);
            }
            if (!good) {
                if (!isLast) {
                    *error = QStringLiteral("The journal file %1 is damaged at byte %2; later "
                                            "files hold newer writes, so it cannot be cut off. "
                                            "Restore it from a backup or move it away.")
                                 .arg(path)
                                 .arg(offset);
                    return false;
                }
                if (!files::truncateDurably(path, offset)) {
                    *error = QStringLiteral("Cannot cut the torn end off %1: %2")
                                 .arg(path, systemError(errno));
                    return false;
                }
                qCWarning(lcJournal) << "cut" << left << "bytes of a torn write off" << path;
                out.discardedTailBytes += left;
                return true;
            }
            out.records.push_back(data.mid(offset + kHeaderBytes, length));
            bytesSinceSnapshot += kHeaderBytes + qsizetype(length);
            offset += kHeaderBytes + qsizetype(length);
        }
        return true;
    }

    bool readSnapshot(Recovered& out, QString* error)
    {
        QFile file(filePath(kSnapshotFile));
        if (!file.exists())
            return true;
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        const QByteArray header = file.readLine();
        bool ok = header.startsWith(kSnapshotMagic);
        if (ok)
            snapshotToken =
                header.mid(qsizetype(sizeof kSnapshotMagic - 1)).trimmed().toULongLong(&ok);
        if (!ok || snapshotToken == 0) {
            *error = QStringLiteral("%1 is not a snapshot of ours").arg(file.fileName());
            return false;
        }
        out.snapshot = file.readAll();
        return true;
    }

    bool recover(Recovered& out, QString* error)
    {
        const QDir dir(directory);
        if (!dir.mkpath(QStringLiteral("."))) {
            *error = QStringLiteral("Cannot create the folder %1").arg(directory);
            return false;
        }
        QFile::remove(filePath(kSnapshotTempFile)); // an unfinished snapshot; the old one stands
        if (!readSnapshot(out, error))
            return false;
        const std::uint64_t first = std::max<std::uint64_t>(snapshotToken, 1);
        std::vector<std::uint64_t> segments;
        for (const std::uint64_t n : segmentsIn(dir)) {
            if (n < first)
                QFile::remove(filePath(segmentName(n))); // covered; a crash kept it
            else
                segments.push_back(n);
        }
        // Segments are numbered without gaps from the one the snapshot names (or 1), and a
        // segment only disappears once a snapshot covers it, so a gap is lost data.
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (segments[i] != first + i) {
                *error = QStringLiteral("The journal file %1 is missing from %2; restore it "
                                        "from a backup.")
                             .arg(segmentName(first + i), directory);
                return false;
            }
            if (!readSegment(segments[i], i + 1 == segments.size(), out, error))
                return false;
        }
        return openSegment(segments.empty() ? first : segments.back(), error);
    }

    bool writeSnapshotFile(std::uint64_t token, const QByteArray& treeJson, QString* error)
    {
        const QString temp = filePath(kSnapshotTempFile);
        const QByteArray header = kSnapshotMagic + QByteArray::number(quint64(token)) + '\n';
        const int fd = files::openWith(temp, O_WRONLY | O_CREAT | O_TRUNC);
        const bool ok = fd >= 0 && files::writeFully(fd, header.constData(), header.size()) &&
                        files::writeFully(fd, treeJson.constData(), treeJson.size()) &&
                        files::syncToDisk(fd, true);
        if (fd >= 0)
            files::closeFile(fd);
        if (!ok) {
            *error = QStringLiteral("Cannot write %1: %2").arg(temp, systemError(errno));
            QFile::remove(temp);
            return false;
        }
        // Until the rename the old snapshot and every segment stay; after the directory sync the
        // new snapshot stands, and the covered segments are only clutter (open() removes them).
        if (!files::replaceFile(temp, filePath(kSnapshotFile)) ||
            !files::syncDirectory(directory)) {
            *error = QStringLiteral("Cannot put the snapshot in place in %1: %2")
                         .arg(directory, systemError(errno));
            return false;
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
    if (!d->syncThread.joinable())
        return;
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->work.notify_all();
    d->syncThread.join();
}

std::optional<Journal::Recovered> Journal::open(QString* error)
{
    QString problem;
    Recovered recovered;
    {
        std::lock_guard lock(d->mutex);
        Q_ASSERT(!d->running); // opened once
        d->running = d->recover(recovered, &problem);
        if (!d->running)
            d->bytesSinceSnapshot = 0; // nothing for a caller to snapshot
    }
    if (!d->running) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    d->syncThread = std::thread([this] { d->syncLoop(); });
    return recovered;
}

std::uint64_t Journal::append(QByteArrayView payload)
{
    // Framing and the CRC happen before the lock; under it only a buffered write remains.
    char header[kHeaderBytes];
    qToLittleEndian(kRecordMagic, header);
    qToLittleEndian(quint32(payload.size()), header + 4);
    qToLittleEndian(crcOf(payload.data(), payload.size()), header + 8);

    std::lock_guard lock(d->mutex);
    if (!d->running) {
        d->fail(QStringLiteral("append() before a successful open()"));
    } else if (payload.size() > qsizetype(kMaxRecordBytes)) {
        // Recovery would take it for damage; writing it would hide every later record.
        d->fail(
            QStringLiteral("A journal record of %1 bytes is over the limit").arg(payload.size()));
    } else if (!d->failed && !files::writeRecord(d->segment->fd, header, kHeaderBytes, payload)) {
        d->fail(QStringLiteral("Cannot write the journal: ") % systemError(errno));
    }
    d->bytesSinceSnapshot += kHeaderBytes + payload.size();
    const std::uint64_t seq = ++d->appended;
    d->work.notify_one();
    return seq;
}

void Journal::whenDurable(std::uint64_t seq, std::function<void()> done)
{
    std::lock_guard lock(d->mutex);
    d->callbacks.emplace_back(seq, std::move(done));
    // Otherwise the sync thread is already due to sync what the queue waits for.
    if (d->hasReadyCallbacks())
        d->work.notify_one();
}

void Journal::setAfterCallbacks(std::function<void()> hook)
{
    std::lock_guard lock(d->mutex);
    Q_ASSERT(!d->running); // the sync thread reads it without the lock
    d->afterCallbacks = std::move(hook);
}

void Journal::sync()
{
    std::unique_lock lock(d->mutex);
    const std::uint64_t target = d->appended;
    d->progress.wait(
        lock, [&] { return d->synced >= target || d->failed || d->stopping || !d->running; });
}

std::uint64_t Journal::lastSequence() const
{
    std::lock_guard lock(d->mutex);
    return d->appended;
}

std::uint64_t Journal::beginSnapshot()
{
    std::lock_guard lock(d->mutex);
    if (!d->running || d->failed)
        return 0;
    // The old segment is synced before the new one exists, so after a crash only the newest
    // segment can have a torn end, and damage in an older one is never mistaken for it. The
    // fdatasync blocks appenders, but the caller holds its write lock anyway and this happens
    // once per snapshot.
    if (!files::syncToDisk(d->segment->fd, false)) {
        d->fail(QStringLiteral("Cannot sync the journal to disk: ") % systemError(errno));
        return 0;
    }
    d->synced = d->appended;
    d->progress.notify_all();
    d->work.notify_one(); // callbacks up to here are due
    QString error;
    if (!d->openSegment(d->segmentNumber + 1, &error)) {
        d->fail(error);
        return 0;
    }
    d->bytesSinceSnapshot = 0;
    return d->segmentNumber;
}

bool Journal::finishSnapshot(std::uint64_t token, const QByteArray& treeJson, QString* error)
{
    QString problem;
    std::lock_guard snapshotLock(d->snapshotMutex);
    std::uint64_t current = 0;
    {
        std::lock_guard lock(d->mutex);
        current = d->segmentNumber;
    }
    // A stale token would name segments an already written, newer snapshot has deleted.
    if (token == 0 || token > current || token <= d->snapshotToken)
        problem = QStringLiteral("No snapshot is due for token %1").arg(token);
    else if (d->writeSnapshotFile(token, treeJson, &problem))
        d->snapshotToken = token;
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    for (const std::uint64_t n : segmentsIn(QDir(d->directory))) {
        if (n < token)
            QFile::remove(d->filePath(segmentName(n)));
    }
    return true;
}

qint64 Journal::bytesSinceSnapshot() const
{
    std::lock_guard lock(d->mutex);
    return d->bytesSinceSnapshot;
}

} // namespace oiso::server
