/*
 * bind() of an AF_INET/AF_INET6 socket.  Enforce: Windows' address-sharing
 * rules through WSPBind (libwsp's wsp_bind.c).  Audit: Linux binds; libwsp
 * predicts Windows' verdict without side effects and a difference is
 * reported; the footprint is remembered either way so later predictions
 * see this socket.
 */
#include "translate.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int real_bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    return shim_real.bind ? shim_real.bind(fd, addr, len) : (int)syscall(SYS_bind, fd, addr, len);
}

/* Render the shim's copy of the address: n bytes were copied from the caller. */
static void render_addr(const struct sockaddr_storage *ss, size_t n, char *out, size_t cap)
{
    char host[64] = "?";
    unsigned port = 0;
    if (ss->ss_family == AF_INET && n >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
        const unsigned char *b = (const unsigned char *)&a->sin_addr;
        snprintf(host, sizeof host, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        port = ntohs(a->sin_port);
    } else if (ss->ss_family == AF_INET6 && n >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
        snprintf(host, sizeof host, "[v6 %02x%02x..%02x%02x]", a->sin6_addr.s6_addr[0], a->sin6_addr.s6_addr[1],
                 a->sin6_addr.s6_addr[14], a->sin6_addr.s6_addr[15]);
        port = ntohs(a->sin6_port);
    } else {
        snprintf(out, cap, "(%zu-byte address)", n);
        return;
    }
    snprintf(out, cap, "%s:%u", host, port);
}

int shim_bind(int fd, const struct sockaddr *addr, socklen_t len, void *caller)
{
    struct wsp_sock *s = wsp_sock_peek(fd);
    if (!s || (s->family != AF_INET && s->family != AF_INET6))
        return real_bind(fd, addr, len);
    if (shim_cfg.mode == SHIM_ENFORCE && (uintptr_t)addr < 4096) {
        errno = EFAULT;        /* doc bind: WSAEFAULT, name is not a valid part of the user address space */
        return -1;
    }
    if (!addr || len < sizeof(struct sockaddr_in))
        return real_bind(fd, addr, len);
    /* Everything below reads the shim's copy of the address, made
     * fault-safely; the kernel gets the caller's pointer as it was. */
    struct sockaddr_storage own;
    memset(&own, 0, sizeof own);
    size_t n = len < sizeof own ? len : sizeof own;
    enum shim_trust trust = shim_cfg.mode == SHIM_ENFORCE ? SHIM_TRUST_UNVERIFIED : SHIM_VERIFIED_ONLY;
    int c = shim_copy_in(&own, addr, n, trust);
    if (c == EFAULT && shim_cfg.mode == SHIM_ENFORCE) {
        errno = EFAULT;        /* doc bind: WSAEFAULT, name is not a valid part of the user address space */
        return -1;
    }
    if (c || own.ss_family != s->family)
        return real_bind(fd, addr, len);
    int saved = errno;
    if (shim_cfg.mode == SHIM_ENFORCE) {
        /* POSIX and Winsock sockaddr_in/sockaddr_in6 differ only in the
         * family number: hand WSPBind the Windows form. */
        ((struct WS_sockaddr *)&own)->sa_family = (ADDRESS_FAMILY)wsp_af_from_native(s->family);
        int wsa = 0;
        if (shim_wsp.lpWSPBind((SOCKET)fd, (const struct WS_sockaddr *)&own, (int)n, &wsa) != 0) {
            errno = wsp_errno_from_wsa(wsa);
            return -1;
        }
        errno = saved;
        return 0;
    }
    int predicted = wsp_bind_verdict(fd, s, (const struct sockaddr *)&own, (socklen_t)n);
    errno = saved;
    int r = real_bind(fd, addr, len);
    int err = errno;
    if (r == 0)
        wsp_bind_record(fd, s);
    int windows_ret = predicted ? -1 : 0;
    if (windows_ret != r || (r != 0 && wsp_wsa_from_errno(err) != predicted)) {
        struct shim_divergence d;
        memset(&d, 0, sizeof d);
        shim_divergence_at(&d, "bind", fd, s, SOL_SOCKET, SO_REUSEADDR,
                           wsp_opt_find_native(SOL_SOCKET, SO_REUSEADDR), caller);
        d.linux_side.ret = r;
        d.linux_side.err = r ? err : 0;
        d.windows_side.ret = windows_ret;
        d.windows_side.wsa = predicted;
        d.windows_side.err = predicted ? wsp_errno_from_wsa(predicted) : 0;
        d.note = "address sharing at bind follows other rules on Windows (SO_REUSEADDR/SO_EXCLUSIVEADDRUSE)";
        render_addr(&own, n, d.passed, sizeof d.passed);
        shim_report(&d);
    }
    errno = r ? err : saved;
    return r;
}
