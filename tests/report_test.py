#!/usr/bin/env python3
"""The audit report as CI reads it, end to end: tests/report_probe under the
shim (audit mode) in the situations that used to break the report.

  report_test.py PROBE SHIM

Each check runs the probe in a fresh directory and reads the report back.
Checks that need root (a file owned by another user) say so and are skipped
otherwise.
"""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

PROBE, SHIM = os.path.abspath(sys.argv[1]), sys.argv[2]  # SHIM may be a colon list (sanitizer runtime first)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(program, args, report, cwd, env_extra=None, argv0=None):
    env = dict(os.environ, WSP_MODE="audit", LD_PRELOAD=SHIM)
    env.pop("WSP_DEBUG_FILE", None)
    if report is not None:
        env["WSP_REPORT"] = report
    env.update(env_extra or {})
    return subprocess.run([argv0 or program] + args, executable=program, cwd=cwd, env=env,
                          capture_output=True)


def lines(report, option="SO_DONTROUTE"):
    """The report's lines about OPTION (None: all), parsed; any line that is
    not JSON fails the check.  (Every AF_INET6 socket also adds an
    IPV6_V6ONLY line.)"""
    with open(report, "rb") as f:
        raw = f.read()
    check(raw.endswith(b"\n"), f"{os.path.basename(report)}: ends with a newline")
    out = []
    for number, line in enumerate(raw.split(b"\n")[:-1], 1):
        try:
            out.append(json.loads(line.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            check(False, f"line {number} is JSON: {e}: {line[:120]!r}")
    return [d for d in out if option is None or d["option"] == option]


def copy_probe(directory, name):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name)
    shutil.copy(PROBE, path)
    return path


def test_hostile_program_path(work):
    # quote, backslash, a control byte and a byte that is not UTF-8 in the path
    d = os.path.join(os.fsencode(work), b'dir "quoted" back\\slash \x01 bad\xff')
    prog = copy_probe(d, b"probe")
    report = os.path.join(work, "hostile.jsonl")
    r = run(prog, [], report, work)
    check(r.returncode == 0, "probe at a hostile path runs")
    got = lines(report)
    check(len(got) == 1, "one line for one divergence")
    # bytes that are not UTF-8 come back as U+00XX: latin-1 of an ASCII+0xff path
    check(got and got[0]["caller"]["module"] == prog.decode("latin-1"),
          "caller.module is the real path, escaped: " + (got[0]["caller"]["module"] if got else "-"))


def test_long_program_path(work):
    d = work
    while len(d) < 1500:
        d = os.path.join(d, "a-rather-long-directory-name-" + "x" * 30)
    prog = copy_probe(d, "probe-long")
    report = os.path.join(work, "long.jsonl")
    r = run(prog, ["repeat", "3"], report, work)
    check(r.returncode == 0, "probe at a 1500-byte path runs")
    got = lines(report)
    module = got[0]["caller"]["module"] if got else ""
    check(len(got) == 3 and all(g["caller"]["module"] == module for g in got),
          "three lines (counts 1, 2, 3), each whole")
    check(module.startswith("...") and module.endswith("/probe-long") and len(module) <= 1024,
          f"a long module keeps its end behind '...' ({len(module)} chars)")


def test_process_title(work):
    prog = copy_probe(os.path.join(work, "title"), "probe-with-a-long-name-for-the-title")
    report = os.path.join(work, "title.jsonl")
    title = 'nginx: worker "x" \\ \x01'
    r = run(prog, ["title", title], report, work)
    check(r.returncode == 0, "probe that rewrites argv[0] runs")
    got = lines(report)
    check(got and got[0]["caller"]["module"] == prog, "caller.module is the executable, not the process title")


def test_relative_report_and_chdir(work):
    sub = os.path.join(work, "elsewhere")
    os.makedirs(sub)
    run(PROBE, ["chdir", sub, "repeat", "2"], "rel.jsonl", work)
    check(os.path.exists(os.path.join(work, "rel.jsonl")), "relative WSP_REPORT: written where the program started")
    check(not os.path.exists(os.path.join(sub, "rel.jsonl")), "relative WSP_REPORT: nothing in the new directory")
    got = lines(os.path.join(work, "rel.jsonl"))
    check(max((g["count"] for g in got), default=0) == 2, "both divergences after chdir counted")


def count_of(report, pid=None):
    got = [g for g in lines(report) if pid is None or g["pid"] == pid]
    return max((g["count"] for g in got), default=0)


def test_exit_paths(work):
    for how, want in (("exit", 5), ("_exit", 5), ("_Exit", 5), ("exit_group", 4)):
        report = os.path.join(work, f"leave-{how}.jsonl")
        r = run(PROBE, ["repeat", "5", "leave", how], report, work)
        got = count_of(report)
        # exit_group bypasses libc: the documented loss, counts since the last power of two
        check(r.returncode == 0 and got == want, f"5 divergences, leaving by {how}: count {got}, want {want}")


def test_vfork_child(work):
    report = os.path.join(work, "vfork.jsonl")
    r = run(PROBE, ["vfork", "repeat", "0"], report, work)
    child = int(r.stdout.decode().split()[0])
    check(count_of(report, child) == 0, "a vfork child's _exit writes nothing under its pid (it shares our table)")
    check(count_of(report) == 3, "the parent's count stays its own (3)")


def test_option_names(work):
    report = os.path.join(work, "names.jsonl")
    run(PROBE, ["unmapped"], report, work)
    got = lines(report, None)
    names = {(g["level"], g["option"], g.get("option_named")) for g in got}
    check(("IPPROTO_IP", "IP_FREEBIND", True) in names, "IP_FREEBIND is named: " + str(sorted(names)))
    check(("IPPROTO_IP", "IPPROTO_IP:4242", False) in names, "an unknown option is LEVEL:NUMBER, flagged unnamed")


def test_file_rules(work, variable, args):
    """WSP_REPORT and WSP_DEBUG_FILE: one rule (spi/wsp_outfile.c)."""
    env_mode = {"WSP_MODE": "enforce"} if variable == "WSP_DEBUG_FILE" else {}

    def go(path, cwd=work, more=()):
        env = dict(env_mode, **{variable: path})
        return run(PROBE, list(more) + list(args), None if variable == "WSP_DEBUG_FILE" else path, cwd, env)

    old = os.umask(0o022)
    try:
        fresh = os.path.join(work, variable + ".new")
        go(fresh)
        check(os.path.exists(fresh) and stat.S_IMODE(os.stat(fresh).st_mode) == 0o600,
              f"{variable}: a new file is created 0600")
    finally:
        os.umask(old)

    target = os.path.join(work, variable + ".target")
    with open(target, "w") as f:
        f.write("precious\n")
    link = os.path.join(work, variable + ".link")
    os.symlink(target, link)
    r = go(link)
    check(open(target).read() == "precious\n", f"{variable}: a symbolic link is not followed")
    if variable == "WSP_REPORT":
        check(r.stderr.count(b"not written") == 1, "the refused report is said once on stderr")

    sub = os.path.join(work, variable + ".cd")
    os.makedirs(sub)
    go(variable + ".rel", more=("chdir", sub))
    check(os.path.exists(os.path.join(work, variable + ".rel")) and
          not os.path.exists(os.path.join(sub, variable + ".rel")), f"{variable}: a relative path is fixed at start")

    if os.geteuid() != 0:
        print(f"skip {variable}: a file of another user in a sticky directory needs root to set up")
        return
    shared = os.path.join(work, variable + ".sticky")
    os.makedirs(shared)
    os.chmod(shared, 0o1777)
    os.chmod(work, 0o755)
    planted = os.path.join(shared, "planted")
    with open(planted, "w") as f:
        f.write("planted\n")
    os.chown(planted, 65534, 65534)
    go(planted)
    check(open(planted).read() == "planted\n", f"{variable}: another user's file in a sticky directory is refused")
    mine = os.path.join(shared, "mine")
    go(mine)
    check(os.path.exists(mine) and os.path.getsize(mine) > 0, f"{variable}: our own file there is written")


def main():
    tests = [test_hostile_program_path, test_long_program_path, test_process_title, test_relative_report_and_chdir,
             test_exit_paths, test_vfork_child, test_option_names,
             lambda w: test_file_rules(w, "WSP_REPORT", []),
             lambda w: test_file_rules(w, "WSP_DEBUG_FILE", ["debug", "repeat", "0"])]
    for t in tests:
        with tempfile.TemporaryDirectory() as work:
            t(work)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
