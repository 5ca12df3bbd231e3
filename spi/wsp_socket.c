/*
 * Socket lifetime and addressing: WSPSocket, WSPCloseSocket, WSPBind,
 * WSPListen, WSPConnect, WSPAccept, WSPGetSockName, WSPGetPeerName,
 * WSPShutdown, WSPIoctl.  A SOCKET is the Linux descriptor.
 * WSPCloseSocket follows Windows' linger matrix (wsp_close.c), WSPBind its
 * address-sharing rules (wsp_bind.c).
 */
#include "wsp_internal.h"
#include "wsp_procs.h"

#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>

static int fail(LPINT lpErrno, int wsa)
{
    if (lpErrno)
        *lpErrno = wsa;
    return SOCKET_ERROR;
}

static int fail_errno(LPINT lpErrno)
{
    return fail(lpErrno, wsp_wsa_from_errno(errno));
}

int wsp_af_to_native(int waf)
{
    switch (waf) {
    case WS_AF_INET: return AF_INET;
    case WS_AF_INET6: return AF_INET6;
    case WS_AF_UNSPEC: return AF_UNSPEC;
    default: return -1;
    }
}

int wsp_af_from_native(int af)
{
    switch (af) {
    case AF_INET: return WS_AF_INET;
    case AF_INET6: return WS_AF_INET6;
    case AF_UNSPEC: return WS_AF_UNSPEC;
    default: return -1;
    }
}

/* Does the descriptor name a socket the provider serves?  0 or a WSAE code. */
static int socket_of(SOCKET s, int *fd, struct wsp_sock **state)
{
    int wsa = WSAENOTSOCK;
    if (!wsp_started())
        return WSANOTINITIALISED;
    if (s > (SOCKET)INT_MAX)
        return WSAENOTSOCK;
    *fd = (int)s;
    *state = wsp_sock_get(*fd, &wsa);
    return *state ? 0 : wsa;
}

int wsp_socket_of(SOCKET s, int *fd, struct wsp_sock **state)
{
    return socket_of(s, fd, state);
}

/* Windows and Linux sockaddr_in / sockaddr_in6 share their layout; only the
 * family number differs (AF_INET6 is 23 on Windows, 10 on Linux). */
static int addr_to_native(const struct WS_sockaddr *wsa_addr, int len, struct sockaddr_storage *out, socklen_t *outlen)
{
    struct WS_sockaddr head;
    if (len < (int)sizeof(struct WS_sockaddr) || wsp_user_in(&head, wsa_addr, sizeof head))
        return WSAEFAULT;            /* doc bind/connect/sendto: name not in the user address space */
    int af = wsp_af_to_native(head.sa_family);
    size_t need = af == AF_INET ? sizeof(struct sockaddr_in) : af == AF_INET6 ? sizeof(struct sockaddr_in6) : 0;
    if (!need)
        return WSAEAFNOSUPPORT;
    if ((size_t)len < need)
        return WSAEFAULT;
    memset(out, 0, sizeof *out);
    if (wsp_user_in(out, wsa_addr, need))
        return WSAEFAULT;
    out->ss_family = (sa_family_t)af;
    *outlen = (socklen_t)need;
    return 0;
}

static int addr_from_native(const struct sockaddr_storage *in, socklen_t inlen, struct WS_sockaddr *out, LPINT outlen)
{
    int room;
    if (wsp_bad_pointer(out) || wsp_user_in(&room, outlen, sizeof room))
        return WSAEFAULT;
    int waf = wsp_af_from_native(in->ss_family);
    if (waf < 0)
        return WSAEAFNOSUPPORT;
    if (room < (int)inlen)
        return WSAEFAULT;
    struct sockaddr_storage w;
    memcpy(&w, in, inlen);
    ((struct WS_sockaddr *)&w)->sa_family = (ADDRESS_FAMILY)waf;
    int n = (int)inlen;
    if (wsp_user_out(out, &w, inlen) || wsp_user_out(outlen, &n, sizeof n))
        return WSAEFAULT;
    return 0;
}

int wsp_addr_to_native(const struct WS_sockaddr *a, int len, struct sockaddr_storage *out, socklen_t *outlen)
{
    return addr_to_native(a, len, out, outlen);
}

int wsp_addr_from_native(const struct sockaddr_storage *in, socklen_t inlen, struct WS_sockaddr *out, LPINT outlen)
{
    return addr_from_native(in, inlen, out, outlen);
}

int wsp_socket_apply_defaults(int fd, struct wsp_sock *s)
{
    /* ref §3.3, §5.6: IPV6_V6ONLY is TRUE by default on Windows; Linux takes
     * its default from net.ipv6.bindv6only (normally 0). */
    if (s->family == AF_INET6) {
        int on = 1;
        if (wsp_sys_setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) != 0)
            return wsp_wsa_from_errno(errno);
    }
    return 0;
}

SOCKET WSPAPI wsp_WSPSocket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                            DWORD dwFlags, LPINT lpErrno)
{
    (void)g;
    if (!wsp_started()) {
        fail(lpErrno, WSANOTINITIALISED);
        return INVALID_SOCKET;
    }
    if (lpProtocolInfo) {
        if (af == FROM_PROTOCOL_INFO)
            af = lpProtocolInfo->iAddressFamily;
        if (type == FROM_PROTOCOL_INFO)
            type = lpProtocolInfo->iSocketType;
        if (protocol == FROM_PROTOCOL_INFO)
            protocol = lpProtocolInfo->iProtocol;
    }
    int naf = wsp_af_to_native(af);
    if (naf != AF_INET && naf != AF_INET6) {
        fail(lpErrno, WSAEAFNOSUPPORT);
        return INVALID_SOCKET;
    }
    if (type != WS_SOCK_STREAM && type != WS_SOCK_DGRAM && type != WS_SOCK_RAW) {
        fail(lpErrno, WSAESOCKTNOSUPPORT);
        return INVALID_SOCKET;
    }
    /* Windows handles are inheritable unless WSA_FLAG_NO_HANDLE_INHERIT. */
    int flags = (dwFlags & WSA_FLAG_NO_HANDLE_INHERIT) ? SOCK_CLOEXEC : 0;
    int fd = wsp_sys_socket(naf, type | flags, protocol);
    if (fd < 0) {
        fail_errno(lpErrno);
        return INVALID_SOCKET;
    }
    struct wsp_sock *s = wsp_sock_adopt(fd, naf, type, protocol);
    int wsa = s ? wsp_socket_apply_defaults(fd, s) : WSAENOBUFS;
    if (!wsa)
        wsa = wsp_datapath_socket_defaults(fd, s);
    if (wsa) {
        wsp_sock_forget(fd);
        wsp_sys_close(fd);
        fail(lpErrno, wsa);
        return INVALID_SOCKET;
    }
    return (SOCKET)fd;
}

int WSPAPI wsp_WSPCloseSocket(SOCKET s, LPINT lpErrno)
{
    int fd;
    struct wsp_sock *state;
    int wsa = socket_of(s, &fd, &state);
    if (wsa)
        return fail(lpErrno, wsa);
    /* The socket really closes only with its last descriptor. */
    if (wsp_sock_last_fd(state)) {
        enum wsp_close_plan plan = wsp_close_plan(fd, state);
        wsa = wsp_close_prepare(fd, state, plan);
        if (wsp_sock_has(state, WSP_SF_DEBUG))
            wsp_trace(state, "WSPCloseSocket(s=%d) = %s", fd, wsa ? wsp_wsa_name(wsa) : "0");
        if (wsa)
            return fail(lpErrno, wsa);     /* WSAEWOULDBLOCK: still open, nothing started */
        /* wsp_wake.c: calls blocked on the socket end WSAEINTR, and the
         * number is not released before they have left */
        wsp_wake_blocked(fd, state);
        if (wsp_events_on(state))
            wsp_events_forget(state);
    }
    /* Forget first: once closed, the number may be handed to another thread. */
    wsp_sock_forget(fd);
    if (wsp_sys_close(fd) != 0 && errno != EINTR)
        return fail_errno(lpErrno);
    return 0;
}

int WSPAPI wsp_WSPBind(SOCKET s, const struct WS_sockaddr *name, int namelen, LPINT lpErrno)
{
    int fd;
    struct wsp_sock *state;
    int wsa = socket_of(s, &fd, &state);
    if (wsa)
        return fail(lpErrno, wsa);
    struct sockaddr_storage addr;
    socklen_t len;
    if ((wsa = addr_to_native(name, namelen, &addr, &len)) != 0)
        return fail(lpErrno, wsa);
    if (addr.ss_family != state->family)
        return fail(lpErrno, WSAEFAULT);    /* Windows: address of another family */
    if ((wsa = wsp_bind_apply(fd, state, (struct sockaddr *)&addr, len)) != 0)
        return fail(lpErrno, wsa);
    return 0;
}

int WSPAPI wsp_WSPListen(SOCKET s, int backlog, LPINT lpErrno)
{
    int fd;
    struct wsp_sock *state;
    int wsa = socket_of(s, &fd, &state);
    if (wsa)
        return fail(lpErrno, wsa);
    if (state->type != SOCK_STREAM)
        return fail(lpErrno, WSAEOPNOTSUPP);
    if (backlog < 0)                        /* SOMAXCONN_HINT(n) is -n */
        backlog = -backlog;
    if (wsp_sys_listen(fd, backlog) != 0)
        return fail_errno(lpErrno);
    return 0;
}

/* A signal interrupted a blocking connect.  Windows has no signals: the
 * call ends only with the connection's outcome (doc "connect function":
 * WSAEINTR only for a call cancelled by WSACancelBlockingCall or a close),
 * and Linux carries the handshake on in the background -- wait for it.
 * A WSPCloseSocket meanwhile shuts the socket down, which ends the wait. */
static int connect_outcome(int fd, struct wsp_sock *s)
{
    struct pollfd p = { fd, POLLOUT, 0 };
    while (wsp_sys_ppoll(&p, 1, -1) < 0) {
        if (errno != EINTR)
            return errno;
        if (wsp_call_closing(s))
            return EINTR;
    }
    int so_error = 0;
    socklen_t len = sizeof so_error;
    if (wsp_sys_getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len) != 0)
        return errno;
    return so_error;
}

int WSPAPI wsp_WSPConnect(SOCKET s, const struct WS_sockaddr *name, int namelen, LPWSABUF lpCallerData,
                          LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS, LPINT lpErrno)
{
    int fd;
    struct wsp_sock *state;
    int wsa = socket_of(s, &fd, &state);
    if (wsa)
        return fail(lpErrno, wsa);
    /* doc "WSAConnect function": WSAEFAULT for a connect-data buffer not in
     * the user address space -- read fault-safely, not dereferenced */
    WSABUF caller = { 0, NULL }, callee = { 0, NULL };
    if ((lpCallerData && wsp_user_in(&caller, lpCallerData, sizeof caller)) ||
        (lpCalleeData && wsp_user_in(&callee, lpCalleeData, sizeof callee)))
        return fail(lpErrno, WSAEFAULT);
    if (caller.len || callee.len || lpSQOS || lpGQOS)
        return fail(lpErrno, WSAEOPNOTSUPP);   /* TCP/IP carries no connect data or QoS */
    struct sockaddr_storage addr;
    socklen_t len;
    if ((wsa = addr_to_native(name, namelen, &addr, &len)) != 0)
        return fail(lpErrno, wsa);
    /* doc "connect function": once a nonblocking connect has completed, a
     * further connect fails WSAEISCONN; Linux answers the first such call 0.
     * A handshake still under way has no peer yet (EALREADY follows). */
    if (state->type == SOCK_STREAM) {
        struct sockaddr_storage peer;
        socklen_t plen = sizeof peer;
        int saved = errno;
        int connected = wsp_sys_getpeername(fd, (struct sockaddr *)&peer, &plen) == 0;
        errno = saved;
        if (connected)
            return fail(lpErrno, WSAEISCONN);
    }
    if ((wsa = wsp_call_enter(state)) != 0)
        return fail(lpErrno, wsa);
    int r = wsp_sys_connect(fd, (struct sockaddr *)&addr, len);
    int err = errno;
    if (r != 0 && err == EINTR && !wsp_call_closing(state) && !wsp_fd_nonblocking(fd)) {
        err = connect_outcome(fd, state);
        r = err ? -1 : 0;
    }
    int closing = wsp_call_closing(state);
    wsp_call_leave(state);
    if (closing)
        return fail(lpErrno, WSAEINTR);
    if (r != 0) {
        if (err == EINPROGRESS && wsp_events_on(state))
            wsp_events_connect_started(state);     /* FD_CONNECT will report the outcome */
        return fail(lpErrno, wsp_wsa_from_errno(err));
    }
    wsp_sock_mark_connected(state);
    if (wsp_events_on(state))
        wsp_events_connect_started(state);
    return 0;
}

SOCKET WSPAPI wsp_WSPAccept(SOCKET s, struct WS_sockaddr *addr, LPINT addrlen, LPCONDITIONPROC lpfnCondition,
                            DWORD_PTR dwCallbackData, LPINT lpErrno)
{
    (void)dwCallbackData;
    int fd;
    struct wsp_sock *state;
    int wsa = socket_of(s, &fd, &state);
    if (!wsa && lpfnCondition)
        wsa = WSAEOPNOTSUPP;                 /* conditional accept is not implemented */
    int room = 0;
    if (!wsa && addr && (wsp_user_in(&room, addrlen, sizeof room) || room < (int)sizeof(struct WS_sockaddr_in)))
        wsa = WSAEFAULT;             /* doc accept: addrlen too small or not in the user address space */
    if (wsa) {
        fail(lpErrno, wsa);
        return INVALID_SOCKET;
    }
    struct sockaddr_storage peer;
    socklen_t plen = sizeof peer;
    if ((wsa = wsp_call_enter(state)) != 0) {
        fail(lpErrno, wsa);
        return INVALID_SOCKET;
    }
    int nfd;
    for (;;) {
        nfd = wsp_sys_accept4(fd, (struct sockaddr *)&peer, &plen, 0);
        if (nfd >= 0 || wsp_call_closing(state))
            break;
        if (errno == EINTR)
            continue;
        /* Linux applies SO_RCVTIMEO to accept; Windows only to receives
         * (doc "SOL_SOCKET Socket Options": "blocking receive calls"), so a
         * blocking accept keeps waiting */
        if (errno == EAGAIN && !wsp_fd_nonblocking(fd))
            continue;
        break;
    }
    int err = errno;
    int closing = wsp_call_closing(state);
    wsp_call_leave(state);
    /* doc WSAEventSelect: FD_ACCEPT is re-enabled by accept */
    if (wsp_events_on(state))
        wsp_events_reenable(state, FD_ACCEPT);
    if (closing) {
        if (nfd >= 0)
            wsp_sys_close(nfd);
        fail(lpErrno, WSAEINTR);
        return INVALID_SOCKET;
    }
    if (nfd < 0) {
        fail(lpErrno, wsp_wsa_from_errno(err));
        return INVALID_SOCKET;
    }
    /* ref datapath §2 (doc accept function): the accepted socket inherits
     * the listener's nonblocking mode; Linux's accept does not */
    if (wsp_fd_nonblocking(fd)) {
        int on = 1;
        wsp_sys_ioctl(nfd, FIONBIO, &on);
    }
    struct wsp_sock *ns = wsp_sock_adopt(nfd, state->family, state->type, state->protocol);
    if (!ns) {
        wsp_sys_close(nfd);
        fail(lpErrno, WSAENOBUFS);
        return INVALID_SOCKET;
    }
    wsp_sock_inherit(ns, state);
    wsp_sock_mark_connected(ns);
    /* doc WSAEventSelect: the accepted socket has the listener's event selection */
    if (wsp_events_on(state))
        wsp_events_inherit(nfd, ns, state);
    if (addr && (wsa = addr_from_native(&peer, plen, addr, addrlen)) != 0) {
        wsp_sock_forget(nfd);
        wsp_sys_close(nfd);
        fail(lpErrno, wsa);
        return INVALID_SOCKET;
    }
    return (SOCKET)nfd;
}

static int name_call(SOCKET s, struct WS_sockaddr *name, LPINT namelen, LPINT lpErrno, int peer)
{
    int fd;
    struct wsp_sock *state;
    int wsa = socket_of(s, &fd, &state);
    if (wsa)
        return fail(lpErrno, wsa);
    if (!name || !namelen)
        return fail(lpErrno, WSAEFAULT);
    struct sockaddr_storage addr;
    socklen_t len = sizeof addr;
    int r = peer ? wsp_sys_getpeername(fd, (struct sockaddr *)&addr, &len)
                 : wsp_sys_getsockname(fd, (struct sockaddr *)&addr, &len);
    if (r != 0)
        return fail_errno(lpErrno);
    /* Windows: getsockname on an unbound socket fails WSAEINVAL. */
    if (!peer && ((addr.ss_family == AF_INET && ((struct sockaddr_in *)&addr)->sin_port == 0 &&
                   ((struct sockaddr_in *)&addr)->sin_addr.s_addr == 0) ||
                  (addr.ss_family == AF_INET6 && ((struct sockaddr_in6 *)&addr)->sin6_port == 0 &&
                   IN6_IS_ADDR_UNSPECIFIED(&((struct sockaddr_in6 *)&addr)->sin6_addr))))
        return fail(lpErrno, WSAEINVAL);
    if ((wsa = addr_from_native(&addr, len, name, namelen)) != 0)
        return fail(lpErrno, wsa);
    return 0;
}

int WSPAPI wsp_WSPGetSockName(SOCKET s, struct WS_sockaddr *name, LPINT namelen, LPINT lpErrno)
{
    return name_call(s, name, namelen, lpErrno, 0);
}

int WSPAPI wsp_WSPGetPeerName(SOCKET s, struct WS_sockaddr *name, LPINT namelen, LPINT lpErrno)
{
    return name_call(s, name, namelen, lpErrno, 1);
}

int WSPAPI wsp_WSPShutdown(SOCKET s, int how, LPINT lpErrno)
{
    int fd;
    struct wsp_sock *state;
    int wsa = socket_of(s, &fd, &state);
    if (wsa)
        return fail(lpErrno, wsa);
    if (how != WS_SD_RECEIVE && how != WS_SD_SEND && how != WS_SD_BOTH)
        return fail(lpErrno, WSAEINVAL);
    /* SD_RECEIVE 0, SD_SEND 1, SD_BOTH 2 equal SHUT_RD, SHUT_WR, SHUT_RDWR. */
    if (wsp_sys_shutdown(fd, how) != 0)
        return fail_errno(lpErrno);
    /* ref datapath §4, §5: later sends / receives fail WSAESHUTDOWN */
    if (how != WS_SD_RECEIVE)
        wsp_sock_set_flag(state, WSP_SF_SHUT_SEND, 1);
    if (how != WS_SD_SEND)
        wsp_sock_set_flag(state, WSP_SF_SHUT_RECV, 1);
    return 0;
}
