#!/usr/bin/env bash
# socat piping 2 MiB over IPv4 and IPv6 loopback, under the shim in audit
# mode: the bytes received must equal the bytes sent, as natively.
. "$(dirname "$0")/lib.sh"
command -v socat >/dev/null || skip "socat not installed"

head -c 2097152 /dev/urandom >"$WORK/in.bin"

pipe_once() {   # MODE FAMILY
    local mode=$1 fam=$2 port listen connect
    port=$(free_port)
    if [ "$fam" = 6 ]; then
        listen="TCP6-LISTEN:$port,bind=[::1],reuseaddr" connect="TCP6:[::1]:$port"
    else
        listen="TCP4-LISTEN:$port,bind=127.0.0.1,reuseaddr" connect="TCP4:127.0.0.1:$port"
    fi
    local out="$WORK/out.$mode.$fam"
    under "$mode" socat -u "$listen" "CREATE:$out" &
    PIDS+=($!)
    wait_for_listen "$port"
    under "$mode" socat -u "FILE:$WORK/in.bin" "$connect"
    wait "${PIDS[-1]}"
    cmp "$WORK/in.bin" "$out"
}

for fam in 4 6; do
    pipe_once native "$fam"
    pipe_once audit "$fam"
    pipe_once enforce "$fam"
done
echo "socat: 2 MiB identical over IPv4 and IPv6, natively, in audit and in enforce mode"
