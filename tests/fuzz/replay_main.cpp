// Runs a fuzz harness over saved inputs without libFuzzer, so a gcc build (and CTest) exercises
// the harness and its invariants on the committed corpus. Arguments: files or directories.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int runFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        return 1;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        if (std::filesystem::is_directory(arg)) {
            for (const auto& entry : std::filesystem::directory_iterator(arg)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
        } else {
            files.push_back(arg);
        }
    }
    // An empty corpus would make the test pass without testing anything.
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s <corpus file or directory>...\n", argv[0]);
        return 1;
    }
    std::sort(files.begin(), files.end());
    int failures = 0;
    for (const auto& file : files)
        failures += runFile(file);
    std::printf("ran %zu inputs\n", files.size());
    return failures == 0 ? 0 : 1;
}
