#!/usr/bin/env bash
# Fuzz WSPSetSockOpt/WSPGetSockOpt with libFuzzer + ASan + UBSan (needs clang).
#   tests/fuzz/run.sh [SECONDS]     default 60
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -I"$root/compat" -I"$root/spi" \
    "$root/tests/fuzz/sockopt_fuzz.c" "$root"/spi/*.c -o "$out/sockopt_fuzz"
"$out/sockopt_fuzz" -max_total_time="$secs" -max_len=64 -print_final_stats=1 "$out" 2>&1 | tail -n 12
