#!/bin/sh
# run-if-installed.sh TOOL ARGS...: runs TOOL, or reports it missing with exit status 77, which the
# packaging CTest tests declare as "skipped" (SKIP_RETURN_CODE).
tool=$1
shift
if ! command -v "$tool" >/dev/null 2>&1; then
  echo "$tool is not installed: skipped (packaging/dev.sh installs it)"
  exit 77
fi
exec "$tool" "$@"
