#pragma once
// Failures of correctness that oiso-server-bench collects from every phase and thread; any one
// makes the exit code non-zero.

#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace oiso::bench {

class Failures {
public:
    void add(const std::string& text)
    {
        std::lock_guard lock(m_mutex);
        if (m_texts.size() < 20) // the first few say enough
            m_texts.push_back(text);
        ++m_count;
    }
    bool any() const
    {
        std::lock_guard lock(m_mutex);
        return m_count > 0;
    }
    void print() const
    {
        std::lock_guard lock(m_mutex);
        for (const auto& text : m_texts)
            std::fprintf(stderr, "FAIL: %s\n", text.c_str());
        if (m_count > m_texts.size())
            std::fprintf(stderr, "FAIL: … and %zu more\n", m_count - m_texts.size());
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_texts;
    std::size_t m_count = 0;
};

} // namespace oiso::bench
