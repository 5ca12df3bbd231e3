#!/usr/bin/env bash
# `meson install` into a DESTDIR, then the installed wsp-run alone: the demo,
# a real program (python3) in every mode, --check's exit status, and a
# Windows client built from the installed headers and wsp.pc.  Nothing here
# may reach the source or build tree.
set -euo pipefail
build=$1 src=$2 prefix=$3 bindir=$4 libdir=$5 includedir=$6 mandir=$7
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
fail() { echo "install_test: FAIL: $*" >&2; exit 1; }

# Meson's --no-rebuild: `meson test` has already built everything.
meson install -C "$build" --no-rebuild --quiet --destdir "$stage/root" >"$stage/install.log" 2>&1 ||
    { cat "$stage/install.log"; fail "meson install"; }
root=$stage/root$prefix

# Layout: the shim in a private directory, never beside libwsp on the library
# path; the Windows headers in their own directory, none at the top level.
[ -f "$root/$libdir/wspshim/libwspshim.so" ] || fail "no $libdir/wspshim/libwspshim.so"
[ ! -e "$root/$libdir/libwspshim.so" ] || fail "libwspshim.so is on the library path"
[ -e "$root/$libdir/libwsp.so.0" ] || fail "no libwsp.so.0"
[ -f "$root/$includedir/wsp/winsock2.h" ] || fail "no include/wsp/winsock2.h"
for h in "$root/$includedir"/*.h; do [ ! -e "$h" ] || fail "$h shadows a system header"; done
for pc in wsp win32base ws2_32; do [ -f "$root/$libdir/pkgconfig/$pc.pc" ] || fail "no $pc.pc"; done
[ -x "$root/$bindir/wsp-run" ] || fail "no bin/wsp-run"
helpers=$(dirname "$(find "$root" -name wsp_ci.py)")
[ -x "$helpers/wsp_report.py" ] && [ -f "$helpers/wsp_ci.py" ] && [ ! -x "$helpers/wsp_ci.py" ] ||
    fail "report helpers: wsp_report.py executable, wsp_ci.py (a module) not"
if [ -n "$mandir" ]; then
    for m in man1/wsp-run.1 man7/wspshim.7 man3/WSPSetSockOpt.3 man3/WSPGetSockOpt.3; do
        [ -f "$root/$mandir/$m" ] || fail "no man page $m"
    done
fi
# The installed text files (scripts, .pc) name neither the source nor the build
# tree (debug information in the binaries may).
if grep -rlIF -e "$src" -e "$build" "$root" >"$stage/leaks"; then
    cat "$stage/leaks"; fail "installed files refer to the source or build tree"
fi

# The Debian packages claim every installed file (what dh_missing checks in
# the package build, which scripts/test runs only with WSP_TEST_DEB=1): each
# debian/*.install line matches something, nothing is left unclaimed.
if [ -d "$src/debian" ]; then
    /usr/bin/python3 - "$stage/root" "${prefix#/}" "$src/debian" "$libdir" <<'PY' || fail "debian/*.install and meson install disagree"
import glob, os, sys
root, prefix, debian, libdir = sys.argv[1:]
installed = {os.path.relpath(os.path.join(d, f), root)
             for d, _, fs in os.walk(root) for f in fs}
claimed, bad = set(), []
for path in sorted(glob.glob(os.path.join(debian, "*.install"))):
    for line in open(path).read().split("\n"):
        if not line.strip():
            continue
        line = line.strip()
        # debhelper's usr/lib/<multiarch>/ is this build's libdir (Meson picks
        # lib64 where dpkg-architecture is absent, e.g. on a minimal Debian)
        if line.startswith("usr/lib/*/"):
            line = "usr/" + libdir + "/" + line[len("usr/lib/*/"):]
        pattern = prefix + line[len("usr"):] if line.startswith("usr/") else line
        hits = [os.path.relpath(h, root) for h in glob.glob(os.path.join(root, pattern))]
        if not hits:
            bad.append(f"{os.path.basename(path)}: {line.strip()} matches nothing")
        for h in hits:
            claimed |= {i for i in installed if i == h or i.startswith(h + "/")}
bad += [f"installed but in no package: {i}" for i in sorted(installed - claimed)]
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
fi

# Run from an unrelated directory with a clean environment: only the staged copy.
cd "$stage"
run() { env -i PATH=/usr/bin:/bin HOME="$stage" "$root/$bindir/wsp-run" "$@"; }

run --version | grep -qx 'wsp-run [0-9.]*' || fail "--version"
run >"$stage/demo.out" 2>&1 || { cat "$stage/demo.out"; fail "wsp-run (demo) exited non-zero"; }
grep -q "== wsp-demo under wsp-run --mode enforce" "$stage/demo.out" || fail "demo: no enforce run"
grep -q "place(s) where Windows would answer differently" "$stage/demo.out" || fail "demo: no audit summary"
grep -q "SO_DONTROUTE" "$stage/demo.out" || fail "demo: SO_DONTROUTE divergence missing"

# python3 reads back SO_RCVBUF: Windows gives what was set, Linux doubles it.
cat >"$stage/rcvbuf.py" <<'PY'
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
PY
[ "$(run --mode enforce -- /usr/bin/python3 "$stage/rcvbuf.py")" = 4096 ] || fail "enforce: python3 did not get 4096"
off=$(run --mode off -- /usr/bin/python3 "$stage/rcvbuf.py")
[ "$off" != 4096 ] || fail "off mode: expected Linux's doubled SO_RCVBUF, got 4096"
rc=0
run --check --report "$stage/report.jsonl" -- /usr/bin/python3 "$stage/rcvbuf.py" >"$stage/audit.out" 2>"$stage/audit.err" || rc=$?
[ "$rc" -eq 3 ] || { cat "$stage/audit.err"; fail "--check: exit $rc, want 3"; }
[ "$(cat "$stage/audit.out")" = "$off" ] || fail "audit changed what python3 saw"
grep -q '"SO_RCVBUF"' "$stage/report.jsonl" || fail "report lacks SO_RCVBUF"
grep -q 'SO_RCVBUF' "$stage/audit.err" || fail "summary lacks SO_RCVBUF"
# A program that fails keeps its own status under --check.
rc=0
run --check -- /usr/bin/python3 -c 'import sys; sys.exit(7)' 2>/dev/null || rc=$?
[ "$rc" -eq 7 ] || fail "--check with a failing program: exit $rc, want 7"
# No socket options at all: clean.
run --check -- /bin/true 2>/dev/null || fail "--check of /bin/true was not clean"

# A Windows client from the installed headers and wsp.pc, run on the installed libwsp.
if command -v pkg-config >/dev/null && command -v "${CC:-cc}" >/dev/null; then
    flags=$(PKG_CONFIG_PATH="$root/$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage/root" pkg-config --cflags --libs wsp)
    # shellcheck disable=SC2086
    ${CC:-cc} -std=c11 -Wall -Werror -o "$stage/hello_wsp" "$src/examples/hello_wsp.c" $flags
    LD_LIBRARY_PATH="$root/$libdir" "$stage/hello_wsp" >/dev/null || fail "hello_wsp against the installed libwsp"
    # and a Winsock program with the Windows link line's library, from ws2_32.pc
    cat >"$stage/ws2_client.c" <<'C'
#include <winsock2.h>
#include <stdio.h>
int main(void)
{
    WSADATA d;
    if (WSAStartup(MAKEWORD(2, 2), &d) != 0)
        return 1;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int type = 0, len = sizeof type;
    int ok = s != INVALID_SOCKET && getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len) == 0 &&
             type == SOCK_DGRAM && closesocket(s) == 0 && closesocket(s) == SOCKET_ERROR &&
             WSAGetLastError() == WSAENOTSOCK && WSACleanup() == 0;
    printf("%s %s\n", d.szDescription, ok ? "ok" : "FAILED");
    return !ok;
}
C
    flags=$(PKG_CONFIG_PATH="$root/$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$stage/root" pkg-config --cflags --libs ws2_32)
    # shellcheck disable=SC2086
    # (-rpath-link: the staged libws2_32 needs the staged libwsp, which ld
    # finds by itself once installed for real)
    ${CC:-cc} -Wall -Werror -o "$stage/ws2_client" "$stage/ws2_client.c" $flags -Wl,-rpath-link,"$root/$libdir"
    LD_LIBRARY_PATH="$root/$libdir" "$stage/ws2_client" >/dev/null || fail "a Winsock client against the installed ws2_32"
fi
echo "install_test: DESTDIR install runs alone: demo, python3 in enforce/off/audit, --check 3/7/0, wsp.pc and ws2_32.pc clients"
