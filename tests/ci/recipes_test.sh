#!/usr/bin/env bash
# The README's CI recipes, run here: the `wsp-run` command of the GitHub
# Actions job and of the GitLab CI job, exactly as the README writes them,
# with an installed wsp-run (meson install into a DESTDIR) on PATH, in a copy
# of tests/ci/sample (`make check`) and again with the demo as the suite;
# then the files the jobs would upload are checked: wsp.sarif against SARIF
# 2.1.0 and the caller's source line, wsp-junit.xml (one test case per rule),
# wsp-report.jsonl (the JSON artifact).
#   recipes_test.sh BUILD SOURCE PREFIX BINDIR LIBEXECDIR
set -euo pipefail
build=$1 src=$2 prefix=$3 bindir=$4 libexecdir=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "recipes_test: FAIL: $*" >&2; exit 1; }
py=/usr/bin/python3
command -v make >/dev/null && command -v cc >/dev/null || { echo "recipes_test: needs make and cc"; exit 77; }

meson install -C "$build" --no-rebuild --quiet --destdir "$work/root" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; fail "meson install"; }
export PATH="$work/root$prefix/$bindir:$PATH"
demo=$work/root$prefix/$libexecdir/wspshim/wsp-demo

# The two jobs' wsp-run lines, from the README's yaml blocks of "Running in CI".
mapfile -t cmds < <($py - "$src/README.md" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
section = text.split("## Running in CI", 1)[1].split("\n## ", 1)[0]
for block in re.findall(r"```yaml\n(.*?)```", section, re.S):
    lines = [re.sub(r"^\s*(- )?(run: )?", "", l) for l in block.split("\n") if "wsp-run " in l]
    assert len(lines) == 1, lines
    print(lines[0])
PY
)
[ "${#cmds[@]}" = 2 ] || fail "want one wsp-run line in each of the two recipes, found ${#cmds[@]}"
case ${cmds[0]} in *"--format sarif --output wsp.sarif"*"-- make check") ;; *) fail "GitHub recipe: ${cmds[0]}" ;; esac
case ${cmds[1]} in *"--format junit --output wsp-junit.xml"*"-- make check") ;; *) fail "GitLab recipe: ${cmds[1]}" ;; esac

# run_recipe DIR COMMAND: the command's exit status
run_recipe() {
    local rc=0
    (cd "$1" && bash -c "$2") >"$1/job.log" 2>&1 || rc=$?
    echo "$rc"
}

check_upload() {   # DIR SUITE-SOURCE RULES...: what the jobs would upload
    local dir=$1 source=$2
    shift 2
    [ -s "$dir/wsp-report.jsonl" ] || fail "$dir: no wsp-report.jsonl"
    $py -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$dir/wsp-report.jsonl" || fail "artifact not JSON lines"
    $py "$src/tests/ci/sarif_validate.py" "$dir/wsp.sarif" || fail "$dir/wsp.sarif"
    $py - "$dir" "$source" "$@" <<'PY' || fail "$dir: uploads do not show the findings"
import json, os, sys, xml.etree.ElementTree as ET
d, source, rules = sys.argv[1], sys.argv[2], set(sys.argv[3:])
run = json.load(open(os.path.join(d, "wsp.sarif")))["runs"][0]
got = {r["ruleId"] for r in run["results"]}
assert got == rules, (got, rules)
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == source, loc
    assert loc["region"]["startLine"] > 0
    path = source[len("file://"):] if source.startswith("file://") else os.path.join(d, source)
    line = open(path).read().split("\n")[loc["region"]["startLine"] - 1]
    assert r["ruleId"].split("/")[0] in line or r["ruleId"].endswith("/socket"), (r["ruleId"], line)
cases = ET.parse(os.path.join(d, "wsp-junit.xml")).getroot().findall("./testsuite/testcase")
assert {c.get("name") for c in cases} == rules and all(c.find("failure") is not None for c in cases)
print(f"{os.path.basename(d)}: SARIF {sorted(got)} at {source}; JUnit {len(cases)} failing case(s)")
PY
}

# The sample project: make check under both jobs' commands.
cp -r "$src/tests/ci/sample" "$work/project"
for c in "${cmds[@]}"; do
    rc=$(run_recipe "$work/project" "$c")
    [ "$rc" = 3 ] || { cat "$work/project/job.log"; fail "'$c' in the sample project: exit $rc, want 3"; }
done
grep -q '^bufsize: ok' "$work/project/job.log" || fail "the sample suite did not run"
check_upload "$work/project" bufsize.c "SO_RCVBUF/getsockopt" "SO_KEEPALIVE/setsockopt"

# The demo as the suite: the same commands with `make check` replaced.
mkdir "$work/demo"
for c in "${cmds[@]}"; do
    rc=$(run_recipe "$work/demo" "${c%make check}$demo")
    [ "$rc" = 3 ] || { cat "$work/demo/job.log"; fail "recipe on the demo: exit $rc, want 3"; }
done
# the installed demo is built in the build tree: its source lies outside the job's directory
uri=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])' "$work/demo/wsp.sarif")
case $uri in file:///*/demo/posix_demo.c) ;; *) fail "demo SARIF location $uri" ;; esac
check_upload "$work/demo" "$uri" "SO_RCVBUF/getsockopt" "SO_DONTROUTE/setsockopt" "SO_LINGER/setsockopt" "IPV6_V6ONLY/socket"
echo "recipes_test: both README jobs ran on the sample project and the demo; their uploads are valid"
