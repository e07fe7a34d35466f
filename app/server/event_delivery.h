#pragma once

#include <QByteArray>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace oiso::server {

// Where a stream's events go while it is subscribed.
struct EventTarget {
    // Gets complete SSE events, several per call, in commit order, on the delivery thread.
    std::function<void(const QByteArray& events)> sink;
    std::atomic<bool> active{true}; // false once unsubscribed: nothing more is delivered
    std::vector<QByteArray> due;    // the delivery thread's own scratch list
};

// The streams an event goes to. Never changed once made: a write takes the list of the streams
// it had to tell, and one that subscribes later (with a fresh initial value) is not on it.
using EventTargets = std::vector<std::shared_ptr<EventTarget>>;

// Hands the events of durable writes to their streams on a thread of its own. The journal's sync
// thread only collects them (add) and passes each group commit on in one step (handOver); it is
// free for the next fdatasync at once. The delivery thread gives every stream all its events
// that have arrived in one call: one send per stream per round, however many writes the round
// covers. While it is busy, and for a short rest after each round (event_delivery.cpp), later
// group commits pile up and go out together in the next round, so under load the sends get
// fewer and larger instead of falling behind or crowding out the writes.
class EventDelivery {
public:
    EventDelivery();  // starts the thread
    ~EventDelivery(); // delivers what was handed over, then stops the thread
    EventDelivery(const EventDelivery&) = delete;
    EventDelivery& operator=(const EventDelivery&) = delete;

    // Collecting, from one thread (the journal's sync thread), in commit order: one event (or a
    // few, back to back) for every stream of a list.
    void add(std::shared_ptr<const EventTargets> targets, QByteArray bytes);
    void handOver();

private:
    using Events = std::vector<std::pair<std::shared_ptr<const EventTargets>, QByteArray>>;
    void run();
    void deliver(Events& events);

    Events m_collected; // the collecting thread's own
    std::mutex m_mutex;
    std::condition_variable m_work;
    Events m_handedOver;                 // guarded by m_mutex
    bool m_stopping = false;             // guarded by m_mutex
    std::vector<EventTarget*> m_touched; // the delivery thread's own
    std::thread m_thread;
};

} // namespace oiso::server
