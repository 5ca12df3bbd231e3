#!/bin/sh
# examples/win32_workers.c built both ways and compared line by line:
#   Linux:   cc ... $(pkg-config --cflags --libs win32base)  (uninstalled .pc)
#   Windows: x86_64-w64-mingw32-gcc, run under Wine
# usage: example_compare.sh BUILD_DIR SRC_DIR [--linux-only]
# exit: 0 same lines (and the Linux build reports 0 failures), 1 different,
#       2 build/run failure, 77 skipped (no mingw-w64 or no Wine; the Linux
#       build has then still been built and run).
set -eu
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
MODE=${3:-}
PROG="$SRC/examples/win32_workers.c"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wsp-win32-example.XXXXXX")
WINESERVER=
cleanup() {
    if [ -n "$WINESERVER" ] && [ -d "$WORK/prefix" ]; then
        WINEPREFIX="$WORK/prefix" "$WINESERVER" -k >/dev/null 2>&1 || true
        WINEPREFIX="$WORK/prefix" "$WINESERVER" -w >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

export PKG_CONFIG_PATH="$BUILD/meson-uninstalled"
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$WORK/linux" "$PROG" $(pkg-config --cflags --libs win32base) || {
    echo "example: the Linux build failed" >&2; exit 2; }
LD_LIBRARY_PATH="$BUILD/win32${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$WORK/linux" >"$WORK/linux.out" || {
    echo "example: the Linux build reported failures:" >&2; cat "$WORK/linux.out" >&2; exit 2; }
echo "example: Linux build: $(wc -l <"$WORK/linux.out") lines, $(tail -1 "$WORK/linux.out")"
[ "$MODE" = --linux-only ] && exit 0

MINGW=${MINGW_CC:-x86_64-w64-mingw32-gcc}
if ! command -v "$MINGW" >/dev/null 2>&1; then
    echo "example: SKIP the Wine comparison: $MINGW not found (apt-get install gcc-mingw-w64-x86-64)"
    exit 77
fi
WINE=${WINE:-}
if [ -z "$WINE" ]; then
    for w in wine64 /usr/lib/wine/wine64 wine; do
        if command -v "$w" >/dev/null 2>&1; then WINE=$w; break; fi
    done
fi
if [ -z "$WINE" ] || ! command -v "$WINE" >/dev/null 2>&1; then
    echo "example: SKIP the Wine comparison: Wine not found (apt-get install wine64)"
    exit 77
fi
for w in "$(dirname "$(command -v "$WINE")")/wineserver" wineserver /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver; do
    if command -v "$w" >/dev/null 2>&1; then WINESERVER=$w; break; fi
done

"$MINGW" -O1 -Wall -Wextra -Werror -o "$WORK/win32_workers.exe" "$PROG" || {
    echo "example: the mingw-w64 build failed" >&2; exit 2; }
mkdir -p "$WORK/prefix"
WINEPREFIX="$WORK/prefix" WINEDEBUG=-all "$WINE" "$WORK/win32_workers.exe" >"$WORK/wine.raw" 2>"$WORK/wine.err" || {
    echo "example: the Windows build failed under Wine:" >&2; cat "$WORK/wine.raw" >&2; tail -20 "$WORK/wine.err" >&2; exit 2; }
tr -d '\r' <"$WORK/wine.raw" >"$WORK/wine.out"     # the Windows C runtime writes CRLF
if diff -u "$WORK/wine.out" "$WORK/linux.out"; then
    echo "example: Windows build under Wine and Linux build print the same $(wc -l <"$WORK/linux.out") lines"
    exit 0
fi
echo "example: the two builds differ (- Wine, + Linux)" >&2
exit 1
