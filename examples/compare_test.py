#!/usr/bin/env python3
"""compare.py's matcher on synthetic outputs, in one process: equal lines pass;
a difference passes only when a row of the examples section names the
program and both lines exactly (a pipe written \\| in the row); a row for
another program, a drifted Linux line, a row outside the section, a
different line count and a Linux FAIL line all fail; a malformed row is an
input error; CRLF from the Windows C runtime is dropped.

usage: compare_test.py COMPARE_PY
"""
import contextlib
import importlib.util
import io
import os
import sys
import tempfile

sys.dont_write_bytecode = True          # no __pycache__ in the source tree
spec = importlib.util.spec_from_file_location("compare", sys.argv[1])
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)

KNOWN = """## 9. another section

| prog | `ok: elsewhere: 1` | `FAIL: elsewhere: 2` | x | y |

## 10. The examples (examples/*.c, line by line)

| program | Linux (libws2_32) | Wine 8.0 | Windows | evidence |
|---|---|---|---|---|
| prog | `ok: recv: WSAECONNRESET` | `FAIL: recv: WSAETIMEDOUT` | resets | doc |
| prog | `ok: events: FD_READ \\| FD_CLOSE` | `FAIL: events: FD_READ` | both | doc |
| other | `ok: a: 1` | `FAIL: a: 2` | x | y |
"""
LINUX = "ok: recv: WSAECONNRESET\nok: events: FD_READ | FD_CLOSE\nok: same: 0\n"
WINE = "FAIL: recv: WSAETIMEDOUT\r\nFAIL: events: FD_READ\r\nok: same: 0\r\n"

failures = 0


def expect(status, name, linux, wine, known=KNOWN, output=None):
    """run compare.py --lines on the two texts; check its exit status (and a line of its output)"""
    global failures
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for base, text in (("known.md", known), ("linux", linux), ("wine", wine)):
            paths.append(os.path.join(d, base))
            with open(paths[-1], "w", newline="") as f:
                f.write(text)
        sys.argv = ["compare.py", "--known", paths[0], "--lines", name, paths[1], paths[2]]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            got = compare.main()
    if got != status or (output and output not in out.getvalue()):
        failures += 1
        print(f"compare_test: FAIL: {name} {linux!r} vs {wine!r}: exit {got}, expected {status}"
              + (f" and {output!r} in the output" if output else "") + "\n" + out.getvalue())


expect(0, "prog", LINUX, WINE, output="3 lines, 1 equal, 2 differ as known-differences.md explains")
expect(0, "prog", LINUX, LINUX)
expect(1, "another", LINUX, WINE)                                   # rows name their program
expect(0, "other", "ok: a: 1\n", "FAIL: a: 2\n")
expect(1, "prog", "ok: elsewhere: 1\n", "FAIL: elsewhere: 2\n")     # only section 10 counts
expect(1, "prog", LINUX.replace("WSAECONNRESET", "WSAENOTSOCK"), WINE)  # the Linux line must match too
expect(1, "prog", "".join(LINUX.splitlines(True)[:2]), WINE)        # line counts differ
expect(1, "prog", "FAIL: same: 1\n", "FAIL: same: 1\n")             # Linux must do what Windows documents
expect(2, "prog", LINUX, WINE, known=KNOWN + "| prog | ok: unquoted | `x` | a | b |\n")  # malformed row
print("compare_test: all cases behaved" if not failures else f"compare_test: {failures} case(s) failed")
sys.exit(1 if failures else 0)
