/*
 * headers_test.c - the compat/ Win32 headers in every inclusion order
 * Windows allows, compiled as strict C11 (-pedantic -Werror, see
 * meson.build) in separate translation units; each unit also calls into
 * libwin32base.  The C++ unit is cxx_test.cc.
 */
#include <stdio.h>

int order_a(void);
int order_b(void);
int order_c(void);
int full_windows(void);
int lean(void);
int keepout(void);
int prefix(void);
int sdkstyle(void);

int main(void)
{
    static const struct { const char *name; int (*fn)(void); } units[] = {
        { "windows.h then winsock2.h", order_a },
        { "winsock2.h alone, then winsock.h, windows.h", order_b },
        { "winsock.h, windows.h, winsock2.h", order_c },
        { "full windows.h has Winsock", full_windows },
        { "WIN32_LEAN_AND_MEAN + strsafe.h + tchar.h", lean },
        { "_WINSOCKAPI_ keeps winsock.h out", keepout },
        { "WSP_USE_WS_PREFIX next to glibc", prefix },
        { "SDK sample style: ctype via winnt.h, mstcpip.h helpers", sdkstyle },
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        int ok = units[i].fn();
        printf("%s: %s\n", ok ? "ok" : "FAIL", units[i].name);
        failed += !ok;
    }
    return failed != 0;
}
