#!/bin/sh
# smoke-start.sh OISO_CHAT PROFILE_DIR [ARGS...]: starts oiso-chat headless (offscreen) in a fresh
# profile folder, so it runs the embedded server with the demo market and signs in the demo user,
# and waits for the chat list to show rows (--smoke-test, ui/shell/smoke_test.h). Exit status 0
# when it did, 1 when the start-up failed; the app prints one report line either way. ARGS go to
# oiso-chat as well.
set -eu
binary=$1
profile=$2
shift 2
rm -rf "$profile"
mkdir -p "$profile"
status=0
QT_QPA_PLATFORM=offscreen "$binary" --profile "$profile" --smoke-test "$@" || status=$?
rm -rf "$profile"
exit $status
