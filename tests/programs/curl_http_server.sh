#!/usr/bin/env bash
# curl against python3 -m http.server over loopback, both under the shim in
# audit mode: every response must be byte-identical to the native run's.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || skip "curl not installed"
[ -x /usr/bin/python3 ] || skip "python3 not installed"

mkdir -p "$WORK/site"
head -c 300000 /dev/urandom >"$WORK/site/blob.bin"
printf 'hello from http.server\n' >"$WORK/site/index.txt"

fetch_all() {   # MODE OUTDIR
    local mode=$1 out=$2 port
    port=$(free_port)
    mkdir -p "$out"
    (cd "$WORK/site" && under "$mode" /usr/bin/python3 -m http.server --bind 127.0.0.1 "$port" >"$out/server.log" 2>&1) &
    PIDS+=($!)
    wait_for_port "$port" 127.0.0.1
    local i
    for i in 1 2 3; do
        under "$mode" curl -sS --fail -o "$out/blob.$i" "http://127.0.0.1:$port/blob.bin"
        under "$mode" curl -sS --fail -o "$out/index.$i" "http://127.0.0.1:$port/index.txt"
    done
    under "$mode" curl -sS -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/missing" >"$out/missing.code"
    kill_tree "${PIDS[-1]}"
    wait "${PIDS[-1]}" 2>/dev/null || true
}

fetch_all native "$WORK/native"
fetch_all audit "$WORK/audit"
for i in 1 2 3; do
    cmp "$WORK/site/blob.bin" "$WORK/native/blob.$i"
    cmp "$WORK/native/blob.$i" "$WORK/audit/blob.$i"
    cmp "$WORK/native/index.$i" "$WORK/audit/index.$i"
done
cmp "$WORK/native/missing.code" "$WORK/audit/missing.code"
[ "$(cat "$WORK/audit/missing.code")" = 404 ]
echo "curl + http.server: 7 responses identical natively and under the shim (audit)"
echo "divergences recorded: $(wc -l <"$WORK/report.audit" 2>/dev/null || echo 0) report lines"
