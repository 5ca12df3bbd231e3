#!/usr/bin/env bash
# Fuzz the provider with libFuzzer + ASan + UBSan (needs clang):
#   sockopt_fuzz   WSPSetSockOpt/WSPGetSockOpt
#   datapath_fuzz  WSPSend/WSPSendTo/WSPRecv/WSPRecvFrom argument shapes
#   translate_fuzz the shim's POSIX <-> Winsock value shapes (shim/translate.c)
#   tests/fuzz/run.sh [SECONDS] [TARGET...]   default 60 s each, every target
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(sockopt_fuzz datapath_fuzz translate_fuzz)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for t in "${targets[@]}"; do
    clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -I"$root/compat" -I"$root/spi" \
        "$root/tests/fuzz/$t.c" "$root"/spi/*.c -lpthread -o "$out/$t"
    mkdir -p "$out/$t.corpus"
    echo "== $t ($secs s)"
    "$out/$t" -max_total_time="$secs" -max_len=128 -print_final_stats=1 "$out/$t.corpus" 2>&1 | tail -n 12
done
