#!/usr/bin/env bash
# Oiso Chat developer entry point: sets up a Debian/Ubuntu machine, builds, runs and tests.
#
#   packaging/dev.sh run     install what is missing, build, start Oiso Chat on the embedded server
#   packaging/dev.sh test    install what is missing, build, run every test, then again under
#                            AddressSanitizer + UndefinedBehaviorSanitizer
#   packaging/dev.sh bench   install, build a Release tree and run the benchmarks
#
# Environment: BUILD_DIR (default build), JOBS (default: number of cores), CI (set by CI:
# warnings become errors), OISO_SKIP_SANITIZERS=1 / OISO_SKIP_FUZZ=1 to skip the sanitizer pass
# or the short libFuzzer run locally.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
BUILD_DIR=${BUILD_DIR:-build}

# Debian package names, one per need (the README says what each is for).
PACKAGES=(
  g++ cmake ninja-build pkg-config          # compiler and build
  qt6-base-dev qt6-base-dev-tools           # Qt Core, Network, Sql, Widgets, Test
  libqt6sql6-sqlite                         # SQLite driver: the local cache and the outbox
  qt6-svg-dev                               # SVG icons, crisp at every scale
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools  # Linguist: lupdate/lrelease, translations
  qt6-translations-l10n                     # Qt's own Korean texts (standard buttons)
  qtkeychain-qt6-dev                        # the OS keychain for the refresh token
  xvfb xauth                                # headless display for screenshots (xvfb-run)
  libboost-dev                              # Boost.Beast/Asio: the server's HTTP/1.1
  libsodium-dev                             # Argon2id password hashing, secure random
  zlib1g-dev                                # CRC-32 of journal records
  dpkg-dev file                             # the Debian package: cpack's dpkg-shlibdeps, ELF check
  desktop-file-utils appstream              # desktop-file-validate, appstreamcli (packaging tests)
)

# Optional: clang's libFuzzer, for the short fuzz run of the event-stream parser in `test`.
FUZZ_PACKAGES=(clang libclang-rt-dev)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    log "Not a Debian/Ubuntu system: install the equivalents of: ${PACKAGES[*]} (see README)"
    return 0
  fi
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_optional() { # packages that are skipped when this system does not have them
  command -v apt-get >/dev/null 2>&1 || return 0
  local sudo="" available=()
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" && continue
    apt-cache show "$pkg" >/dev/null 2>&1 && available+=("$pkg")
  done
  [ ${#available[@]} -eq 0 ] && return 0
  log "Installing: ${available[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${available[@]}" \
    || log "Could not install ${available[*]}; continuing without"
}

# libFuzzer run of the stream pipeline (SSE bytes → parser → events → mirror), 10 s with a fixed
# seed, on top of the seed-corpus replay every build runs. Needs clang; skipped without it.
run_fuzz() {
  install_optional "${FUZZ_PACKAGES[@]}"
  if ! command -v clang++ >/dev/null 2>&1; then
    log "clang++ not available: skipping the fuzz run"
    return 0
  fi
  local dir="$BUILD_DIR-fuzz"
  log "Fuzzing in $dir"
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
    -DOISO_FUZZ=ON -DOISO_BUILD_TESTS=ON -DOISO_BUILD_UI=OFF -DOISO_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$dir" --parallel "$JOBS" --target fuzz_sse
  ctest --test-dir "$dir" --output-on-failure -R '^fuzz_sse_short$'
}

configure_and_build() { # dir, extra cmake args...
  local dir=$1; shift
  log "Building in $dir"
  # Release by default: optimised like what users run, and without debug info, which makes every
  # compile and link of the ~60 programs slower on two cores (CI must stay well under 30 minutes).
  # -O2 rather than CMake's -O3: GCC 12's -O3 warns falsely inside std::string (-Wrestrict, GCC
  # bug 105651), which -Werror in CI turns into a failed build.
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" "$@" >/dev/null
  cmake --build "$dir" --parallel "$JOBS"
}

run_tests() { # dir, extra ctest args...
  local dir=$1; shift
  log "Testing in $dir"
  QT_QPA_PLATFORM=offscreen ctest --test-dir "$dir" --output-on-failure --parallel "$JOBS" "$@"
}

# The Debian package of the tree just tested: built, its contents and dependencies checked,
# unpacked into a scratch root and started there (packaging/check-deb.sh; a few seconds).
check_package() { # dir
  command -v dpkg-deb >/dev/null 2>&1 || { log "Not a Debian system: skipping the package check"; return 0; }
  log "Checking the Debian package of $1"
  "$ROOT/packaging/check-deb.sh" "$1"
}

cmd_run() {
  install_packages
  configure_and_build "$BUILD_DIR"
  log "Starting Oiso Chat on the built-in demo market (signed in as ${OISO_DEMO_USER:-minji})"
  cat <<TXT
  With no hosted database configured, Oiso Chat runs its embedded server in-process (data in
  ~/.local/share/Oiso/Oiso Chat/embedded-server) and signs in a demo account; switch accounts in
  the Account menu, or configure a hosted database in File > Settings. A second account side by
  side: packaging/dev.sh run again with OISO_PROFILE=/tmp/second OISO_DEMO_USER=junho (each
  profile has its own demo market; to chat between them, start oiso-server and pass
  --database-url http://127.0.0.1:9000 to both).
TXT
  local args=()
  [ -n "${OISO_PROFILE:-}" ] && args+=(--profile "$OISO_PROFILE")
  [ -n "${OISO_DEMO_USER:-}" ] && args+=(--demo-user "$OISO_DEMO_USER")
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
    log "No display: running under xvfb-run (nothing will be visible; Ctrl+C stops it)"
    exec xvfb-run -a "$BUILD_DIR/app/programs/oiso-chat/oiso-chat" "${args[@]}"
  fi
  exec "$BUILD_DIR/app/programs/oiso-chat/oiso-chat" "${args[@]}"
}

cmd_test() {
  install_packages
  configure_and_build "$BUILD_DIR"
  run_tests "$BUILD_DIR"
  check_package "$BUILD_DIR"
  if [ "${OISO_SKIP_SANITIZERS:-0}" != 1 ]; then
    # The benchmarks are not run under the sanitizers (their figures would mean nothing), so they
    # are not built there either.
    BUILD_TYPE=Debug configure_and_build "$BUILD_DIR-asan" -DOISO_SANITIZE=ON \
      -DOISO_BUILD_BENCHMARKS=OFF
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      run_tests "$BUILD_DIR-asan" --label-exclude bench
  fi
  [ "${OISO_SKIP_FUZZ:-0}" = 1 ] || run_fuzz
  log "All tests passed"
}

cmd_bench() {
  install_packages
  exec "$ROOT/tests/bench/run-benchmarks.sh" "${BUILD_DIR}-release"
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  bench) cmd_bench ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
