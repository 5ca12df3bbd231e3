/*
 * The one errno <-> WSAE table.  Order matters: the first row for an errno
 * wins errno -> WSAE, the first row for a code wins WSAE -> errno.
 * Source: reference/winsock-options.md §1.11 (Windows codes, usual mapping).
 */
#include "wsp_internal.h"

#include <errno.h>

#define ROW(e, w) { e, w, #e, #w }
static const struct errmap_row {
    int err, wsa;
    const char *err_name, *wsa_name;
} errmap[] = {
    ROW(EINTR, WSAEINTR),
    ROW(ENOTSOCK, WSAENOTSOCK),
    ROW(EBADF, WSAENOTSOCK),          /* a closed handle is "not a socket" on Windows */
    ROW(EACCES, WSAEACCES),
    ROW(EPERM, WSAEACCES),
    ROW(EFAULT, WSAEFAULT),
    ROW(EINVAL, WSAEINVAL),
    ROW(EMFILE, WSAEMFILE),
    ROW(ENFILE, WSAEMFILE),
    ROW(EWOULDBLOCK, WSAEWOULDBLOCK),
    ROW(EINPROGRESS, WSAEWOULDBLOCK), /* a nonblocking connect() reports WSAEWOULDBLOCK */
    ROW(EALREADY, WSAEALREADY),
    ROW(EDESTADDRREQ, WSAEDESTADDRREQ),
    ROW(EMSGSIZE, WSAEMSGSIZE),
    ROW(EPROTOTYPE, WSAEPROTOTYPE),
    ROW(ENOPROTOOPT, WSAENOPROTOOPT),
    ROW(EPROTONOSUPPORT, WSAEPROTONOSUPPORT),
    ROW(ESOCKTNOSUPPORT, WSAESOCKTNOSUPPORT),
    ROW(EOPNOTSUPP, WSAEOPNOTSUPP),
    ROW(EPFNOSUPPORT, WSAEPFNOSUPPORT),
    ROW(EAFNOSUPPORT, WSAEAFNOSUPPORT),
    ROW(EADDRINUSE, WSAEADDRINUSE),
    ROW(EADDRNOTAVAIL, WSAEADDRNOTAVAIL),
    ROW(ENETDOWN, WSAENETDOWN),
    ROW(ENETUNREACH, WSAENETUNREACH),
    ROW(ENETRESET, WSAENETRESET),
    ROW(ECONNABORTED, WSAECONNABORTED),
    ROW(ECONNRESET, WSAECONNRESET),
    ROW(EPIPE, WSAECONNRESET),
    ROW(ENOBUFS, WSAENOBUFS),
    ROW(ENOMEM, WSAENOBUFS),
    ROW(EISCONN, WSAEISCONN),
    ROW(ENOTCONN, WSAENOTCONN),
    ROW(ESHUTDOWN, WSAESHUTDOWN),
    ROW(ETOOMANYREFS, WSAETOOMANYREFS),
    ROW(ETIMEDOUT, WSAETIMEDOUT),
    ROW(ECONNREFUSED, WSAECONNREFUSED),
    ROW(ELOOP, WSAELOOP),
    ROW(ENAMETOOLONG, WSAENAMETOOLONG),
    ROW(EHOSTDOWN, WSAEHOSTDOWN),
    ROW(EHOSTUNREACH, WSAEHOSTUNREACH),
    ROW(ENOTEMPTY, WSAENOTEMPTY),
    ROW(EUSERS, WSAEUSERS),
    ROW(EDQUOT, WSAEDQUOT),
    ROW(ESTALE, WSAESTALE),
    ROW(EREMOTE, WSAEREMOTE),
    ROW(ENOSYS, WSAEOPNOTSUPP),
    ROW(EDOM, WSAEINVAL),
    ROW(EAGAIN, WSAEWOULDBLOCK),      /* == EWOULDBLOCK on Linux; kept for the name */
};
#undef ROW

/* Codes with no errno of their own: name only. */
static const struct { int wsa; const char *name; } wsa_only[] = {
    { WSAEINPROGRESS, "WSAEINPROGRESS" },
    { WSAEPROCLIM, "WSAEPROCLIM" },
    { WSASYSNOTREADY, "WSASYSNOTREADY" },
    { WSAVERNOTSUPPORTED, "WSAVERNOTSUPPORTED" },
    { WSANOTINITIALISED, "WSANOTINITIALISED" },
    { WSAEDISCON, "WSAEDISCON" },
};

int wsp_wsa_from_errno(int err)
{
    for (size_t i = 0; i < sizeof errmap / sizeof errmap[0]; i++)
        if (errmap[i].err == err)
            return errmap[i].wsa;
    return WSAEOPNOTSUPP;
}

/* Where Windows answers the same kernel outcome with another code, depending
 * on what the call was doing.  First matching row wins; otherwise errmap[]. */
static const struct {
    unsigned ctx;                     /* every bit must be present */
    int err, wsa;
    const char *source;
} errmap_ctx[] = {
    { WSP_CTX_TIMED, EAGAIN, WSAETIMEDOUT, "ref datapath §4: SO_RCVTIMEO/SO_SNDTIMEO expiry (doc SOL_SOCKET Socket Options)" },
    { WSP_CTX_SHUT_SEND, EPIPE, WSAESHUTDOWN, "ref datapath §5: send after shutdown(SD_SEND) (doc send function)" },
    { WSP_CTX_UNCONNECTED, EPIPE, WSAENOTCONN, "doc send function: WSAENOTCONN, the socket is not connected (Linux: EPIPE)" },
    { WSP_CTX_DGRAM, ECONNREFUSED, WSAECONNRESET, "ref datapath §4: ICMP port unreachable (doc recvfrom function)" },
};

int wsp_wsa_from_errno_ctx(int err, unsigned ctx)
{
    for (size_t i = 0; i < sizeof errmap_ctx / sizeof errmap_ctx[0]; i++)
        if (errmap_ctx[i].err == err && (ctx & errmap_ctx[i].ctx) == errmap_ctx[i].ctx)
            return errmap_ctx[i].wsa;
    return wsp_wsa_from_errno(err);
}

int wsp_errno_from_wsa(int wsa)
{
    for (size_t i = 0; i < sizeof errmap / sizeof errmap[0]; i++)
        if (errmap[i].wsa == wsa)
            return errmap[i].err;
    if (wsa == WSAEINPROGRESS)
        return EINPROGRESS;
    return EINVAL;
}

const char *wsp_wsa_name(int wsa)
{
    for (size_t i = 0; i < sizeof errmap / sizeof errmap[0]; i++)
        if (errmap[i].wsa == wsa)
            return errmap[i].wsa_name;
    for (size_t i = 0; i < sizeof wsa_only / sizeof wsa_only[0]; i++)
        if (wsa_only[i].wsa == wsa)
            return wsa_only[i].name;
    return NULL;
}

const char *wsp_errno_name(int err)
{
    for (size_t i = 0; i < sizeof errmap / sizeof errmap[0]; i++)
        if (errmap[i].err == err)
            return errmap[i].err_name;
    return NULL;
}

size_t wsp_errmap_size(void)
{
    return sizeof errmap / sizeof errmap[0];
}

int wsp_errmap_entry(size_t i, int *err, int *wsa)
{
    if (i >= wsp_errmap_size())
        return -1;
    *err = errmap[i].err;
    *wsa = errmap[i].wsa;
    return 0;
}
