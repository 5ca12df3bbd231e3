#!/usr/bin/env python3
"""Every socket option Linux's headers define at the levels the report names
(SOL_SOCKET, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP) has a name in
shim/optname.c, and that name is the headers' name for that number.

  optname_headers_test.py DUMP_PROGRAM [INCLUDE_DIR]

Value constants that share the prefixes (IP_PMTUDISC_DO, UDP_ENCAP_ESPINUDP,
...) are not options and are left out by pattern.  Skips (77) when the
kernel headers are not installed.
"""
import os
import re
import subprocess
import sys

LEVELS = {  # header, level number, prefixes of option names
    "asm-generic/socket.h": (1, ("SO_",)),
    "linux/in.h": (0, ("IP_", "MCAST_")),
    "linux/in6.h": (41, ("IPV6_",)),
    "linux/tcp.h": (6, ("TCP_",)),
    "linux/udp.h": (17, ("UDP_",)),
}
NOT_OPTIONS = re.compile(r"PMTUDISC_|_FL_|FLOWINFO_(FLOWLABEL|PRIORITY)$|PRIORITY_|TLV_|PREFER_SRC|MSS_|"
                         r"REPAIR_O(N|FF)|MD5SIG_(MAXKEYLEN|FLAG)|RECEIVE_ZEROCOPY|_ENCAP_|MCAST_(EX|IN)CLUDE$|"
                         r"IP_DEFAULT_|RTHDR_|^TCP_ENCAP_")
DEFINE = re.compile(r"^#define\s+([A-Z][A-Z0-9_]*)\s+(\d+)\b", re.M)


def main():
    dump, include = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "/usr/include"
    if not os.path.exists(os.path.join(include, "linux/in.h")):
        print("skip: no kernel headers (linux-libc-dev)")
        return 77
    table = {}
    for line in subprocess.run([dump, "--dump"], check=True, capture_output=True, text=True).stdout.splitlines():
        level, number, name = line.split()
        table.setdefault((int(level), int(number)), set()).add(name)
    missing, wrong, total = [], [], 0
    for header, (level, prefixes) in LEVELS.items():
        text = open(os.path.join(include, header)).read()
        by_number = {}
        for name, number in DEFINE.findall(text):
            if name.startswith(prefixes) and not NOT_OPTIONS.search(name):
                by_number.setdefault(int(number), set()).add(name)
        for number, names in sorted(by_number.items()):
            total += 1
            ours = table.get((level, number))
            if not ours:
                missing.append(f"{header}: {'/'.join(sorted(names))} = {number}")
            elif not ours & {n.removesuffix("_OLD") for n in names} | names:
                wrong.append(f"{header}: {number} is {'/'.join(sorted(names))}, named {'/'.join(sorted(ours))}")
    for m in missing:
        print("not named:", m)
    for w in wrong:
        print("misnamed:", w)
    print(f"{total} options in the headers, {len(missing)} not named, {len(wrong)} misnamed")
    return 1 if missing or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
