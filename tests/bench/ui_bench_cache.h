#pragma once
// The cached market oiso-ui-bench measures the windows on, written straight into a profile's
// cache.sqlite through the LocalCache API (as the services would have left it): minji's rooms,
// each with its item, its list entry, messages from her and others, and a read mark.

#include "market/local_cache.h"

#include <QString>
#include <QStringList>

namespace oiso::bench::ui {

inline const QString kMe = QStringLiteral("minji");

// Makes keys and timestamps that increase, as push ids do (without the generator's random part,
// which would be most of the set-up time on a VM).
class KeyClock {
public:
    QString next();
    qint64 now() const { return m_ms; }

private:
    qint64 m_ms = 1714537330000; // 2024-05-01, then a second per message
    quint64 m_sequence = 0;
};

// `rooms` rooms across minji's three lists (40% selling, 50% buying, 10% purchased), each with
// `messagesPerRoom` messages, read up to the middle. Returns the item keys, oldest first.
QStringList fillChatList(market::LocalCache& cache, KeyClock& keys, int rooms, int messagesPerRoom);

// One room of hers (she sells the item) with `messages` messages, minji and two buyers taking
// turns, read up to the newest. Returns the item key.
QString fillRoom(market::LocalCache& cache, KeyClock& keys, int messages,
                 const QString& name = QStringLiteral("아이패드 미니 6세대 64GB"));

// How many of the rooms fillChatList makes are in minji's Selling list.
int sellingRooms(int rooms);

} // namespace oiso::bench::ui
