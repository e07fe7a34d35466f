#pragma once

#include "protocol/path.h"
#include "protocol/query.h"
#include "rtdb/backoff.h"
#include "rtdb/mirror.h"
#include "rtdb/rtdb_error.h"
#include "rtdb/stream_event.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>
#include <string>
#include <vector>

namespace oiso::rtdb {

class RtdbClient;
class StreamConnection;

// A child whose position in the query order changed (only for listeners ordered by something
// other than the key, where a changed value can move a child).
struct ChildMoved {
    std::string key;
    std::optional<std::string> previousKey; // its predecessor in query order now
};

// What one applied event did, for a listener.
struct StreamUpdate {
    enum class Origin {
        InitialLoad, // the first connection's put at "/": everything is new
        Resync,      // a reconnection's put at "/", diffed against what we had (§6.5)
        Live,        // a put or patch on a live connection
    };
    Origin origin = Origin::Live;
    StreamEvent event; // as received; for InitialLoad/Resync the whole value at "/"
    MirrorChange change;
    std::vector<ChildMoved> moved;
};

// Timing of a StreamListener (defaults per reference §6.5–§6.6; tests shorten them).
struct StreamOptions {
    int watchdogMs = 60'000;
    int connectTimeoutMs = 30'000;
    int initialBackoffMs = 1'000;
    int maxBackoffMs = 30'000;
    bool followNetworkChanges = true;
};

// Keeps a local mirror of one database location (optionally a query on it) live over an event
// stream, and reports value and child changes (reference §6). It survives everything a stream
// meets: server restarts and dropped connections (reconnect with capped, jittered backoff; the
// reconnect's full put is diffed, so nothing is reported twice), silent dead connections (a
// watchdog reconnects after ~60 s without a byte), network changes (reconnect at once when the
// network comes back), token refreshes (a new stream is opened with the new token before the old
// one is closed), auth_revoked (refresh, then reopen), malformed events (reported, nothing of them
// applied, resynchronised by reconnecting), and `cancel` (reported; no reconnect loop).
//
// Each listener uses its own network manager: a stream holds its HTTP/1.1 connection for hours,
// and Qt pools at most six connections per host and manager, so streams sharing the client's
// manager would starve its REST calls (and each other) once six were open.
class StreamListener : public QObject {
    Q_OBJECT

public:
    enum class State {
        Stopped,
        Connecting, // first connection, nothing loaded yet
        Live,
        Stale,     // was live; the connection was lost or went silent; reconnecting now
        Offline,   // reconnecting failed; waiting to try again (the mirror keeps the last data)
        AuthError, // the credential is not accepted and could not be refreshed; stopped
        Failed,    // the server cancelled the stream or refused it for good; stopped
    };
    Q_ENUM(State)

    StreamListener(RtdbClient& client, protocol::Path path, protocol::Query query = {},
                   StreamOptions options = {}, QObject* parent = nullptr);
    ~StreamListener() override;

    void start();
    void stop();
    // Drops the current connection (or the wait for the next attempt) and connects now: for a
    // resume from sleep or a "retry now" button.
    void reconnectNow();

    State state() const { return m_state; }
    const Mirror& mirror() const { return m_mirror; }
    const RtdbError& lastError() const { return m_lastError; }
    const protocol::Path& path() const { return m_path; }
    const protocol::Query& query() const { return m_query; }
    int reconnectCount() const { return m_reconnects; }

signals:
    void stateChanged(oiso::rtdb::StreamListener::State state);
    void updated(const oiso::rtdb::StreamUpdate& update);
    void errorOccurred(const oiso::rtdb::RtdbError& error);

private:
    void connectNow();
    StreamConnection* openConnection();
    void onEvent(StreamConnection* connection, const StreamEvent& event);
    void onFailed(StreamConnection* connection, const RtdbError& error);
    void onTokenRefreshed();
    void onAuthRevoked();
    void scheduleReconnect(const RtdbError& error);
    void stopWith(State state, const RtdbError& error);
    void apply(const StreamEvent& event, StreamUpdate::Origin origin);
    void checkWatchdog();
    void setState(State state);
    void dropConnection(QPointer<StreamConnection>& connection);

    RtdbClient& m_client;
    protocol::Path m_path;
    protocol::Query m_query;
    StreamOptions m_options;
    QNetworkAccessManager m_network;
    Mirror m_mirror;
    State m_state = State::Stopped;
    RtdbError m_lastError;
    QPointer<StreamConnection> m_connection;
    QPointer<StreamConnection> m_replacement; // opened with a refreshed token, not yet adopted
    bool m_awaitingInitialPut = false;        // the current connection has not sent its put yet
    bool m_refreshedAfterDenial = false;
    Backoff m_backoff;
    QTimer m_retryTimer;
    QTimer m_watchdog;
    QElapsedTimer m_liveSince;
    std::optional<std::int64_t> m_retryHintMs;
    quint64 m_attemptId = 0; // ignores credential callbacks of superseded attempts
    int m_reconnects = 0;
    bool m_running = false;
};

} // namespace oiso::rtdb
