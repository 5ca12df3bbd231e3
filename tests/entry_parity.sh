#!/bin/sh
# Issue 16: libwsp's procedure table and its internal row entry (the shim's)
# answer every case of the conformance probe identically: the probe is run
# once each way (tests/entry_parity.c) and the outputs compared line by line.
# usage: entry_parity.sh PROBE
set -eu
probe=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
WSP_PARITY_ENTRY=table "$probe" >"$tmp/table" 2>"$tmp/table.err"
WSP_PARITY_ENTRY=row "$probe" >"$tmp/row" 2>"$tmp/row.err"
cases=$(wc -l <"$tmp/table")
used=$(sed -n 's/^entry_parity: row entry: \([0-9]*\) sets, \([0-9]*\) gets$/\1 \2/p' "$tmp/row.err")
sets=${used% *}
gets=${used#* }
if [ "$cases" -lt 1000 ] || [ -z "$used" ] || [ "$sets" -lt 500 ] || [ "$gets" -lt 500 ]; then
    echo "entry_parity: FAIL: too few cases ($cases lines; row entry: ${used:-none})"
    cat "$tmp/row.err"
    exit 1
fi
swept=$(grep -c '^sweep ' "$tmp/row" || true)
if [ "$swept" -lt 1000 ]; then
    echo "entry_parity: FAIL: the pointer sweep ran $swept cases"
    cat "$tmp/row.err"
    exit 1
fi
if ! diff -u "$tmp/table" "$tmp/row" >"$tmp/diff"; then
    echo "entry_parity: FAIL: the two entries answer differently:"
    head -40 "$tmp/diff"
    exit 1
fi
echo "entry_parity: $cases cases ($swept of them the bad-pointer sweep) identical through the procedure table and the row entry ($sets sets and $gets gets took the row entry)"
