#!/usr/bin/env python3
"""Run wspshim's benchmarks: every figure is a ratio against native calls
measured in the same run, in interleaved rounds, median of the rounds.

usage: run_bench.py BUILD_DIR [--rounds N] [--write RESULTS.md]
"""
import argparse
import datetime
import glob
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

VARIANTS = ["native", "enforce", "audit", "off"]

# socket_wrapper (Debian libsocket-wrapper), the best-known socket interposer,
# run beside the shim where it does comparable work.
SWRAP = (glob.glob("/usr/lib/*/libsocket_wrapper.so") + glob.glob("/usr/lib/*/libsocket_wrapper.so.0") + [None])[0]
SWRAP_DIR = tempfile.mkdtemp(prefix="wsp-bench-swrap.")


def env_for(variant, shim):
    env = dict(os.environ)
    for k in ("LD_PRELOAD", "WSP_MODE", "SOCKET_WRAPPER_DIR"):
        env.pop(k, None)
    if variant == "swrap":
        env["LD_PRELOAD"] = SWRAP
        env["SOCKET_WRAPPER_DIR"] = SWRAP_DIR
    elif variant != "native":
        env["LD_PRELOAD"] = shim
        env["WSP_MODE"] = variant
    return env


def parse(out):
    values = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            values[parts[0]] = (float(parts[1]), parts[2])
    return values


def run_bench(build, variant, shim, what):
    out = subprocess.run([os.path.join(build, "bench", "shim_bench"), what], env=env_for(variant, shim),
                         check=True, capture_output=True, text=True, timeout=600).stdout
    return parse(out)


# Instruction counts: callgrind counts the instructions a process executes
# in user space, the same on every run.  A loop run N times minus the same
# loop run 0 times is N calls, start-up and set-up cancelled; shim minus
# native is what the shim adds per call.
COUNT_LOOPS = [
    ("set_kernel", "setsockopt(TCP_NODELAY), reaches the kernel", 100),
    ("get_kernel", "getsockopt(SO_RCVBUF), reaches the kernel", 100),
    ("set_emulated", "setsockopt(SO_DEBUG, 0), emulated in enforce", None),
    ("get_emulated", "getsockopt(SO_DEBUG), emulated in enforce", None),
    ("close_nonsocket", "close() of a non-socket (pipe)", 30),
    ("dup_nonsocket", "dup() of a non-socket (pipe)", None),
    ("dup2_nonsocket", "dup2() of a non-socket (pipe)", None),
    ("fcntl_dupfd_nonsocket", "fcntl(F_DUPFD) of a non-socket (pipe)", None),
    ("socket_close", "socket()+close()", None),
    ("get_kernel_many", "getsockopt(SO_RCVBUF) with all sockets the limit allows open", 100),
]
COUNT_N = 20000
SWRAP_COMPARABLE = ("get_kernel", "close_nonsocket", "socket_close")


def callgrind_ir(build, variant, shim, loop, n):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        os.path.join(build, "bench", "shim_bench"), "count", loop, str(n)],
                       env=env_for(variant, shim), check=True, capture_output=True, timeout=600)
        with open(out) as f:
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
    raise RuntimeError("no callgrind total")


def instructions(build, shim, variants):
    """{loop: {variant: instructions per call}}"""
    if not shutil.which("valgrind"):
        return None
    res = {}
    for loop, _, _ in COUNT_LOOPS:
        for v in variants:
            if v == "swrap" and loop not in SWRAP_COMPARABLE or loop == "get_kernel_many" and v not in (
                    "native", "enforce"):
                continue
            base = callgrind_ir(build, v, shim, loop, 0)
            res.setdefault(loop, {})[v] = (callgrind_ir(build, v, shim, loop, COUNT_N) - base) / COUNT_N
    return res


def collect(build, shim, what, variants, rounds):
    samples = {}
    for _ in range(rounds):
        for v in variants:
            for name, (value, unit) in run_bench(build, v, shim, what).items():
                samples.setdefault(name, {}).setdefault(v, []).append(value)
                samples[name]["unit"] = unit
    return samples


def median(samples, name, variant):
    return statistics.median(samples[name][variant])


def time_cmd(argv, env, repeat):
    t0 = time.perf_counter()
    for _ in range(repeat):
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t0) / repeat


def startup(shim, rounds):
    true = shutil.which("true") or "/bin/true"
    res = {"native": [], "enforce": []}
    for _ in range(rounds):
        for v in res:
            res[v].append(time_cmd([true], env_for(v, shim), 100) * 1e3)
    return {v: statistics.median(x) for v, x in res.items()}


def idle_rss_kb(env):
    proc = subprocess.Popen(["sleep", "5"], env=env)
    try:
        time.sleep(0.3)
        with open(f"/proc/{proc.pid}/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
    finally:
        proc.kill()
        proc.wait()


def idle_rss(shim, rounds):
    res = {"native": [], "enforce": []}
    for _ in range(rounds):
        for v in res:
            res[v].append(idle_rss_kb(env_for(v, shim)))
    return {v: statistics.median(x) for v, x in res.items()}


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listen(port, timeout=10):
    hexport = ":%04X " % port
    end = time.time() + timeout
    while time.time() < end:
        for path in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(path) as f:
                for line in f:
                    cols = line.split()
                    if len(cols) > 3 and (cols[1] + " ").find(hexport) >= 0 and cols[3] == "0A":
                        return
        time.sleep(0.02)
    raise RuntimeError(f"nothing listens on {port}")


def socat_transfer(env, size_mib):
    port = free_port()
    recv = subprocess.Popen(["socat", "-u", f"TCP4-LISTEN:{port},bind=127.0.0.1,reuseaddr", "OPEN:/dev/null"],
                            env=env, stderr=subprocess.DEVNULL)
    try:
        wait_listen(port)
        t0 = time.perf_counter()
        subprocess.run(["bash", "-c", f"head -c {size_mib}M /dev/zero | socat -u - TCP4:127.0.0.1:{port}"],
                       env=env, check=True)
        recv.wait(timeout=120)
        return time.perf_counter() - t0
    finally:
        recv.kill()


def curl_rate(env, requests, workdir):
    port = free_port()
    with open(os.path.join(workdir, "index.txt"), "w") as f:
        f.write("x" * 1024)
    server = subprocess.Popen(["/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1", str(port)],
                              cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listen(port)
        url = f"http://127.0.0.1:{port}/index.txt"
        t0 = time.perf_counter()
        for _ in range(requests):
            subprocess.run(["curl", "-sS", "-o", "/dev/null", url], env=env, check=True)
        return requests / (time.perf_counter() - t0)
    finally:
        server.kill()
        server.wait()


def redis_rates(env, workdir):
    """requests/s per redis-benchmark test, server and client both under env"""
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--protected-mode", "no", "--dir", workdir],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listen(port)
        out = subprocess.run(["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-q", "-n", "100000",
                              "-t", "set,get"], env=env, check=True, capture_output=True, text=True,
                             timeout=300).stdout
        rates = {}
        for line in re.split(r"[\r\n]", out):
            m = re.match(r"\s*(\w+): ([0-9.]+) requests per second", line)
            if m:
                rates[m.group(1)] = float(m.group(2))
        return rates
    finally:
        server.kill()
        server.wait()


NGINX_CONF = """daemon off;
master_process off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    server {{ listen 127.0.0.1:{port}; root {dir}/www; }}
}}
"""


def nginx_rate(env, workdir, seconds=3):
    """requests/s for a 4 KiB static file: nginx served, wrk loading it"""
    port = free_port()
    os.makedirs(os.path.join(workdir, "www"), exist_ok=True)
    with open(os.path.join(workdir, "www", "file.txt"), "w") as f:
        f.write("x" * 4096)
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(dir=workdir, port=port))
    server = subprocess.Popen(["nginx", "-p", workdir, "-c", conf], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listen(port)
        out = subprocess.run(["wrk", "-t1", "-c16", f"-d{seconds}s", f"http://127.0.0.1:{port}/file.txt"],
                             env=env, check=True, capture_output=True, text=True, timeout=60).stdout
        m = re.search(r"Requests/sec:\s*([0-9.]+)", out)
        if not m or re.search(r"Non-2xx|Socket errors", out):
            raise RuntimeError("wrk: " + out)
        return float(m.group(1))
    finally:
        server.kill()
        server.wait()


def servers(shim, rounds):
    """redis and nginx, both ends native or both under the shim, interleaved"""
    if not all(shutil.which(p) for p in ("redis-server", "redis-benchmark", "nginx", "wrk")):
        return None
    res = {}
    with tempfile.TemporaryDirectory() as work:
        for _ in range(rounds):
            for v in ("native", "enforce"):
                env = env_for(v, shim)
                for test, rate in redis_rates(env, work).items():
                    res.setdefault("redis " + test, {}).setdefault(v, []).append(rate)
                res.setdefault("nginx", {}).setdefault(v, []).append(nginx_rate(env, work))
    return {k: {v: statistics.median(x) for v, x in d.items()} for k, d in res.items()}


def programs(shim, rounds):
    res = {"socat": {"native": [], "enforce": []}, "curl": {"native": [], "enforce": []}}
    if not (shutil.which("socat") and shutil.which("curl")):
        return None
    with tempfile.TemporaryDirectory() as work:
        for _ in range(rounds):
            for v in ("native", "enforce"):
                env = env_for(v, shim)
                res["socat"][v].append(socat_transfer(env, 1024))
                res["curl"][v].append(curl_rate(env, 100, work))
    return {k: {v: statistics.median(x) for v, x in d.items()} for k, d in res.items()}


def load_after():
    with open("/proc/loadavg") as f:
        return "load average " + " ".join(f.read().split()[:3])


def nr_open():
    try:
        with open("/proc/sys/fs/nr_open") as f:
            return f.read().strip()
    except OSError:
        return "?"


def fmt(x, unit=""):
    if x >= 1000:
        return f"{x:,.0f}{unit}"
    return f"{x:.1f}{unit}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--write")
    args = ap.parse_args()
    shim = os.path.abspath(os.path.join(args.build, "shim", "libwspshim.so"))
    started = time.time()
    load_before = load_after()

    micro = collect(args.build, shim, "micro", VARIANTS, args.rounds)
    paired = collect(args.build, shim, "paired", VARIANTS, args.rounds)
    peer_variants = ["native", "enforce"] + (["swrap"] if SWRAP else [])
    peer = collect(args.build, shim, "peer", peer_variants, args.rounds)
    threads = collect(args.build, shim, "threads", ["native", "enforce"], 3)
    memory = collect(args.build, shim, "memory", ["native", "enforce"], 3)
    boot = startup(shim, args.rounds)
    rss = idle_rss(shim, args.rounds)
    progs = programs(shim, 5)
    real = servers(shim, args.rounds)
    counts = instructions(args.build, shim, VARIANTS + (["swrap"] if SWRAP else []))
    shutil.rmtree(SWRAP_DIR, ignore_errors=True)

    rows = []  # what, native, shim, ratio, target, met

    def ratio_row(name, label, variant, target_max):
        n, s = median(micro, name, "native"), median(micro, name, variant)
        r = s / n
        rows.append((f"{label} [{variant}]", fmt(n, " ns"), fmt(s, " ns"), f"{r:.3f}x", f"<= {target_max}x",
                     r <= target_max))

    for v in ("enforce", "audit", "off"):
        # issue 16: audit may read the kernel's answer once more than native: 1.10x
        ratio_row("setsockopt_tcp_nodelay", "setsockopt(TCP_NODELAY)", v, 1.10 if v == "audit" else 1.05)
        ratio_row("getsockopt_so_rcvbuf", "getsockopt(SO_RCVBUF)", v, 1.10 if v == "audit" else 1.05)
    base = median(micro, "setsockopt_tcp_nodelay", "native")
    # Emulated options were ">= 10x faster than a system call" until issue 11:
    # an answer no kernel call took part in is now confirmed with one fstat
    # (stale state after a close inside libc), so the target is the issue's
    # fallback: never slower than the native call.
    for name, label in (("setsockopt_so_dontroute_inet", "setsockopt(SO_DONTROUTE, AF_INET) emulated"),
                        ("setsockopt_so_debug_off", "setsockopt(SO_DEBUG) emulated")):
        n, s = median(micro, name, "native"), median(micro, name, "enforce")
        rows.append((f"{label} [enforce] (1 fstat)", fmt(n, " ns"), fmt(s, " ns"), f"{s / n:.3f}x",
                     "<= 1.00x (was >= 10x faster)", s <= n))
    for name, label in (("wsp_set_so_dontlinger", "WSPSetSockOpt(SO_DONTLINGER)"),
                        ("wsp_get_so_dontlinger", "WSPGetSockOpt(SO_DONTLINGER)"),
                        ("wsp_set_so_debug_off", "WSPSetSockOpt(SO_DEBUG)")):
        s = median(micro, name, "native")
        rows.append((f"{label} (1 fstat) vs native setsockopt syscall", fmt(base, " ns"), fmt(s, " ns"),
                     f"{s / base:.3f}x", "<= 1.00x (was >= 10x faster)", s <= base))
    # close() of a tracked socket asks getpid (a vfork child must leave its
    # parent's table alone): what that system call costs against the pair
    g, sc = median(micro, "getpid_syscall", "native"), median(micro, "socket_close", "native")
    rows.append(("getpid (close() of a tracked socket: vfork check) vs native socket()+close()", fmt(sc, " ns"),
                 fmt(g, " ns"), f"{g / sc:.3f}x", "(measured, kept)", True))
    for name, label in (("dup_close_pipe", "dup+close of a pipe (non-socket)"),
                        ("dup2_pipe", "dup2 of a pipe"),
                        ("fcntl_dupfd_close_pipe", "fcntl(F_DUPFD)+close of a pipe")):
        for v in ("enforce", "audit", "off"):
            ratio_row(name, label, v, 1.02)
    for name, label in (("socket_close", "socket()+close()"),
                        ("connect_accept_close", "connect+accept+close, loopback")):
        for v in ("enforce", "off"):
            ratio_row(name, label, v, 1.05)

    for v in ("native", "enforce"):
        one = median(threads, "threads_1", v)
        two = median(threads, "threads_2", v)
        four = median(threads, "threads_4", v)
        rows.append((f"threads 2 vs 1 (setsockopt+getsockopt) [{v}]", fmt(one, " op/s"), fmt(two, " op/s"),
                     f"{two / one:.2f}x", ">= 1.8x" if v == "enforce" else "(reference)",
                     two / one >= 1.8 if v == "enforce" else True))
        rows.append((f"threads 4 vs 1 [{v}]", fmt(one, " op/s"), fmt(four, " op/s"), f"{four / one:.2f}x",
                     "(2 cores: same shape as native)", True))

    state = median(memory, "state_bytes_per_socket", "enforce")
    rows.append(("shim state per tracked socket", "-", f"{state:.0f} B", "-", "<= 64 B", state <= 64))
    idle_n, idle_s = rss["native"], rss["enforce"]
    rows.append(("RSS of an idle process (sleep)", fmt(idle_n, " kB"), fmt(idle_s, " kB"), f"+{idle_s - idle_n:.0f} kB",
                 "<= +100 kB", idle_s - idle_n <= 100))
    count = median(memory, "sockets_opened", "enforce")
    counted = median(memory, "sockets_rss_counted", "enforce")
    d_n, d_s = median(memory, "sockets_rss_delta", "native"), median(memory, "sockets_rss_delta", "enforce")
    per = (d_s - d_n) * 1024 / counted
    rows.append((f"RSS growth for {counted:,.0f} more open sockets", fmt(d_n, " kB"), fmt(d_s, " kB"),
                 f"+{per:.0f} B/socket", "<= 64 B/socket + index pages", per <= 80))
    for at, label in (("10", "10"), ("1000", "1,000"), ("max", f"{count:,.0f}")):
        n, s_ = median(memory, f"getsockopt_at_{at}", "native"), median(memory, f"getsockopt_at_{at}", "enforce")
        rows.append((f"getsockopt(SO_RCVBUF) with {label} sockets open [enforce]", fmt(n, " ns"), fmt(s_, " ns"),
                     f"{s_ / n:.3f}x", "(must not grow with the count)", True))
    g_n = median(memory, "getsockopt_at_max", "native") / median(memory, "getsockopt_at_10", "native")
    g_s = median(memory, "getsockopt_at_max", "enforce") / median(memory, "getsockopt_at_10", "enforce")
    rows.append((f"getsockopt at {count:,.0f} / at 10 sockets open", f"{g_n:.3f}x", f"{g_s:.3f}x",
                 f"{g_s / g_n:.3f}x", "shim grows <= 1.10x native's", g_s / g_n <= 1.10))
    rows.append(("start-up of /bin/true", f"{boot['native']:.2f} ms", f"{boot['enforce']:.2f} ms",
                 f"+{boot['enforce'] - boot['native']:.2f} ms", "<= +1 ms", boot["enforce"] - boot["native"] <= 1))
    if progs:
        sn, ss = progs["socat"]["native"], progs["socat"]["enforce"]
        rows.append(("socat 1 GiB over loopback", f"{sn:.2f} s", f"{ss:.2f} s", f"{ss / sn:.3f}x", "<= 1.03x",
                     ss / sn <= 1.03))
        cn, cs = progs["curl"]["native"], progs["curl"]["enforce"]
        rows.append(("curl vs http.server, requests/s", f"{cn:.1f}/s", f"{cs:.1f}/s", f"{cn / cs:.3f}x time",
                     "<= 1.03x", cn / cs <= 1.03))
    if real:
        for name, d in real.items():
            label = f"{name}: redis-benchmark -n 100000, requests/s" if name.startswith("redis") else \
                "nginx 4 KiB static file under wrk (1 thread, 16 connections, 3 s), requests/s"
            rn, rs = d["native"], d["enforce"]
            rows.append((label, f"{rn:,.0f}/s", f"{rs:,.0f}/s", f"{rn / rs:.3f}x time", "<= 1.02x", rn / rs <= 1.02))

    # the same calls paired inside one process (shim_bench paired): libc's
    # own function and the bound symbol alternated; native shows the error
    paired_rows = []
    for name, label, targets in (
            ("setsockopt_tcp_nodelay", "setsockopt(TCP_NODELAY)", {"enforce": 1.05, "audit": 1.10, "off": 1.05}),
            ("getsockopt_so_rcvbuf", "getsockopt(SO_RCVBUF)", {"enforce": 1.05, "audit": 1.10, "off": 1.05}),
            ("close_pipe_dup", "close() of a non-socket", {"enforce": 1.02, "audit": 1.02, "off": 1.02}),
            ("dup_pipe", "dup() of a non-socket", {"enforce": 1.02, "audit": 1.02, "off": 1.02}),
            ("dup2_pipe", "dup2() of a non-socket", {"enforce": 1.02, "audit": 1.02, "off": 1.02}),
            ("fcntl_dupfd_pipe", "fcntl(F_DUPFD) of a non-socket", {"enforce": 1.02, "audit": 1.02, "off": 1.02}),
            ("socket_close", "socket()+close()", {})):
        key = f"paired_{name}"
        cells = [f"{median(paired, key, v):.3f}x" for v in VARIANTS]
        libc_ns = fmt(median(paired, key + "_libc", "native"), " ns")
        tgt = ", ".join(f"{v} <= {t}x" for v, t in targets.items()) or "(measured)"
        met = all(median(paired, key, v) <= t for v, t in targets.items())
        paired_rows.append((label, libc_ns, *cells, tgt, "yes" if met else "NO"))

    # side by side with socket_wrapper, same rounds
    peer_rows = []
    for name, label in (("peer_getsockopt_so_rcvbuf", "getsockopt(SO_RCVBUF) on a TCP socket"),
                        ("peer_dup_close_pipe", "dup+close of a pipe (non-socket)"),
                        ("peer_socket_close", "socket()+close()"),
                        ("peer_connect_accept_close", "connect+accept+close, loopback")):
        n, e = median(peer, name, "native"), median(peer, name, "enforce")
        if "swrap" in peer_variants:
            w = median(peer, name, "swrap")
            peer_rows.append((label, fmt(n, " ns"), f"{fmt(e, ' ns')} ({e / n:.3f}x)", f"{fmt(w, ' ns')} ({w / n:.3f}x)",
                              "yes" if e < w else "NO"))
        else:
            peer_rows.append((label, fmt(n, " ns"), f"{fmt(e, ' ns')} ({e / n:.3f}x)", "(not installed)", "-"))

    # instructions per call over native
    count_rows = []
    if counts:
        for loop, label, target in COUNT_LOOPS:
            d = counts[loop]
            nat = d["native"]
            cells = [f"{nat:.1f}"]
            for v in VARIANTS[1:] + ["swrap"]:
                cells.append(f"+{d[v] - nat:.1f}" if v in d else "-")
            # judged in enforce (audit is a diagnostic mode; its figures are shown)
            met = "-" if target is None else ("yes" if d["enforce"] - nat <= target else "NO")
            count_rows.append((label, *cells, "-" if target is None else f"<= +{target} (enforce)", met))

    header = ("what", "native", "shim", "ratio", "target", "met?")
    table = [header] + [(a, b, c, d, e, "yes" if f else "NO") for a, b, c, d, e, f in rows]
    widths = [max(len(r[i]) for r in table) for i in range(6)]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in table]
    print("\n".join(lines))
    peer_header = ("loop", "native", "wspshim enforce", "socket_wrapper", "wspshim cheaper?")
    count_header = ("instructions per call", "native", "enforce", "audit", "off", "socket_wrapper", "target", "met?")

    def plain(header, body):
        t = [header] + body
        w = [max(len(r[i]) for r in t) for i in range(len(header))]
        return "\n".join("  ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip() for r in t)

    paired_header = ("in one process, bound symbol / libc", "libc", "native (control)", "enforce", "audit", "off",
                     "target", "met?")
    print("\nPaired in one process (libc's function vs the bound symbol, ABBA blocks), median of rounds:")
    print(plain(paired_header, paired_rows))
    print("\nSide by side with socket_wrapper (SOCKET_WRAPPER_DIR set), same rounds:")
    print(plain(peer_header, peer_rows))
    if count_rows:
        print(f"\nInstructions per call (callgrind, {COUNT_N} calls minus 0), extra over native:")
        print(plain(count_header, count_rows))
    elapsed = time.time() - started
    print(f"\n({elapsed:.0f} s, {args.rounds} interleaved rounds, medians)")

    if args.write:
        cpu = "?"
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
        except (OSError, StopIteration):
            pass
        # Sections measured by hand (e.g. "## Kept: fault-safe copies ...")
        # survive a rewrite: everything from the first "## Kept:" heading on.
        kept = ""
        try:
            with open(args.write) as f:
                old = f.read()
            if "\n## Kept: " in old:
                kept = old[old.index("\n## Kept: "):]
        except OSError:
            pass
        with open(args.write, "w") as f:
            f.write("# wspshim benchmark results\n\n")
            f.write(f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M UTC}\n")
            f.write(f"- machine: {os.cpu_count()} CPUs ({cpu}), Linux {platform.release()}, "
                    f"glibc {platform.libc_ver()[1]}\n")
            f.write(f"- method: `scripts/bench`; the same binaries natively and with libwspshim.so preloaded, "
                    f"{args.rounds} interleaved rounds, median; {elapsed:.0f} s in all\n")
            f.write(f"- load: {load_before} before, {load_after()} after (the machine is shared; "
                    "ratios in one run are comparable, absolute times across runs are not)\n")
            f.write(f"- descriptor limit: {median(memory, 'nofile_limit', 'enforce'):.0f} "
                    f"(/proc/sys/fs/nr_open {nr_open()}; raising the hard limit needs CAP_SYS_RESOURCE)\n\n")

            def md(header, body):
                f.write("| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n")
                for r in body:
                    f.write("| " + " | ".join(r) + " |\n")

            md(header, table[1:])
            f.write("\n## Paired in one process\n\n"
                    "`shim_bench paired`: each loop alternates blocks of calls through libc's own function "
                    "(`dlsym` in libc.so.6, so the shim is not on the way) and through the symbol the program "
                    "binds to (the shim's when preloaded), ABBA, 48 blocks; the ratio of the two medians, median "
                    "over the rounds. Run without the shim both sides are libc: that column is the method's own "
                    "error on this machine.\n\n")
            md(paired_header, paired_rows)
            f.write("\n## Side by side with socket_wrapper\n\n"
                    f"`{SWRAP}` with `SOCKET_WRAPPER_DIR` set (it then carries AF_INET over its own AF_UNIX "
                    "sockets), in the same interleaved rounds as native and wspshim (enforce); ratio against "
                    "native.\n\n")
            md(peer_header, peer_rows)
            if count_rows:
                f.write("\n## Instructions per call\n\n"
                        f"`valgrind --tool=callgrind`: user-space instructions of a loop run {COUNT_N} times minus "
                        "the same loop run 0 times, divided by the calls; columns after native are the extra "
                        "instructions per call. Deterministic: the same build gives the same counts.\n\n")
                md(count_header, count_rows)
            raw = VARIANTS + ["swrap"]
            f.write("\n## Raw medians (per variant; swrap = socket_wrapper)\n\n| measure | unit | " + " | ".join(raw)
                    + " |\n|" + "---|" * (2 + len(raw)) + "\n")
            for source in (micro, paired, peer, threads, memory):
                for name, d in source.items():
                    cells = [fmt(statistics.median(d[v])) if v in d else "-" for v in raw]
                    f.write(f"| {name} | {d['unit']} | " + " | ".join(cells) + " |\n")
            f.write(f"| start-up /bin/true | ms | {boot['native']:.3f} | {boot['enforce']:.3f} | - | - | - |\n")
            if real:
                for name, d in real.items():
                    f.write(f"| {name} | req/s | {d['native']:.0f} | {d['enforce']:.0f} | - | - | - |\n")
            if progs:
                f.write(f"| socat 1 GiB | s | {progs['socat']['native']:.3f} | {progs['socat']['enforce']:.3f} | - | - | - |\n")
                f.write(f"| curl requests | req/s | {progs['curl']['native']:.1f} | {progs['curl']['enforce']:.1f} | - | - | - |\n")
        if kept:
            with open(args.write, "a") as f:
                f.write(kept)
    return 0


if __name__ == "__main__":
    sys.exit(main())
