// The durable outbox and the drafts: entries keep their order and text, the state machine allows
// only its documented moves, everything is there after reopening and after the process is
// killed right after enqueue(), and a damaged file is moved aside rather than lost.
#include "market/outbox_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstdlib>

using namespace oiso::market;

namespace {

constexpr char kChildFlag[] = "--enqueue-then-wait";

OutboxEntry newEntry(const QString& room, const QString& key, const QString& text = {})
{
    OutboxEntry entry;
    entry.room = room;
    entry.key = key;
    entry.senderId = QStringLiteral("minji");
    entry.text = text.isEmpty() ? QStringLiteral("안녕하세요 %1").arg(key) : text;
    entry.createdMs = 1714537330000;
    return entry;
}

QStringList keysOf(const std::vector<OutboxEntry>& entries)
{
    QStringList keys;
    for (const OutboxEntry& e : entries)
        keys.append(e.key);
    return keys;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The child half of survivesTheProcessBeingKilled: enqueue, say so, then wait to be killed.
// Nothing after enqueue() runs a destructor, closes the database or checkpoints the WAL.
[[noreturn]] void enqueueThenWait(const char* file, const char* key)
{
    OutboxStore* store = new OutboxStore(QString::fromLocal8Bit(file)); // never destroyed
    OutboxEntry entry = newEntry(QStringLiteral("room"), QString::fromLatin1(key),
                                 QStringLiteral("죽기 직전에 보낸 메시지 💾"));
    if (!store->enqueue(entry)) {
        std::fprintf(stderr, "enqueue failed: %s\n", qPrintable(store->errorString()));
        std::_Exit(2);
    }
    std::printf("enqueued %lld\n", static_cast<long long>(entry.id));
    std::fflush(stdout);
    std::getchar(); // the parent kills us here; should it close our stdin instead, still no exit
    std::_Exit(3);
}

} // namespace

class TestOutboxStore : public QObject {
    Q_OBJECT

private slots:
    void init();

    void enqueueKeepsOrderAndText();
    void enqueueRefusesDuplicatesAndIncompleteEntries();
    void stateMachine();
    void idsAreNeverReused();
    void pruneSentDropsOnlyOldSentEntries();
    void keepsEverythingAcrossReopen();
    void survivesTheProcessBeingKilled();
    void damagedFileIsMovedAside();
    void newerSchemaIsMovedAsideToo();
    void missingFolderIsCreated();

    void draftsSaveOverwriteAndRemove();
    void draftsShareTheFileWithTheOutbox();
    void draftStoreMovesADamagedFileAside();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("profile.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestOutboxStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestOutboxStore::enqueueKeepsOrderAndText()
{
    OutboxStore store(path());
    QVERIFY(store.isOpen());
    QCOMPARE(store.errorString(), QString());

    const QString longText = QString(1995, QChar(u'한')) + QStringLiteral("😀😀!");
    QCOMPARE(longText.size(), 2000);
    const QString everyCharacter =
        QStringLiteral("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
    std::vector<OutboxEntry> entries = {
        newEntry(QStringLiteral("room-b"), QStringLiteral("-NkB0000000000000001")),
        newEntry(QStringLiteral("room-a"), everyCharacter, longText),
        newEntry(QStringLiteral("room-b"), QStringLiteral("-NkA0000000000000002"),
                 QStringLiteral("줄바꿈\n그리고 🎉 이모지")),
    };
    qint64 lastId = 0;
    for (OutboxEntry& entry : entries) {
        QVERIFY(store.enqueue(entry));
        QVERIFY(entry.id > lastId);
        lastId = entry.id;
        QCOMPARE(entry.state, OutboxEntry::State::Pending);
    }
    // Id (writing) order, not key or room order.
    QCOMPARE(keysOf(store.pending()),
             QStringList({entries[0].key, entries[1].key, entries[2].key}));
    QCOMPARE(keysOf(store.unsent(QStringLiteral("room-b"))),
             QStringList({entries[0].key, entries[2].key}));
    QCOMPARE(store.countForRoom(QStringLiteral("room-b")), 2);
    QCOMPARE(store.countForRoom(QStringLiteral("nowhere")), 0);

    const std::optional<OutboxEntry> back = store.entry(everyCharacter);
    QVERIFY(back);
    QCOMPARE(back->id, entries[1].id);
    QCOMPARE(back->room, QStringLiteral("room-a"));
    QCOMPARE(back->senderId, QStringLiteral("minji"));
    QCOMPARE(back->text, longText);
    QCOMPARE(back->createdMs, qint64(1714537330000));
    QCOMPARE(back->attempts, 0);
    QVERIFY(!store.entry(QStringLiteral("missing")));
}

void TestOutboxStore::enqueueRefusesDuplicatesAndIncompleteEntries()
{
    OutboxStore store(path());
    OutboxEntry first = newEntry(QStringLiteral("room"), QStringLiteral("key"));
    QVERIFY(store.enqueue(first));
    OutboxEntry again = newEntry(QStringLiteral("room"), QStringLiteral("key"));
    QVERIFY(!store.enqueue(again));
    QVERIFY(!store.errorString().isEmpty());
    OutboxEntry noKey = newEntry(QStringLiteral("room"), {});
    QVERIFY(!store.enqueue(noKey));
    OutboxEntry noRoom = newEntry({}, QStringLiteral("k2"));
    QVERIFY(!store.enqueue(noRoom));
    QCOMPARE(store.pending().size(), std::size_t(1));

    OutboxEntry undated = newEntry(QStringLiteral("room"), QStringLiteral("k3"));
    undated.createdMs = 0;
    QVERIFY(store.enqueue(undated));
    QVERIFY(undated.createdMs > 1714537330000);
    QCOMPARE(store.entry(QStringLiteral("k3"))->createdMs, undated.createdMs);
}

void TestOutboxStore::stateMachine()
{
    OutboxStore store(path());
    for (const char* key : {"a", "b", "c"}) {
        OutboxEntry entry = newEntry(QStringLiteral("room"), QString::fromLatin1(key));
        QVERIFY(store.enqueue(entry));
    }
    const QString a = QStringLiteral("a"), b = QStringLiteral("b"), c = QStringLiteral("c");
    const QString error = QStringLiteral("서버 오류");

    // A refused attempt that will be retried: still pending, counted, error kept.
    QVERIFY(store.recordAttempt(b, error));
    QVERIFY(store.recordAttempt(b, error));
    QCOMPARE(store.entry(b)->state, OutboxEntry::State::Pending);
    QCOMPARE(store.entry(b)->attempts, 2);
    QCOMPARE(store.entry(b)->error, error);

    // Giving up: failed, attempts unchanged; out of pending(), still in unsent().
    QVERIFY(store.markFailed(b, QStringLiteral("권한이 없습니다")));
    QCOMPARE(store.entry(b)->state, OutboxEntry::State::Failed);
    QCOMPARE(store.entry(b)->attempts, 2);
    QCOMPARE(store.entry(b)->error, QStringLiteral("권한이 없습니다"));
    QCOMPARE(keysOf(store.pending()), QStringList({a, c}));
    QCOMPARE(keysOf(store.unsent(QStringLiteral("room"))), QStringList({a, b, c}));

    // Retry only from Failed: back to pending, attempts and error cleared.
    QVERIFY(!store.retry(a));
    QVERIFY(store.retry(b));
    QCOMPARE(store.entry(b)->state, OutboxEntry::State::Pending);
    QCOMPARE(store.entry(b)->attempts, 0);
    QCOMPARE(store.entry(b)->error, QString());
    QCOMPARE(keysOf(store.pending()), QStringList({a, b, c})); // in its original place

    // Sent is final: nothing fails, counts, retries or removes it; marking it again is harmless.
    QVERIFY(store.markSent(a));
    QVERIFY(store.markSent(a));
    QCOMPARE(store.entry(a)->state, OutboxEntry::State::Sent);
    QVERIFY(!store.markFailed(a, error));
    QVERIFY(!store.recordAttempt(a, error));
    QVERIFY(!store.retry(a));
    QVERIFY(!store.remove(a));
    QCOMPARE(store.entry(a)->state, OutboxEntry::State::Sent);
    QCOMPARE(keysOf(store.unsent(QStringLiteral("room"))), QStringList({b, c}));

    // A failed entry that reached the server after all (its echo came) is sent.
    QVERIFY(store.markFailed(c, error));
    QVERIFY(store.markSent(c));
    QCOMPARE(store.entry(c)->state, OutboxEntry::State::Sent);
    QCOMPARE(store.entry(c)->error, QString());

    // Removing: pending and failed entries only.
    QVERIFY(store.markFailed(b, error));
    QVERIFY(store.remove(b));
    QVERIFY(!store.entry(b));
    OutboxEntry d = newEntry(QStringLiteral("room"), QStringLiteral("d"));
    QVERIFY(store.enqueue(d));
    QVERIFY(store.remove(QStringLiteral("d")));
    QCOMPARE(store.countForRoom(QStringLiteral("room")), 2); // a and c, both sent

    // Unknown keys change nothing.
    for (const QString& missing : {QStringLiteral("zz"), QString()}) {
        QVERIFY(!store.markSent(missing));
        QVERIFY(!store.markFailed(missing, error));
        QVERIFY(!store.recordAttempt(missing, error));
        QVERIFY(!store.retry(missing));
        QVERIFY(!store.remove(missing));
    }
}

void TestOutboxStore::idsAreNeverReused()
{
    OutboxStore store(path());
    OutboxEntry first = newEntry(QStringLiteral("room"), QStringLiteral("1"));
    OutboxEntry second = newEntry(QStringLiteral("room"), QStringLiteral("2"));
    QVERIFY(store.enqueue(first));
    QVERIFY(store.enqueue(second));
    QVERIFY(store.remove(QStringLiteral("2")));
    OutboxEntry third = newEntry(QStringLiteral("room"), QStringLiteral("3"));
    QVERIFY(store.enqueue(third));
    QVERIFY(third.id > second.id);
}

void TestOutboxStore::pruneSentDropsOnlyOldSentEntries()
{
    OutboxStore store(path());
    const auto add = [&store](const char* key, qint64 createdMs) {
        OutboxEntry entry = newEntry(QStringLiteral("room"), QString::fromLatin1(key));
        entry.createdMs = createdMs;
        return store.enqueue(entry);
    };
    QVERIFY(add("old-sent", 1000));
    QVERIFY(add("old-pending", 1000));
    QVERIFY(add("old-failed", 1000));
    QVERIFY(add("new-sent", 5000));
    QVERIFY(store.markSent(QStringLiteral("old-sent")));
    QVERIFY(store.markFailed(QStringLiteral("old-failed"), QStringLiteral("x")));
    QVERIFY(store.markSent(QStringLiteral("new-sent")));

    store.pruneSent(5000);
    QVERIFY(!store.entry(QStringLiteral("old-sent")));
    QVERIFY(store.entry(QStringLiteral("old-pending")));
    QVERIFY(store.entry(QStringLiteral("old-failed")));
    QVERIFY(store.entry(QStringLiteral("new-sent")));
}

void TestOutboxStore::keepsEverythingAcrossReopen()
{
    {
        OutboxStore store(path());
        OutboxEntry a = newEntry(QStringLiteral("room"), QStringLiteral("a"));
        OutboxEntry b = newEntry(QStringLiteral("room"), QStringLiteral("b"));
        QVERIFY(store.enqueue(a));
        QVERIFY(store.enqueue(b));
        QVERIFY(store.recordAttempt(QStringLiteral("a"), QStringLiteral("잠시 후")));
        QVERIFY(store.markFailed(QStringLiteral("b"), QStringLiteral("실패")));
    }
    OutboxStore store(path());
    QVERIFY(store.isOpen());
    QCOMPARE(store.errorString(), QString());
    QCOMPARE(keysOf(store.unsent(QStringLiteral("room"))),
             QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(store.entry(QStringLiteral("a"))->attempts, 1);
    QCOMPARE(store.entry(QStringLiteral("a"))->error, QStringLiteral("잠시 후"));
    QCOMPARE(store.entry(QStringLiteral("b"))->state, OutboxEntry::State::Failed);
}

void TestOutboxStore::survivesTheProcessBeingKilled()
{
    {
        OutboxStore store(path()); // an earlier entry, written by a clean run
        OutboxEntry earlier = newEntry(QStringLiteral("room"), QStringLiteral("-NkEarlier"));
        QVERIFY(store.enqueue(earlier));
    }
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(kChildFlag), path(), QStringLiteral("-NkKilled_0000000000")});
    QVERIFY(child.waitForStarted());
    while (!child.canReadLine())
        QVERIFY2(child.waitForReadyRead(30000), "the child did not report its enqueue");
    QVERIFY(child.readLine().startsWith("enqueued "));
    // The entry is in the WAL, not yet checkpointed into the main file.
    QVERIFY(QFile::exists(path() + QStringLiteral("-wal")));
    child.kill();
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    OutboxStore store(path());
    QVERIFY(store.isOpen());
    const std::optional<OutboxEntry> entry = store.entry(QStringLiteral("-NkKilled_0000000000"));
    QVERIFY(entry);
    QCOMPARE(entry->state, OutboxEntry::State::Pending);
    QCOMPARE(entry->text, QStringLiteral("죽기 직전에 보낸 메시지 💾"));
    QCOMPARE(keysOf(store.pending()),
             QStringList({QStringLiteral("-NkEarlier"), QStringLiteral("-NkKilled_0000000000")}));
}

void TestOutboxStore::damagedFileIsMovedAside()
{
    QByteArray garbage(20000, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 7919 + 13) % 251);
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
    }
    OutboxStore store(path());
    QVERIFY(store.isOpen());
    QVERIFY(store.errorString().contains(QStringLiteral(".damaged-")));

    const QStringList aside =
        QDir(m_dir->path()).entryList({QStringLiteral("profile.sqlite.damaged-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY(store.errorString().contains(aside.front()));
    QCOMPARE(readAll(m_dir->filePath(aside.front())), garbage); // kept as it was

    OutboxEntry entry = newEntry(QStringLiteral("room"), QStringLiteral("fresh"));
    QVERIFY(store.enqueue(entry));
    QCOMPARE(store.pending().size(), std::size_t(1));
}

void TestOutboxStore::newerSchemaIsMovedAsideToo()
{
    {
        OutboxStore store(path());
        OutboxEntry entry = newEntry(QStringLiteral("room"), QStringLiteral("from-v2"));
        QVERIFY(store.enqueue(entry));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=2")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v"));

    OutboxStore store(path());
    QVERIFY(store.isOpen());
    QVERIFY(store.errorString().contains(QStringLiteral(".damaged-")));
    QVERIFY(!store.entry(QStringLiteral("from-v2")));
    QCOMPARE(QDir(m_dir->path())
                 .entryList({QStringLiteral("profile.sqlite.damaged-*")}, QDir::Files)
                 .size(),
             1);
}

void TestOutboxStore::missingFolderIsCreated()
{
    OutboxStore store(m_dir->filePath(QStringLiteral("profiles/minji/profile.sqlite")));
    QVERIFY(store.isOpen());
    OutboxEntry entry = newEntry(QStringLiteral("room"), QStringLiteral("k"));
    QVERIFY(store.enqueue(entry));
}

void TestOutboxStore::draftsSaveOverwriteAndRemove()
{
    {
        DraftStore drafts(path());
        QVERIFY(drafts.isOpen());
        QCOMPARE(drafts.draft(QStringLiteral("room")), QString());
        QVERIFY(drafts.save(QStringLiteral("room"), QStringLiteral("안녕하")));
        QVERIFY(drafts.save(QStringLiteral("room"), QStringLiteral("안녕하세요 😀\n두 줄")));
        QVERIFY(drafts.save(QStringLiteral("-Nk_other"), QString(2000, QChar(u'글'))));
        QVERIFY(drafts.save(QStringLiteral("gone"), QStringLiteral("곧 지움")));
        QVERIFY(drafts.save(QStringLiteral("gone"), QString()));
        QVERIFY(drafts.save(QStringLiteral("never"), QString())); // nothing to remove: fine
        QVERIFY(!drafts.save(QString(), QStringLiteral("x")));
        QCOMPARE(drafts.draft(QStringLiteral("room")), QStringLiteral("안녕하세요 😀\n두 줄"));
    }
    DraftStore drafts(path());
    QCOMPARE(drafts.draft(QStringLiteral("room")), QStringLiteral("안녕하세요 😀\n두 줄"));
    QCOMPARE(drafts.draft(QStringLiteral("gone")), QString());
    const auto all = drafts.all();
    QCOMPARE(all.size(), std::size_t(2));
    QCOMPARE(all[0].first, QStringLiteral("-Nk_other"));
    QCOMPARE(all[0].second.size(), 2000);
    QCOMPARE(all[1].first, QStringLiteral("room"));
}

void TestOutboxStore::draftsShareTheFileWithTheOutbox()
{
    {
        OutboxStore outbox(path());
        DraftStore drafts(path()); // its own connection to the same file, open at the same time
        QVERIFY(outbox.isOpen());
        QVERIFY(drafts.isOpen());
        OutboxEntry entry = newEntry(QStringLiteral("room"), QStringLiteral("k"));
        QVERIFY(outbox.enqueue(entry));
        QVERIFY(drafts.save(QStringLiteral("room"), QStringLiteral("쓰는 중")));
        QVERIFY(outbox.markSent(QStringLiteral("k")));
        QVERIFY(drafts.save(QStringLiteral("room"), QStringLiteral("쓰는 중…")));
    }
    DraftStore drafts(path());
    OutboxStore outbox(path());
    QCOMPARE(drafts.draft(QStringLiteral("room")), QStringLiteral("쓰는 중…"));
    QCOMPARE(outbox.entry(QStringLiteral("k"))->state, OutboxEntry::State::Sent);
}

void TestOutboxStore::draftStoreMovesADamagedFileAside()
{
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
    }
    DraftStore drafts(path());
    QVERIFY(drafts.isOpen());
    QVERIFY(drafts.errorString().contains(QStringLiteral(".damaged-")));
    QVERIFY(drafts.save(QStringLiteral("room"), QStringLiteral("초안")));
    OutboxStore outbox(path()); // opened after: the file is sound again, nothing to report
    QVERIFY(outbox.isOpen());
    QCOMPARE(outbox.errorString(), QString());
    QCOMPARE(drafts.draft(QStringLiteral("room")), QStringLiteral("초안"));
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], kChildFlag) == 0)
        enqueueThenWait(argv[2], argv[3]);
    TestOutboxStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_outbox_store.moc"
