#include "event_delivery.h"

#include <algorithm>
#include <array>
#include <chrono>

namespace oiso::server {

namespace {

using Clock = std::chrono::steady_clock;

// After a round of sends the thread rests for twice as long as the round took (at most
// kMaxRest) before it starts the next; what arrives meanwhile goes out with it. Sends, not
// events, are what fan-out costs (a system call and a wake-up of the reader each), so under
// load this lets each send carry more events instead of the sends taking every core from the
// writes (docs/benchmarks.md: +50% PUT/s with 100 streams on 2 cores). Events wait at most
// about twice a round: little with a hundred streams, nothing worth noting with a few, and
// nothing at all on a server that was idle.
constexpr int kRestFactor = 2;
constexpr Clock::duration kMaxRest = std::chrono::milliseconds(10);

// Whether two streams got the very same events: the same shared bytes, not merely equal ones,
// as streams on one location get them (collectEvents builds each event once per location).
bool sameEvents(const std::vector<QByteArray>& a, const std::vector<QByteArray>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const QByteArray& x, const QByteArray& y) {
                          return x.constData() == y.constData() && x.size() == y.size();
                      });
}

} // namespace

EventDelivery::EventDelivery()
    : m_thread([this] { run(); })
{
}

EventDelivery::~EventDelivery()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work.notify_one();
    m_thread.join();
}

void EventDelivery::add(std::shared_ptr<const EventTargets> targets, QByteArray bytes)
{
    m_collected.emplace_back(std::move(targets), std::move(bytes));
}

void EventDelivery::handOver()
{
    if (m_collected.empty())
        return;
    bool wasIdle = false;
    {
        std::lock_guard lock(m_mutex);
        wasIdle = m_handedOver.empty();
        if (wasIdle) {
            m_handedOver.swap(m_collected); // both keep their capacity
        } else {
            m_handedOver.insert(m_handedOver.end(), std::make_move_iterator(m_collected.begin()),
                                std::make_move_iterator(m_collected.end()));
            m_collected.clear();
        }
    }
    // A non-empty list means the thread is awake already or about to take it.
    if (wasIdle)
        m_work.notify_one();
}

void EventDelivery::run()
{
    Events taken;
    Clock::time_point restUntil;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_work.wait(lock, [this] { return m_stopping || !m_handedOver.empty(); });
        if (m_handedOver.empty())
            return; // stopping, and everything is delivered
        if (Clock::now() < restUntil)
            m_work.wait_until(lock, restUntil, [this] { return m_stopping; });
        taken.swap(m_handedOver);
        lock.unlock();
        const auto started = Clock::now();
        deliver(taken);
        const auto finished = Clock::now();
        restUntil =
            finished + std::min<Clock::duration>(kRestFactor * (finished - started), kMaxRest);
        taken.clear(); // the targets and bytes die outside the lock
        lock.lock();
    }
}

void EventDelivery::deliver(Events& events)
{
    for (const auto& [targets, bytes] : events) {
        for (const auto& target : *targets) {
            if (!target->active.load(std::memory_order_relaxed))
                continue;
            if (target->due.empty())
                m_touched.push_back(target.get()); // kept alive by `events`
            target->due.push_back(bytes);          // shared, not copied
        }
    }
    // Streams on the same location get identical lists: those are joined once and the joined
    // bytes shared. A few recent lists are remembered, so that streams of several locations
    // interleaved in subscription order still share.
    struct Joined {
        const std::vector<QByteArray>* events = nullptr;
        QByteArray bytes;
    };
    std::array<Joined, 4> recent;
    std::size_t nextSlot = 0;
    for (EventTarget* target : m_touched) {
        QByteArray joined;
        if (target->due.size() == 1) {
            joined = target->due.front();
        } else {
            const auto known = std::find_if(recent.begin(), recent.end(), [&](const Joined& j) {
                return j.events && sameEvents(*j.events, target->due);
            });
            if (known != recent.end()) {
                joined = known->bytes;
            } else {
                qsizetype size = 0;
                for (const QByteArray& event : target->due)
                    size += event.size();
                joined.reserve(size);
                for (const QByteArray& event : target->due)
                    joined += event;
                recent[nextSlot] = {&target->due, joined};
                nextSlot = (nextSlot + 1) % recent.size();
            }
        }
        if (target->active.load(std::memory_order_acquire))
            target->sink(joined);
    }
    // Only now: `recent` points into the targets' lists.
    for (EventTarget* target : m_touched)
        target->due.clear();
    m_touched.clear();
}

} // namespace oiso::server
