#!/bin/sh
# Every man page lints clean with mandoc: no message at all, style included.
set -eu
mandoc=$1
shift
status=0
for page in "$@"; do
    out=$("$mandoc" -Tlint -Wstyle "$page" 2>&1) || true
    if [ -n "$out" ]; then
        printf '%s\n' "$out"
        status=1
    fi
done
exit $status
