#include "ordering.h"

#include <cstdint>

namespace oiso::protocol {

namespace {

// UTF-8 byte order equals code point order, which differs from UTF-16 order only where a
// supplementary character (lead byte F0..F4, a surrogate pair in UTF-16) meets U+E000..U+FFFF
// (lead byte EE or EF). At the first differing byte both sides stand at the same position in
// their sequences, so remapping those lead bytes gives UTF-16 order.
unsigned utf16OrderWeight(unsigned char byte)
{
    if (byte >= 0xF0)
        return byte - 2u; // F0..F4 -> EE..F2: below U+E000..
    if (byte >= 0xEE)
        return byte + 5u; // EE, EF -> F3, F4: above supplementary characters
    return byte;
}

} // namespace

int compareStrings(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
        const auto ca = static_cast<unsigned char>(a[i]);
        const auto cb = static_cast<unsigned char>(b[i]);
        if (ca != cb)
            return utf16OrderWeight(ca) < utf16OrderWeight(cb) ? -1 : 1;
    }
    if (a.size() == b.size())
        return 0;
    return a.size() < b.size() ? -1 : 1;
}

std::optional<int> int32KeyValue(std::string_view key)
{
    // ^-?0*[0-9]{1,10}$ within the int32 range (reference §3.6).
    std::size_t i = 0;
    bool negative = false;
    if (i < key.size() && key[i] == '-') {
        negative = true;
        ++i;
    }
    if (i == key.size())
        return std::nullopt;
    while (i + 1 < key.size() && key[i] == '0')
        ++i;
    if (key.size() - i > 10)
        return std::nullopt;
    std::int64_t value = 0;
    for (; i < key.size(); ++i) {
        const char c = key[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (negative)
        value = -value;
    if (value < INT32_MIN || value > INT32_MAX)
        return std::nullopt;
    return static_cast<int>(value);
}

int compareKeys(std::string_view a, std::string_view b)
{
    if (a == b)
        return 0;
    const auto ia = int32KeyValue(a);
    const auto ib = int32KeyValue(b);
    if (ia && ib) {
        if (*ia != *ib)
            return *ia < *ib ? -1 : 1;
        return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : compareStrings(a, b));
    }
    if (ia)
        return -1;
    if (ib)
        return 1;
    return compareStrings(a, b);
}

} // namespace oiso::protocol
