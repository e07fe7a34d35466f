#pragma once

#include <optional>
#include <string_view>

namespace oiso::protocol {

// Firebase orders strings by UTF-16 code units (the JS SDK compares JavaScript strings and the
// service is JVM based). Our strings are UTF-8; this compares them as if they were UTF-16.
int compareStrings(std::string_view a, std::string_view b);

// A key that reads as a 32-bit integer ("-5", "007", "42") sorts numerically before every
// other key; equal numbers sort shorter spelling first ("7" < "007").
std::optional<int> int32KeyValue(std::string_view key);

// The Firebase child-key order (protocol reference §3.6).
int compareKeys(std::string_view a, std::string_view b);

struct KeyLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return compareKeys(a, b) < 0; }
};

} // namespace oiso::protocol
