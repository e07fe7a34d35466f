#!/usr/bin/env bash
# check-deb.sh BUILD_DIR: builds the Debian package (and the TGZ) from a configured and built tree,
# checks what the package holds and declares, unpacks it into a scratch root (dpkg -x: the machine
# stays as it was) and runs the installed programs there: `oiso-chat --version` and a headless
# start on the embedded demo market that must show the chat list (smoke-start.sh).
# Called by `packaging/dev.sh test` after the test suite; runs on its own as well.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: check-deb.sh BUILD_DIR}" && pwd)
app_id=kr.oiso.OisoChat

fail() { printf 'check-deb: %s\n' "$*" >&2; exit 1; }
step() { printf '\033[1m  -- %s\033[0m\n' "$*"; }

step "cpack -G DEB;TGZ in $build"
rm -rf "$build/packages"
(cd "$build" && cpack -G 'DEB;TGZ' >"$build/cpack.log" 2>&1) || { cat "$build/cpack.log"; fail "cpack failed"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
debs=("$build"/packages/oiso-chat_"$version"_*.deb)
tgzs=("$build"/packages/oiso-chat-"$version"-*.tar.gz)
deb=${debs[0]}
tgz=${tgzs[0]}
[ -f "$deb" ] || fail "no .deb in $build/packages"
[ -f "$tgz" ] || fail "no .tar.gz in $build/packages"
printf '     %s (%s), %s (%s)\n' "${deb##*/}" "$(du -h "$deb" | cut -f1)" "${tgz##*/}" \
  "$(du -h "$tgz" | cut -f1)"

step "control fields"
[ "$(dpkg-deb -f "$deb" Package)" = oiso-chat ] || fail "package name is not oiso-chat"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
printf '     Depends: %s\n' "$depends"
# dpkg-shlibdeps found the linked libraries; the SQLite and SVG plugins are named by hand. (t64:
# the library names of distributions after the 64-bit time_t transition.)
for need in libc6 libqt6core6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6sql6-sqlite \
  libqt6svg6 libsodium23 libqt6keychain1 zlib1g; do
  grep -Eq "(^|[ ,])$need(t64)?([ ,(]|$)" <<<"$depends" || fail "Depends lacks $need"
done

step "contents"
listing=$(dpkg-deb -c "$deb" | awk '{print $NF}')
expected=(
  ./usr/bin/oiso-chat ./usr/bin/oiso-server ./usr/bin/oiso-cli
  "./usr/share/applications/$app_id.desktop"
  "./usr/share/metainfo/$app_id.metainfo.xml"
  "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
)
for size in 16 22 24 32 48 64 128 256 512; do
  expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
  grep -Fxq "$path" <<<"$listing" || fail "the package lacks $path"
done
tar_listing=$(tar -tzf "$tgz")
grep -q '/bin/oiso-chat$' <<<"$tar_listing" || fail "the TGZ lacks bin/oiso-chat"
printf '     %d files, all %d expected ones present\n' \
  "$(grep -vc '/$' <<<"$listing")" "${#expected[@]}"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
step "unpacked into $root (dpkg -x)"
dpkg -x "$deb" "$root"
bin=$root/usr/bin
if command -v ldd >/dev/null; then
  for program in oiso-chat oiso-server oiso-cli; do
    ! ldd "$bin/$program" | grep 'not found' || fail "$program: libraries not found"
  done
fi
if command -v desktop-file-validate >/dev/null; then
  out=$(desktop-file-validate "$root/usr/share/applications/$app_id.desktop" 2>&1) \
    || fail "installed desktop file: $out"
  [ -z "$out" ] || fail "installed desktop file: $out"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" >/dev/null \
    || fail "installed metainfo does not validate"
fi

step "installed programs"
export LD_LIBRARY_PATH="$root/usr/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
got=$("$bin/oiso-chat" --version)
[ "$got" = "Oiso Chat $version" ] || fail "oiso-chat --version said '$got'"
printf '     oiso-chat --version: %s\n' "$got"
"$bin/oiso-server" --version >/dev/null || fail "oiso-server --version failed"
"$bin/oiso-cli" --version >/dev/null || fail "oiso-cli --version failed"
"$here/smoke-start.sh" "$bin/oiso-chat" "$root/profile" 2>"$root/smoke.log" \
  || { cat "$root/smoke.log" >&2; fail "the installed oiso-chat did not show the chat list"; }
step "the Debian package is complete and runs"
