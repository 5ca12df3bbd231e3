#!/bin/sh
# Differential Winsock conformance: the same probe (conformance.c) built with
# mingw-w64 and run under Wine, and built against libwsp; compare.py compares
# them case by case.
#
# usage: tests/conformance/run.sh BUILD_DIR SRC_DIR
#   BUILD_DIR  a configured and built meson build of SRC_DIR (has spi/libwsp.so)
#   SRC_DIR    the wspshim source tree
# env: WSP_WRITE_RESULTS=1  also write tests/conformance/RESULTS.md
#      WSP_KEEP_OUTPUT=DIR  also copy both raw outputs (wine.out, libwsp.out) to DIR
#      WINE=...             the wine loader (default: wine64, /usr/lib/wine/wine64, wine)
# exit: compare.py's status (0 = every disagreement is a known difference,
#       1 = unexplained disagreements), 77 = skipped (no mingw-w64 or Wine),
#       2 = build or run failure.
# needs (Debian): apt-get install gcc-mingw-w64-x86-64 wine64
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILD_DIR SRC_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
HERE="$SRC/tests/conformance"

MINGW=${MINGW_CC:-x86_64-w64-mingw32-gcc}
if ! command -v "$MINGW" >/dev/null 2>&1; then
    echo "conformance: SKIP: $MINGW not found (apt-get install gcc-mingw-w64-x86-64)" >&2
    exit 77
fi
if [ -z "${WINE:-}" ]; then
    for w in wine64 /usr/lib/wine/wine64 wine; do
        if command -v "$w" >/dev/null 2>&1; then WINE=$w; break; fi
    done
fi
if [ -z "${WINE:-}" ] || ! command -v "$WINE" >/dev/null 2>&1; then
    echo "conformance: SKIP: Wine not found (apt-get install wine64)" >&2
    exit 77
fi
WINESERVER=
for w in "$(dirname "$(command -v "$WINE")")/wineserver" wineserver /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver; do
    if command -v "$w" >/dev/null 2>&1; then WINESERVER=$w; break; fi
done
if [ ! -e "$BUILD/spi/libwsp.so" ]; then
    echo "conformance: $BUILD/spi/libwsp.so missing: build first (meson setup $BUILD $SRC && ninja -C $BUILD)" >&2
    exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wsp-conformance.XXXXXX")
export WINEPREFIX="$WORK/prefix"
export WINEDEBUG=-all
cleanup() {
    if [ -n "$WINESERVER" ] && [ -d "$WINEPREFIX" ]; then
        "$WINESERVER" -k >/dev/null 2>&1 || true
        "$WINESERVER" -w >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

t0=$(date +%s)
CFLAGS_COMMON="-O1 -Wall"
"$MINGW" $CFLAGS_COMMON -o "$WORK/conformance.exe" "$HERE/conformance.c" -lws2_32
${CC:-cc} -std=c11 $CFLAGS_COMMON -DWSP_LIBWSP -I"$SRC/compat" -o "$WORK/conformance-libwsp" \
    "$HERE/conformance.c" -L"$BUILD/spi" -lwsp -Wl,-rpath,"$BUILD/spi"
# the data path (issue 12): a second probe, same output format, "dp." cases
"$MINGW" $CFLAGS_COMMON -o "$WORK/datapath.exe" "$HERE/datapath.c" -lws2_32
${CC:-cc} -std=c11 $CFLAGS_COMMON -DWSP_LIBWSP -I"$SRC/compat" -o "$WORK/datapath-libwsp" \
    "$HERE/datapath.c" -L"$BUILD/spi" -lwsp -Wl,-rpath,"$BUILD/spi"

# libwsp: SO_DEBUG cases make the provider trace; keep that out of the way
WSP_DEBUG_FILE=/dev/null "$WORK/conformance-libwsp" >"$WORK/libwsp.out" 2>"$WORK/libwsp.err" || {
    echo "conformance: the libwsp build failed to run:" >&2; cat "$WORK/libwsp.err" >&2; exit 2; }
"$WORK/datapath-libwsp" >>"$WORK/libwsp.out" 2>>"$WORK/libwsp.err" || {
    echo "conformance: the libwsp data-path probe failed to run:" >&2; cat "$WORK/libwsp.err" >&2; exit 2; }

mkdir -p "$WINEPREFIX"
"$WINE" "$WORK/conformance.exe" >"$WORK/wine.out" 2>"$WORK/wine.err" || {
    echo "conformance: the Windows build failed under Wine:" >&2; tail -20 "$WORK/wine.err" >&2; exit 2; }
"$WINE" "$WORK/datapath.exe" >>"$WORK/wine.out" 2>>"$WORK/wine.err" || {
    echo "conformance: the data-path probe failed under Wine:" >&2; tail -20 "$WORK/wine.err" >&2; exit 2; }
WINE_VERSION=$("$WINE" --version 2>/dev/null | head -1 || true)
[ -n "$WINE_VERSION" ] || WINE_VERSION=$(wine --version 2>/dev/null | head -1 || echo unknown)
t1=$(date +%s)

if [ -n "${WSP_KEEP_OUTPUT:-}" ]; then
    mkdir -p "$WSP_KEEP_OUTPUT" && cp "$WORK/wine.out" "$WORK/libwsp.out" "$WSP_KEEP_OUTPUT/"
fi

set -- "$WORK/wine.out" "$WORK/libwsp.out" --known "$HERE/known-differences.md" --wine-version "$WINE_VERSION"
if [ "${WSP_WRITE_RESULTS:-0}" = 1 ]; then
    set -- "$@" --results "$HERE/RESULTS.md"
fi
status=0
python3 "$HERE/compare.py" "$@" || status=$?
echo "conformance: built and ran both variants in $((t1 - t0)) s ($WINE_VERSION)" >&2
exit $status
