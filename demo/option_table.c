/*
 * wsp-optable: for every SOL_SOCKET option of libwsp's option table, do the
 * same thing on a fresh socket twice -- once through the provider
 * (WSPSetSockOpt/WSPGetSockOpt, Windows semantics) and once with the native
 * Linux call -- and print what each answered.  Built-in demo of the provider.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

struct outcome { char text[64]; };

static const char *wsa_str(int wsa)
{
    const char *n = wsp_wsa_name(wsa);
    return n ? n : "?";
}

/* One representative value per kind, as raw Windows bytes and POSIX bytes. */
static int sample(const struct wsp_optrow *row, char *win, int *wlen, char *posix, socklen_t *plen, char *label)
{
    int32_t i = 1;
    switch (row->kind) {
    case WSP_KIND_LINGER: {
        struct WS_linger wl = { 1, 7 };
        struct linger pl = { 1, 7 };
        memcpy(win, &wl, sizeof wl), *wlen = sizeof wl;
        memcpy(posix, &pl, sizeof pl), *plen = sizeof pl;
        strcpy(label, "{1,7}");
        return 0;
    }
    case WSP_KIND_MS: {
        uint32_t ms = 2500;
        struct timeval tv = { 2, 500000 };
        memcpy(win, &ms, 4), *wlen = 4;
        memcpy(posix, &tv, sizeof tv), *plen = sizeof tv;
        strcpy(label, "2500ms");
        return 0;
    }
    case WSP_KIND_INT:
        i = 4096;
        break;
    case WSP_KIND_OPAQUE:
        return -1;
    default:
        break;
    }
    memcpy(win, &i, 4), *wlen = 4;
    memcpy(posix, &i, 4), *plen = 4;
    sprintf(label, "%d", (int)i);
    return 0;
}

static void show_value(char *out, size_t cap, const struct wsp_optrow *row, const char *buf, int len, int windows)
{
    if (row->wname == WS_SO_PROTOCOL_INFOW && windows) {
        WSAPROTOCOL_INFOW info;
        memcpy(&info, buf, sizeof info);
        size_t n = 0;
        for (; info.szProtocol[n] && n + 1 < cap; n++)
            out[n] = (char)info.szProtocol[n];
        out[n] = 0;
    } else if (row->kind == WSP_KIND_LINGER) {
        if (windows) {
            struct WS_linger wl;
            memcpy(&wl, buf, sizeof wl);
            snprintf(out, cap, "{%u,%u}", wl.l_onoff, wl.l_linger);
        } else {
            struct linger pl;
            memcpy(&pl, buf, sizeof pl);
            snprintf(out, cap, "{%d,%d}", pl.l_onoff, pl.l_linger);
        }
    } else if (row->kind == WSP_KIND_MS && !windows) {
        struct timeval tv;
        memcpy(&tv, buf, sizeof tv);
        snprintf(out, cap, "%ldms", (long)(tv.tv_sec * 1000 + tv.tv_usec / 1000));
    } else {
        int32_t v = 0;
        memcpy(&v, buf, len < 4 ? (size_t)len : 4);
        if (row->kind == WSP_KIND_MS || row->wname == WS_SO_MAX_MSG_SIZE || row->wname == WS_SO_CONNECT_TIME)
            snprintf(out, cap, row->kind == WSP_KIND_MS ? "%ums" : "%u", (unsigned)v);
        else
            snprintf(out, cap, "%d", (int)v);
    }
}

static void run_windows(const struct wsp_optrow *row, int fd, int settable, char *win, int wlen, struct outcome *o)
{
    char buf[sizeof(WSAPROTOCOL_INFOW)] = { 0 }, val[32];
    int len = sizeof buf;
    struct wsp_verdict v;
    if (settable) {
        wsp_setsockopt_mode((SOCKET)fd, row->wlevel, row->wname, win, wlen, WSP_APPLY, &v);
        if (v.ret) {
            snprintf(o->text, sizeof o->text, "set: %s", wsa_str(v.wsa));
            return;
        }
    }
    wsp_getsockopt_mode((SOCKET)fd, row->wlevel, row->wname, buf, &len, WSP_APPLY, &v);
    if (v.ret) {
        snprintf(o->text, sizeof o->text, "%sget: %s", settable ? "set ok, " : "", wsa_str(v.wsa));
        return;
    }
    show_value(val, sizeof val, row, buf, len, 1);
    snprintf(o->text, sizeof o->text, "%s%s", settable ? "set ok, get " : "get ", val);
}

static void run_linux(const struct wsp_optrow *row, int fd, int settable, char *posix, socklen_t plen, struct outcome *o)
{
    if (row->nname < 0) {
        snprintf(o->text, sizeof o->text, "(no such option)");
        return;
    }
    char buf[32] = { 0 }, val[32];
    socklen_t len = sizeof buf;
    if (settable && wsp_sys_setsockopt(fd, row->nlevel, row->nname, posix, plen) != 0) {
        snprintf(o->text, sizeof o->text, "set: %s", wsp_errno_name(errno) ? wsp_errno_name(errno) : "?");
        return;
    }
    if (wsp_sys_getsockopt(fd, row->nlevel, row->nname, buf, &len) != 0) {
        snprintf(o->text, sizeof o->text, "%sget: %s", settable ? "set ok, " : "", wsp_errno_name(errno));
        return;
    }
    show_value(val, sizeof val, row, buf, (int)len, 0);
    snprintf(o->text, sizeof o->text, "%s%s", settable ? "set ok, get " : "get ", val);
}

int main(void)
{
    static const struct { int af, type; const char *name; } socks[] = {
        { AF_INET, SOCK_STREAM, "tcp4" }, { AF_INET6, SOCK_STREAM, "tcp6" }, { AF_INET, SOCK_DGRAM, "udp4" },
    };
    printf("%-20s %-5s %-8s | %-34s | %s\n", "option", "sock", "value", "Windows (libwsp)", "Linux (native)");
    printf("%.*s\n", 110, "----------------------------------------------------------------------------------------------------------------");
    int differ = 0, total = 0;
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *row = wsp_opt_at(i);
        if (row->wlevel != WS_SOL_SOCKET)
            continue;
        for (size_t k = 0; k < sizeof socks / sizeof socks[0]; k++) {
            char win[16], posix[32], label[16] = "-";
            int wlen = 0;
            socklen_t plen = 0;
            int settable = (row->flags & WSP_OPT_SET) && sample(row, win, &wlen, posix, &plen, label) == 0;
            if (!settable)
                strcpy(label, "(get)");
            int wfd = wsp_sys_socket(socks[k].af, socks[k].type, 0);
            int nfd = wsp_sys_socket(socks[k].af, socks[k].type, 0);
            struct wsp_sock *s = wsp_sock_adopt(wfd, socks[k].af, socks[k].type, 0);
            wsp_socket_apply_defaults(wfd, s);
            struct outcome w, l;
            run_windows(row, wfd, settable, win, wlen, &w);
            run_linux(row, nfd, settable, posix, plen, &l);
            int same = strcmp(w.text, l.text) == 0;
            differ += !same;
            total++;
            printf("%-20s %-5s %-8s | %-34s | %s%s\n", row->wname_str, socks[k].name, label, w.text, l.text,
                   same ? "" : "   <- differs");
            wsp_sock_forget(wfd);
            close(wfd);
            close(nfd);
        }
    }
    printf("\n%d of %d cases answer differently on Windows and on Linux.\n", differ, total);
    return 0;
}
