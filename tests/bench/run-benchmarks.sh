#!/bin/sh
# Runs the benchmarks of the embedded server and prints their figures.
#
#   tests/bench/run-benchmarks.sh [BUILD_DIR] [-- extra oiso-server-bench options]
#
# Configures a Release build in BUILD_DIR (default: build-release/ in the source tree), builds
# oiso-server, oiso-server-bench and tst_bench_tree, then runs
#   - oiso-server-bench: the real server as a child process on a loopback port, in a temporary
#     data folder: PUT/s and PUT latency from 8 keep-alive connections while 100 event streams
#     watch the written location (every stream must receive every event, once, in order — the
#     exit code says whether they did), GET/s of a 1 KB value, and RSS and start-up time with
#     100,000 chat messages;
#   - tst_bench_tree: QBENCHMARK micro-benchmarks of the protocol layer (tree, JSON, queries);
#   - oiso-client-bench: the RTDB client library in-process: SSE parse MB/s, events/s applied to
#     the mirror, a 50 MB snapshot into the mirror and its reconnect diff, and the latency of a
#     message from one client through the embedded server to another client's stream listener;
#   - tst_bench_market: the market core's SQLite storage: the chat list of 1,000 rooms from the
#     cache, a room of 100,000 messages opening from it, an outbox enqueue reaching the disk.
#   - oiso-ui-bench (when the desktop app is built): oiso-chat's start to its first painted chat
#     list from a cache of 1,000 rooms, a chat window opening on 100,000 cached messages, Enter
#     to the painted local echo, viewport paints while scrolling, RSS with 20 chat windows open
#     (offscreen: software raster).
# Speed goals are reported as PASS/MISS; only correctness makes the script fail.
# Needs: cmake, ninja, a C++20 compiler, Qt 6.4 and Boost 1.74 headers (see README.md).
# Results of a run are recorded in docs/benchmarks.md.
set -eu

source_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir="$source_dir/build-release"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    build_dir=$1
    shift
fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then
    shift
fi

cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target oiso-server oiso-server-bench tst_bench_tree oiso-client-bench \
    tst_bench_market
ui=0
if grep -q '^OISO_BUILD_UI:BOOL=ON' "$build_dir/CMakeCache.txt"; then
    ui=1
    cmake --build "$build_dir" --target oiso-ui-bench
fi

echo
echo "== machine"
echo "CPUs: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "RAM:  $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "temp: ${TMPDIR:-/tmp} on $(df -P "${TMPDIR:-/tmp}" | awk 'NR == 2 { print $1 }')"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"

echo
echo "== oiso-server-bench $*"
status=0
"$build_dir/tests/bench/oiso-server-bench" "$@" || status=$?

echo
echo "== tst_bench_tree"
"$build_dir/tests/bench/tst_bench_tree" || status=$?

echo
echo "== oiso-client-bench (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
"$build_dir/tests/bench/oiso-client-bench" || status=$?

echo
echo "== tst_bench_market"
"$build_dir/tests/bench/tst_bench_market" || status=$?

if [ "$ui" = 1 ]; then
    echo
    echo "== oiso-ui-bench (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    QT_QPA_PLATFORM=offscreen "$build_dir/tests/bench/oiso-ui-bench" || status=$?
fi

exit $status
