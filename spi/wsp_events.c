/*
 * The event model: WSPEventSelect and WSPEnumNetworkEvents.
 *
 * As on Windows, the provider owns no event objects: the layer above hands
 * it a WSAEVENT and the provider signals and resets it only through the
 * upcall table WSPStartup received (lpWPUSetEvent, lpWPUResetEvent; doc
 * "WSPEventSelect", "WSPEnumNetworkEvents").
 *
 * State lives in a side table, one record per socket that uses the model;
 * the per-socket object only carries the WSP_SF_EVENTSELECT flag, which the
 * data calls test before they look the record up.
 * One monitor thread, started on first use, polls the sockets whose events
 * are armed and records them.  Windows' re-enabling rules (doc
 * "WSAEventSelect function", ref datapath §8): an event is recorded once,
 * then not again until the call that re-enables it -- FD_READ/FD_OOB by a
 * receive, FD_WRITE by a send that failed WSAEWOULDBLOCK, FD_ACCEPT by an
 * accept; FD_CONNECT and FD_CLOSE happen once.  A new WSPEventSelect clears
 * the record and re-arms everything.  One mutex guards the table: only
 * sockets in the event model ever take it.
 */
#include "wsp_internal.h"
#include "wsp_procs.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct evrec {
    int fd;                           /* -1: free */
    uint32_t gen;                     /* bumped on every reuse */
    struct wsp_sock *s;
    WSAEVENT event;
    uint32_t selected;                /* FD_* the application asked for */
    uint32_t armed;                   /* FD_* that may be recorded now */
    uint32_t pending;                 /* recorded, not yet enumerated */
    uint8_t connecting;               /* a connect is under way: FD_CONNECT to come */
    uint8_t eof;                      /* the peer closed: no more FD_READ from POLLIN alone */
    uint8_t stalled;                  /* ready but nothing to record: skip until re-enabled */
    int errors[FD_MAX_EVENTS];
};

static pthread_mutex_t ev_lock = PTHREAD_MUTEX_INITIALIZER;
static struct evrec *recs;
static uint32_t nrecs, caprecs;
static int wake_fd = -1;
static int monitor_running;
static WSPUPCALLTABLE upcalls;

/* The last WSPStartup that brings event upcalls wins; one without them (a
 * client that does not use the event model) leaves the earlier ones. */
void wsp_upcalls_set(const WSPUPCALLTABLE *u)
{
    pthread_mutex_lock(&ev_lock);
    if (u->lpWPUSetEvent && u->lpWPUResetEvent)
        upcalls = *u;
    pthread_mutex_unlock(&ev_lock);
}

static void wake_monitor(void)
{
    uint64_t one = 1;
    if (wake_fd >= 0 && write(wake_fd, &one, sizeof one) < 0) {
        /* the counter is saturated: the monitor is awake anyway */
    }
}

/* ev_lock held.  A linear search: only sockets in the event model have a
 * record, and a program waits on at most WSA_MAXIMUM_WAIT_EVENTS (64)
 * events per wait. */
static struct evrec *rec_of(struct wsp_sock *s)
{
    for (uint32_t i = 0; i < nrecs; i++)
        if (recs[i].s == s && recs[i].fd >= 0)
            return &recs[i];
    return NULL;
}

/* Record the events in ev (already filtered by armed), signal once. */
static void record(struct evrec *r, uint32_t ev, int code_for[FD_MAX_EVENTS])
{
    ev &= r->armed & r->selected;
    if (!ev)
        return;
    for (int b = 0; b < FD_MAX_EVENTS; b++)
        if (ev & (1u << b))
            r->errors[b] = code_for ? code_for[b] : 0;
    r->pending |= ev;
    r->armed &= ~ev;
    if (upcalls.lpWPUSetEvent) {
        int err = 0;
        upcalls.lpWPUSetEvent(r->event, &err);
    }
}

static short poll_mask(const struct evrec *r)
{
    short m = 0;
    uint32_t a = r->armed & r->selected;
    if (r->stalled)
        return 0;
    if ((a & (FD_READ | FD_ACCEPT)) && !r->eof)
        m |= POLLIN;
    if (a & FD_CLOSE)
        m |= POLLRDHUP;
    if ((a & FD_WRITE) || (r->connecting && (a & FD_CONNECT)))
        m |= POLLOUT;
    if (r->connecting)
        m |= POLLOUT;
    if (a & FD_OOB)
        m |= POLLPRI;
    return m;
}

/* What the readiness revents means for this socket, in Windows events. */
static void evaluate(struct evrec *r, short rev)
{
    struct wsp_sock *s = r->s;
    int stream = s->type == SOCK_STREAM;
    int codes[FD_MAX_EVENTS] = { 0 };
    uint32_t ev = 0;
    uint32_t before = r->pending;
    uint32_t armed_before = r->armed;

    if (r->connecting && (rev & (POLLOUT | POLLERR | POLLHUP))) {
        /* doc WSAEventSelect: FD_CONNECT with the connect's outcome;
         * ref datapath §8: refused -> WSAECONNREFUSED */
        int so_error = 0;
        socklen_t len = sizeof so_error;
        wsp_sys_getsockopt(r->fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        r->connecting = 0;
        ev |= FD_CONNECT;
        codes[FD_CONNECT_BIT] = so_error ? wsp_wsa_from_errno(so_error) : 0;
        if (!so_error)
            wsp_sock_mark_connected(s);
        else
            r->eof = 1, r->armed &= ~(FD_WRITE | FD_READ | FD_CLOSE | FD_OOB);
        record(r, ev, codes);
        ev = 0;
        if (so_error)
            return;
        memset(codes, 0, sizeof codes);
    }
    int listening = 0;
    if (rev & POLLIN) {
        socklen_t len = sizeof listening;
        if (stream)
            wsp_sys_getsockopt(r->fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len);
        if (listening) {
            ev |= FD_ACCEPT;
        } else if (!stream) {
            ev |= FD_READ;
        } else {
            int n = 0;
            wsp_sys_ioctl(r->fd, FIONREAD, &n);
            if (n > 0)
                ev |= FD_READ;
            else
                r->eof = 1;           /* EOF or reset: FD_CLOSE below */
        }
    }
    if (!stream && (rev & POLLERR))
        ev |= FD_READ;                /* the receive will report the ICMP error */
    if (stream && !listening && (rev & (POLLRDHUP | POLLHUP | POLLERR)) && wsp_sock_has(s, WSP_SF_CONNECTED)) {
        /* doc WSAEventSelect: FD_CLOSE, iErrorCode 0 for a graceful close,
         * WSAECONNRESET for a reset */
        ev |= FD_CLOSE;
        codes[FD_CLOSE_BIT] = (rev & POLLERR) ? WSAECONNRESET : 0;
        r->eof = 1;
    }
    if ((rev & POLLOUT) && !(rev & POLLERR) && (!stream || wsp_sock_has(s, WSP_SF_CONNECTED)))
        ev |= FD_WRITE;
    if (rev & POLLPRI)
        ev |= FD_OOB;
    record(r, ev, codes);
    if (r->pending == before && r->armed == armed_before)
        r->stalled = 1;
}

static void *monitor(void *arg)
{
    (void)arg;
    struct pollfd *pfd = NULL;
    uint32_t *idx = NULL, *gens = NULL;
    size_t cap = 0;
    for (;;) {
        pthread_mutex_lock(&ev_lock);
        if (cap < nrecs + 1) {
            cap = nrecs + 16;
            struct pollfd *np = realloc(pfd, cap * sizeof *pfd);
            uint32_t *ni = np ? realloc(idx, cap * sizeof *idx) : NULL;
            uint32_t *ng = ni ? realloc(gens, cap * sizeof *gens) : NULL;
            if (np)
                pfd = np;
            if (ni)
                idx = ni;
            if (ng)
                gens = ng;
            if (!np || !ni || !ng) {
                cap = 0;
                pthread_mutex_unlock(&ev_lock);
                struct timespec t = { 0, 10 * 1000 * 1000 };
                nanosleep(&t, NULL);
                continue;
            }
        }
        size_t n = 0;
        pfd[n].fd = wake_fd;
        pfd[n].events = POLLIN;
        n++;
        for (uint32_t i = 0; i < nrecs; i++) {
            if (recs[i].fd < 0)
                continue;
            short m = poll_mask(&recs[i]);
            if (!m)
                continue;
            pfd[n].fd = recs[i].fd;
            pfd[n].events = m;
            idx[n] = i;
            gens[n] = recs[i].gen;
            n++;
        }
        pthread_mutex_unlock(&ev_lock);

        int r = wsp_sys_ppoll(pfd, n, -1);
        if (r < 0)
            continue;
        pthread_mutex_lock(&ev_lock);
        if (pfd[0].revents & POLLIN) {
            uint64_t v;
            if (read(wake_fd, &v, sizeof v) < 0) {
                /* nothing to drain */
            }
        }
        for (size_t k = 1; k < n; k++) {
            if (!pfd[k].revents)
                continue;
            struct evrec *rec = &recs[idx[k]];
            if (rec->fd != pfd[k].fd || rec->gen != gens[k])
                continue;             /* closed or re-selected meanwhile */
            if (pfd[k].revents & POLLNVAL) {
                rec->stalled = 1;     /* closed behind the provider's back */
                continue;
            }
            evaluate(rec, pfd[k].revents);
        }
        pthread_mutex_unlock(&ev_lock);
    }
    return NULL;
}

static void after_fork_child(void)
{
    /* the monitor thread does not exist in the child, and the wake-up
     * counter is the parent's: the next event-model call starts both anew */
    pthread_mutex_init(&ev_lock, NULL);
    monitor_running = 0;
    if (wake_fd >= 0)
        close(wake_fd);
    wake_fd = -1;
}

/* ev_lock held */
static int ensure_monitor(void)
{
    if (monitor_running)
        return 0;
    static int atfork_done;
    if (!atfork_done) {
        pthread_atfork(NULL, NULL, after_fork_child);
        atfork_done = 1;
    }
    if (wake_fd < 0) {
        wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wake_fd < 0)
            return WSAENOBUFS;
    }
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    int e = pthread_create(&t, &a, monitor, NULL);
    pthread_attr_destroy(&a);
    if (e)
        return WSAENOBUFS;
    monitor_running = 1;
    return 0;
}

/* ev_lock held: a record for s (existing or new) */
static struct evrec *rec_get(int fd, struct wsp_sock *s)
{
    struct evrec *r = rec_of(s);
    if (r)
        return r;
    uint32_t i = 0;
    while (i < nrecs && recs[i].fd >= 0)
        i++;
    if (i == nrecs) {
        if (nrecs == caprecs) {
            uint32_t ncap = caprecs ? caprecs * 2 : 16;
            struct evrec *nr = realloc(recs, ncap * sizeof *nr);
            if (!nr)
                return NULL;
            recs = nr;
            caprecs = ncap;
        }
        recs[nrecs].gen = 0;
        nrecs++;
    }
    r = &recs[i];
    uint32_t gen = r->gen + 1;
    memset(r, 0, sizeof *r);
    r->gen = gen;
    r->fd = fd;
    r->s = s;
    return r;
}

static void rec_free(struct evrec *r)
{
    wsp_sock_set_flag(r->s, WSP_SF_EVENTSELECT, 0);
    r->fd = -1;
    r->s = NULL;
    r->gen++;
}

static int connect_in_progress(int fd)
{
    struct tcp_info ti;
    socklen_t len = sizeof ti;
    memset(&ti, 0, sizeof ti);
    return wsp_sys_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 && ti.tcpi_state == TCP_SYN_SENT;
}

/* ev_lock held */
static int select_events(int fd, struct wsp_sock *s, WSAEVENT h, uint32_t mask)
{
    int wsa = ensure_monitor();
    if (wsa)
        return wsa;
    struct evrec *r = rec_get(fd, s);
    if (!r)
        return WSAENOBUFS;
    /* doc WSAEventSelect: a new selection clears the record and re-arms */
    r->event = h;
    r->selected = mask;
    r->armed = mask;
    r->pending = 0;
    r->eof = 0;
    r->stalled = 0;
    memset(r->errors, 0, sizeof r->errors);
    if (s->type == SOCK_STREAM && !wsp_sock_has(s, WSP_SF_CONNECTED))
        r->connecting = (uint8_t)connect_in_progress(fd);
    wake_monitor();
    return 0;
}

static int fail(LPINT lpErrno, int wsa)
{
    if (lpErrno)
        *lpErrno = wsa;
    return SOCKET_ERROR;
}

int WSPAPI wsp_WSPEventSelect(SOCKET sock, WSAEVENT hEventObject, LONG lNetworkEvents, LPINT lpErrno)
{
    int fd, wsa;
    struct wsp_sock *s;
    if ((wsa = wsp_socket_of(sock, &fd, &s)) != 0)
        return fail(lpErrno, wsa);
    /* bits beyond FD_ALL_EVENTS are ignored (Wine; conformance dp.*.ev.bad_mask) */
    lNetworkEvents &= FD_ALL_EVENTS;
    pthread_mutex_lock(&ev_lock);
    if (lNetworkEvents == 0) {
        /* doc ioctlsocket: cancelling the selection lets FIONBIO make the
         * socket blocking again; it stays nonblocking until then */
        struct evrec *r = rec_of(s);
        if (r)
            rec_free(r);
        wsp_sock_set_flag(s, WSP_SF_EVENTSELECT, 0);
        wake_monitor();
        pthread_mutex_unlock(&ev_lock);
        return 0;
    }
    if (!hEventObject) {
        pthread_mutex_unlock(&ev_lock);
        return fail(lpErrno, WSAEINVAL);
    }
    if (!upcalls.lpWPUSetEvent || !upcalls.lpWPUResetEvent) {
        pthread_mutex_unlock(&ev_lock);
        return fail(lpErrno, WSAEOPNOTSUPP);       /* no way to signal the caller's events */
    }
    /* ref datapath §6 (doc WSAEventSelect): the socket becomes nonblocking */
    int on = 1;
    if (wsp_sys_ioctl(fd, FIONBIO, &on) != 0) {
        wsa = wsp_wsa_from_errno(errno);
        pthread_mutex_unlock(&ev_lock);
        return fail(lpErrno, wsa);
    }
    wsp_sock_set_flag(s, WSP_SF_EVENTSELECT, 1);
    wsa = select_events(fd, s, hEventObject, (uint32_t)lNetworkEvents);
    if (wsa && !rec_of(s))
        wsp_sock_set_flag(s, WSP_SF_EVENTSELECT, 0);
    pthread_mutex_unlock(&ev_lock);
    return wsa ? fail(lpErrno, wsa) : 0;
}

int WSPAPI wsp_WSPEnumNetworkEvents(SOCKET sock, WSAEVENT hEventObject, LPWSANETWORKEVENTS ne, LPINT lpErrno)
{
    int fd, wsa;
    struct wsp_sock *s;
    if ((wsa = wsp_socket_of(sock, &fd, &s)) != 0)
        return fail(lpErrno, wsa);
    WSANETWORKEVENTS out;
    memset(&out, 0, sizeof out);
    /* doc WSAEnumNetworkEvents: WSAEFAULT.  Checked by writing before the
     * record is consumed, so that a bad pointer loses no event. */
    if (wsp_user_out(ne, &out, sizeof out))
        return fail(lpErrno, WSAEFAULT);
    pthread_mutex_lock(&ev_lock);
    struct evrec *r = rec_of(s);
    if (r) {
        out.lNetworkEvents = (LONG)r->pending;
        for (int b = 0; b < FD_MAX_EVENTS; b++)
            if (r->pending & (1u << b))
                out.iErrorCode[b] = r->errors[b];
        r->pending = 0;
    }
    /* doc WSPEnumNetworkEvents: the record is cleared and the event reset
     * together, so that nothing recorded in between is lost */
    if (hEventObject && upcalls.lpWPUResetEvent) {
        int err = 0;
        upcalls.lpWPUResetEvent(hEventObject, &err);
    }
    pthread_mutex_unlock(&ev_lock);
    if (wsp_user_out(ne, &out, sizeof out))
        return fail(lpErrno, WSAEFAULT);         /* unmapped by another thread meanwhile */
    return 0;
}

void wsp_events_reenable(struct wsp_sock *s, long events)
{
    pthread_mutex_lock(&ev_lock);
    struct evrec *r = rec_of(s);
    if (r && (r->selected & (uint32_t)events)) {
        r->armed |= (uint32_t)events & r->selected;
        r->stalled = 0;
        if (events & FD_READ)
            r->eof = 0;
        ensure_monitor();             /* after a fork, the child's first call starts it */
        wake_monitor();
    }
    pthread_mutex_unlock(&ev_lock);
}

void wsp_events_connect_started(struct wsp_sock *s)
{
    pthread_mutex_lock(&ev_lock);
    struct evrec *r = rec_of(s);
    if (r) {
        r->connecting = 1;
        r->stalled = 0;
        r->eof = 0;
        r->armed = r->selected;
        ensure_monitor();
        wake_monitor();
    }
    pthread_mutex_unlock(&ev_lock);
}

void wsp_events_inherit(int nfd, struct wsp_sock *dst, const struct wsp_sock *listener)
{
    pthread_mutex_lock(&ev_lock);
    struct evrec *l = rec_of((struct wsp_sock *)listener);
    if (l) {
        WSAEVENT h = l->event;
        uint32_t mask = l->selected;
        wsp_sock_set_flag(dst, WSP_SF_EVENTSELECT, 1);
        if (select_events(nfd, dst, h, mask) != 0 && !rec_of(dst))
            wsp_sock_set_flag(dst, WSP_SF_EVENTSELECT, 0);
    }
    pthread_mutex_unlock(&ev_lock);
}

void wsp_events_forget(struct wsp_sock *s)
{
    pthread_mutex_lock(&ev_lock);
    struct evrec *r = rec_of(s);
    if (r) {
        rec_free(r);
        wake_monitor();
    }
    pthread_mutex_unlock(&ev_lock);
}
