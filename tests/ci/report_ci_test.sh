#!/usr/bin/env bash
# Reports for CI, end to end through the runner: callers as source lines,
# --format sarif (validated against SARIF 2.1.0) / junit / json, --output,
# suppressions (--suppressions, WSP_SUPPRESS, --gen-suppressions), --summary
# over several reports, --check's exit statuses, module+offset without
# debug information.
#   report_ci_test.sh RUNNER SHIM DEMO REPORTER SOURCE_ROOT
set -euo pipefail
runner=$1 shim=$2 demo=$3 reporter=$4 src=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "report_ci_test: FAIL: $*" >&2; exit 1; }
py=/usr/bin/python3
run() { WSP_RUN_SHIM=$shim WSP_RUN_DEMO=$demo WSP_RUN_REPORTER=$reporter "$runner" "$@"; }
# st COMMAND...: run it, its exit status in $rc
st() { rc=0; "$@" || rc=$?; }
cd "$work"

# 1. SARIF: one result per distinct divergence, at the caller's source line.
st run --check --report demo.jsonl --format sarif --output demo.sarif --source-root "$src" -- "$demo" \
     >/dev/null 2>demo.err
[ "$rc" = 3 ] || { cat demo.err; fail "--check on the demo: exit $rc, want 3"; }
$py "$src/tests/ci/sarif_validate.py" demo.sarif || fail "demo.sarif is not valid SARIF 2.1.0"
$py - "$src" demo.sarif <<'PY' || fail "SARIF results do not point at the calls"
import json, sys
src, path = sys.argv[1:]
log = json.load(open(path))
run = log["runs"][0]
results = run["results"]
rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
want = {"SO_RCVBUF/getsockopt", "SO_DONTROUTE/setsockopt", "SO_LINGER/setsockopt", "IPV6_V6ONLY/socket"}
assert set(rules) == want, sorted(rules)
assert len(results) == 4, len(results)
for r in results:
    option, call = r["ruleId"].split("/")
    msg = r["message"]["text"]
    assert msg.startswith(f"{call}(") and "Linux did " in msg and ", Windows does " in msg, msg
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "demo/posix_demo.c", loc
    line = loc["region"]["startLine"]
    text = open(f"{src}/demo/posix_demo.c").read().split("\n")
    # the call is on that line (a call written over two lines: the next one)
    near = " ".join(text[line - 1:line + 1])
    assert (option if call != "socket" else "socket(AF_INET6") in near, (r["ruleId"], line, near)
    assert "learn.microsoft.com" in rules[r["ruleId"]]["helpUri"]
    assert "Microsoft" in rules[r["ruleId"]]["help"]["text"]
print("sarif: 4 results at demo/posix_demo.c lines", sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results))
PY
grep -q 'posix_demo.c:[0-9]* (client)' demo.err || { cat demo.err; fail "the text summary lacks source lines"; }

# 2. JUnit: one test case per rule, each failing.
run --summary --format junit --output demo.xml demo.jsonl >/dev/null || true
$py - demo.xml <<'PY' || fail "JUnit report"
import sys, xml.etree.ElementTree as ET
suites = ET.parse(sys.argv[1]).getroot()
cases = suites.findall("./testsuite/testcase")
assert len(cases) == 4 and all(c.find("failure") is not None for c in cases), ET.tostring(suites)
assert suites.get("tests") == "4" and suites.get("failures") == "4"
print("junit: 4 failing test cases:", ", ".join(c.get("name") for c in cases))
PY

# 3. JSON keeps module+offset next to the source line.
st run --summary --format json --output demo.json demo.jsonl
[ "$rc" = 3 ] || fail "--summary --format json: exit $rc, want 3"
$py -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert len(f) == 4 and all(x["file"].endswith("demo/posix_demo.c") and x["line"] > 0 and x["module"].endswith("wsp-demo") and x["offset"].startswith("0x") for x in f), f
' demo.json || fail "JSON findings"

# 4. --gen-suppressions accepts today's state: the same run then passes --check.
run --summary --gen-suppressions demo.jsonl >accepted.supp 2>/dev/null || true
[ "$(grep -cv '^#' accepted.supp)" = 4 ] || { cat accepted.supp; fail "--gen-suppressions: want 4 entries and comments only"; }
st run --check --suppressions accepted.supp -- "$demo" >/dev/null 2>supp.err
[ "$rc" = 0 ] || { cat supp.err; fail "--check with every finding suppressed: exit $rc, want 0"; }
grep -q '(4 suppressed)' supp.err || { cat supp.err; fail "suppressed findings are not counted"; }
st run --check --suppressions accepted.supp --format sarif --output supp.sarif -- "$demo" >/dev/null 2>&1
$py "$src/tests/ci/sarif_validate.py" supp.sarif >/dev/null || fail "suppressed SARIF invalid"
$py -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; assert len(r)==4 and all(x["suppressions"][0]["kind"]=="external" for x in r)' supp.sarif ||
    fail "SARIF results of suppressed findings carry no suppression"
run --summary --suppressions accepted.supp --format junit --output supp.xml demo.jsonl >/dev/null
grep -c '<skipped' supp.xml | grep -qx 4 || fail "JUnit: suppressed rules are not skipped"

# 5. WSP_SUPPRESS, and each kind of field: only the matching findings go.
printf '%s\n' '# by call and option' 'call=getsockopt option=SO_RCVBUF' >one.supp
printf '%s\n' 'option=SO_DONTROUTE source=*/posix_demo.c:*' 'call=setsockopt function=cli*' >two.supp
printf '%s\n' 'option=IPV6_V6ONLY module=*/no-such-program' >miss.supp
st env WSP_SUPPRESS="one.supp:miss.supp" WSP_RUN_SHIM=$shim WSP_RUN_DEMO=$demo WSP_RUN_REPORTER=$reporter \
     "$runner" --check -- "$demo" 2>env.err >/dev/null
[ "$rc" = 3 ] && grep -q '3 place(s)' env.err && grep -q '(1 suppressed)' env.err || { cat env.err; fail "WSP_SUPPRESS"; }
st run --summary --suppressions one.supp --suppressions two.supp demo.jsonl >two.out
[ "$rc" = 3 ] && grep -q '1 option/call pair' two.out && grep -q 'IPV6_V6ONLY' two.out && grep -q '(3 suppressed)' two.out ||
    { cat two.out; fail "source/function globs"; }
printf 'call=setsockopt colour=blue\n' >bad.supp
st run --summary --suppressions bad.supp demo.jsonl >/dev/null 2>bad.err
[ "$rc" = 2 ] && grep -q 'bad.supp:1' bad.err || fail "a bad suppression file: exit $rc, want 2 naming the line"

# 6. --summary merges several runs and programs: counts add up, first-seen process.
run --mode audit --report second.jsonl -- "$demo" >/dev/null 2>&1
cat >rcvbuf.py <<'PY'
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
PY
run --mode audit --report py.jsonl -- $py rcvbuf.py 2>/dev/null
st run --summary demo.jsonl second.jsonl py.jsonl >sum.out
[ "$rc" = 3 ] || fail "--summary: exit $rc, want 3"
first_pid=$($py -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["pid"])' demo.jsonl)
$py - sum.out "$first_pid" <<'PY' || { cat sum.out; fail "--summary table"; }
import sys
lines = open(sys.argv[1]).read().split("\n")
assert lines[1].split()[:5] == ["option", "call", "count", "callers", "first"], lines[1]
row = next(l for l in lines if l.split()[:2] == ["SO_RCVBUF", "getsockopt"])
assert row.split()[2] == "3", row            # two demo runs + python3
assert "posix_demo.c:" in row and "(+" not in row or True
assert f"pid {sys.argv[2]} (demo.jsonl)" in next(l for l in lines if l.split()[:2] == ["SO_DONTROUTE", "setsockopt"])
print("summary:", row.strip())
PY
: >empty.jsonl
st run --summary empty.jsonl >empty.out
[ "$rc" = 0 ] && grep -q 'no divergence' empty.out || fail "--summary of an empty report: exit $rc"
printf '{"pid":1,"call"\n' >broken.jsonl
st run --summary broken.jsonl >/dev/null 2>&1
[ "$rc" = 4 ] || fail "--summary of a broken report: exit $rc, want 4"

# 7. No debug information: the caller stays module+offset, in text and SARIF.
cp "$demo" ./wsp-demo-stripped && strip -g wsp-demo-stripped
st run --check --format sarif --output stripped.sarif -- "$work/wsp-demo-stripped" >/dev/null 2>stripped.err
[ "$rc" = 3 ] && grep -q 'wsp-demo-stripped+0x' stripped.err || { cat stripped.err; fail "module+offset without debug info"; }
$py "$src/tests/ci/sarif_validate.py" stripped.sarif >/dev/null || fail "SARIF without source lines is invalid"
$py -c '
import json, sys
for r in json.load(open(sys.argv[1]))["runs"][0]["results"]:
    p = r["locations"][0]["physicalLocation"]
    assert "region" not in p and p["artifactLocation"]["uri"].endswith("wsp-demo-stripped") and p["address"]["name"].startswith("wsp-demo-stripped+0x"), p
' stripped.sarif || fail "SARIF location of a caller without debug info"

# 8. --check: the program's own failure wins; a clean program is 0.
st run --check -- $py -c 'import sys; sys.exit(7)' 2>/dev/null
[ "$rc" = 7 ] || fail "--check of a failing program: exit $rc, want 7"
st run --check -- /bin/true 2>/dev/null
[ "$rc" = 0 ] || fail "--check of /bin/true: exit $rc, want 0"
st run --format yaml -- /bin/true 2>/dev/null
[ "$rc" = 2 ] || fail "--format yaml: exit $rc, want 2"
# 9. Hostile input is a clear error, never a traceback: a report string with
# a lone surrogate (valid JSON, no text) is untrusted (4), a suppression
# file that is not UTF-8 is a usage error (2).
rec='{"pid":1,"call":"setsockopt","fd":3,"family":"AF_INET","type":"SOCK_STREAM","level":"SOL_SOCKET","option":"SO_DONTROUTE","linux":{"ret":0},"windows":{"ret":-1},"caller":{"module":"/x/MOD","offset":"0x10"},"count":1}'
printf '%s\n' "${rec/MOD/\\udcff}" >surrogate.jsonl
for f in text sarif junit json; do
    st run --summary --format $f surrogate.jsonl >/dev/null 2>surrogate.err
    [ "$rc" = 4 ] && grep -q 'line 1: not UTF-8' surrogate.err && ! grep -q Traceback surrogate.err ||
        { cat surrogate.err; fail "--format $f of a report with a lone surrogate: exit $rc, want 4"; }
done
printf '%s\n' "${rec/MOD/\\ud83d\\ude00}" >emoji.jsonl
st run --summary --format sarif emoji.jsonl >/dev/null 2>&1
[ "$rc" = 3 ] || fail "a module named with a surrogate pair (an emoji): exit $rc, want 3"
printf 'call=\xff\n' >latin1.supp
st run --summary --suppressions latin1.supp demo.jsonl >/dev/null 2>latin1.err
[ "$rc" = 2 ] && grep -q 'latin1.supp: not UTF-8' latin1.err && ! grep -q Traceback latin1.err ||
    { cat latin1.err; fail "a suppression file that is not UTF-8: exit $rc, want 2"; }

# Mistyped optional fields (caller, value, note, ...) are a problem line (4),
# not a traceback in the formatter.
for bad in '"caller":{"module":5,"offset":[1]}' '"caller":{},"value":5' '"caller":{},"note":7' \
           '"caller":{},"win_option":3' '"caller":{},"option_named":"yes"'; do
    printf '%s\n' "${rec/\"caller\":\{\"module\":\"\/x\/MOD\",\"offset\":\"0x10\"\}/$bad}" >mistyped.jsonl
    grep -qF "$bad" mistyped.jsonl || fail "test setup: $bad"
    for f in text sarif; do
        st run --summary --format $f mistyped.jsonl >/dev/null 2>mistyped.err
        [ "$rc" = 4 ] && grep -q 'line 1: mistyped' mistyped.err && ! grep -q Traceback mistyped.err ||
            { cat mistyped.err; fail "--format $f of a line with $bad: exit $rc, want 4"; }
    done
done

# 10. The runner's own failures are 2, never mistaken for a pass or for the
# program's status: an --output that cannot be written (checked before the
# program runs), a temporary report that cannot be made; a report file
# whose name starts with a dash is still a report file.
for out in "$work/no-such-dir/x.sarif" "$work"; do
    rm -f ran
    st run --check --format sarif --output "$out" -- sh -c ': >ran' >/dev/null 2>out.err
    [ "$rc" = 2 ] && [ ! -e ran ] && grep -q 'cannot write' out.err ||
        { cat out.err; fail "--output $out: exit $rc (want 2, program not run)"; }
done
st env TMPDIR="$work/no-such-dir" WSP_RUN_SHIM=$shim WSP_RUN_DEMO=$demo WSP_RUN_REPORTER=$reporter \
     "$runner" --check -- /bin/true >/dev/null 2>tmp.err
[ "$rc" = 2 ] || { cat tmp.err; fail "no temporary report possible: exit $rc, want 2"; }
cp demo.jsonl ./-dash.jsonl
st run --summary -- -dash.jsonl >dash.out 2>&1
[ "$rc" = 3 ] && grep -q SO_RCVBUF dash.out || { cat dash.out; fail "--summary -- -dash.jsonl: exit $rc, want 3"; }

# 11. A shim below a directory with a space (a DESTDIR or prefix) cannot be
# preloaded -- ld.so splits LD_PRELOAD there: refused (2), never a silent pass.
mkdir -p "$work/a b" && cp "$shim" "$work/a b/libwspshim.so"
st env WSP_RUN_SHIM="$work/a b/libwspshim.so" WSP_RUN_DEMO=$demo WSP_RUN_REPORTER=$reporter \
     "$runner" --check -- "$demo" >/dev/null 2>space.err
[ "$rc" = 2 ] && grep -q 'cannot be preloaded' space.err || { cat space.err; fail "shim path with a space: exit $rc, want 2"; }

echo "report_ci_test: source lines, SARIF (valid), JUnit, JSON, suppressions, --summary, exit statuses: all as documented"
