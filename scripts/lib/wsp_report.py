#!/usr/bin/env python3
"""Summarise a wspshim divergence report (WSP_REPORT, one JSON object per line).

Lines for the same (pid, call site, call, option) carry growing counts; the
largest is kept, then identical divergences from several processes are added
up.  Prints a table; exit status 0 if the report holds no divergence, 3 if it
does (wsp-run --check), 2 if it cannot be read.
"""
import json
import sys


def outcome(side, windows):
    if side is None or side.get("ret") is None:
        return "(no such option)" if windows else "?"
    if side["ret"] == 0:
        value = side.get("value")
        return "ok" + (f", {value}" if value is not None else "")
    name = side.get("wsa") if windows and side.get("wsa") else side.get("errno")
    return f"-1 {name}"


def main(argv):
    if len(argv) != 2:
        print("usage: wsp_report.py REPORT", file=sys.stderr)
        return 2
    latest = {}
    try:
        with open(argv[1], encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError:
                    print(f"wsp-report: line {number} is not JSON, skipped", file=sys.stderr)
                    continue
                caller = d.get("caller") or {}
                key = (d["pid"], caller.get("module"), caller.get("offset"), d["call"], d["level"], d["option"])
                if key not in latest or d["count"] > latest[key]["count"]:
                    latest[key] = d
    except FileNotFoundError:
        latest = {}
    except OSError as e:
        print(f"wsp-report: {e}", file=sys.stderr)
        return 2

    merged = {}
    for d in latest.values():
        caller = d.get("caller") or {}
        where = f'{(caller.get("module") or "?").rsplit("/", 1)[-1]}+{caller.get("offset")}'
        linux = outcome(d.get("linux"), False)
        windows = outcome(d.get("windows"), True)
        key = (d["call"], d["option"], d["family"], d["type"], linux, windows, where)
        entry = merged.setdefault(key, {"count": 0, "value": d.get("value"), "note": d.get("note")})
        entry["count"] += d["count"]

    if not merged:
        print("wspshim: no divergence from Windows behaviour was recorded.")
        return 0
    rows = sorted(merged.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
    print(f"wspshim: {len(rows)} place(s) where Windows would answer differently:")
    header = ("count", "call", "option", "socket", "Linux did", "Windows does", "where")
    table = [header]
    for (call, option, family, stype, linux, windows, where), entry in rows:
        value = f'={entry["value"]}' if entry["value"] else ""
        table.append((str(entry["count"]), call, option + value, f"{family}/{stype}".replace("SOCK_", ""),
                      linux, windows, where))
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  " + "  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())
    notes = sorted({e["note"] for e in merged.values() if e["note"]})
    for note in notes:
        print(f"  note: {note}")
    return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv))
