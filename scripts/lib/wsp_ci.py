"""Reports for CI systems and people: source lines, suppressions, SARIF,
JUnit, and the merge of many reports.  Used by wsp_report.py (its options
--format, --output, --summary, --suppressions, --gen-suppressions).

Callers are resolved here, at summary time, with binutils' addr2line --
never inside the host process.  Where a module has no debug information
(or addr2line is missing) the caller stays module+offset.
"""
import fnmatch
import hashlib
import json
import os
import shlex
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

TOOL = "wspshim"

# Microsoft's page for each level's options and each call (help text and
# helpUri of a rule): titles as Microsoft Learn gives them.
LEVEL_PAGES = {
    "SOL_SOCKET": ("SOL_SOCKET socket options",
                   "https://learn.microsoft.com/en-us/windows/win32/winsock/sol-socket-socket-options"),
    "IPPROTO_TCP": ("IPPROTO_TCP socket options",
                    "https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-tcp-socket-options"),
    "IPPROTO_IP": ("IPPROTO_IP socket options",
                   "https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-ip-socket-options"),
    "IPPROTO_IPV6": ("IPPROTO_IPV6 socket options",
                     "https://learn.microsoft.com/en-us/windows/win32/winsock/ipproto-ipv6-socket-options"),
}
CALL_PAGES = {
    "setsockopt": ("setsockopt function (winsock.h)",
                   "https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-setsockopt"),
    "getsockopt": ("getsockopt function (winsock.h)",
                   "https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getsockopt"),
    "bind": ("Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE",
             "https://learn.microsoft.com/en-us/windows/win32/winsock/using-so-reuseaddr-and-so-exclusiveaddruse"),
    "close": ("closesocket function (winsock.h)",
              "https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-closesocket"),
    "socket": ("socket function (winsock2.h)",
               "https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-socket"),
}
NO_WINDOWS_PAGE = ("Socket Options (Winsock)",
                   "https://learn.microsoft.com/en-us/windows/win32/winsock/socket-options")


# ---- callers as source lines ------------------------------------------------

def elf_min_vaddr(path):
    """Lowest PT_LOAD address of an ELF file (0 for PIE and shared objects,
    0x400000 for a classic executable), or None if it is not a readable ELF."""
    try:
        with open(path, "rb") as f:
            ident = f.read(16)
            if ident[:4] != b"\x7fELF":
                return None
            wide, order = ident[4] == 2, "<" if ident[5] == 1 else ">"
            f.seek(0)
            header = f.read(64 if wide else 52)
            if wide:
                phoff, = struct.unpack_from(order + "Q", header, 32)
                phentsize, phnum = struct.unpack_from(order + "HH", header, 54)
            else:
                phoff, = struct.unpack_from(order + "I", header, 28)
                phentsize, phnum = struct.unpack_from(order + "HH", header, 42)
            lowest = None
            for i in range(phnum):
                f.seek(phoff + i * phentsize)
                ph = f.read(phentsize)
                if wide:
                    p_type, = struct.unpack_from(order + "I", ph, 0)
                    p_vaddr, = struct.unpack_from(order + "Q", ph, 16)
                    p_align, = struct.unpack_from(order + "Q", ph, 48)
                else:
                    p_type, = struct.unpack_from(order + "I", ph, 0)
                    p_vaddr, = struct.unpack_from(order + "I", ph, 8)
                    p_align, = struct.unpack_from(order + "I", ph, 28)
                if p_type == 1:  # PT_LOAD
                    start = p_vaddr & ~(max(p_align, 1) - 1)
                    lowest = start if lowest is None else min(lowest, start)
            return lowest or 0
    except (OSError, struct.error):
        return None


def parse_offset(offset):
    if isinstance(offset, int):
        return offset
    try:
        return int(str(offset), 0)
    except ValueError:
        return None


def resolve_callers(records, addr2line=None):
    """{(module, offset): {"function", "file", "line"}} for every caller
    addr2line can place; callers it cannot place are absent."""
    tool = addr2line or shutil.which("addr2line")
    wanted = {}
    for d in records:
        caller = d.get("caller") or {}
        module, offset = caller.get("module"), parse_offset(caller.get("offset"))
        if module and offset is not None:
            wanted.setdefault(module, set()).add((caller.get("offset"), offset))
    resolved = {}
    if not tool:
        return resolved
    for module, offsets in wanted.items():
        # a relative module name (reports of older shims) is taken from here
        path = os.path.abspath(module)
        base = elf_min_vaddr(path)
        if base is None:
            continue
        order = sorted(offsets, key=lambda o: o[1])
        # the offset is a return address: the call is the byte before it
        addrs = [hex(base + off - 1 if off > 0 else base) for _, off in order]
        try:
            out = subprocess.run([tool, "-f", "-C", "-e", path] + addrs, capture_output=True, text=True,
                                 timeout=60, check=False).stdout.splitlines()
        except (OSError, subprocess.SubprocessError):
            continue
        for i, (raw, _) in enumerate(order):
            if 2 * i + 1 >= len(out):
                break
            function, place = out[2 * i].strip(), out[2 * i + 1].strip()
            place = place.split(" (discriminator", 1)[0]
            file, _, line = place.rpartition(":")
            if not file or file.startswith("??") or not line.isdigit() or line == "0":
                continue
            resolved[(module, raw)] = {"function": None if function.startswith("??") else function,
                                       "file": os.path.normpath(file), "line": int(line)}
    return resolved


# ---- findings -----------------------------------------------------------------

def outcome_text(side, windows):
    if side is None or side.get("ret") is None:
        return "(no such option)" if windows else "?"
    if side["ret"] == 0:
        value = side.get("value")
        return "ok" + (f", {value}" if value is not None else "")
    name = side.get("wsa") if windows and side.get("wsa") else side.get("errno")
    return f"-1 {name}"


def outcome_phrase(side, windows):
    """Linux did <this>, Windows does <this>."""
    if side is None or side.get("ret") is None:
        return "not have this option" if windows else "something unknown"
    if side["ret"] == 0:
        value = side.get("value")
        return "succeed" + (f" with {value}" if value is not None else "")
    name = side.get("wsa") if windows and side.get("wsa") else side.get("errno")
    return f"fail with {name}"


def rule_id(d):
    """The Windows option and the call, e.g. SO_RCVBUF/getsockopt."""
    return f'{d.get("win_option") or d["option"]}/{d["call"]}'


def findings(reports, resolved):
    """Distinct divergences of many reports (list of (path, records)).
    Per process the largest count of a (call site, call, option) is kept,
    then the same divergence at the same place is added up across
    processes."""
    latest, first_seen = {}, {}
    for path, records in reports:
        for d in records:
            caller = d.get("caller") or {}
            key = (path, d["pid"], caller.get("module"), caller.get("offset"), d["call"], d["level"], d["option"])
            if key not in latest or d["count"] > latest[key]["count"]:
                latest[key] = d
            first_seen.setdefault(key, (path, d["pid"]))
    out = {}
    for key, d in latest.items():
        caller = d.get("caller") or {}
        module, offset = caller.get("module"), caller.get("offset")
        src = resolved.get((module, offset))
        linux, windows = outcome_text(d.get("linux"), False), outcome_text(d.get("windows"), True)
        place = (src["file"], src["line"]) if src else (module, offset)
        option = d["option"] if d.get("option_named", True) else f'{d["option"]} (unnamed option)'
        fkey = (d["call"], option, d.get("family"), d.get("type"), linux, windows, place)
        f = out.get(fkey)
        if f is None:
            f = out[fkey] = {
                "rule": rule_id(d), "call": d["call"], "option": option,
                "win_option": d.get("win_option"), "level": d.get("level"), "win_level": d.get("win_level"),
                "family": d.get("family"), "type": d.get("type"), "value": d.get("value"),
                "linux": linux, "windows": windows,
                "message": (f'{d["call"]}({option}{"=" + d["value"] if d.get("value") else ""}) on '
                            f'{d.get("family")}/{(d.get("type") or "").replace("SOCK_", "")}: '
                            f'Linux did {outcome_phrase(d.get("linux"), False)}, '
                            f'Windows does {outcome_phrase(d.get("windows"), True)}'),
                "note": d.get("note"), "module": module, "offset": offset,
                "function": src["function"] if src else None,
                "file": src["file"] if src else None, "line": src["line"] if src else None,
                "count": 0, "processes": set(), "first_seen": first_seen[key],
            }
        f["count"] += d["count"]
        f["processes"].add((key[0], d["pid"]))
        if first_seen[key] < f["first_seen"]:
            f["first_seen"] = first_seen[key]
    result = sorted(out.values(), key=lambda f: (f["rule"], f["file"] or f["module"] or "", f["line"] or 0,
                                                 str(f["offset"])))
    for f in result:
        f["processes"] = len(f["processes"])
    return result


def short_path(path):
    """path relative to the current directory when it lies below it."""
    here = os.getcwd().rstrip("/") + "/"
    return path[len(here):] if path.startswith(here) else path


def where(f):
    if f["file"]:
        return f'{short_path(f["file"])}:{f["line"]}' + (f' ({f["function"]})' if f["function"] else "")
    return f'{os.path.basename(f["module"] or "?")}+{f["offset"]}'


# ---- suppressions -------------------------------------------------------------

SUPPRESSION_KEYS = ("call", "option", "module", "function", "source")


class SuppressionError(Exception):
    pass


def load_suppressions(paths):
    """Entries from suppression files: one per line, `key=glob` fields
    (call, option, module, function, source; name= is a label), all given
    fields must match; # starts a comment."""
    entries = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except OSError as e:
            raise SuppressionError(f"{path}: {e.strerror or e}") from e
        except UnicodeDecodeError as e:
            raise SuppressionError(f"{path}: not UTF-8 (byte {e.start})") from e
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                fields = shlex.split(line, comments=True)
            except ValueError as e:
                raise SuppressionError(f"{path}:{number}: {e}") from e
            entry = {"name": None, "where": f"{path}:{number}", "used": 0}
            for field in fields:
                key, eq, value = field.partition("=")
                if not eq or key not in SUPPRESSION_KEYS + ("name",):
                    raise SuppressionError(f"{path}:{number}: '{field}' is not one of "
                                           f"{', '.join(k + '=GLOB' for k in SUPPRESSION_KEYS)}, name=LABEL")
                entry[key] = value
            if not any(k in entry for k in SUPPRESSION_KEYS):
                raise SuppressionError(f"{path}:{number}: an entry needs at least one of {', '.join(SUPPRESSION_KEYS)}")
            entries.append(entry)
    return entries


def suppression_matches(entry, f):
    def match(value, pattern):
        return value is not None and fnmatch.fnmatchcase(value, pattern)
    checks = {
        "call": lambda p: match(f["call"], p),
        "option": lambda p: match(f["option"], p) or match(f["win_option"], p),
        "module": lambda p: match(f["module"], p) or match(os.path.basename(f["module"] or ""), p),
        "function": lambda p: match(f["function"], p),
        "source": lambda p: (f["file"] is not None and
                             (match(f'{f["file"]}:{f["line"]}', p) or match(f["file"], p))),
    }
    return all(checks[k](entry[k]) for k in SUPPRESSION_KEYS if k in entry)


def apply_suppressions(found, entries):
    for f in found:
        f["suppressed_by"] = None
        for e in entries:
            if suppression_matches(e, f):
                f["suppressed_by"] = e["name"] or e["where"]
                e["used"] += 1
                break


def suppression_entry(f):
    """A line that suppresses f: call, option, module, and the function or
    source line when known (so new code at other places is still caught)."""
    fields = [f'name={f["rule"].replace("/", "-")}', f'call={f["call"]}', f'option={f["win_option"] or f["option"]}',
              f'module=*/{os.path.basename(f["module"])}' if f["module"] else None]
    if f["function"]:
        fields.append(f'function={f["function"]}')
    elif f["file"]:
        fields.append(f'source=*{os.path.basename(f["file"])}:{f["line"]}')
    return " ".join(shlex.quote(x) for x in fields if x)


def gen_suppressions(found):
    lines = ["# wspshim suppressions (wsp-run --gen-suppressions): one entry per line,",
             "# fields are globs; every field given must match a divergence to suppress it."]
    seen = set()
    for f in found:
        entry = suppression_entry(f)
        if entry in seen:
            continue
        seen.add(entry)
        lines.append(f"# {f['message']} at {where(f)}")
        lines.append(entry)
    return "\n".join(lines) + "\n"


# ---- output formats -------------------------------------------------------------

def source_uri(path, root):
    """A SARIF artifact URI: relative to root when the file lies below it
    (what code-scanning services expect), else an absolute file: URI."""
    path = os.path.abspath(path)
    root = os.path.abspath(root)
    if path == root or path.startswith(root.rstrip("/") + "/"):
        return os.path.relpath(path, root).replace(os.sep, "/")
    return "file://" + path


def rule_help(f):
    level_page = LEVEL_PAGES.get(f["win_level"] or "", None)
    call_page = CALL_PAGES.get(f["call"], NO_WINDOWS_PAGE)
    pages = [p for p in (level_page, call_page) if p]
    if not f["win_option"]:
        pages = [NO_WINDOWS_PAGE]
    text = (f'{f["call"]} with {f["win_option"] or f["option"]} answers differently on Windows than on Linux. '
            + ("Windows has no such option. " if not f["win_option"] else "")
            + "See Microsoft's pages: " + "; ".join(f'"{t}" ({u})' for t, u in pages) + ".")
    return text, pages[0][1]


def to_sarif(found, version, root):
    rules, index = [], {}
    for f in found:
        if f["rule"] in index:
            continue
        index[f["rule"]] = len(rules)
        text, uri = rule_help(f)
        rules.append({
            "id": f["rule"],
            "name": f["rule"].replace("/", "_"),
            "shortDescription": {"text": f'{f["win_option"] or f["option"]} in {f["call"]}: Windows answers differently'},
            "fullDescription": {"text": text},
            "help": {"text": text},
            "helpUri": uri,
            "defaultConfiguration": {"level": "warning"},
        })
    results = []
    for f in found:
        if f["file"]:
            physical = {"artifactLocation": {"uri": source_uri(f["file"], root)}, "region": {"startLine": f["line"]}}
        else:
            physical = {"artifactLocation": {"uri": source_uri(f["module"] or "unknown", root)},
                        "address": {"relativeAddress": parse_offset(f["offset"]) or 0,
                                    "name": f'{os.path.basename(f["module"] or "?")}+{f["offset"]}'}}
        location = {"physicalLocation": physical}
        if f["function"]:
            location["logicalLocations"] = [{"name": f["function"], "kind": "function"}]
        fingerprint = hashlib.sha256("|".join(str(f[k]) for k in ("rule", "family", "type", "linux", "windows",
                                                                     "function", "module")).encode()).hexdigest()
        result = {
            "ruleId": f["rule"], "ruleIndex": index[f["rule"]], "level": "warning",
            "message": {"text": f["message"] + (f'. {f["note"]}' if f["note"] else "")},
            "locations": [location],
            "partialFingerprints": {"wspshimDivergence/v1": fingerprint[:32]},
            "properties": {"count": f["count"], "processes": f["processes"],
                           "caller": f'{f["module"]}+{f["offset"]}'},
        }
        if f.get("suppressed_by"):
            result["suppressions"] = [{"kind": "external", "justification": f'wspshim suppression {f["suppressed_by"]}'}]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": TOOL, "version": version, "rules": rules}}, "results": results}],
    }


def to_junit(found):
    """One test case per rule: failed when it has unsuppressed findings,
    skipped when all of them are suppressed."""
    by_rule = {}
    for f in found:
        by_rule.setdefault(f["rule"], []).append(f)
    suites = ET.Element("testsuites", name=TOOL)
    suite = ET.SubElement(suites, "testsuite", name=TOOL)
    failures = skipped = 0
    for rule, fs in sorted(by_rule.items()):
        case = ET.SubElement(suite, "testcase", classname=f'{TOOL}.{fs[0]["call"]}', name=rule)
        live = [f for f in fs if not f.get("suppressed_by")]
        if live:
            failures += 1
            failure = ET.SubElement(case, "failure", type="divergence",
                                    message=f'{len(live)} place(s): {live[0]["message"]}')
            failure.text = "\n".join(f'{where(f)}: {f["message"]} (count {f["count"]})' for f in live) + "\n"
        else:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"{len(fs)} suppressed finding(s)")
    if not by_rule:
        ET.SubElement(suite, "testcase", classname=TOOL, name="no-divergence")
    tests = max(len(by_rule), 1)
    for e in (suites, suite):
        e.set("tests", str(tests))
        e.set("failures", str(failures))
        e.set("errors", "0")
    suite.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def to_json(found, suppressed, problems):
    items = []
    for f in found:
        g = {k: v for k, v in f.items() if k != "first_seen"}
        g["first_seen"] = {"report": f["first_seen"][0], "pid": f["first_seen"][1]}
        items.append(g)
    return json.dumps({"tool": TOOL, "format": 1, "findings": items, "suppressed": suppressed,
                       "problems": [{"report": p, "line": n, "problem": w} for p, n, w in problems]},
                      indent=2) + "\n"


def table(rows, out):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  " + "  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip(), file=out)


def to_text(found, summary, out):
    live = [f for f in found if not f.get("suppressed_by")]
    suppressed = len(found) - len(live)
    if not live:
        print("wspshim: no divergence from Windows behaviour was recorded"
              + (f" ({suppressed} suppressed)." if suppressed else "."), file=out)
        return
    if summary:
        by_rule = {}
        for f in live:
            by_rule.setdefault((f["win_option"] or f["option"], f["call"]), []).append(f)
        print(f"wspshim: {len(by_rule)} option/call pair(s) where Windows would answer differently"
              + (f" ({suppressed} suppressed)" if suppressed else "") + ":", file=out)
        rows = [("option", "call", "count", "callers", "first seen")]
        for (option, call), fs in sorted(by_rule.items(), key=lambda kv: (-sum(f["count"] for f in kv[1]), kv[0])):
            callers = sorted({where(f) for f in fs})
            first = min(f["first_seen"] for f in fs)
            rows.append((option, call, str(sum(f["count"] for f in fs)),
                         ", ".join(callers[:3]) + (f" (+{len(callers) - 3})" if len(callers) > 3 else ""),
                         f"pid {first[1]} ({os.path.basename(first[0])})"))
        table(rows, out)
        return
    print(f"wspshim: {len(live)} place(s) where Windows would answer differently"
          + (f" ({suppressed} suppressed)" if suppressed else "") + ":", file=out)
    rows = [("count", "call", "option", "socket", "Linux did", "Windows does", "where")]
    for f in sorted(live, key=lambda f: (-f["count"], f["call"], f["option"])):
        value = f'={f["value"]}' if f["value"] else ""
        rows.append((str(f["count"]), f["call"], f["option"] + value,
                     f'{f["family"]}/{f["type"]}'.replace("SOCK_", ""), f["linux"], f["windows"], where(f)))
    table(rows, out)
    for note in sorted({f["note"] for f in live if f["note"]}):
        print(f"  note: {note}", file=out)


# ---- command line (wsp_report.py passes its options here) -----------------------

FORMATS = ("text", "json", "sarif", "junit")
EXIT_CLEAN, EXIT_USAGE, EXIT_DIVERGENCES, EXIT_UNTRUSTED = 0, 2, 3, 4


def main(argv, read_report, version="unknown"):
    """argv: options and report files.  read_report(path) -> object with
    .records (well-formed report lines) and .problems ([(line, why)])."""
    import argparse
    parser = argparse.ArgumentParser(prog="wsp_report.py", description="Summarise wspshim divergence reports.")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--output", metavar="FILE", help="write the report there instead of stdout")
    parser.add_argument("--summary", action="store_true", help="one row per option and call (many reports)")
    parser.add_argument("--suppressions", metavar="FILE", action="append", default=[])
    parser.add_argument("--gen-suppressions", nargs="?", const="-", default=None, metavar="FILE",
                        help="a suppression entry for every unsuppressed finding, written to FILE, or "
                             "without FILE to stdout (the report then goes to stderr unless --output is given)")
    parser.add_argument("--source-root", metavar="DIR", default=os.getcwd(),
                        help="SARIF paths are relative to this directory (default: the current one)")
    parser.add_argument("--no-source-lines", action="store_true", help="keep callers as module+offset")
    parser.add_argument("--tool-version", default=version, help="the version SARIF names")
    parser.add_argument("--quiet", action="store_true",
                        help="only the formatted report: no suppression entries, no problem lines on stderr")
    parser.add_argument("reports", nargs="+", metavar="REPORT")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return EXIT_CLEAN if e.code == 0 else EXIT_USAGE

    env = os.environ.get("WSP_SUPPRESS", "")
    paths = args.suppressions + [p for p in env.split(":") if p]
    try:
        entries = load_suppressions(paths)
    except SuppressionError as e:
        print(f"wsp-report: suppressions: {e}", file=sys.stderr)
        return EXIT_USAGE

    reports, problems = [], []
    for path in args.reports:
        r = read_report(path)
        reports.append((path, r.records))
        problems += [(path, n, why) for n, why in r.problems]
    records = [d for _, recs in reports for d in recs]
    resolved = {} if args.no_source_lines else resolve_callers(records)
    found = findings(reports, resolved)
    apply_suppressions(found, entries)
    live = [f for f in found if not f["suppressed_by"]]

    if args.format == "text":
        import io
        buf = io.StringIO()
        to_text(found, args.summary or len(args.reports) > 1, buf)
        text = buf.getvalue()
    elif args.format == "json":
        text = to_json(found, len(found) - len(live), problems)
    elif args.format == "sarif":
        text = json.dumps(to_sarif(found, args.tool_version, args.source_root), indent=2) + "\n"
    else:
        text = to_junit(found)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            print(f"wsp-report: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
            return EXIT_USAGE
    elif args.gen_suppressions == "-":
        sys.stderr.write(text)     # stdout is for the suppression file
    else:
        sys.stdout.write(text)
    if args.gen_suppressions == "-" and not args.quiet:
        sys.stdout.write(gen_suppressions(live))
    elif args.gen_suppressions and args.gen_suppressions != "-" and not args.quiet:
        # a file of its own, so the entries never mix with the summary a run prints on stderr
        try:
            with open(args.gen_suppressions, "w", encoding="utf-8") as f:
                f.write(gen_suppressions(live))
        except OSError as e:
            print(f"wsp-report: cannot write {args.gen_suppressions}: {e.strerror or e}", file=sys.stderr)
            return EXIT_USAGE

    for path, number, why in [] if args.quiet else problems[:10]:
        print(f"wsp-report: {path}: line {number}: {why}" if number else f"wsp-report: {path}: {why}",
              file=sys.stderr)
    if problems:
        if not args.quiet:
            print(f"wsp-report: the report cannot be trusted ({len(problems)} problem(s)); treat the run as failed",
                  file=sys.stderr)
        return EXIT_UNTRUSTED
    return EXIT_DIVERGENCES if live else EXIT_CLEAN
