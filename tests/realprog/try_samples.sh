#!/usr/bin/env bash
# try_samples.sh - the "real program" try of issues 13/14: Microsoft's Winsock
# samples (Windows-classic-samples, MIT licence, Samples/Win7Samples/netds/
# winsock) built the way a porting user would, unchanged, against ws2_32:
#   Linux:   c++/cc SRC $(pkg-config --cflags --libs ws2_32)   (uninstalled .pc)
#   Windows: x86_64-w64-mingw32-g++/gcc SRC -lws2_32, run under Wine
# then the loopback pairs run both ways and their outputs are compared.
#
# Nothing of the samples is in this repository: they are read from a local
# snapshot of the public repository (a bare git directory) into a temporary
# directory and deleted afterwards.
#
# The one build-line change: the samples use MSVC's __try/__leave/__finally
# (structured exception handling, a compiler feature: out of scope, README).
# In these samples __leave never sits inside a loop, so both builds get
#   -D__try=do -D__leave=break '-D__finally=while (0);'
# (mingw-w64 lacks them too).  Nothing else is changed.
#
# usage: try_samples.sh [MIRROR_GIT_DIR [BUILD_DIR]] [--no-wine] [--keep]
#   MIRROR_GIT_DIR  default $WSP_SAMPLES_MIRROR, else
#                   /work/.mirror/microsoft+Windows-classic-samples/repo
#   BUILD_DIR       a configured and built wspshim build (default build/release)
# exit: 0 every loopback pair built and ran on Linux (and matched Wine's
#       output where Wine ran); 1 otherwise; 2 usage/build-dir error;
#       77 skipped: no snapshot (CI machines do not have it).
# Not a default test: it needs the snapshot and takes ~1-2 minutes with Wine.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MIRROR='' BUILD='' USE_WINE=1 KEEP=0
for a in "$@"; do
    case $a in
        --no-wine) USE_WINE=0 ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "try_samples: unknown option $a" >&2; exit 2 ;;
        *) if [ -z "$MIRROR" ]; then MIRROR=$a; elif [ -z "$BUILD" ]; then BUILD=$a;
           else echo "try_samples: too many arguments" >&2; exit 2; fi ;;
    esac
done
MIRROR=${MIRROR:-${WSP_SAMPLES_MIRROR:-/work/.mirror/microsoft+Windows-classic-samples/repo}}
BUILD=${BUILD:-$ROOT/build/release}
SUBDIR=Samples/Win7Samples/netds/winsock

if [ ! -d "$MIRROR" ] || ! git -C "$MIRROR" rev-parse -q --verify "HEAD:$SUBDIR" >/dev/null 2>&1; then
    echo "try_samples: SKIP: no Windows-classic-samples snapshot at $MIRROR"
    exit 77
fi
if [ ! -f "$BUILD/meson-uninstalled/ws2_32-uninstalled.pc" ]; then
    echo "try_samples: $BUILD is not a built wspshim build (no meson-uninstalled/ws2_32-uninstalled.pc)" >&2
    exit 2
fi
BUILD=$(cd "$BUILD" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wsp-realprog.XXXXXX")
WINE='' WINESERVER='' PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    if [ -n "$WINESERVER" ] && [ -d "$WORK/prefix" ]; then
        WINEPREFIX="$WORK/prefix" "$WINESERVER" -k >/dev/null 2>&1
        WINEPREFIX="$WORK/prefix" "$WINESERVER" -w >/dev/null 2>&1
    fi
    if [ "$KEEP" = 1 ]; then echo "try_samples: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

COMMIT=$(git -C "$MIRROR" rev-parse HEAD)
mkdir -p "$WORK/src" "$WORK/linux" "$WORK/win" "$WORK/log"
git -C "$MIRROR" archive HEAD "$SUBDIR" | tar -x -C "$WORK/src" || { echo "try_samples: cannot extract $SUBDIR" >&2; exit 2; }
S="$WORK/src/$SUBDIR"

export PKG_CONFIG_PATH="$BUILD/meson-uninstalled"
read -r -a WS2 <<<"$(pkg-config --cflags --libs ws2_32)" || exit 2
# pkg-config gives -L but no run path (as for any uninstalled library)
export LD_LIBRARY_PATH="$BUILD/ws2:$BUILD/win32:$BUILD/spi${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
SEH=(-D__try=do -D__leave=break '-D__finally=while (0);')

MINGW_OK=0
if command -v x86_64-w64-mingw32-g++ >/dev/null 2>&1 && command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
    MINGW_OK=1
fi
if [ "$USE_WINE" = 1 ] && [ "$MINGW_OK" = 1 ]; then
    for w in ${WINE_BIN:-} wine64 /usr/lib/wine/wine64 wine; do
        if command -v "$w" >/dev/null 2>&1; then WINE=$w; break; fi
    done
    for w in "$(dirname "$(command -v "$WINE" 2>/dev/null || echo /x)")/wineserver" wineserver \
             /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver; do
        if command -v "$w" >/dev/null 2>&1; then WINESERVER=$w; break; fi
    done
    [ -n "$WINESERVER" ] || WINE=
fi

# mingw-w64 (10.0 in Debian 12) lacks the SDK's INETADDR_* inline helpers of
# <mstcpip.h> that three samples call; the Windows build alone gets them from
# a forced include, written here, so that those samples can be compared too
# (only sources that call them get it).
WINGAPS=()
if [ "$MINGW_OK" = 1 ] && ! printf '#include <winsock2.h>\n#include <mstcpip.h>\nint main(void){SOCKADDR_STORAGE a={0};INETADDR_SETANY((SOCKADDR*)&a);return INETADDR_PORT((SOCKADDR*)&a);}\n' |
        x86_64-w64-mingw32-gcc -x c -Werror=implicit-function-declaration -fsyntax-only - >/dev/null 2>&1; then
    cat >"$WORK/mingw_inetaddr.h" <<'EOH'
#define WIN32_LEAN_AND_MEAN  /* as each sample calling these defines it */
#include <winsock2.h>
#include <ws2tcpip.h>
static inline void INETADDR_SETANY(SOCKADDR *a)
{
    if (a->sa_family == AF_INET6) { SOCKADDR_IN6 *s = (SOCKADDR_IN6 *)a; memset(s, 0, sizeof *s); s->sin6_family = AF_INET6; }
    else { SOCKADDR_IN *s = (SOCKADDR_IN *)a; memset(s, 0, sizeof *s); s->sin_family = AF_INET; }
}
static inline void INETADDR_SETLOOPBACK(SOCKADDR *a)
{
    INETADDR_SETANY(a);
    if (a->sa_family == AF_INET6) ((SOCKADDR_IN6 *)a)->sin6_addr.s6_addr[15] = 1;
    else ((SOCKADDR_IN *)a)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}
static inline USHORT INETADDR_PORT(const SOCKADDR *a)
{
    return a->sa_family == AF_INET6 ? ((const SOCKADDR_IN6 *)a)->sin6_port : ((const SOCKADDR_IN *)a)->sin_port;
}
EOH
    WINGAPS=(-include "$WORK/mingw_inetaddr.h")
fi

# ---- builds -------------------------------------------------------------
# name|sources (under $SUBDIR)
PROGRAMS=(
    "simples|simple/server/Simples.cpp"
    "simplec|simple/client/simplec.cpp"
    "simples_ioctl|simple/ioctl/Simples_Ioctl.cpp"
    "wsapoll|wsapoll/poll.cpp"
    "inet_xtoy|inet_xtoy/inet_xtoy.cpp"
    "connectbyname|connectbyname/connectbyname.cpp"
    "connectbylist|connectbylist/connectbylist.cpp"
    "accept_server|accept/server/main.cpp accept/server/common.cpp accept/server/NBAccept.cpp accept/server/ASAccept.cpp accept/server/SockInfo.cpp"
    "accept_client|accept/client/TestAccept.cpp"
    "mcastws2|mcastip/ws2/Mcastws2.c mcastip/ws2/resolve.c"
    "sendmsg|sendmsg/SendMsg.cpp"
    "overlap|overlap/Overlap.c"
)
declare -A LBUILD WBUILD

# first_problem LOG: "N errors: the first one" / "N undefined: names" / ""
first_problem() {
    local log=$1 n und
    und=$(grep -o "undefined reference to \`[^']*'" "$log" | sed "s/.*\`//; s/'//" | sort -u | tr '\n' ' ')
    n=$(grep -c ' error: \| fatal error: ' "$log")
    if [ -n "$und" ]; then
        printf 'link: undefined %s' "$und"
    elif [ "$n" -gt 0 ]; then
        printf '%s error(s), first: %s' "$n" "$(grep -m1 ' error: \| fatal error: ' "$log" | sed 's/^[^ ]* //; s/^\(fatal \)\{0,1\}error: //')"
    else
        printf 'failed (see log)'
    fi
}

build_one() {   # build_one linux|win NAME SOURCES...
    local kind=$1 name=$2 src=() f compiler cc out log rc
    shift 2
    for f in "$@"; do src+=("$S/$f"); done
    case "$*" in *.cpp*) compiler=cxx ;; *) compiler=c ;; esac
    log="$WORK/log/$kind-$name.build"
    if [ "$kind" = linux ]; then
        out="$WORK/linux/$name"
        [ $compiler = cxx ] && cc=${CXX:-c++} || cc=${CC:-cc}
        "$cc" "${SEH[@]}" -o "$out" "${src[@]}" "${WS2[@]}" >"$log" 2>&1
    else
        out="$WORK/win/$name.exe"
        [ $compiler = cxx ] && cc=x86_64-w64-mingw32-g++ || cc=x86_64-w64-mingw32-gcc
        local gaps=()
        grep -q INETADDR_ "${src[@]}" && gaps=("${WINGAPS[@]}")
        "$cc" "${SEH[@]}" "${gaps[@]}" -static -o "$out" "${src[@]}" -lws2_32 >"$log" 2>&1
    fi
    rc=$?
    if [ $rc -eq 0 ]; then
        printf 'built (%s warnings)' "$(grep -c ' warning: ' "$log")"
    else
        printf 'NO: %s' "$(first_problem "$log")"
    fi
}

for entry in "${PROGRAMS[@]}"; do
    name=${entry%%|*}
    read -r -a srcs <<<"${entry#*|}"
    LBUILD[$name]=$(build_one linux "$name" "${srcs[@]}")
    if [ "$MINGW_OK" = 1 ]; then
        WBUILD[$name]=$(build_one win "$name" "${srcs[@]}")
    else
        WBUILD[$name]="(no mingw-w64)"
    fi
done

# ---- loopback runs ------------------------------------------------------
if [ -n "$WINE" ]; then
    mkdir -p "$WORK/prefix"
    export WINEDEBUG=-all
    WINEPREFIX="$WORK/prefix" timeout 180 "$WINE" wineboot -i >"$WORK/log/wineboot" 2>&1 || WINE=
fi
BASEPORT=$((20000 + $$ % 20000))

# normalise: CRLF, ephemeral ports, socket handle values
normalise() {
    tr -d '\r' | sed -E 's/(and port|port:) [0-9]+/\1 N/g; s/socket 0x[0-9a-fA-F]+/socket 0xS/g
        s/(Closed socket|handle =) [0-9]+/\1 S/; s/(Buffer ?:) (0x)?[0-9a-fA-F]+/\1 P/'
}

# run_pair KIND PAIR PORT SERVER|- SERVER_ARGS... -- CLIENT CLIENT_ARGS...
# Starts the server, waits for it, runs the client, stops the server; writes
# $WORK/log/KIND-PAIR.out (server lines, then client lines, normalised).
run_pair() {
    local kind=$1 pair=$2 port=$3 server=$4 sargs=() cargs=() client pid rc=0
    shift 4
    while [ $# -gt 0 ] && [ "$1" != -- ]; do sargs+=("$1"); shift; done
    shift; client=$1; shift; cargs=("$@")
    local run=() pfx="$WORK/log/$kind-$pair" pid=
    if [ "$kind" = linux ]; then
        run=(); server="$WORK/linux/$server"; client="$WORK/linux/$client"
    else
        run=(env WINEPREFIX="$WORK/prefix" "$WINE"); server="$WORK/win/$server.exe"; client="$WORK/win/$client.exe"
    fi
    [ -x "$client" ] || { echo "not built" >"$pfx.result"; return 1; }
    if [ "$server" != "$WORK/linux/-" ] && [ "$server" != "$WORK/win/-.exe" ]; then
        [ -x "$server" ] || { echo "not built" >"$pfx.result"; return 1; }
        # line-buffered on Linux so a stopped server's lines are kept (Wine's
        # C runtime writes through as it is)
        if [ "$kind" = linux ]; then
            stdbuf -oL "$server" "${sargs[@]}" >"$pfx.server" 2>"$pfx.server.err" &
        else
            "${run[@]}" "$server" "${sargs[@]}" >"$pfx.server" 2>"$pfx.server.err" &
        fi
        pid=$!; PIDS+=("$pid")
        # ready when the port listens (TCP) or is bound (UDP)
        for _ in $(seq 1 100); do
            ss -Htanlu 2>/dev/null | grep -q "[:.]$port " && break
            sleep 0.1
        done
    fi
    timeout 30 "${run[@]}" "$client" "${cargs[@]}" >"$pfx.client" 2>"$pfx.client.err" || rc=$?
    if [ -n "${pid:-}" ]; then
        sleep 0.3; kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    fi
    { [ -f "$pfx.server" ] && normalise <"$pfx.server"; normalise <"$pfx.client"; } >"$pfx.out"
    if [ $rc -eq 0 ]; then echo "ran ($(wc -l <"$pfx.out") lines)" >"$pfx.result"
    else echo "client exit $rc: $(head -c 120 "$pfx.client.err" | tr '\n' ' ')" >"$pfx.result"; fi
    return $rc
}

PAIRS=(
    "tcp4|simples|-p TCP -e @P -4|simplec|-p TCP -n 127.0.0.1 -e @P -l 3"
    "tcp6|simples|-p TCP -e @P -6|simplec|-p TCP -n ::1 -e @P -l 3"
    "udp4|simples|-p UDP -e @P -4|simplec|-p UDP -n 127.0.0.1 -e @P -l 3"
    "ioctl_select|simples_ioctl|-e @P -4|simplec|-p TCP -n 127.0.0.1 -e @P -l 3"
    "ioctl_select_dual|simples_ioctl|-e @P|simplec|-p TCP -n ::1 -e @P -l 2"
    "wsapoll|-||wsapoll|"
    "accept_client|simples|-p TCP -e @P -4|accept_client|-a 4 -n 127.0.0.1 -e @P -b 5000 -l 2 -s 5|Accepted connection|Total Bytes|ERROR|failed"
    "accept_client_s1|simples|-p TCP -e @P -4|accept_client|-a 4 -n 127.0.0.1 -e @P -b 100000 -l 1 -s 1|Accepted connection|Total Bytes|ERROR|failed"
)
# A pair's fields: name|server|server args|client|client args[|regex]: with a
# regex only the matching lines are compared (the accept client's threads
# interleave their lines, and how TCP splits the echoed bytes varies).
# wsapoll's connecting thread may connect before the main thread listens:
# Windows retries a refused SYN for about a second (KB 175523, "Winsock TCP
# Connection Performance to Unused Ports"), so the race is won there; Linux
# refuses at once, and the sample's send then fails WSAECONNREFUSED.  Its
# result is shown but does not decide the exit status.
RACY="wsapoll"
declare -A LRUN WRUN CMP
failed=0 n=0
for entry in "${PAIRS[@]}"; do
    IFS='|' read -r pair server sargs client cargs filter <<<"$entry"
    n=$((n + 1))
    for kind in linux win; do
        [ "$kind" = win ] && [ -z "$WINE" ] && continue
        port=$((BASEPORT + n * 2)); [ "$kind" = win ] && port=$((port + 1))
        read -r -a sa <<<"${sargs//@P/$port}"
        read -r -a ca <<<"${cargs//@P/$port}"
        run_pair "$kind" "$pair" "$port" "$server" "${sa[@]}" -- "$client" "${ca[@]}"
    done
    LRUN[$pair]=$(cat "$WORK/log/linux-$pair.result")
    case " $RACY " in *" $pair "*) racy=1 ;; *) racy=0 ;; esac
    case ${LRUN[$pair]} in ran*) ;; *) [ $racy = 1 ] || failed=1 ;; esac
    WRUN[$pair]="(no Wine)"; CMP[$pair]="-"
    [ -n "$WINE" ] && WRUN[$pair]=$(cat "$WORK/log/win-$pair.result")
    if [ -n "$WINE" ] && [ "${LRUN[$pair]%% *}" = ran ] && [ "${WRUN[$pair]%% *}" = ran ]; then
        # outputs differ only in the port numbers the sample prints
        # (normalised); the port a test run used is in the server line
        sed -E "s/$((BASEPORT + n * 2 + 1))/@PORT/g" "$WORK/log/win-$pair.out" | grep -E -- "${filter:-.}" >"$WORK/log/win-$pair.cmp"
        sed -E "s/$((BASEPORT + n * 2))/@PORT/g" "$WORK/log/linux-$pair.out" | grep -E -- "${filter:-.}" >"$WORK/log/linux-$pair.cmp"
        if diff -u "$WORK/log/win-$pair.cmp" "$WORK/log/linux-$pair.cmp" >"$WORK/log/diff-$pair"; then
            CMP[$pair]="same ($(wc -l <"$WORK/log/linux-$pair.cmp") lines)"
        else
            CMP[$pair]="DIFFERENT"; [ $racy = 1 ] || failed=1
        fi
    fi
    [ $racy = 1 ] && CMP[$pair]="${CMP[$pair]} (racy, not counted)"
done

# ---- report -------------------------------------------------------------
echo "Windows-classic-samples $COMMIT, $SUBDIR"
echo "Linux: ${WS2[*]}"
echo "Both:  ${SEH[*]}"
[ ${#WINGAPS[@]} -gt 0 ] && echo "mingw-w64: INETADDR_SETANY/SETLOOPBACK/PORT supplied by a forced include where called (its mstcpip.h lacks them)"
echo
printf '%-18s | %-60s | %s\n' "program" "Linux build" "mingw-w64 build"
for entry in "${PROGRAMS[@]}"; do
    name=${entry%%|*}
    printf '%-18s | %-60.60s | %.60s\n' "$name" "${LBUILD[$name]}" "${WBUILD[$name]}"
done
echo
printf '%-18s | %-30s | %-30s | %s\n' "loopback run" "Linux" "Wine" "outputs"
for entry in "${PAIRS[@]}"; do
    pair=${entry%%|*}
    printf '%-18s | %-30.30s | %-30.30s | %s\n' "$pair" "${LRUN[$pair]}" "${WRUN[$pair]}" "${CMP[$pair]}"
done
for entry in "${PAIRS[@]}"; do
    pair=${entry%%|*}
    case ${CMP[$pair]} in DIFFERENT*) echo; echo "== $pair: Wine (-) vs Linux (+)"; cat "$WORK/log/diff-$pair" ;; esac
    case ${LRUN[$pair]} in ran*) ;; *) echo; echo "== $pair: Linux client stderr"; cat "$WORK/log/linux-$pair.client.err"
        [ -f "$WORK/log/linux-$pair.server.err" ] && { echo "== $pair: Linux server stderr"; cat "$WORK/log/linux-$pair.server.err"; } ;; esac
done
[ "${VERBOSE:-0}" = 1 ] && for f in "$WORK"/log/linux-*.out; do echo "== $(basename "$f")"; cat "$f"; done
exit $failed
