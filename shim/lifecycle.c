/*
 * Descriptor bookkeeping: state follows the socket across dup/dup2/dup3/
 * F_DUPFD/fork and is gone with its last descriptor.  Every function here is
 * lock-free and allocation-free once the index page exists, so close() and
 * dup2() stay async-signal-safe.
 */
#include "shim.h"

#include <netinet/in.h>
#include <string.h>

void shim_fd_created(int fd)
{
    /* A number the kernel just handed out cannot still name an old socket:
     * whatever we hold for it was closed behind our back (fclose of an
     * fdopen'ed socket, a raw close syscall). */
    if (fd >= 0 && wsp_sock_peek(fd))
        wsp_sock_forget(fd);
}

/* Audit: a new AF_INET6 socket is dual-stack on Linux (bindv6only = 0) but
 * IPV6_V6ONLY on Windows (ref §3.3): report it once per call site. */
static void audit_new_socket(int fd, const struct wsp_sock *s, void *caller)
{
    int v6only = 1;
    socklen_t len = sizeof v6only;
    if (s->family != AF_INET6 || wsp_sys_getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len) != 0 || v6only)
        return;
    struct shim_divergence d;
    memset(&d, 0, sizeof d);
    shim_divergence_at(&d, "socket", fd, s, IPPROTO_IPV6, IPV6_V6ONLY, wsp_opt_find_native(IPPROTO_IPV6, IPV6_V6ONLY),
                       caller);
    d.linux_side.has_value = d.windows_side.has_value = 1;
    strcpy(d.linux_side.value, "0");
    strcpy(d.windows_side.value, "1");
    d.note = "new AF_INET6 sockets are IPV6_V6ONLY on Windows, dual-stack on Linux";
    shim_report(&d);
}

void shim_socket_created(int fd, int domain, int type, int protocol, void *caller)
{
    if (fd < 0)
        return;
    shim_fd_created(fd);
    if (domain != AF_INET && domain != AF_INET6)
        return;
    struct wsp_sock *s = wsp_sock_adopt(fd, domain, type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), protocol);
    if (!s)
        return;
    if (shim_cfg.mode == SHIM_ENFORCE)
        wsp_socket_apply_defaults(fd, s);
    else if (shim_cfg.mode == SHIM_AUDIT)
        audit_new_socket(fd, s, caller);
}

void shim_fd_duplicated_tracked(int oldfd, int newfd)
{
    wsp_sock_alias_fd(oldfd, newfd);
}

void shim_fd_accepted(int listener, int fd)
{
    if (fd < 0)
        return;
    shim_fd_created(fd);
    struct wsp_sock *ls = wsp_sock_peek(listener);
    if (!ls)
        return;
    struct wsp_sock *s = wsp_sock_adopt(fd, ls->family, ls->type, ls->protocol);
    if (!s)
        return;
    wsp_sock_inherit(s, ls);
    wsp_sock_mark_connected(s);
}
