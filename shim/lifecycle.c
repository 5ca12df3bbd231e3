/*
 * Descriptor bookkeeping: state follows the socket across dup/dup2/dup3/
 * F_DUPFD/fork and is gone with its last descriptor.  Every function here is
 * lock-free and allocation-free once the index page exists, so close() and
 * dup2() stay async-signal-safe.
 */
#include "shim.h"

#include <netinet/in.h>

void shim_fd_created(int fd)
{
    /* A number the kernel just handed out cannot still name an old socket:
     * whatever we hold for it was closed behind our back (fclose of an
     * fdopen'ed socket, a raw close syscall). */
    if (fd >= 0 && wsp_sock_peek(fd))
        wsp_sock_forget(fd);
}

void shim_socket_created(int fd, int domain, int type, int protocol)
{
    if (fd < 0)
        return;
    shim_fd_created(fd);
    if (domain != AF_INET && domain != AF_INET6)
        return;
    struct wsp_sock *s = wsp_sock_adopt(fd, domain, type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), protocol);
    if (s && shim_cfg.mode == SHIM_ENFORCE)
        wsp_socket_apply_defaults(fd, s);
}

void shim_fd_duplicated(int oldfd, int newfd)
{
    if (newfd < 0 || newfd == oldfd)
        return;
    struct wsp_sock *s = wsp_sock_peek(oldfd);
    if (s)
        wsp_sock_alias(newfd, s);
    else
        shim_fd_created(newfd);
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
