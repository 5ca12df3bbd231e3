#!/bin/sh
# Issue 16: libwsp's procedure table, its internal row entry and the shim's
# enforce entry (the option lane first, spi/sockopt_lane.h) answer every case
# of the conformance probe identically, and so does libwsp built without the
# lane (WSP_NO_LANE): the probe is run each way (tests/entry_parity.c) and
# the outputs compared line by line.
# usage: entry_parity.sh PROBE PROBE_NOLANE
set -eu
probe=$1
nolane=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
WSP_PARITY_ENTRY=table "$probe" >"$tmp/table" 2>"$tmp/table.err"
WSP_PARITY_ENTRY=row "$probe" >"$tmp/row" 2>"$tmp/row.err"
WSP_PARITY_ENTRY=lane "$probe" >"$tmp/lane" 2>"$tmp/lane.err"
WSP_PARITY_ENTRY=table "$nolane" >"$tmp/nolane-table" 2>"$tmp/nolane-table.err"
WSP_PARITY_ENTRY=row "$nolane" >"$tmp/nolane-row" 2>"$tmp/nolane-row.err"
cases=$(wc -l <"$tmp/table")
used=$(sed -n 's/^entry_parity: row entry: \([0-9]*\) sets, \([0-9]*\) gets$/\1 \2/p' "$tmp/row.err")
sets=${used% *}
gets=${used#* }
lane=$(sed -n 's/^entry_parity: lane: \([0-9]*\) sets, \([0-9]*\) gets$/\1 \2/p' "$tmp/lane.err")
lane_sets=${lane% *}
lane_gets=${lane#* }
if [ "$cases" -lt 1000 ] || [ -z "$used" ] || [ "$sets" -lt 500 ] || [ "$gets" -lt 500 ]; then
    echo "entry_parity: FAIL: too few cases ($cases lines; row entry: ${used:-none})"
    cat "$tmp/row.err"
    exit 1
fi
if [ -z "$lane" ] || [ "$lane_sets" -lt 100 ] || [ "$lane_gets" -lt 100 ]; then
    echo "entry_parity: FAIL: the lane took too few calls (${lane:-none})"
    cat "$tmp/lane.err"
    exit 1
fi
swept=$(grep -c '^sweep ' "$tmp/row" || true)
if [ "$swept" -lt 1000 ]; then
    echo "entry_parity: FAIL: the pointer sweep ran $swept cases"
    cat "$tmp/row.err"
    exit 1
fi
for other in row lane nolane-table nolane-row; do
    if ! diff -u "$tmp/table" "$tmp/$other" >"$tmp/diff"; then
        echo "entry_parity: FAIL: the procedure table and '$other' answer differently:"
        head -40 "$tmp/diff"
        exit 1
    fi
done
echo "entry_parity: $cases cases ($swept of them the bad-pointer sweep) identical through the procedure table, the row entry ($sets sets and $gets gets) and the shim's entry (the lane took $lane_sets sets and $lane_gets gets), with the lane and without it"
