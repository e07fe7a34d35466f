#!/usr/bin/env bash
# Regenerates the committed application icons from the one source, resources/icons/oiso-chat.svg:
#   packaging/icons/hicolor/<N>x<N>/apps/kr.oiso.OisoChat.png   Linux (hicolor theme), N = 16…512
#   packaging/icons/oiso-chat.ico                                Windows (16…256, 256 as PNG)
#   packaging/icons/oiso-chat.icns                               macOS (16…512)
# The outputs are committed, so a build needs none of these tools; run this after editing the SVG
# and commit what changed. Installs what it needs on Debian/Ubuntu: librsvg2-bin (rsvg-convert),
# icoutils (icotool), icnsutils (png2icns); optipng shrinks the PNGs when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=resources/icons/oiso-chat.svg
OUT=packaging/icons
APP_ID=kr.oiso.OisoChat

need=()
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v icotool >/dev/null || need+=(icoutils)
command -v png2icns >/dev/null || need+=(icnsutils)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
render() { # size → $tmp/<size>.png
  rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio "$SOURCE" -o "$tmp/$1.png"
  if command -v optipng >/dev/null; then optipng -quiet -o5 -strip all "$tmp/$1.png"; fi
}

rm -rf "$OUT/hicolor"
for size in 16 22 24 32 48 64 128 256 512; do
  render "$size"
  mkdir -p "$OUT/hicolor/${size}x${size}/apps"
  cp "$tmp/$size.png" "$OUT/hicolor/${size}x${size}/apps/$APP_ID.png"
done
# Windows: the small sizes as bitmaps (crisp in Explorer lists), 256 stored as PNG (-r).
icotool -c -o "$OUT/oiso-chat.ico" "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" \
  "$tmp/64.png" -r "$tmp/256.png"
# macOS: png2icns picks the icns type from each PNG's size.
png2icns "$OUT/oiso-chat.icns" "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" \
  "$tmp/256.png" "$tmp/512.png" >/dev/null
du -ch "$OUT/hicolor" "$OUT/oiso-chat.ico" "$OUT/oiso-chat.icns" | tail -1
