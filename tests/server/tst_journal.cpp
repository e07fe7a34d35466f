// The journal: records come back in order after reopening, durability callbacks run in order
// and only after a sync, torn tails are cut off without losing earlier records, damage in an
// older segment is an error, and snapshots replace the segments they cover.
#include "server/journal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <future>
#include <mutex>
#include <set>
#include <thread>

using oiso::server::Journal;

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

std::vector<QByteArray> reopen(const QString& dir, qint64* discarded = nullptr)
{
    Journal journal(dir);
    QString error;
    auto recovered = journal.open(&error);
    if (!recovered)
        qFatal("reopen failed: %s", qPrintable(error));
    if (discarded)
        *discarded = recovered->discardedTailBytes;
    return recovered->records;
}

} // namespace

class TestJournal : public QObject {
    Q_OBJECT

private slots:
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
        const auto records = reopen(dir.path());
        QCOMPARE(records.size(), 2u);
        QCOMPARE(records[0], record(1));
        QCOMPARE(records[1], record(2));
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
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
