#!/usr/bin/env bash
# The audit report end to end, as CI consumes it: the bundled demo under the
# shim in audit mode writes JSON lines; wsp_report.py summarises them and
# exits 3 (what `wsp-run --check` turns into a failing CI step); an empty
# report exits 0; a report that cannot be trusted (a damaged line, a missing
# file) exits 4 whatever else it holds.  Then wsp-run --check itself, with a
# relative --report and a program that changes directory.
set -euo pipefail
# WSPRUN: the runner as configured in the build (tools/wsp-run)
demo=$1 shim=$2 summary=$3 wsprun=$4 probe=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
status_of() { local rc=0; "$@" >"$work/out" 2>&1 || rc=$?; echo "$rc"; }

WSP_MODE=audit WSP_REPORT="$work/report" LD_PRELOAD="$shim" "$demo" >/dev/null
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$work/report"   # every line is JSON
rc=$(status_of python3 "$summary" "$work/report")
cat "$work/out"
[ "$rc" -eq 3 ] || fail "divergences: exit $rc, want 3"
grep -q 'SO_DONTROUTE' "$work/out"
grep -q 'WSAENOPROTOOPT' "$work/out"
grep -q 'IPV6_V6ONLY' "$work/out"
: >"$work/empty"
[ "$(status_of python3 "$summary" "$work/empty")" -eq 0 ] || fail "empty report"
grep -q 'no divergence' "$work/out"

# damaged reports: never "nothing recorded"
good=$(head -n 1 "$work/report")
expect_untrusted() {   # NAME: the file $work/NAME must exit 4
    local rc
    rc=$(status_of python3 "$summary" "$work/$1")
    [ "$rc" -eq 4 ] || { cat "$work/out"; fail "$1: exit $rc, want 4"; }
    grep -q 'cannot be trusted' "$work/out" || fail "$1: no explanation"
    echo "ok: $1 -> 4"
}
{ cat "$work/report"; printf '{"pid":1,"call":"setsockopt","caller":{"module":"a"b"}}\n'; } >"$work/glued"
expect_untrusted glued
grep -q 'SO_DONTROUTE' "$work/out" || fail "the good lines of a damaged report are still shown"
printf '{"pid":1,"call":"setsock\n' >"$work/garbage-only"
expect_untrusted garbage-only
printf '{"pid":1}\n' >"$work/missing-keys"
expect_untrusted missing-keys
{ printf '%s\n' "$good"; printf '{"pid":2,"note":"\xff"}\n'; } >"$work/not-utf8"
expect_untrusted not-utf8
printf '%s' "$good" >"$work/unended"
expect_untrusted unended
expect_untrusted does-not-exist

# an option nobody named is shown as such
sed 's/"option":"SO_DONTROUTE","option_named":true/"option":"IPPROTO_IP:4242","option_named":false/' \
    "$work/report" >"$work/unnamed"
[ "$(status_of python3 "$summary" "$work/unnamed")" -eq 3 ] || fail "unnamed option report"
grep -q 'IPPROTO_IP:4242 (unnamed option)' "$work/out" || fail "unnamed option not flagged"

# wsp-run --check: relative report, program changes directory.  In a
# sanitizer build SHIM is "RUNTIME:SHIM": the runtime goes first in
# LD_PRELOAD, the runner adds the shim after it.
runner() {
    local preload=${LD_PRELOAD:-}
    [ "${shim%:*}" = "$shim" ] || preload=${shim%:*}
    LD_PRELOAD=$preload WSP_RUN_SHIM=${shim##*:} WSP_RUN_REPORTER=$summary status_of "$@"
}

mkdir "$work/run" "$work/run/elsewhere"
cd "$work/run"
rc=$(runner "$wsprun" --check --report rel.jsonl -- "$probe" chdir elsewhere)
[ "$rc" -eq 3 ] || { cat "$work/out"; fail "wsp-run --check, relative report: exit $rc, want 3"; }
[ -s rel.jsonl ] && [ ! -e elsewhere/rel.jsonl ] || fail "relative --report not kept where wsp-run ran"
[ "$(stat -c %a rel.jsonl)" = 600 ] || fail "report not 0600"
rc=$(runner "$wsprun" --check --report "$work/clean.jsonl" -- true)
[ "$rc" -eq 0 ] || { cat "$work/out"; fail "wsp-run --check, no divergence: exit $rc"; }
# a program that damages its own report fails the check with 4
rc=$(runner "$wsprun" --check --report "$work/damaged.jsonl" -- \
    sh -c '"$1"; printf "{\"pid\":" >>"$WSP_REPORT"' sh "$probe")
[ "$rc" -eq 4 ] || { cat "$work/out"; fail "wsp-run --check, damaged report: exit $rc, want 4"; }
# a report path that is a symbolic link is refused before the program runs
echo precious >"$work/target"
ln -s "$work/target" "$work/link.jsonl"
rc=$(runner "$wsprun" --check --report "$work/link.jsonl" -- "$probe")
[ "$rc" -eq 2 ] && [ "$(cat "$work/target")" = precious ] || fail "symlinked --report: exit $rc"
# --check (or any run option) whose PROGRAM expanded to nothing fails; the demo never answers for it
for opts in "--check" "--mode audit" "--output $work/none.sarif --format sarif"; do
    # shellcheck disable=SC2086
    rc=$(runner "$wsprun" $opts)
    [ "$rc" -eq 2 ] || { cat "$work/out"; fail "wsp-run $opts with no PROGRAM: exit $rc, want 2"; }
    grep -q 'no PROGRAM' "$work/out" || fail "wsp-run $opts with no PROGRAM: no explanation"
done
[ ! -e "$work/none.sarif" ] || fail "no PROGRAM, yet an --output file was written"
# --gen-suppressions=FILE during a run: the entries go to FILE, never into the stderr summary
rc=$(runner "$wsprun" --check --gen-suppressions=gen.supp -- "$probe")
[ "$rc" -eq 3 ] || { cat "$work/out"; fail "--gen-suppressions=FILE run: exit $rc, want 3"; }
grep -q '^name=' gen.supp || fail "--gen-suppressions=FILE wrote no entry"
! grep -q '^name=' "$work/out" || fail "suppression entries mixed into the run's output"
# and the generated file suppresses exactly that run's findings
rc=$(runner "$wsprun" --check --suppressions gen.supp -- "$probe")
[ "$rc" -eq 0 ] || { cat "$work/out"; fail "generated suppressions do not suppress: exit $rc"; }
rc=$(runner "$wsprun" --check --gen-suppressions -- "$probe")
[ "$rc" -eq 2 ] || fail "bare --gen-suppressions while running PROGRAM: exit $rc, want 2"
echo "report summary: divergences 3, damaged reports 4, empty 0; wsp-run --check keeps a relative report; no PROGRAM is exit 2"
