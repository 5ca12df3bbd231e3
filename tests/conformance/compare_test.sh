#!/bin/sh
# compare.py on synthetic outputs: agreement count, a known difference whose
# pinned libwsp answer matches (explained), one whose libwsp answer drifted
# (not explained), an unlisted one, and the exit status that makes the
# conformance suite fail.
# usage: compare_test.sh COMPARE_PY
set -eu
compare=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/wsp-compare-test.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() { echo "compare_test: FAIL: $*" >&2; exit 1; }

cat >"$dir/wine.out" <<'END'
tcp4.a.same                 0     0    4 01000000efbeadde
tcp4.b.pinned_ok            0     0    -  -
tcp4.c.pinned_drift         0     0    -  -
tcp4.d.unpinned             0     0    -  -
tcp4.e.unlisted             0     0    -  -
END
cat >"$dir/libwsp.out" <<'END'
tcp4.a.same                 0     0    4 01000000efbeadde
tcp4.b.pinned_ok           -1 10042    -  -
tcp4.c.pinned_drift        -1 10022    -  -
tcp4.d.unpinned            -1 10014    -  -
tcp4.e.unlisted            -1 10042    -  -
END
cat >"$dir/known.md" <<'END'
## 1. a section

| glob | libwsp | Windows | Wine | evidence |
|---|---|---|---|---|
| `tcp4.b.*` | `-1 10042` | x | y | z |
| `tcp4.c.*` | `-1 10042` | x | y | z |
| `tcp4.d.*` | any | x | y | z |
END

status=0
python3 "$compare" "$dir/wine.out" "$dir/libwsp.out" --known "$dir/known.md" \
    --results "$dir/RESULTS.md" >"$dir/out" 2>&1 || status=$?
[ "$status" = 1 ] || fail "exit status $status with unexplained cases, expected 1"
grep -q '^1 of 5 cases agree (20.0%)$' "$dir/out" || fail "agreement line: $(head -1 "$dir/out")"
grep -q '4 disagreement(s): 2 listed in known-differences.md, 2 not listed' "$dir/out" || fail "summary: $(sed -n 2p "$dir/out")"
grep -q '^tcp4.b.pinned_ok  \[known: tcp4.b.\*\]' "$dir/out" || fail "pinned match not explained"
grep -q '^tcp4.c.pinned_drift  \[NOT in known' "$dir/out" || fail "a drifted answer was explained"
grep -q '^tcp4.d.unpinned  \[known: tcp4.d.\*\]' "$dir/out" || fail "unpinned row not used"
grep -q '^tcp4.e.unlisted  \[NOT in known' "$dir/out" || fail "unlisted case explained"
grep -q '| 1. a section | 2 |' "$dir/RESULTS.md" || fail "RESULTS.md has no per-section count"

# everything explained: exit 0
grep -v 'drift\|unlisted' "$dir/wine.out" >"$dir/w2"
grep -v 'drift\|unlisted' "$dir/libwsp.out" >"$dir/l2"
python3 "$compare" "$dir/w2" "$dir/l2" --known "$dir/known.md" >/dev/null || fail "exit status $? with every case explained"
echo "compare_test: ok"
