#!/usr/bin/env bash
# Pictures of the desktop app for the README and for review: the chat list window and a chat
# window, in Korean and English, in a light and a dark palette (8 PNG files in docs/screenshots/).
#
#   packaging/screenshots.sh [BUILD_DIR] [-- oiso-screenshots options, e.g. --scale 1]
#
# Builds the oiso-screenshots target (tests/ui/screenshots.cpp) in BUILD_DIR (default: $BUILD_DIR
# or build/, configured if it is not yet), then runs it under xvfb-run — or, without xvfb, on
# Qt's offscreen platform. It starts the embedded server with the demo market in a temporary
# folder and signs in the demo user minji; nothing of the user's own profile is touched.
# Installs with apt-get what is missing: xvfb and xauth (the virtual display) and fonts-nanum
# (a Korean font: without one, Hangul shows as empty boxes). Environment: JOBS (default 2),
# OUT (default docs/screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=${BUILD_DIR:-build}
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  BUILD_DIR=$1
  shift
fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
OUT=${OUT:-$ROOT/docs/screenshots}
JOBS=${JOBS:-2}

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_missing() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || log "Could not install ${missing[*]}; continuing without"
}

install_missing xvfb xauth fonts-nanum

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  log "Configuring $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
log "Building oiso-screenshots in $BUILD_DIR"
cmake --build "$BUILD_DIR" --parallel "$JOBS" --target oiso-screenshots

program="$BUILD_DIR/tests/ui/oiso-screenshots"
mkdir -p "$OUT"
if command -v xvfb-run >/dev/null 2>&1; then
  log "Rendering under xvfb-run into $OUT"
  xvfb-run -a -s "-screen 0 1920x1200x24" "$program" --out "$OUT" "$@"
else
  log "No xvfb-run: rendering on Qt's offscreen platform into $OUT"
  QT_QPA_PLATFORM=offscreen "$program" --out "$OUT" "$@"
fi
