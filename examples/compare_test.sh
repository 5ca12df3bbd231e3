#!/bin/sh
# compare.py --lines on synthetic outputs: equal lines pass; a difference
# passes only when a row of the examples section names the program and both
# lines exactly (a pipe written \| in the row); a row for another program,
# a drifted Linux line, a row outside the section, a different line count
# and a Linux FAIL line all fail; CRLF from the Windows C runtime is dropped.
# usage: compare_test.sh COMPARE_PY
set -eu
compare=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/wsp-examples-test.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() { echo "compare_test: FAIL: $*" >&2; exit 1; }

cat >"$dir/known.md" <<'END'
## 9. another section

| prog | `ok: elsewhere: 1` | `FAIL: elsewhere: 2` | x | y |

## 10. The examples (examples/*.c, line by line)

| program | Linux (libws2_32) | Wine 8.0 | Windows | evidence |
|---|---|---|---|---|
| prog | `ok: recv: WSAECONNRESET` | `FAIL: recv: WSAETIMEDOUT` | resets | doc |
| prog | `ok: events: FD_READ \| FD_CLOSE` | `FAIL: events: FD_READ` | both | doc |
| other | `ok: a: 1` | `FAIL: a: 2` | x | y |
END
expect() {   # expect STATUS NAME LINUX WINE
    st=0
    python3 "$compare" --known "$dir/known.md" --lines "$2" "$3" "$4" >"$dir/log" 2>&1 || st=$?
    [ "$st" -eq "$1" ] || { cat "$dir/log" >&2; fail "$2 $(basename "$3") $(basename "$4"): exit $st, expected $1"; }
}
printf 'ok: recv: WSAECONNRESET\nok: events: FD_READ | FD_CLOSE\nok: same: 0\n' >"$dir/linux"
printf 'FAIL: recv: WSAETIMEDOUT\r\nFAIL: events: FD_READ\r\nok: same: 0\r\n' >"$dir/wine"
expect 0 prog "$dir/linux" "$dir/wine"
grep -q '3 lines, 1 equal, 2 differ as known-differences.md explains' "$dir/log" || fail "summary: $(cat "$dir/log")"
expect 0 prog "$dir/linux" "$dir/linux"
expect 1 another "$dir/linux" "$dir/wine"                       # rows name their program
printf 'ok: a: 1\n' >"$dir/linux_a"; printf 'FAIL: a: 2\n' >"$dir/wine_a"
expect 0 other "$dir/linux_a" "$dir/wine_a"
printf 'ok: elsewhere: 1\n' >"$dir/linux_e"; printf 'FAIL: elsewhere: 2\n' >"$dir/wine_e"
expect 1 prog "$dir/linux_e" "$dir/wine_e"                      # only section 10 counts
printf 'ok: recv: WSAENOTSOCK\nok: events: FD_READ | FD_CLOSE\nok: same: 0\n' >"$dir/drift"
expect 1 prog "$dir/drift" "$dir/wine"                          # the Linux line must match too
printf 'ok: recv: WSAECONNRESET\nok: events: FD_READ | FD_CLOSE\n' >"$dir/short"
expect 1 prog "$dir/short" "$dir/wine"                          # line counts differ
printf 'FAIL: same: 1\n' >"$dir/linux_fail"
expect 1 prog "$dir/linux_fail" "$dir/linux_fail"               # Linux must do what Windows documents
printf '| prog | ok: unquoted | `x` | a | b |\n' >>"$dir/known.md"
expect 2 prog "$dir/linux" "$dir/wine"                          # a malformed row is an input error
echo "compare_test: all cases behaved"
