#!/usr/bin/env python3
"""Summarise a wspshim divergence report (WSP_REPORT, one JSON object per line).

Lines for the same (pid, call site, call, option) carry growing counts; the
largest is kept, then identical divergences from several processes are added
up.  Prints a table.

Exit status (what `wsp-run --check` passes on):
  0  the report was read whole and holds no divergence
  3  divergences were recorded (every line was read)
  4  the report cannot be trusted: it is missing or unreadable, or some line
     is not a well-formed report line -- whatever else it holds
  2  usage

  wsp_report.py REPORT            summary on stdout
  wsp_report.py --create REPORT   create REPORT for a run (0600, never through
                                  a symbolic link, never another user's file
                                  in a shared directory); exit 4 if refused
  wsp_report.py [--format text|json|sarif|junit] [--output FILE] [--summary]
                [--suppressions FILE]... [--gen-suppressions] REPORT...
                                  callers as source lines, CI formats,
                                  suppressions, several reports (wsp_ci.py)
"""
import json
import os
import stat
import sys

EXIT_CLEAN, EXIT_USAGE, EXIT_DIVERGENCES, EXIT_UNTRUSTED = 0, 2, 3, 4

# Keys every line carries, and the JSON types they must have.
OUTCOME = {"ret": (int, type(None)), "errno": (str, type(None)), "value": (str, type(None)),
           "wsa": (str, type(None))}
# Keys a line may carry, and their JSON types (the summary formats them).
OPTIONAL = {"value": (str, type(None)), "note": (str, type(None)), "win_option": (str, type(None)),
            "win_level": (str, type(None)), "option_named": (bool,)}
CALLER = {"module": (str, type(None)), "offset": (str, int, type(None))}
REQUIRED = {"pid": int, "call": str, "fd": int, "family": str, "type": str, "level": str, "option": str,
            "linux": dict, "windows": dict, "caller": dict, "count": int}


class Report:
    """What a report file holds: its divergence records and its problems
    (each a line number and a reason).  A report with problems is never
    taken as clean."""

    def __init__(self):
        self.records = []
        self.problems = []


def check_record(d):
    """None if d is a well-formed report line, else why not."""
    if not isinstance(d, dict):
        return "not a JSON object"
    for key, kind in REQUIRED.items():
        if not isinstance(d.get(key), kind) or isinstance(d.get(key), bool) and kind is int:
            return f"missing or mistyped '{key}'"
    for key, kinds in OPTIONAL.items():
        if key in d and not isinstance(d[key], kinds):
            return f"mistyped '{key}'"
    for key, kinds in CALLER.items():
        if key in d["caller"] and not isinstance(d["caller"][key], kinds):
            return f"mistyped 'caller.{key}'"
    for side in ("linux", "windows"):
        for key, kinds in OUTCOME.items():
            if key in d[side] and not isinstance(d[side][key], kinds):
                return f"mistyped '{side}.{key}'"
    if d["count"] < 1:
        return "count below 1"
    return None


def encodable(value):
    """True if every string in value can be encoded as UTF-8."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def read_report(path):
    """Parse every line of the report at PATH into a Report."""
    report = Report()
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        report.problems.append((0, f"cannot read: {e.strerror or e}"))
        return report
    if data and not data.endswith(b"\n"):
        report.problems.append((data.count(b"\n") + 1, "last line is not ended (cut off?)"))
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            d = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            report.problems.append((number, "not UTF-8"))
            continue
        except json.JSONDecodeError as e:
            report.problems.append((number, f"not JSON ({e.msg} at column {e.colno})"))
            continue
        # a lone surrogate (\udXXX) is valid JSON but no text: the shim
        # never writes one, and it cannot be written out again as UTF-8
        why = "not UTF-8 (a lone surrogate)" if b"\\ud" in raw.lower() and not encodable(d) else check_record(d)
        if why:
            report.problems.append((number, why))
        else:
            report.records.append(d)
    return report


def option_label(d):
    return d["option"] if d.get("option_named", True) else f'{d["option"]} (unnamed option)'


def outcome(side, windows):
    if side is None or side.get("ret") is None:
        return "(no such option)" if windows else "?"
    if side["ret"] == 0:
        value = side.get("value")
        return "ok" + (f", {value}" if value is not None else "")
    name = side.get("wsa") if windows and side.get("wsa") else side.get("errno")
    return f"-1 {name}"


def merge(records):
    """Largest count per (pid, call site, call, level, option), then the
    same divergence across processes added up.  Returns {key: entry}."""
    latest = {}
    for d in records:
        caller = d["caller"]
        key = (d["pid"], caller.get("module"), caller.get("offset"), d["call"], d["level"], d["option"])
        if key not in latest or d["count"] > latest[key]["count"]:
            latest[key] = d
    merged = {}
    for d in latest.values():
        caller = d["caller"]
        where = f'{(caller.get("module") or "?").rsplit("/", 1)[-1]}+{caller.get("offset")}'
        key = (d["call"], option_label(d), d["family"], d["type"], outcome(d["linux"], False),
               outcome(d["windows"], True), where)
        entry = merged.setdefault(key, {"count": 0, "value": d.get("value"), "note": d.get("note")})
        entry["count"] += d["count"]
    return merged


def print_table(merged, out):
    rows = sorted(merged.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
    print(f"wspshim: {len(rows)} place(s) where Windows would answer differently:", file=out)
    header = ("count", "call", "option", "socket", "Linux did", "Windows does", "where")
    table = [header]
    for (call, option, family, stype, linux, windows, where), entry in rows:
        value = f'={entry["value"]}' if entry["value"] else ""
        table.append((str(entry["count"]), call, option + value, f"{family}/{stype}".replace("SOCK_", ""),
                      linux, windows, where))
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  " + "  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip(), file=out)
    for note in sorted({e["note"] for e in merged.values() if e["note"]}):
        print(f"  note: {note}", file=out)


def summarise(path, out=sys.stdout, err=sys.stderr):
    report = read_report(path)
    merged = merge(report.records)
    if merged:
        print_table(merged, out)
    elif not report.problems:
        print("wspshim: no divergence from Windows behaviour was recorded.", file=out)
    if report.problems:
        for number, why in report.problems[:10]:
            print(f"wsp-report: {path}: line {number}: {why}" if number else f"wsp-report: {path}: {why}", file=err)
        print(f"wsp-report: the report cannot be trusted ({len(report.problems)} problem(s)); "
              "treat the run as failed", file=err)
        return EXIT_UNTRUSTED
    return EXIT_DIVERGENCES if merged else EXIT_CLEAN


def create(path):
    """Create (or accept) the report file the way the shim will open it."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                     0o600)
    except OSError as e:
        print(f"wsp-report: cannot use {path} as the report: {e.strerror}"
              + (" (a symbolic link)" if os.path.islink(path) else ""), file=sys.stderr)
        return EXIT_UNTRUSTED
    try:
        st, dst = os.fstat(fd), os.stat(directory)
        if not stat.S_ISREG(st.st_mode):
            why = "not a regular file"
        elif dst.st_mode & stat.S_ISVTX and dst.st_mode & stat.S_IWOTH and st.st_uid != os.geteuid():
            why = "another user's file in a shared directory"
        else:
            why = None
    finally:
        os.close(fd)
    if why:
        print(f"wsp-report: cannot use {path} as the report: {why}", file=sys.stderr)
        return EXIT_UNTRUSTED
    return EXIT_CLEAN


def main(argv):
    if len(argv) == 3 and argv[1] == "--create":
        return create(argv[2])
    if len(argv) != 2 or argv[1].startswith("--"):
        # formats, suppressions, source lines, several reports: wsp_ci.py
        import wsp_ci
        return wsp_ci.main(argv[1:], read_report)
    return summarise(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
