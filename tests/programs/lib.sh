# Helpers for the real-program tests: run a command natively or under the
# shim, pick a free loopback port, stop every process we started.
# shellcheck shell=bash
set -euo pipefail

SHIM=${WSPSHIM_LIB:?WSPSHIM_LIB must name libwspshim.so}
WORK=$(mktemp -d)
PIDS=()
# kill_tree PID: a background "( cd DIR && under ... )" is a subshell whose
# server is its child: killing the subshell alone left the server running
kill_tree() {
    pkill -P "$1" 2>/dev/null || true
    kill "$1" 2>/dev/null || true
}
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill_tree "$p"; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# under MODE CMD...: MODE is native, enforce, audit or off
under() {
    local mode=$1
    shift
    if [ "$mode" = native ]; then
        env -u LD_PRELOAD "$@"
    else
        WSP_MODE=$mode WSP_REPORT="$WORK/report.$mode" LD_PRELOAD="$SHIM" "$@"
    fi
}

free_port() {
    /usr/bin/python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
PY
}

# wait_for_port PORT HOST: up to 10 s
wait_for_port() {
    local i
    for i in $(seq 100); do
        if (exec 3<>"/dev/tcp/$2/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "port $1 on $2 never opened" >&2
    return 1
}

# wait_for_listen PORT: up to 10 s, without connecting (a one-shot listener
# such as socat -u TCP-LISTEN would take the probe for its client)
wait_for_listen() {
    local hex i
    hex=$(printf ':%04X ' "$1")
    for i in $(seq 100); do
        if grep -q "$hex" /proc/net/tcp /proc/net/tcp6 2>/dev/null &&
            awk -v h="$hex" 'index($2 " ", h) && $4 == "0A" { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6; then
            return 0
        fi
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}

skip() { echo "SKIP: $*"; exit 77; }
