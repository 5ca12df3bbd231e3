#!/bin/bash
# Run by scripts/deb --fresh-root inside a fresh minimal Debian root: install
# the built packages with apt-get (dependencies from the archive), then use
# the installed wsp-run with nothing else around.
set -euo pipefail
fail() { echo "deb_root_check: FAIL: $*"; exit 1; }
cd /tmp/debs
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ./*.deb >/tmp/apt.log 2>&1 ||
    { tail -n 30 /tmp/apt.log; fail "apt-get install ./*.deb"; }
dpkg-query -W -f='${Package} ${Version} ${Status}\n' wspshim libwsp0 libwsp-dev
command -v wsp-run >/dev/null || fail "wsp-run is not on PATH"
[ ! -e /usr/lib/x86_64-linux-gnu/libwspshim.so ] || fail "the shim is on the library path"
wsp-run --version
cd /
wsp-run >/tmp/demo.out 2>&1 || { cat /tmp/demo.out; fail "wsp-run (demo)"; }
grep -q "place(s) where Windows would answer differently" /tmp/demo.out || { cat /tmp/demo.out; fail "demo: no audit summary"; }
tail -n 8 /tmp/demo.out
cat >/tmp/rcvbuf.py <<'PY'
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
PY
got=$(wsp-run -- python3 /tmp/rcvbuf.py)
[ "$got" = 4096 ] || fail "enforce: python3 read back $got, want 4096"
rc=0
wsp-run --check -- python3 /tmp/rcvbuf.py >/dev/null 2>/tmp/check.err || rc=$?
[ "$rc" -eq 3 ] || { cat /tmp/check.err; fail "--check exit $rc, want 3"; }
# CI formats with only what the package depends on (no binutils: callers stay module+offset)
rc=0
wsp-run --check --format sarif --output /tmp/ci.sarif -- python3 /tmp/rcvbuf.py >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 3 ] || fail "--check --format sarif: exit $rc, want 3"
python3 -c '
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
ids = {r["ruleId"] for r in log["runs"][0]["results"]}
assert "SO_RCVBUF/getsockopt" in ids, ids
' /tmp/ci.sarif || fail "SARIF from the installed wsp-run"
wsp-run --summary --gen-suppressions /tmp/none.jsonl >/dev/null 2>&1 && fail "--summary of a missing report passed"
echo "deb_root_check: installed from .deb in a fresh root; demo ran; python3 enforce=4096; --check exit 3; SARIF written"
