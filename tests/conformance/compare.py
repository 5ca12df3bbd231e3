#!/usr/bin/env python3
"""Compare the conformance probe's output under Wine with its output on libwsp.

usage: compare.py WINE_OUT LIBWSP_OUT [--known known-differences.md]
                  [--results RESULTS.md] [--wine-version TEXT]

Each input line is `case_id ret err len value` (conformance.c).  A case
agrees when everything after the case id is identical (whitespace is
normalised, a trailing CR is dropped).  A case present on one side only is a
disagreement.

known-differences.md: every markdown table row whose first cell is a
backquoted shell glob (`tcp6.SOL_SOCKET.SO_DONTROUTE.*`) lists a reviewed
difference where Wine is known to differ from Windows and libwsp follows
Windows.  Its second cell lists, each in backquotes, every answer libwsp
may give for those cases (`-1 10042 - -` `-1 10042 4 efbeaddeefbeadde`):
a case is explained only when libwsp's whole answer is one of them, so a
row cannot hide libwsp drifting to a third answer.  A row without such a
list is an input error.  Exit status: 0 when every disagreement is
explained by a row, 1 otherwise, 2 on a usage or input error.
"""
import argparse
import datetime
import fnmatch
import os
import re
import signal
import sys


def die(msg):
    print(f"compare.py: {msg}", file=sys.stderr)
    sys.exit(2)


def read_cases(path):
    cases, order = {}, []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split()
            if len(parts) < 2:
                die(f"{path}:{n}: malformed line: {line!r}")
            cid = parts[0]
            if cid in cases:
                die(f"{path}:{n}: duplicate case id {cid}")
            cases[cid] = " ".join(parts[1:])
            order.append(cid)
    return cases, order


ROW = re.compile(r"^\s*\|\s*`([^`]+)`\s*\|(.*)$")
ANSWER = re.compile(r"`([^`]+)`")


def read_known(path):
    """[(glob, {libwsp answers})] from the table rows of known-differences.md,
    and {glob: the "## " heading it sits under}"""
    known, section, heading = [], {}, ""
    if not path or not os.path.exists(path):
        return known, section
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("## "):
                heading = line[3:].strip()
            m = ROW.match(line)
            if m:
                cells = [c.strip() for c in m.group(2).split("|")]
                answers = {" ".join(a.split()) for a in ANSWER.findall(cells[0])} if cells else set()
                if not answers:
                    die(f"{path}:{n}: row `{m.group(1)}` lists no libwsp answer")
                known.append((m.group(1).strip(), answers))
                section[m.group(1).strip()] = heading
    return known, section


def match_known(cid, libwsp, known):
    """the glob of the first row explaining this case, or None"""
    if libwsp is None:
        return None
    for glob, answers in known:
        if fnmatch.fnmatchcase(cid, glob) and libwsp in answers:
            return glob
    return None


def md_escape(s):
    return s.replace("|", "\\|")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wine_out")
    ap.add_argument("libwsp_out")
    ap.add_argument("--known", default=os.path.join(here, "known-differences.md"))
    ap.add_argument("--results", metavar="FILE", help="write a markdown report to FILE")
    ap.add_argument("--wine-version", default="", help="recorded in the report")
    a = ap.parse_args()

    wine, wine_order = read_cases(a.wine_out)
    wsp, wsp_order = read_cases(a.libwsp_out)
    known, section = read_known(a.known)

    ids = list(wine_order) + [c for c in wsp_order if c not in wine]
    total = len(ids)
    disagree = []
    for cid in ids:
        w, l = wine.get(cid), wsp.get(cid)
        if w != l:
            disagree.append((cid, w, l, match_known(cid, l, known)))
    agree = total - len(disagree)
    pct = 100.0 * agree / total if total else 0.0
    unexplained = [d for d in disagree if d[3] is None]
    summary = f"{agree} of {total} cases agree ({pct:.1f}%)"
    tail = (f"{len(disagree)} disagreement(s): {len(disagree) - len(unexplained)} listed in "
            f"known-differences.md, {len(unexplained)} not listed")

    print(summary)
    print(tail)
    fmt = "{:<64} {}"
    for cid, w, l, g in disagree:
        print()
        print(f"{cid}  [{'known: ' + g if g else 'NOT in known-differences.md'}]")
        if not g:
            near = [glob for glob, _ in known if fnmatch.fnmatchcase(cid, glob)]
            if near:
                print(f"  (row `{near[0]}` matches the case but does not list libwsp's answer)")
        print("  wine:   " + fmt.format(cid, w if w is not None else "(missing)"))
        print("  libwsp: " + fmt.format(cid, l if l is not None else "(missing)"))

    if a.results:
        used = {}
        for _, _, _, g in disagree:
            if g:
                used[g] = used.get(g, 0) + 1
        with open(a.results, "w", encoding="utf-8") as f:
            f.write("# Winsock conformance: Wine vs libwsp\n\n")
            f.write("Generated by `tests/conformance/run.sh` (do not edit by hand).\n\n")
            f.write(f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}\n")
            if a.wine_version:
                f.write(f"- Wine: {a.wine_version}\n")
            f.write(f"- **{summary}**\n- {tail}\n\n")
            f.write("Columns show `ret err len value` (see `conformance.c`).\n\n")
            by_section = {}
            for _, _, _, g in disagree:
                if g:
                    by_section[section[g]] = by_section.get(section[g], 0) + 1
            if by_section:
                f.write("## Explained disagreements by kind\n\n| kind (section of known-differences.md) | cases |\n|---|---|\n")
                for sec_name, n in sorted(by_section.items()):
                    f.write(f"| {md_escape(sec_name)} | {n} |\n")
                f.write("\n")
            if unexplained:
                f.write("## Disagreements not in known-differences.md\n\n")
                f.write("| case | Wine | libwsp |\n|---|---|---|\n")
                for cid, w, l, _ in unexplained:
                    f.write(f"| `{cid}` | `{md_escape(w or '(missing)')}` | `{md_escape(l or '(missing)')}` |\n")
                f.write("\n")
            f.write("## All disagreements\n\n")
            f.write("| case | Wine | libwsp | known difference |\n|---|---|---|---|\n")
            for cid, w, l, g in disagree:
                f.write(f"| `{cid}` | `{md_escape(w or '(missing)')}` | `{md_escape(l or '(missing)')}` | "
                        f"{'`' + md_escape(g) + '`' if g else '**no**'} |\n")
            if used:
                f.write("\n## Known-difference entries that matched\n\n| glob | cases |\n|---|---|\n")
                for g, n in used.items():
                    f.write(f"| `{md_escape(g)}` | {n} |\n")
            stale = [g for g, _ in known if g not in used]
            if stale:
                f.write("\n## Known-difference entries that matched no case in this run\n\n")
                for g in stale:
                    f.write(f"- `{md_escape(g)}`\n")
    return 0 if not unexplained else 1


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet when piped into head
    sys.exit(main())
