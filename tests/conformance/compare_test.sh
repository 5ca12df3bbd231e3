#!/bin/sh
# compare.py on synthetic outputs: the agreement count, a known difference
# whose listed libwsp answer matches (explained), one whose libwsp answer
# drifted (not explained), a case that falls through to a later row, a case
# missing on libwsp's side, CRLF line ends, and the exit statuses the
# conformance suite relies on (1 = unexplained, 2 = a row lists no answer).
# usage: compare_test.sh COMPARE_PY
set -eu
compare=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/wsp-compare-test.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() { echo "compare_test: FAIL: $*" >&2; exit 1; }

printf '%s\r\n' \
    'tcp4.a.same                 0     0    4 01000000efbeadde' \
    'tcp4.b.listed               0     0    -  -' \
    'tcp4.c.drifted              0     0    -  -' \
    'tcp4.d.falls_through        0     0    -  -' \
    'tcp4.e.unlisted             0     0    -  -' \
    'tcp4.f.missing              0     0    -  -' >"$dir/wine.out"
cat >"$dir/libwsp.out" <<'END'
tcp4.a.same                 0     0    4 01000000efbeadde
tcp4.b.listed              -1 10042    -  -
tcp4.c.drifted             -1 10042    4 efbeaddeefbeadde
tcp4.d.falls_through       -1 10014    -  -
tcp4.e.unlisted            -1 10042    -  -
END
cat >"$dir/known.md" <<'END'
## 1. a section

| glob | libwsp | Windows | Wine | evidence |
|---|---|---|---|---|
| `tcp4.[bc].*` | `-1 10042 - -` | x | y | z |
| `tcp4.d.*` | `-1 10042 - -` | x | y | z |
| `tcp4.*` | `-1 10014 - -` `-1 10022 - -` | x | y | z |
END

status=0
python3 "$compare" "$dir/wine.out" "$dir/libwsp.out" --known "$dir/known.md" \
    --results "$dir/RESULTS.md" >"$dir/out" 2>&1 || status=$?
[ "$status" = 1 ] || fail "exit status $status with unexplained cases, expected 1"
grep -q '^1 of 6 cases agree (16.7%)$' "$dir/out" || fail "agreement line: $(head -1 "$dir/out")"
grep -q '5 disagreement(s): 2 listed in known-differences.md, 3 not listed' "$dir/out" || fail "summary: $(sed -n 2p "$dir/out")"
grep -q '^tcp4.b.listed  \[known: tcp4.\[bc\].\*\]' "$dir/out" || fail "a listed answer was not explained"
grep -q '^tcp4.c.drifted  \[NOT in known' "$dir/out" || fail "a drifted answer was explained"
grep -q '^tcp4.d.falls_through  \[known: tcp4.\*\]' "$dir/out" || fail "no fall-through to a later row"
grep -q '^tcp4.e.unlisted  \[NOT in known' "$dir/out" || fail "an unlisted answer was explained"
grep -q '^tcp4.f.missing  \[NOT in known' "$dir/out" || fail "a case missing on libwsp's side was explained"
grep -q '| 1. a section | 2 |' "$dir/RESULTS.md" || fail "RESULTS.md has no per-section count"

# everything explained: exit 0
grep -v 'drifted\|unlisted\|missing' "$dir/wine.out" >"$dir/w2"
grep -v 'drifted\|unlisted' "$dir/libwsp.out" >"$dir/l2"
python3 "$compare" "$dir/w2" "$dir/l2" --known "$dir/known.md" >/dev/null || fail "exit status $? with every case explained"

# a row that lists no libwsp answer is refused
printf '| `tcp4.*` | any | x | y | z |\n' >"$dir/bad.md"
status=0
python3 "$compare" "$dir/w2" "$dir/l2" --known "$dir/bad.md" >/dev/null 2>&1 || status=$?
[ "$status" != 0 ] && [ "$status" != 1 ] || fail "a row without answers was accepted (status $status)"
echo "compare_test: ok"
