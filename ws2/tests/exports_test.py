#!/usr/bin/env python3
"""libws2_32 exports the Winsock names only: every dynamic symbol is a
wsp_ws2_<name> (a name glibc also has, reached through the headers' asm
labels) or a Windows-only name; none is a name libc exports, so nothing
in a process can bind to this library by accident; the core API is there.

usage: exports_test.py LIBWS2_32 LIBC"""
import re
import subprocess
import sys

lib, libc = sys.argv[1], sys.argv[2]


def exports(path):
    out = subprocess.run(["nm", "-D", "--defined-only", path], check=True, capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] != "A":      # A: the version node itself
            names.add(parts[2].split("@")[0])
    return names


ours, theirs = exports(lib), exports(libc)
allowed = re.compile(r"^(wsp_ws2_\w+|WSA\w+|closesocket|ioctlsocket|__WSAFDIsSet|gai_strerrorA|gai_strerrorW|GetHostNameW|"
                     r"GetAddrInfoW|FreeAddrInfoW|GetNameInfoW|InetPtonA|InetNtopA|InetPtonW|InetNtopW)$")
core = {"WSAStartup", "WSACleanup", "WSASocketA", "WSASocketW", "WSAAccept", "WSAConnect", "WSASend",
        "WSARecv", "WSASendTo", "WSARecvFrom", "WSAIoctl", "WSAPoll", "WSACreateEvent", "WSASetEvent",
        "WSAResetEvent", "WSACloseEvent", "WSAEventSelect", "WSAEnumNetworkEvents",
        "WSAWaitForMultipleEvents", "closesocket", "ioctlsocket", "__WSAFDIsSet"}
core |= {"wsp_ws2_" + n for n in ("socket", "bind", "listen", "accept", "connect", "send", "recv", "sendto",
                                   "recvfrom", "shutdown", "setsockopt", "getsockopt", "select",
                                   "getsockname", "getpeername")}
bad = [f"exported but not a Winsock name: {n}" for n in sorted(ours) if not allowed.match(n)]
bad += [f"also exported by libc (would capture its callers): {n}" for n in sorted(ours & theirs)]
bad += [f"missing: {n}" for n in sorted(core - ours)]
# WSAGetLastError/WSASetLastError are libwin32base's one slot, never ours
bad += [f"defined here, must come from libwin32base: {n}" for n in ("WSAGetLastError", "WSASetLastError")
        if n in ours]
for b in bad:
    print("exports_test: FAIL:", b)
print(f"exports_test: {len(ours)} exports, {len(ours & theirs)} shared with libc")
sys.exit(1 if bad else 0)
