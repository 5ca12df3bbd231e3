#!/usr/bin/env python3
"""Build each Windows-style example both ways and compare the outputs line by line.

usage: compare.py BUILD_DIR SRC_DIR [--linux-only] [--known FILE] PROGRAM.c...
       compare.py --lines NAME LINUX_OUT WINE_OUT [--known FILE]

Each program is built with the two commands its header comment documents:
  cc NAME.c $(pkg-config --cflags --libs MODULE)      (the uninstalled .pc
      files of BUILD_DIR; run with LD_LIBRARY_PATH at their -L directories)
  x86_64-w64-mingw32-gcc NAME.c -o NAME.exe [LIBS]    (run under Wine)
both with -Wall -Wextra -Werror (and -std=c11 on Linux).  Every Windows
build runs in one WINEPREFIX, so wineserver starts once.

The Linux build must exit 0 and print no "FAIL:" line (each line says
whether its result is the one Windows documents).  The Windows build under
Wine must exit with the same status and print the same number of lines;
a line that differs is explained only by a row of the examples section of
known-differences.md (`## 10. The examples` in tests/conformance) whose
cells are: the program's name, the Linux line and the Wine line, each in
backquotes and exactly as printed (`\\|` for a pipe).  Rows that explained
nothing in this run are listed, so a fixed Wine or a changed program shows.

--lines compares two outputs already captured (the self-test uses it).
Exit status: 0 same or explained, 1 an unexplained difference or a Linux
FAIL line, 2 a build or run failure or bad input, 77 the Wine half skipped
(no mingw-w64 or Wine; the Linux builds have still been built and run).
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
KNOWN = os.path.join(HERE, "..", "tests", "conformance", "known-differences.md")
SECTION = "## 10. The examples"
RUN_TIMEOUT = 120


class Failure(Exception):
    """a build or run failure: exit 2"""


def say(msg):
    print(f"examples: {msg}", flush=True)


def cells(line):
    """the cells of a markdown table row; `\\|` is a pipe inside a cell"""
    parts = re.split(r"(?<!\\)\|", line.strip())
    return [p.strip().replace("\\|", "|") for p in parts[1:-1]]


def read_known(path):
    """{(program, linux line, wine line)} from the rows of the examples section"""
    rows, inside = set(), False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("## "):
                inside = line.startswith(SECTION)
                continue
            if not inside or not line.lstrip().startswith("|"):
                continue
            c = cells(line)
            if len(c) < 3 or set(c[0]) <= set("-: ") or c[0] == "program":
                continue
            quoted = [re.fullmatch(r"`(.*)`", x) for x in c[1:3]]
            if not all(quoted):
                raise Failure(f"{path}:{n}: a row needs the Linux and the Wine line in backquotes")
            rows.add((c[0].strip("`"), quoted[0].group(1), quoted[1].group(1)))
    return rows


def linux_fails(name, linux):
    """print the Linux build's FAIL lines; True when there are none"""
    fails = [l for l in linux if l.startswith("FAIL:")]
    for l in fails:
        say(f"{name}: the Linux build does not do what Windows documents: {l}")
    return not fails


def compare_lines(name, linux, wine, known, used):
    """print the differences; True when every one is explained"""
    ok = True
    if len(linux) != len(wine):
        say(f"{name}: {len(linux)} lines on Linux, {len(wine)} under Wine (- Wine, + Linux):")
        sys.stdout.writelines(f"  - {w}\n" for w in wine)
        sys.stdout.writelines(f"  + {l}\n" for l in linux)
        return False
    differ = explained = 0
    for i, (l, w) in enumerate(zip(linux, wine), 1):
        if l == w:
            continue
        differ += 1
        row = (name, l, w)
        if row in known:
            used.add(row)
            explained += 1
            continue
        say(f"{name}: line {i} differs, not in known-differences.md:\n  - {w}\n  + {l}")
        ok = False
    say(f"{name}: {len(linux)} lines, {len(linux) - differ} equal, {explained} differ as "
        f"known-differences.md explains" + ("" if differ == explained else
                                            f", {differ - explained} unexplained"))
    return ok


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [l.rstrip("\r\n").rstrip("\r") for l in f]


def build_lines(src):
    """(pkg-config module, mingw libraries) from the program's documented build lines"""
    text = open(src, encoding="utf-8").read()
    base = os.path.basename(src)
    m = re.search(r"^\s*\*\s+cc " + re.escape(base) + r" \$\(pkg-config --cflags --libs ([\w.-]+)\)\s*$",
                  text, re.M)
    w = re.search(r"^\s*\*\s+x86_64-w64-mingw32-gcc " + re.escape(base) + r" -o \S+\.exe(.*)$", text, re.M)
    if not m or not w:
        raise Failure(f"{src}: the header comment must document both build lines "
                      f"(cc {base} $(pkg-config --cflags --libs MODULE), x86_64-w64-mingw32-gcc {base} -o ...)")
    return m.group(1), shlex.split(w.group(1))


def run(cmd, env, what, timeout=RUN_TIMEOUT):
    try:
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise Failure(f"{what} did not finish within {timeout} s:\n"
                      + (e.stdout or b"").decode(errors="replace")) from None
    return p


def find_wine():
    wine = os.environ.get("WINE")
    for w in ([wine] if wine else ["wine64", "/usr/lib/wine/wine64", "wine"]):
        path = shutil.which(w)
        if path:
            for s in [os.path.join(os.path.dirname(path), "wineserver"), "wineserver",
                      "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver"]:
                server = shutil.which(s)
                if server:
                    return path, server
            return path, None
    return None, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--linux-only", action="store_true", help="build and run the Linux builds only")
    ap.add_argument("--known", default=KNOWN)
    ap.add_argument("--lines", nargs=3, metavar=("NAME", "LINUX_OUT", "WINE_OUT"))
    ap.add_argument("args", nargs="*", metavar="BUILD_DIR SRC_DIR PROGRAM.c")
    a = ap.parse_args()
    try:
        known = read_known(a.known)
    except (Failure, OSError) as e:
        say(str(e))
        return 2
    used = set()
    if a.lines:
        name, lo, wo = a.lines
        linux = read_lines(lo)
        ok = linux_fails(name, linux)
        return 0 if compare_lines(name, linux, read_lines(wo), known, used) and ok else 1
    if len(a.args) < 3:
        ap.error("BUILD_DIR SRC_DIR and at least one PROGRAM.c are needed")
    build, progs = os.path.abspath(a.args[0]), [os.path.abspath(p) for p in a.args[2:]]

    work = tempfile.mkdtemp(prefix="wsp-examples.")
    prefix = os.path.join(work, "prefix")
    mingw = os.environ.get("MINGW_CC", "x86_64-w64-mingw32-gcc")
    wine, wineserver = (None, None) if a.linux_only else find_wine()
    use_wine = wine is not None and shutil.which(mingw) is not None
    # Wine gets none of the sanitizer preloads a test environment may carry
    wenv = {k: v for k, v in os.environ.items() if not k.startswith(("LD_", "ASAN_", "UBSAN_"))}
    wenv.update(WINEPREFIX=prefix, WINEDEBUG="-all")
    boot, builds = None, []
    status = 0
    try:
        if use_wine:
            # The prefix is created while the Linux builds build and run: a
            # persistent wineserver, then wineboot; every run reuses both.
            os.mkdir(prefix)
            if wineserver:
                subprocess.run([wineserver, "-p"], env=wenv, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            boot = subprocess.Popen([wine, "wineboot", "--init"], env=wenv, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            # the mingw-w64 builds (Windows headers are slow to parse) overlap it too
            for src in progs:
                name = os.path.splitext(os.path.basename(src))[0]
                _, libs = build_lines(src)
                builds.append((name, subprocess.Popen(
                    [mingw, "-O1", "-Wall", "-Wextra", "-Werror", "-o", os.path.join(work, name + ".exe"), src]
                    + libs, env=wenv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))
        env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(build, "meson-uninstalled"))
        linux_out = {}
        t0 = time.monotonic()
        for src in progs:
            name = os.path.splitext(os.path.basename(src))[0]
            module, _ = build_lines(src)
            pc = run(["pkg-config", "--cflags", "--libs", module], env, f"pkg-config {module}")
            if pc.returncode != 0:
                raise Failure(f"pkg-config --cflags --libs {module}: {pc.stderr.decode().strip()}")
            flags = shlex.split(pc.stdout.decode())
            exe = os.path.join(work, name)
            cc = shlex.split(os.environ.get("CC", "cc"))
            p = run(cc + ["-std=c11", "-Wall", "-Wextra", "-Werror", "-o", exe, src] + flags, env,
                    f"the Linux build of {name}")
            if p.returncode != 0:
                raise Failure(f"the Linux build of {name} failed:\n{p.stderr.decode(errors='replace')}")
            libdirs = [f[2:] for f in flags if f.startswith("-L")]
            renv = dict(env, LD_LIBRARY_PATH=":".join(libdirs + [env.get("LD_LIBRARY_PATH", "")]).rstrip(":"))
            p = run([exe], renv, f"the Linux build of {name}")
            lines = p.stdout.decode(errors="replace").splitlines()
            if p.returncode != 0:
                raise Failure(f"the Linux build of {name} exited {p.returncode}:\n"
                              + "\n".join(lines) + "\n" + p.stderr.decode(errors="replace"))
            linux_out[name] = lines
            say(f"{name}: Linux build: {len(lines)} lines")
            if not linux_fails(name, lines):
                status = 1
        t1 = time.monotonic()
        if a.linux_only:
            say(f"Linux builds ran in {t1 - t0:.1f} s (the Wine half is not run here)")
            return status
        if not use_wine:
            say(f"SKIP the Wine comparison: {'Wine' if shutil.which(mingw) else mingw} not found "
                "(apt-get install gcc-mingw-w64-x86-64 wine64)")
            return 77 if status == 0 else status

        for name, build_proc in builds:
            try:
                out, _ = build_proc.communicate(timeout=RUN_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise Failure(f"the mingw-w64 build of {name} did not finish within {RUN_TIMEOUT} s") from None
            if build_proc.returncode != 0:
                raise Failure(f"the mingw-w64 build of {name} failed:\n{out.decode(errors='replace')}")
        t2 = time.monotonic()
        try:
            boot.wait(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure(f"wineboot did not create the prefix within {RUN_TIMEOUT} s") from None
        t3 = time.monotonic()
        for src in progs:
            name = os.path.splitext(os.path.basename(src))[0]
            p = run([wine, os.path.join(work, name + ".exe")], wenv, f"the Windows build of {name} under Wine")
            lines = p.stdout.decode(errors="replace").replace("\r\n", "\n").splitlines()
            if p.returncode != 0:
                say(f"{name}: the Windows build exited {p.returncode} under Wine (Linux: 0):")
                sys.stdout.writelines(f"  {l}\n" for l in lines)
                sys.stdout.write(p.stderr.decode(errors="replace")[-2000:])
                status = 1
                continue
            if not compare_lines(name, linux_out[name], lines, known, used):
                status = 1
        t4 = time.monotonic()
        version = run([wine, "--version"], wenv, "wine --version").stdout.decode().strip()
        say(f"Linux builds and runs {t1 - t0:.1f} s, meanwhile the mingw-w64 builds and the prefix; "
            f"waited {t2 - t1:.1f} s more for the builds, {t3 - t2:.1f} s for the prefix; "
            f"Windows builds under {version} {t4 - t3:.1f} s")
        names = {os.path.splitext(os.path.basename(s))[0] for s in progs}
        for row in sorted(r for r in known - used if r[0] in names):
            say(f"note: this known-differences row explained nothing in this run: {row[0]}: `{row[1]}`")
        return status
    except Failure as e:
        say(str(e))
        return 2
    finally:
        for proc in [boot] + [b for _, b in builds]:
            if proc and proc.poll() is None:
                proc.kill()
                proc.wait()
        if wineserver and os.path.isdir(prefix):
            for flag in ("-k", "-w"):
                subprocess.run([wineserver, flag], env=dict(os.environ, WINEPREFIX=prefix),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # a test timeout's SIGTERM still runs the clean-up: the wineserver is persistent
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    sys.exit(main())
