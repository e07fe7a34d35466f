// The journal: records come back in order after reopening, durability callbacks run in order
// and only after a sync, concurrent writers share one fdatasync, torn tails are cut off without
// losing earlier records, damage in an older segment is an error, and snapshots replace the
// segments they cover at every point a crash could interrupt them.
#include "server/journal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#ifdef Q_OS_LINUX
#include <dlfcn.h>
#endif

using oiso::server::Journal;

namespace {

// Watches the journal's fdatasync calls: counts the finished ones and, while `held`, keeps new
// ones from reaching the disk, so a test can pile up records behind a sync in flight.
struct SyncProbe {
    std::mutex mutex;
    std::condition_variable changed;
    bool held = false;
    int inFlight = 0;
    int completed = 0;

    void hold(bool on)
    {
        std::lock_guard lock(mutex);
        held = on;
        changed.notify_all();
    }
    int completedCount()
    {
        std::lock_guard lock(mutex);
        return completed;
    }
    bool waitForInFlight(int count)
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(10), [&] { return inFlight == count; });
    }
};

SyncProbe probe;

} // namespace

#ifdef Q_OS_LINUX
// The server library is linked statically, so its fdatasync calls bind to this definition.
extern "C" int fdatasync(int fd)
{
    using Real = int (*)(int);
    static const auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "fdatasync"));
    {
        std::unique_lock lock(probe.mutex);
        ++probe.inFlight;
        probe.changed.notify_all();
        probe.changed.wait(lock, [] { return !probe.held; });
    }
    const int result = real(fd);
    std::lock_guard lock(probe.mutex);
    --probe.inFlight;
    ++probe.completed;
    probe.changed.notify_all();
    return result;
}
constexpr bool kProbeWorks = true;
#else
constexpr bool kProbeWorks = false;
#endif

namespace {

QByteArray record(int i)
{
    return QByteArray("record-") + QByteArray::number(i);
}

QString newestSegment(const QString& dir)
{
    const QStringList names =
        QDir(dir).entryList({QStringLiteral("log-*.oisolog")}, QDir::Files, QDir::Name);
    return names.isEmpty() ? QString() : QDir(dir).filePath(names.last());
}

QStringList segments(const QString& dir)
{
    return QDir(dir).entryList({QStringLiteral("log-*.oisolog")}, QDir::Files, QDir::Name);
}

Journal::Recovered recover(const QString& dir)
{
    Journal journal(dir);
    QString error;
    auto recovered = journal.open(&error);
    if (!recovered)
        qFatal("reopen failed: %s", qPrintable(error));
    return std::move(*recovered);
}

std::vector<QByteArray> reopen(const QString& dir, qint64* discarded = nullptr)
{
    Journal::Recovered recovered = recover(dir);
    if (discarded)
        *discarded = recovered.discardedTailBytes;
    return std::move(recovered.records);
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestJournal : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { probe.hold(false); }

    void emptyDirectoryOpensEmpty()
    {
        QTemporaryDir dir;
        Journal journal(dir.filePath(QStringLiteral("db")));
        QString error;
        const auto recovered = journal.open(&error);
        QVERIFY2(recovered, qPrintable(error));
        QVERIFY(recovered->snapshot.isEmpty());
        QVERIFY(recovered->records.empty());
        QCOMPARE(journal.lastSequence(), 0u);
    }

    void recordsSurviveReopenInOrder()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            for (int i = 0; i < 100; ++i)
                QCOMPARE(journal.append(record(i)), std::uint64_t(i + 1));
            journal.sync();
        }
        const auto records = reopen(dir.path());
        QCOMPARE(records.size(), 100u);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(records[std::size_t(i)], record(i));
    }

    void callbacksRunInOrderAfterSync()
    {
        QTemporaryDir dir;
        Journal journal(dir.path());
        QVERIFY(journal.open(nullptr));
        std::mutex mutex;
        std::vector<std::uint64_t> order;
        std::promise<void> allDone;
        constexpr int kCount = 500;
        for (int i = 0; i < kCount; ++i) {
            const std::uint64_t seq = journal.append(record(i));
            journal.whenDurable(seq, [&, seq] {
                std::lock_guard lock(mutex);
                order.push_back(seq);
                if (order.size() == kCount)
                    allDone.set_value();
            });
        }
        QVERIFY(allDone.get_future().wait_for(std::chrono::seconds(30)) ==
                std::future_status::ready);
        for (std::size_t i = 0; i < order.size(); ++i)
            QCOMPARE(order[i], std::uint64_t(i + 1));
        // A callback for something already durable still runs (after the ones before it).
        std::promise<void> late;
        journal.whenDurable(3, [&] { late.set_value(); });
        QVERIFY(late.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    }

    void concurrentAppendersKeepTheirOrder()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            std::vector<std::thread> writers;
            for (int t = 0; t < 8; ++t) {
                writers.emplace_back([&journal, t] {
                    for (int i = 0; i < 200; ++i) {
                        std::promise<void> durable;
                        const auto seq = journal.append(
                            QByteArray(QByteArray::number(t) + ':' + QByteArray::number(i)));
                        journal.whenDurable(seq, [&] { durable.set_value(); });
                        durable.get_future().wait(); // like an HTTP client waiting for 200
                    }
                });
            }
            for (auto& w : writers)
                w.join();
        }
        const auto records = reopen(dir.path());
        QCOMPARE(records.size(), 1600u);
        std::vector<int> next(8, 0);
        std::set<QByteArray> seen;
        for (const QByteArray& r : records) {
            QVERIFY(seen.insert(r).second); // exactly once
            const int t = r.split(':').at(0).toInt();
            QCOMPARE(r.split(':').at(1).toInt(), next[std::size_t(t)]++);
        }
    }

    void callbackWaitsForTheSyncThatCoversIt()
    {
        if (!kProbeWorks)
            QSKIP("fdatasync can only be watched on Linux");
        QTemporaryDir dir;
        Journal journal(dir.path());
        QVERIFY(journal.open(nullptr));
        probe.hold(true);
        const int syncsBefore = probe.completedCount();
        std::atomic<int> syncsSeenByCallback = -1;
        std::promise<void> ran;
        const auto seq = journal.append(record(1));
        journal.whenDurable(seq, [&] {
            syncsSeenByCallback = probe.completedCount();
            ran.set_value();
        });
        // The sync thread is inside fdatasync and held there, so the record is not on disk yet.
        QVERIFY(probe.waitForInFlight(1));
        QCOMPARE(syncsSeenByCallback.load(), -1);
        probe.hold(false);
        QVERIFY(ran.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        QVERIFY(syncsSeenByCallback.load() > syncsBefore);
    }

    void callbackForALaterRecordWaitsForIt()
    {
        QTemporaryDir dir;
        Journal journal(dir.path());
        QVERIFY(journal.open(nullptr));
        journal.append(record(1));
        std::atomic<bool> ran = false;
        std::promise<void> done;
        journal.whenDurable(2, [&] {
            ran = true;
            done.set_value();
        });
        journal.sync(); // record 1 is durable; record 2 does not exist yet
        QVERIFY(!ran);
        QCOMPARE(journal.append(record(2)), 2u);
        QVERIFY(done.get_future().wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    }

    void concurrentWritersShareOneSync()
    {
        if (!kProbeWorks)
            QSKIP("fdatasync can only be watched on Linux");
        QTemporaryDir dir;
        Journal journal(dir.path());
        QVERIFY(journal.open(nullptr));
        journal.append(record(0));
        journal.sync();

        // Hold the sync of one record, let eight writers append behind it, then let go: the
        // second fdatasync must cover every one of them.
        probe.hold(true);
        const int syncsBefore = probe.completedCount();
        std::mutex mutex;
        std::vector<std::uint64_t> order;
        std::promise<void> allDone;
        constexpr int kThreads = 8;
        constexpr int kPerThread = 50;
        constexpr std::size_t kTotal = 1 + kThreads * kPerThread;
        auto acknowledge = [&](std::uint64_t seq) {
            std::lock_guard lock(mutex);
            order.push_back(seq);
            if (order.size() == kTotal)
                allDone.set_value();
        };
        // Appends are serialised by the caller (the database's write lock); so here.
        std::mutex writeLock;
        auto write = [&](const QByteArray& payload) {
            std::lock_guard lock(writeLock);
            const auto seq = journal.append(payload);
            journal.whenDurable(seq, [&acknowledge, seq] { acknowledge(seq); });
        };
        write(record(1));
        QVERIFY(probe.waitForInFlight(1));
        std::vector<std::thread> writers;
        for (int t = 0; t < kThreads; ++t) {
            writers.emplace_back([&write, t] {
                for (int i = 0; i < kPerThread; ++i)
                    write(QByteArray::number(t) + ':' + QByteArray::number(i));
            });
        }
        for (auto& w : writers)
            w.join();
        probe.hold(false);
        QVERIFY(allDone.get_future().wait_for(std::chrono::seconds(10)) ==
                std::future_status::ready);
        QCOMPARE(probe.completedCount() - syncsBefore, 2);
        for (std::size_t i = 0; i < order.size(); ++i)
            QCOMPARE(order[i], std::uint64_t(i + 2));
    }

    void destructorSyncsAndRunsPendingCallbacks()
    {
        QTemporaryDir dir;
        std::atomic<int> ran = 0;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            for (int i = 0; i < 20; ++i)
                journal.whenDurable(journal.append(record(i)), [&] { ++ran; });
        }
        QCOMPARE(ran.load(), 20);
        QCOMPARE(reopen(dir.path()).size(), 20u);
    }

    void emptyPayloadsRoundTrip()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            journal.append(QByteArrayView());
            journal.append("x");
            journal.append(QByteArray());
            journal.sync();
        }
        const auto records = reopen(dir.path());
        QCOMPARE(records.size(), 3u);
        QVERIFY(records[0].isEmpty());
        QCOMPARE(records[1], QByteArray("x"));
        QVERIFY(records[2].isEmpty());
    }

    void reopenCountsBytesSinceSnapshot()
    {
        QTemporaryDir dir;
        qint64 written = 0;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            for (int i = 0; i < 5; ++i) {
                journal.append(record(i));
                written += 12 + record(i).size();
            }
            QCOMPARE(journal.bytesSinceSnapshot(), written);
        }
        Journal journal(dir.path());
        QVERIFY(journal.open(nullptr));
        QCOMPARE(journal.bytesSinceSnapshot(), written);
        QCOMPARE(journal.lastSequence(), 0u); // sequence numbers are per process
    }

    void tornTailIsCutOff_data()
    {
        QTest::addColumn<int>("damage");
        QTest::newRow("truncated payload") << 0;
        QTest::newRow("flipped crc byte") << 1;
        QTest::newRow("garbage appended") << 2;
    }

    void tornTailIsCutOff()
    {
        QFETCH(int, damage);
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            for (int i = 0; i < 10; ++i)
                journal.append(record(i));
            journal.sync();
        }
        const QString segment = newestSegment(dir.path());
        QFile file(segment);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 size = file.size();
        const int expectedRecords = damage == 2 ? 10 : 9;
        if (damage == 0) {
            QVERIFY(file.resize(size - 3));
        } else if (damage == 1) {
            // The last record is 12 header bytes + "record-9"; its CRC sits at bytes 8..11.
            file.seek(size - 8 - 4);
            char c = 0;
            file.getChar(&c);
            file.seek(size - 8 - 4);
            file.putChar(char(c ^ 0x5A));
        } else {
            file.seek(size);
            file.write("\x4F\x53\x49\x4F garbage of a crash");
        }
        file.close();

        qint64 discarded = 0;
        auto records = reopen(dir.path(), &discarded);
        QVERIFY(discarded > 0);
        QCOMPARE(int(records.size()), expectedRecords);
        QCOMPARE(records.back(), record(expectedRecords - 1));

        // Appending after the cut continues cleanly.
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            journal.append("after");
            journal.sync();
        }
        records = reopen(dir.path(), &discarded);
        QCOMPARE(discarded, 0);
        QCOMPARE(int(records.size()), expectedRecords + 1);
        QCOMPARE(records.back(), QByteArray("after"));
    }

    void snapshotReplacesCoveredSegments()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            journal.append(record(1));
            journal.append(record(2));
            const auto token = journal.beginSnapshot();
            journal.append(record(3));
            QString error;
            QVERIFY2(journal.finishSnapshot(token, "{\"state\":2}", &error), qPrintable(error));
            QCOMPARE(journal.bytesSinceSnapshot(), qint64(12 + record(3).size()));
            journal.sync();
        }
        Journal journal(dir.path());
        const auto recovered = journal.open(nullptr);
        QVERIFY(recovered);
        QCOMPARE(recovered->snapshot, QByteArray("{\"state\":2}"));
        QCOMPARE(recovered->records.size(), 1u);
        QCOMPARE(recovered->records.front(), record(3));
    }

    void crashBetweenBeginAndFinishLosesNothing()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            journal.append(record(1));
            journal.beginSnapshot(); // the process dies before the snapshot is written
            journal.append(record(2));
            journal.sync();
        }
        // ... or while writing it: a half-written temporary file is left behind.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("snapshot.json.tmp")), "OISO-SNAP"));
        const auto recovered = recover(dir.path());
        QVERIFY(recovered.snapshot.isEmpty());
        QCOMPARE(recovered.records.size(), 2u);
        QCOMPARE(recovered.records[0], record(1));
        QCOMPARE(recovered.records[1], record(2));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("snapshot.json.tmp"))));
    }

    void crashBeforeCoveredSegmentsAreDeletedReplaysNothingTwice()
    {
        QTemporaryDir dir;
        const QString backup = dir.filePath(QStringLiteral("first-segment.bak"));
        QString firstSegment;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            journal.append(record(1));
            journal.sync();
            firstSegment = QDir(dir.path()).filePath(segments(dir.path()).first());
            QVERIFY(QFile::copy(firstSegment, backup));
            const auto token = journal.beginSnapshot();
            journal.append(record(2));
            QVERIFY(journal.finishSnapshot(token, "{\"one\":1}", nullptr));
            journal.sync();
        }
        QCOMPARE(segments(dir.path()).size(), 1);
        // The process died after the rename, before the covered segment was deleted.
        QVERIFY(QFile::rename(backup, firstSegment));
        const auto recovered = recover(dir.path());
        QCOMPARE(recovered.snapshot, QByteArray("{\"one\":1}"));
        QCOMPARE(recovered.records.size(), 1u);
        QCOMPARE(recovered.records.front(), record(2));
        QVERIFY(!QFile::exists(firstSegment));
    }

    void staleSnapshotTokensAreRefused()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            journal.append(record(1));
            const auto first = journal.beginSnapshot();
            journal.append(record(2));
            const auto second = journal.beginSnapshot();
            journal.append(record(3));
            QVERIFY(second > first);
            QString error;
            QVERIFY2(journal.finishSnapshot(second, "{\"at\":2}", &error), qPrintable(error));
            // The older snapshot would name segments the newer one has already deleted.
            QVERIFY(!journal.finishSnapshot(first, "{\"at\":1}", &error));
            QVERIFY(!error.isEmpty());
            QVERIFY(!journal.finishSnapshot(0, "{}", nullptr));
            QVERIFY(!journal.finishSnapshot(second + 5, "{}", nullptr));
            journal.sync();
        }
        QCOMPARE(segments(dir.path()).size(), 1);
        const auto recovered = recover(dir.path());
        QCOMPARE(recovered.snapshot, QByteArray("{\"at\":2}"));
        QCOMPARE(recovered.records.size(), 1u);
        QCOMPARE(recovered.records.front(), record(3));
    }

    void repeatedSnapshotsKeepOnlyTheNewest()
    {
        QTemporaryDir dir;
        for (int round = 0; round < 3; ++round) {
            Journal journal(dir.path());
            const auto recovered = journal.open(nullptr);
            QVERIFY(recovered);
            if (round > 0) {
                QCOMPARE(recovered->snapshot, QByteArray::number(round - 1));
                QCOMPARE(recovered->records.size(), 1u);
                QCOMPARE(recovered->records.front(), record(round - 1));
            }
            const auto token = journal.beginSnapshot();
            QVERIFY(token > 0);
            QVERIFY(journal.finishSnapshot(token, QByteArray::number(round), nullptr));
            QCOMPARE(journal.bytesSinceSnapshot(), 0);
            journal.append(record(round));
            journal.sync();
            QCOMPARE(segments(dir.path()).size(), 1);
        }
    }

    void damageInAnOlderSegmentIsAnError()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            journal.append(record(1));
            journal.beginSnapshot(); // starts segment 2, snapshot never finished
            journal.append(record(2));
            journal.sync();
        }
        const QStringList names =
            QDir(dir.path()).entryList({QStringLiteral("log-*.oisolog")}, QDir::Files, QDir::Name);
        QCOMPARE(names.size(), 2);
        QFile first(QDir(dir.path()).filePath(names.first()));
        QVERIFY(first.open(QIODevice::ReadWrite));
        first.seek(first.size() - 1);
        first.putChar('X');
        first.close();

        Journal journal(dir.path());
        QString error;
        QVERIFY(!journal.open(&error));
        QVERIFY(error.contains(QLatin1String("damaged")));
        QCOMPARE(journal.bytesSinceSnapshot(), 0);
        QVERIFY(!journal.finishSnapshot(journal.beginSnapshot(), "{}", nullptr));
    }

    void missingSegmentIsAnError()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.path());
            QVERIFY(journal.open(nullptr));
            for (int i = 1; i <= 3; ++i) {
                journal.append(record(i));
                journal.beginSnapshot(); // none finished: three segments stay
            }
            journal.sync();
        }
        const QStringList names = segments(dir.path());
        QCOMPARE(names.size(), 4);
        QVERIFY(QFile::remove(QDir(dir.path()).filePath(names.at(1))));
        Journal journal(dir.path());
        QString error;
        QVERIFY(!journal.open(&error));
        QVERIFY2(error.contains(QLatin1String("missing")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
