#!/usr/bin/env bash
# The audit report end to end: the bundled demo under the shim in audit mode
# writes JSON lines; wsp_report.py summarises them and exits 3 (what
# `wsp-run --check` turns into a failing CI step); an empty report exits 0.
set -euo pipefail
demo=$1 shim=$2 summary=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
WSP_MODE=audit WSP_REPORT="$work/report" LD_PRELOAD="$shim" "$demo" >/dev/null
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$work/report"   # every line is JSON
rc=0
python3 "$summary" "$work/report" >"$work/summary" || rc=$?
cat "$work/summary"
[ "$rc" -eq 3 ]
grep -q 'SO_DONTROUTE' "$work/summary"
grep -q 'WSAENOPROTOOPT' "$work/summary"
grep -q 'IPV6_V6ONLY' "$work/summary"
: >"$work/empty"
python3 "$summary" "$work/empty" | grep -q 'no divergence'
echo "report summary: divergences found and flagged (exit 3); empty report passes"
