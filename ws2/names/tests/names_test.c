/*
 * names_test.c - libws2_32's name resolution and address conversion, as a
 * ported Windows program sees it: strict C11, only <winsock2.h> and
 * <ws2tcpip.h> from compat/ (plus mmap for an unreadable page), linked like
 * `pkg-config --libs ws2_32`.  Loopback, "localhost" and numeric hosts
 * only: no test needs a network.  Check forks each test, so each starts
 * with Winsock not initialised.
 */
#define _DEFAULT_SOURCE     /* MAP_ANONYMOUS, pthreads */
#include <winsock2.h>
#include <ws2tcpip.h>

#include <check.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <pthread.h>

static void startup(void)
{
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

/* A readable-looking pointer into a page that is mapped PROT_NONE. */
static void *bad_page(void)
{
    void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(p, MAP_FAILED);
    return p;
}

static const unsigned char loop6[16] = { [15] = 1 };

/* ---- layouts and values (Windows SDK / "addrinfoa structure",
 *      "hostent structure", ws2def.h values) ---- */
START_TEST(layouts_are_windows)
{
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_flags), 0);
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_family), 4);
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_socktype), 8);
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_protocol), 12);
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_addrlen), 16);
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_canonname), 24);   /* glibc: ai_addr here */
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_addr), 32);
    ck_assert_uint_eq(offsetof(ADDRINFOA, ai_next), 40);
    ck_assert_uint_eq(sizeof(ADDRINFOA), 48);
    ck_assert_uint_eq(sizeof(((ADDRINFOA *)0)->ai_addrlen), 8);
    ck_assert_uint_eq(offsetof(ADDRINFOW, ai_canonname), 24);
    ck_assert_uint_eq(offsetof(ADDRINFOW, ai_addr), 32);
    ck_assert_uint_eq(sizeof(ADDRINFOW), 48);
    ck_assert_uint_eq(offsetof(HOSTENT, h_aliases), 8);
    ck_assert_uint_eq(offsetof(HOSTENT, h_addrtype), 16);
    ck_assert_uint_eq(offsetof(HOSTENT, h_length), 18);         /* glibc: 20 */
    ck_assert_uint_eq(offsetof(HOSTENT, h_addr_list), 24);
    ck_assert_uint_eq(sizeof(HOSTENT), 32);
    ck_assert_uint_eq(sizeof(SOCKADDR_IN6), 28);
    ck_assert_uint_eq(offsetof(SOCKADDR_IN6, sin6_scope_id), 24);
}
END_TEST

START_TEST(values_are_windows)
{
    ck_assert_int_eq(AF_INET6, 23);
    ck_assert_int_eq(AI_PASSIVE, 0x1);
    ck_assert_int_eq(AI_CANONNAME, 0x2);
    ck_assert_int_eq(AI_NUMERICHOST, 0x4);
    ck_assert_int_eq(AI_NUMERICSERV, 0x8);
    ck_assert_int_eq(AI_ALL, 0x100);
    ck_assert_int_eq(AI_ADDRCONFIG, 0x400);
    ck_assert_int_eq(AI_V4MAPPED, 0x800);
    ck_assert_int_eq(AI_FQDN, 0x20000);
    ck_assert_int_eq(NI_NOFQDN, 0x1);
    ck_assert_int_eq(NI_NUMERICHOST, 0x2);
    ck_assert_int_eq(NI_NAMEREQD, 0x4);
    ck_assert_int_eq(NI_NUMERICSERV, 0x8);
    ck_assert_int_eq(NI_DGRAM, 0x10);
    ck_assert_int_eq(NI_MAXHOST, 1025);
    ck_assert_int_eq(NI_MAXSERV, 32);
    ck_assert_int_eq(EAI_AGAIN, 11002);
    ck_assert_int_eq(EAI_BADFLAGS, 10022);
    ck_assert_int_eq(EAI_FAIL, 11003);
    ck_assert_int_eq(EAI_FAMILY, 10047);
    ck_assert_int_eq(EAI_MEMORY, 8);
    ck_assert_int_eq(EAI_NONAME, 11001);
    ck_assert_int_eq(EAI_SERVICE, 10109);
    ck_assert_int_eq(EAI_SOCKTYPE, 10044);
    ck_assert_int_eq(INET6_ADDRSTRLEN, 65);
}
END_TEST

/* ---- getaddrinfo ---- */
START_TEST(getaddrinfo_needs_startup)
{
    ADDRINFOA *res = (ADDRINFOA *)1;
    WSASetLastError(0);
    ck_assert_int_eq(getaddrinfo("127.0.0.1", "80", NULL, &res), WSANOTINITIALISED);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    PADDRINFOW resw;
    ck_assert_int_eq(GetAddrInfoW(u"127.0.0.1", u"80", NULL, &resw), WSANOTINITIALISED);
}
END_TEST

START_TEST(getaddrinfo_numeric_v4)
{
    startup();
    ADDRINFOA hints = { 0 }, *res = NULL;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    WSASetLastError(12345);
    ck_assert_int_eq(getaddrinfo("127.0.0.1", "8080", &hints, &res), 0);
    ck_assert_int_eq(WSAGetLastError(), 0);
    ck_assert_ptr_nonnull(res);
    ck_assert_int_eq(res->ai_family, AF_INET);
    ck_assert_int_eq(res->ai_socktype, SOCK_STREAM);
    ck_assert_int_eq(res->ai_protocol, IPPROTO_TCP);
    ck_assert_uint_eq(res->ai_addrlen, sizeof(SOCKADDR_IN));
    SOCKADDR_IN *sin = (SOCKADDR_IN *)res->ai_addr;
    ck_assert_int_eq(sin->sin_family, AF_INET);
    ck_assert_int_eq(sin->sin_port, htons(8080));
    ck_assert_uint_eq(sin->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    ck_assert_ptr_null(res->ai_next);
    freeaddrinfo(res);
}
END_TEST

START_TEST(getaddrinfo_numeric_v6_family_is_23)
{
    startup();
    ADDRINFOA hints = { 0 }, *res = NULL;
    hints.ai_family = AF_INET6;
    hints.ai_socktype = SOCK_DGRAM;
    ck_assert_int_eq(getaddrinfo("::1", "53", &hints, &res), 0);
    ck_assert_int_eq(res->ai_family, 23);
    ck_assert_int_eq(res->ai_socktype, SOCK_DGRAM);
    ck_assert_int_eq(res->ai_protocol, 0);      /* as asked (Wine: 0; glibc fills in 17) */
    ck_assert_uint_eq(res->ai_addrlen, 28);
    SOCKADDR_IN6 *s6 = (SOCKADDR_IN6 *)res->ai_addr;
    ck_assert_int_eq(s6->sin6_family, 23);
    ck_assert_int_eq(s6->sin6_port, htons(53));
    ck_assert_mem_eq(&s6->sin6_addr, loop6, 16);
    freeaddrinfo(res);

    /* "[v6]" is accepted, as Windows does */
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_NUMERICHOST;
    ck_assert_int_eq(getaddrinfo("[::1]", NULL, &hints, &res), 0);
    ck_assert_int_eq(res->ai_family, AF_INET6);
    freeaddrinfo(res);
}
END_TEST

START_TEST(getaddrinfo_localhost_canonname)
{
    startup();
    ADDRINFOA hints = { 0 }, *res = NULL;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_CANONNAME;
    ck_assert_int_eq(getaddrinfo("localhost", "http", &hints, &res), 0);
    ck_assert_ptr_nonnull(res->ai_canonname);      /* read at Windows' offset 24 */
    ck_assert_int_gt((int)strlen(res->ai_canonname), 0);
    ck_assert_int_eq(res->ai_flags, AI_CANONNAME);
    int loopback = 0;
    for (ADDRINFOA *ai = res; ai; ai = ai->ai_next) {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)ai->ai_addr;
        ck_assert_int_eq(sin->sin_family, AF_INET);
        ck_assert_int_eq(sin->sin_port, htons(80));
        loopback |= sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
        /* listed once, whatever /etc/hosts and host.conf's "multi on" make
         * glibc return (Debian's files give 127.0.0.1 twice) */
        for (ADDRINFOA *later = ai->ai_next; later; later = later->ai_next)
            ck_assert(memcmp(later->ai_addr, ai->ai_addr, sizeof(SOCKADDR_IN)) != 0);
    }
    ck_assert(loopback);
    freeaddrinfo(res);
}
END_TEST

START_TEST(getaddrinfo_passive_and_loopback)
{
    startup();
    ADDRINFOA hints = { 0 }, *res = NULL;
    hints.ai_family = AF_INET6;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    ck_assert_int_eq(getaddrinfo(NULL, "8080", &hints, &res), 0);
    static const unsigned char any6[16];
    ck_assert_mem_eq(&((SOCKADDR_IN6 *)res->ai_addr)->sin6_addr, any6, 16);
    freeaddrinfo(res);
    hints.ai_flags = 0;
    ck_assert_int_eq(getaddrinfo(NULL, "8080", &hints, &res), 0);
    ck_assert_mem_eq(&((SOCKADDR_IN6 *)res->ai_addr)->sin6_addr, loop6, 16);
    freeaddrinfo(res);
    freeaddrinfo(NULL);
}
END_TEST

static int gai_error(const char *node, const char *serv, int family, int socktype, int flags)
{
    ADDRINFOA hints = { 0 }, *res = (ADDRINFOA *)1;
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_flags = flags;
    WSASetLastError(0);
    int r = getaddrinfo(node, serv, &hints, &res);
    ck_assert_int_eq(WSAGetLastError(), r);     /* the result is also the last error */
    ck_assert_ptr_null(res);                    /* and no list on failure */
    return r;
}

START_TEST(getaddrinfo_errors_are_wsa_codes)
{
    startup();
    /* "getaddrinfo function" error table */
    ck_assert_int_eq(gai_error(NULL, NULL, AF_UNSPEC, 0, 0), WSAHOST_NOT_FOUND);
    ck_assert_int_eq(gai_error("127.0.0.1", NULL, 99, 0, 0), WSAEAFNOSUPPORT);
    /* the Linux value of AF_INET6 is no Windows family */
    ck_assert_int_eq(gai_error("::1", NULL, 10, 0, 0), WSAEAFNOSUPPORT);
    ck_assert_int_eq(gai_error(NULL, "80", AF_INET, 0, AI_CANONNAME), WSANO_RECOVERY);
    ck_assert_int_eq(gai_error("localhost", NULL, AF_INET, 0, AI_CANONNAME | AI_FQDN), WSAEINVAL);
    ck_assert_int_eq(gai_error("not-a-number", NULL, AF_INET, 0, AI_NUMERICHOST), WSAHOST_NOT_FOUND);
    ck_assert_int_eq(gai_error(NULL, "80", AF_INET, 0, AI_NUMERICHOST), WSAHOST_NOT_FOUND);
    ck_assert_int_eq(gai_error("::1", NULL, AF_INET, 0, AI_NUMERICHOST), WSAHOST_NOT_FOUND);
    ck_assert_int_eq(gai_error("127.0.0.1", "no-such-service-wsp", AF_INET, SOCK_STREAM,
                               AI_NUMERICHOST), WSATYPE_NOT_FOUND);
    ck_assert_int_eq(gai_error("127.0.0.1", "80", AF_INET, 99, AI_NUMERICHOST), WSAESOCKTNOSUPPORT);

    /* ai_addrlen, ai_canonname, ai_addr, ai_next of the hints are ignored */
    ADDRINFOA hints = { 0 }, *res;
    hints.ai_addrlen = 16;
    hints.ai_next = &hints;
    ck_assert_int_eq(getaddrinfo("127.0.0.1", NULL, &hints, &res), 0);
    freeaddrinfo(res);
}
END_TEST

START_TEST(getaddrinfo_bad_pointers_and_long_names)
{
    startup();
    ADDRINFOA *res;
    char *page = bad_page();
    ck_assert_int_eq(getaddrinfo(page, "80", NULL, &res), WSAEFAULT);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(getaddrinfo("127.0.0.1", (char *)1, NULL, &res), WSAEFAULT);
    ck_assert_int_eq(getaddrinfo("127.0.0.1", "80", (ADDRINFOA *)page, &res), WSAEFAULT);
    ck_assert_int_eq(getaddrinfo("127.0.0.1", "80", NULL, NULL), WSAEFAULT);
    ck_assert_int_eq(getaddrinfo("127.0.0.1", "80", NULL, (PADDRINFOA *)page), WSAEFAULT);

    /* a name that ends right before the unreadable page still works */
    char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(two, MAP_FAILED);
    ck_assert_int_eq(mprotect(two + 4096, 4096, PROT_NONE), 0);
    strcpy(two + 4096 - 10, "127.0.0.1");
    ck_assert_int_eq(getaddrinfo(two + 4096 - 10, "80", NULL, &res), 0);
    freeaddrinfo(res);

    size_t n = 100000;
    char *longname = malloc(n + 1);
    memset(longname, 'a', n);
    longname[n] = '\0';
    ADDRINFOA hints = { 0 };
    hints.ai_flags = AI_NUMERICHOST;
    ck_assert_int_eq(getaddrinfo(longname, NULL, &hints, &res), WSAHOST_NOT_FOUND);
    free(longname);
}
END_TEST

/* ---- getnameinfo ---- */
START_TEST(getnameinfo_numeric)
{
    startup();
    SOCKADDR_IN sin = { 0 };
    sin.sin_family = AF_INET;
    sin.sin_port = htons(8080);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    WSASetLastError(7);
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, serv, sizeof serv,
                                 NI_NUMERICHOST | NI_NUMERICSERV), 0);
    ck_assert_int_eq(WSAGetLastError(), 7);    /* a success leaves the last error alone */
    ck_assert_str_eq(host, "127.0.0.1");
    ck_assert_str_eq(serv, "8080");

    SOCKADDR_IN6 s6 = { 0 };
    s6.sin6_family = AF_INET6;
    s6.sin6_port = htons(443);
    memcpy(&s6.sin6_addr, loop6, 16);
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&s6, sizeof s6, host, sizeof host, serv, sizeof serv,
                                 NI_NUMERICHOST | NI_NUMERICSERV), 0);
    ck_assert_str_eq(host, "::1");
    ck_assert_str_eq(serv, "443");
    /* serv only */
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&s6, sizeof s6, NULL, 0, serv, sizeof serv,
                                 NI_NUMERICSERV), 0);
    ck_assert_str_eq(serv, "443");
}
END_TEST

START_TEST(getnameinfo_errors)
{
    startup();
    SOCKADDR_IN sin = { 0 };
    sin.sin_family = AF_INET;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    int f = NI_NUMERICHOST | NI_NUMERICSERV;
    /* "getnameinfo function": NULL address or short length: WSAEFAULT */
    ck_assert_int_eq(getnameinfo(NULL, sizeof sin, host, sizeof host, NULL, 0, f), WSAEFAULT);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&sin, 8, host, sizeof host, NULL, 0, f), WSAEFAULT);
    ck_assert_int_eq(getnameinfo((SOCKADDR *)bad_page(), sizeof sin, host, sizeof host, NULL, 0, f),
                     WSAEFAULT);
    /* unknown family (the Linux AF_INET6 value included) */
    sin.sin_family = 10;
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, f),
                     WSAEAFNOSUPPORT);
    sin.sin_family = AF_INET;
    /* nothing asked for: EAI_NONAME; a buffer of length 0: EAI_BADFLAGS */
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&sin, sizeof sin, NULL, 0, NULL, 0, f), WSAHOST_NOT_FOUND);
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, 0, serv, sizeof serv, f), WSAEINVAL);
    /* a host buffer too short for "0.0.0.0" */
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, 3, NULL, 0, f), WSAEFAULT);
    /* an unwritable host buffer */
    ck_assert_int_eq(getnameinfo((SOCKADDR *)&sin, sizeof sin, bad_page(), 64, NULL, 0, f), WSAEFAULT);
}
END_TEST

/* ---- GetAddrInfoW: the same answers as getaddrinfo ---- */
START_TEST(getaddrinfow_matches_a)
{
    startup();
    ADDRINFOA ha = { 0 }, *ra;
    ADDRINFOW hw = { 0 }, *rw;
    ha.ai_family = hw.ai_family = AF_UNSPEC;
    ha.ai_socktype = hw.ai_socktype = SOCK_STREAM;
    ha.ai_flags = hw.ai_flags = AI_CANONNAME;
    ck_assert_int_eq(getaddrinfo("localhost", "443", &ha, &ra), 0);
    WSASetLastError(5);
    ck_assert_int_eq(GetAddrInfoW(u"localhost", u"443", &hw, &rw), 0);
    ck_assert_int_eq(WSAGetLastError(), 0);
    const ADDRINFOA *a = ra;
    const ADDRINFOW *w = rw;
    for (; a && w; a = a->ai_next, w = w->ai_next) {
        ck_assert_int_eq(a->ai_family, w->ai_family);
        ck_assert_int_eq(a->ai_socktype, w->ai_socktype);
        ck_assert_int_eq(a->ai_protocol, w->ai_protocol);
        ck_assert_uint_eq(a->ai_addrlen, w->ai_addrlen);
        ck_assert_mem_eq(a->ai_addr, w->ai_addr, a->ai_addrlen);
        ck_assert_int_eq(!a->ai_canonname, !w->ai_canonname);
        if (a->ai_canonname) {
            size_t i = 0;
            for (; a->ai_canonname[i]; i++)
                ck_assert_uint_eq((unsigned char)a->ai_canonname[i], w->ai_canonname[i]);
            ck_assert_uint_eq(w->ai_canonname[i], 0);
        }
    }
    ck_assert_ptr_null(a);
    ck_assert_ptr_null(w);
    freeaddrinfo(ra);
    FreeAddrInfoW(rw);
    FreeAddrInfoW(NULL);
}
END_TEST

START_TEST(getaddrinfow_errors)
{
    startup();
    ADDRINFOW hw = { 0 }, *rw = (ADDRINFOW *)1;
    hw.ai_family = AF_INET6;
    hw.ai_flags = AI_NUMERICHOST;
    ck_assert_int_eq(GetAddrInfoW(u"::1", u"80", &hw, &rw), 0);
    ck_assert_int_eq(rw->ai_family, 23);
    FreeAddrInfoW(rw);
    ck_assert_int_eq(GetAddrInfoW(NULL, NULL, NULL, &rw), WSAHOST_NOT_FOUND);
    ck_assert_ptr_null(rw);
    ck_assert_int_eq(WSAGetLastError(), WSAHOST_NOT_FOUND);
    hw.ai_family = 10;
    ck_assert_int_eq(GetAddrInfoW(u"::1", NULL, &hw, &rw), WSAEAFNOSUPPORT);
    /* an unpaired surrogate has no multibyte form */
    const WCHAR lone[] = { 0xd800, 'a', 0 };
    ck_assert_int_eq(GetAddrInfoW(lone, NULL, NULL, &rw), WSANO_RECOVERY);
    ck_assert_int_eq(GetAddrInfoW((PCWSTR)bad_page(), NULL, NULL, &rw), WSAEFAULT);
    ck_assert_int_eq(GetAddrInfoW(u"::1", NULL, NULL, NULL), WSAEFAULT);
}
END_TEST

/* ---- gai_strerror: FormatMessageA's system text, line breaks as spaces ---- */
START_TEST(gai_strerror_is_system_text)
{
    char expect[GAI_STRERROR_BUFFER_SIZE + 1];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS |
                             FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, WSAHOST_NOT_FOUND, 0,
                             expect, sizeof expect, NULL);
    ck_assert_uint_gt(n, 1);
    const char *s = gai_strerror(EAI_NONAME);
    ck_assert_str_eq(s, expect);
    ck_assert(strchr(s, '\r') == NULL && strchr(s, '\n') == NULL);
    ck_assert_int_eq(s[strlen(s) - 1], ' ');
    char again[GAI_STRERROR_BUFFER_SIZE + 1];
    strcpy(again, gai_strerror(EAI_AGAIN));
    ck_assert_str_ne(again, expect);
    ck_assert_str_eq(gai_strerror(0x7fff1234), "");
    const WCHAR *w = gai_strerrorW(WSAHOST_NOT_FOUND);
    size_t i = 0;
    for (; expect[i]; i++)
        ck_assert_uint_eq(w[i], (unsigned char)expect[i]);
    ck_assert_uint_eq(w[i], 0);
}
END_TEST

/* ---- inet_pton / inet_ntop / InetPtonA / InetNtopA: no WSAStartup ---- */
START_TEST(inet_pton_ntop)
{
    unsigned char b[16];
    ck_assert_int_eq(inet_pton(AF_INET, "192.168.1.2", b), 1);
    ck_assert_uint_eq(b[0], 192);
    ck_assert_uint_eq(b[3], 2);
    ck_assert_int_eq(inet_pton(AF_INET, "1.2.3", b), 0);
    ck_assert_int_eq(inet_pton(AF_INET6, "::ffff:1.2.3.4", b), 1);
    ck_assert_uint_eq(b[10], 0xff);
    ck_assert_uint_eq(b[15], 4);
    ck_assert_int_eq(InetPtonA(AF_INET6, "::1", b), 1);
    ck_assert_mem_eq(b, loop6, 16);

    char buf[INET6_ADDRSTRLEN];
    IN_ADDR a4;
    a4.s_addr = htonl(0xc0a864c8);
    ck_assert_ptr_eq(inet_ntop(AF_INET, &a4, buf, sizeof buf), buf);
    ck_assert_str_eq(buf, "192.168.100.200");
    ck_assert_ptr_eq(InetNtopA(AF_INET6, loop6, buf, sizeof buf), buf);
    ck_assert_str_eq(buf, "::1");

    /* ISATAP and IPv4-translated addresses keep the IPv4 part dotted */
    ck_assert_int_eq(inet_pton(AF_INET6, "fe80::5efe:102:304", b), 1);
    ck_assert_str_eq(inet_ntop(AF_INET6, b, buf, sizeof buf), "fe80::5efe:1.2.3.4");
    ck_assert_int_eq(inet_pton(AF_INET6, "::ffff:0:102:304", b), 1);
    ck_assert_str_eq(inet_ntop(AF_INET6, b, buf, sizeof buf), "::ffff:0:1.2.3.4");
    ck_assert_int_eq(inet_pton(AF_INET6, "1:2:3:4:0:5efe:102:304", b), 1);
    ck_assert_str_eq(inet_ntop(AF_INET6, b, buf, sizeof buf), "1:2:3:4:0:5efe:1.2.3.4");

    WCHAR wbuf[INET6_ADDRSTRLEN];
    ck_assert_ptr_eq(InetNtopW(AF_INET, &a4, wbuf, INET6_ADDRSTRLEN), wbuf);
    ck_assert_uint_eq(wbuf[0], '1');
    ck_assert_uint_eq(wbuf[14], '0');
    ck_assert_uint_eq(wbuf[15], 0);
    ck_assert_int_eq(InetPtonW(AF_INET, u"10.0.0.1", b), 1);
    ck_assert_uint_eq(b[0], 10);
    ck_assert_int_eq(InetPtonW(AF_INET, u"10.0.0", b), 0);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
}
END_TEST

START_TEST(inet_pton_ntop_errors)
{
    unsigned char b[16];
    char buf[64];
    /* "inet_pton function": -1 with WSAEAFNOSUPPORT or WSAEFAULT */
    ck_assert_int_eq(inet_pton(10, "::1", b), -1);
    ck_assert_int_eq(WSAGetLastError(), WSAEAFNOSUPPORT);
    ck_assert_int_eq(inet_pton(AF_INET, NULL, b), -1);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(inet_pton(AF_INET, "1.2.3.4", NULL), -1);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(inet_pton(AF_INET, bad_page(), b), -1);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(inet_pton(AF_INET, "1.2.3.4", bad_page()), -1);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    char *longs = malloc(5000);
    memset(longs, '1', 4999);
    longs[4999] = '\0';
    ck_assert_int_eq(inet_pton(AF_INET6, longs, b), 0);
    free(longs);

    /* "InetNtopW function": ERROR_INVALID_PARAMETER for NULL, empty or
     * short buffers; WSAEAFNOSUPPORT for other families */
    IN_ADDR a4;
    a4.s_addr = htonl(0xc0a864c8);
    ck_assert_ptr_null(inet_ntop(AF_INET, &a4, buf, 8));
    ck_assert_int_eq(WSAGetLastError(), ERROR_INVALID_PARAMETER);
    ck_assert_ptr_null(inet_ntop(AF_INET, &a4, buf, 0));
    ck_assert_int_eq(WSAGetLastError(), ERROR_INVALID_PARAMETER);
    ck_assert_ptr_null(inet_ntop(AF_INET, &a4, NULL, 64));
    ck_assert_int_eq(WSAGetLastError(), ERROR_INVALID_PARAMETER);
    ck_assert_ptr_null(inet_ntop(10, &a4, buf, sizeof buf));
    ck_assert_int_eq(WSAGetLastError(), WSAEAFNOSUPPORT);
    ck_assert_ptr_null(inet_ntop(AF_INET6, bad_page(), buf, sizeof buf));
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_ptr_null(inet_ntop(AF_INET6, loop6, bad_page(), sizeof buf));
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    /* exactly long enough */
    ck_assert_ptr_eq(inet_ntop(AF_INET, &a4, buf, 16), buf);
}
END_TEST

/* ---- inet_addr / inet_ntoa / byte order ---- */
START_TEST(inet_addr_forms)
{
    /* "inet_addr function": a.b.c.d, a.b.c, a.b, a; parts in any base */
    ck_assert_uint_eq(inet_addr("1.2.3.4"), htonl(0x01020304));
    ck_assert_uint_eq(inet_addr("127.1"), htonl(0x7f000001));
    ck_assert_uint_eq(inet_addr("0x7f.0.0.1"), htonl(0x7f000001));
    ck_assert_uint_eq(inet_addr("10.1.257"), htonl(0x0a010101));
    ck_assert_uint_eq(inet_addr("256.1.1.1"), INADDR_NONE);
    ck_assert_uint_eq(inet_addr("a.b.c.d"), INADDR_NONE);
    ck_assert_uint_eq(inet_addr(""), INADDR_NONE);
    ck_assert_uint_eq(inet_addr(NULL), INADDR_NONE);
    ck_assert_uint_eq(inet_addr(bad_page()), INADDR_NONE);
}
END_TEST

static void *other_thread(void *arg)
{
    IN_ADDR a;
    a.s_addr = htonl(0x0a000001);
    char **out = arg;
    *out = inet_ntoa(a);
    return (void *)(size_t)(strcmp(*out, "10.0.0.1") == 0);
}

START_TEST(inet_ntoa_per_thread)
{
    IN_ADDR a;
    a.s_addr = htonl(0xc0000201);
    char *mine = inet_ntoa(a);
    ck_assert_str_eq(mine, "192.0.2.1");
    char *theirs = NULL;
    pthread_t t;
    void *ok = NULL;
    ck_assert_int_eq(pthread_create(&t, NULL, other_thread, &theirs), 0);
    ck_assert_int_eq(pthread_join(t, &ok), 0);
    ck_assert_ptr_eq(ok, (void *)1);
    ck_assert_ptr_ne(theirs, mine);
    ck_assert_str_eq(mine, "192.0.2.1");        /* the other thread did not overwrite it */
}
END_TEST

START_TEST(byte_order)
{
    const unsigned char be16[2] = { 0x12, 0x34 }, be32[4] = { 0x12, 0x34, 0x56, 0x78 };
    const unsigned char be64[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    USHORT s = htons(0x1234);
    ULONG l = htonl(0x12345678);
    ULONGLONG ll = htonll(0x0102030405060708ULL);
    ck_assert_mem_eq(&s, be16, 2);
    ck_assert_mem_eq(&l, be32, 4);
    ck_assert_mem_eq(&ll, be64, 8);
    ck_assert_uint_eq(ntohs(s), 0x1234);
    ck_assert_uint_eq(ntohl(l), 0x12345678);
    ck_assert_uint_eq(ntohll(ll), 0x0102030405060708ULL);
    ck_assert_uint_eq(sizeof(htonl(0)), 4);     /* u_long is 32 bits */
}
END_TEST

/* ---- gethostname / gethostbyname ---- */
START_TEST(gethostname_rules)
{
    char name[256];
    ck_assert_int_eq(gethostname(name, sizeof name), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    startup();
    ck_assert_int_eq(gethostname(name, sizeof name), 0);
    int len = (int)strlen(name);
    ck_assert_int_gt(len, 0);
    char exact[256];
    /* "gethostname function": WSAEFAULT when namelen is too small */
    ck_assert_int_eq(gethostname(exact, len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(gethostname(exact, len + 1), 0);
    ck_assert_str_eq(exact, name);
    ck_assert_int_eq(gethostname(NULL, 256), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(gethostname(exact, -1), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(gethostname(bad_page(), 256), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    /* the UTF-16 form: the same name, WCHAR count */
    WCHAR w[256];
    ck_assert_int_eq(GetHostNameW(w, len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(GetHostNameW(w, len + 1), 0);
    for (int i = 0; i <= len; i++)
        ck_assert_uint_eq(w[i], (unsigned char)name[i]);
    ck_assert_int_eq(GetHostNameW(NULL, 256), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
}
END_TEST

START_TEST(gethostbyname_layout)
{
    ck_assert_ptr_null(gethostbyname("localhost"));
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    startup();
    HOSTENT *h = gethostbyname("127.0.0.1");
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(h->h_addrtype, AF_INET);
    ck_assert_int_eq(h->h_length, 4);
    ck_assert_str_eq(h->h_name, "127.0.0.1");
    ck_assert_ptr_null(h->h_aliases[0]);
    const unsigned char lo[4] = { 127, 0, 0, 1 };
    ck_assert_mem_eq(h->h_addr_list[0], lo, 4);
    ck_assert_ptr_null(h->h_addr_list[1]);
    ck_assert_mem_eq(h->h_addr, lo, 4);

    h = gethostbyname("localhost");
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(h->h_length, 4);
    int found = 0;
    for (char **p = h->h_addr_list; *p; p++)
        found |= memcmp(*p, lo, 4) == 0;
    ck_assert(found);
}
END_TEST

static void *lookup_thread(void *arg)
{
    HOSTENT **out = arg;
    *out = gethostbyname("127.0.0.2");
    return (void *)(size_t)(*out && ((unsigned char *)(*out)->h_addr_list[0])[3] == 2);
}

START_TEST(gethostbyname_per_thread_and_errors)
{
    startup();
    HOSTENT *mine = gethostbyname("127.0.0.1"), *theirs = NULL;
    ck_assert_ptr_nonnull(mine);
    pthread_t t;
    void *ok = NULL;
    ck_assert_int_eq(pthread_create(&t, NULL, lookup_thread, &theirs), 0);
    ck_assert_int_eq(pthread_join(t, &ok), 0);
    ck_assert_ptr_eq(ok, (void *)1);
    ck_assert_uint_eq(((unsigned char *)mine->h_addr_list[0])[3], 1);   /* untouched */

    ck_assert_ptr_null(gethostbyname(bad_page()));
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    size_t n = 5000;
    char *longname = malloc(n + 1);
    memset(longname, 'b', n);
    longname[n] = '\0';
    ck_assert_ptr_null(gethostbyname(longname));
    ck_assert_int_eq(WSAGetLastError(), WSAHOST_NOT_FOUND);
    free(longname);
}
END_TEST

/* ---- WSAAddressToStringA / WSAStringToAddressA ---- */
static const char *a2s(const void *sa, DWORD salen, char *buf, DWORD *len)
{
    int r = WSAAddressToStringA((LPSOCKADDR)sa, salen, NULL, buf, len);
    return r == 0 ? buf : NULL;
}

START_TEST(address_to_string_forms)
{
    char buf[128];
    DWORD len = sizeof buf;
    SOCKADDR_IN sin = { 0 };
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(8080);
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&sin, sizeof sin, NULL, buf, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    startup();
    /* "WSAAddressToStringA function": the port when there is one, and the
     * length written includes the terminator */
    ck_assert_str_eq(a2s(&sin, sizeof sin, buf, &len), "127.0.0.1:8080");
    ck_assert_uint_eq(len, 15);
    sin.sin_port = 0;
    len = sizeof buf;
    ck_assert_str_eq(a2s(&sin, sizeof sin, buf, &len), "127.0.0.1");

    SOCKADDR_IN6 s6 = { 0 };
    s6.sin6_family = AF_INET6;
    s6.sin6_addr.s6_addr[0] = 0xfe;
    s6.sin6_addr.s6_addr[1] = 0x80;
    s6.sin6_addr.s6_addr[15] = 1;
    s6.sin6_scope_id = 3;
    s6.sin6_port = htons(443);
    len = sizeof buf;
    ck_assert_str_eq(a2s(&s6, sizeof s6, buf, &len), "[fe80::1%3]:443");
    s6.sin6_port = 0;
    len = sizeof buf;
    ck_assert_str_eq(a2s(&s6, sizeof s6, buf, &len), "fe80::1%3");
    s6.sin6_scope_id = 0;
    len = sizeof buf;
    ck_assert_str_eq(a2s(&s6, sizeof s6, buf, &len), "fe80::1");
    ck_assert_uint_eq(len, 8);
}
END_TEST

START_TEST(address_to_string_errors)
{
    startup();
    char buf[128];
    SOCKADDR_IN sin = { 0 };
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons(8080);
    /* too short: WSAEFAULT with the length needed */
    DWORD len = 5;
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&sin, sizeof sin, NULL, buf, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_uint_eq(len, 15);
    len = 0;
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&sin, sizeof sin, NULL, NULL, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_uint_eq(len, 15);
    len = sizeof buf;
    ck_assert_int_eq(WSAAddressToStringA(NULL, sizeof sin, NULL, buf, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&sin, sizeof sin, NULL, buf, NULL), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&sin, 8, NULL, buf, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)bad_page(), 16, NULL, buf, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&sin, sizeof sin, NULL, bad_page(), &len),
                     SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    sin.sin_family = 10;
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&sin, sizeof sin, NULL, buf, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
}
END_TEST

START_TEST(string_to_address_forms_and_errors)
{
    SOCKADDR_STORAGE ss;
    INT len = sizeof ss;
    char s1[] = "192.168.0.1:80";
    ck_assert_int_eq(WSAStringToAddressA(s1, AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    startup();
    ck_assert_int_eq(WSAStringToAddressA(s1, AF_INET, NULL, (LPSOCKADDR)&ss, &len), 0);
    ck_assert_int_eq(len, (int)sizeof(SOCKADDR_IN));
    SOCKADDR_IN *sin = (SOCKADDR_IN *)&ss;
    ck_assert_int_eq(sin->sin_family, AF_INET);
    ck_assert_int_eq(sin->sin_port, htons(80));
    ck_assert_uint_eq(sin->sin_addr.s_addr, htonl(0xc0a80001));

    char s2[] = "[fe80::1%3]:443";
    len = sizeof ss;
    ck_assert_int_eq(WSAStringToAddressA(s2, AF_INET6, NULL, (LPSOCKADDR)&ss, &len), 0);
    ck_assert_int_eq(len, 28);
    SOCKADDR_IN6 *s6 = (SOCKADDR_IN6 *)&ss;
    ck_assert_int_eq(s6->sin6_family, 23);
    ck_assert_int_eq(s6->sin6_port, htons(443));
    ck_assert_uint_eq(s6->sin6_scope_id, 3);
    ck_assert_uint_eq(s6->sin6_addr.s6_addr[0], 0xfe);
    /* and back again */
    char buf[64];
    DWORD blen = sizeof buf;
    ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&ss, (DWORD)len, NULL, buf, &blen), 0);
    ck_assert_str_eq(buf, "[fe80::1%3]:443");

    char s3[] = "::1";
    len = sizeof ss;
    ck_assert_int_eq(WSAStringToAddressA(s3, AF_INET6, NULL, (LPSOCKADDR)&ss, &len), 0);
    ck_assert_mem_eq(&s6->sin6_addr, loop6, 16);
    ck_assert_int_eq(s6->sin6_port, 0);

    /* errors: not an address of that family, trailing text, unknown family */
    char junk[] = "1.2.3.4 x", v6as4[] = "::1", bad_port[] = "1.2.3.4:70000", port0[] = "[::1]:0";
    len = sizeof ss;
    ck_assert_int_eq(WSAStringToAddressA(junk, AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAStringToAddressA(v6as4, AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAStringToAddressA(bad_port, AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAStringToAddressA(port0, AF_INET6, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    char hexport[] = "1.2.3.4:0x50", octport[] = "1.2.3.4:010", badoct[] = "1.2.3.4:08";
    ck_assert_int_eq(WSAStringToAddressA(hexport, AF_INET, NULL, (LPSOCKADDR)&ss, &len), 0);
    ck_assert_int_eq(sin->sin_port, htons(80));
    len = sizeof ss;
    ck_assert_int_eq(WSAStringToAddressA(octport, AF_INET, NULL, (LPSOCKADDR)&ss, &len), 0);
    ck_assert_int_eq(sin->sin_port, htons(8));
    len = sizeof ss;
    ck_assert_int_eq(WSAStringToAddressA(badoct, AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAStringToAddressA(s1, AF_UNIX, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAStringToAddressA(NULL, AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    /* buffer too small: WSAEFAULT and the length needed */
    len = 8;
    ck_assert_int_eq(WSAStringToAddressA(s1, AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(len, 16);
    len = sizeof ss;
    ck_assert_int_eq(WSAStringToAddressA(s1, AF_INET, NULL, (LPSOCKADDR)bad_page(), &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_int_eq(WSAStringToAddressA(bad_page(), AF_INET, NULL, (LPSOCKADDR)&ss, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
}
END_TEST

/* ---- the UTF-16 forms answer as their ANSI twins do ---- */
static int wide_eq(const WCHAR *w, const char *a)
{
    for (; *a; a++, w++)
        if (*w != (unsigned char)*a)
            return 0;
    return *w == 0;
}

START_TEST(w_forms_match_a)
{
    startup();
    SOCKADDR_IN6 s6 = { 0 };
    s6.sin6_family = AF_INET6;
    s6.sin6_port = htons(443);
    memcpy(&s6.sin6_addr, loop6, 16);
    WCHAR host[NI_MAXHOST], serv[NI_MAXSERV];
    ck_assert_int_eq(GetNameInfoW((SOCKADDR *)&s6, sizeof s6, host, NI_MAXHOST, serv, NI_MAXSERV,
                                  NI_NUMERICHOST | NI_NUMERICSERV), 0);
    ck_assert(wide_eq(host, "::1"));
    ck_assert(wide_eq(serv, "443"));
    ck_assert_int_eq(GetNameInfoW((SOCKADDR *)&s6, 8, host, NI_MAXHOST, NULL, 0, NI_NUMERICHOST),
                     WSAEFAULT);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    /* a host buffer of 3 WCHARs is too short for "::1" */
    ck_assert_int_eq(GetNameInfoW((SOCKADDR *)&s6, sizeof s6, host, 3, NULL, 0, NI_NUMERICHOST),
                     WSAEFAULT);

    WCHAR buf[64];
    DWORD len = 64;
    ck_assert_int_eq(WSAAddressToStringW((LPSOCKADDR)&s6, sizeof s6, NULL, buf, &len), 0);
    ck_assert(wide_eq(buf, "[::1]:443"));
    ck_assert_uint_eq(len, 10);
    len = 4;
    ck_assert_int_eq(WSAAddressToStringW((LPSOCKADDR)&s6, sizeof s6, NULL, buf, &len), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_uint_eq(len, 10);

    SOCKADDR_STORAGE ss;
    INT slen = sizeof ss;
    WCHAR text[] = u"[::1]:443";
    ck_assert_int_eq(WSAStringToAddressW(text, AF_INET6, NULL, (LPSOCKADDR)&ss, &slen), 0);
    ck_assert_int_eq(slen, 28);
    ck_assert_mem_eq(&ss, &s6, 28);
    WCHAR bad[] = u"[::1]:x";
    ck_assert_int_eq(WSAStringToAddressW(bad, AF_INET6, NULL, (LPSOCKADDR)&ss, &slen), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    ck_assert_int_eq(WSAStringToAddressW((LPWSTR)bad_page(), AF_INET6, NULL, (LPSOCKADDR)&ss, &slen),
                     SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
}
END_TEST

/* ---- Winsock 1.1 database calls ---- */
START_TEST(database_calls)
{
    ck_assert_uint_eq(offsetof(SERVENT, s_proto), 16);     /* Win64 order */
    ck_assert_uint_eq(offsetof(SERVENT, s_port), 24);
    ck_assert_uint_eq(sizeof(SERVENT), 32);
    ck_assert_uint_eq(offsetof(PROTOENT, p_proto), 16);
    ck_assert_uint_eq(sizeof(PROTOENT), 24);
    ck_assert_ptr_null(getservbyname("http", "tcp"));
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    startup();
    SERVENT *se = getservbyname("http", "tcp");
    ck_assert_ptr_nonnull(se);
    ck_assert_int_eq(se->s_port, (short)htons(80));
    ck_assert_str_eq(se->s_proto, "tcp");
    ck_assert_str_eq(se->s_name, "http");
    se = getservbyport(htons(80), NULL);
    ck_assert_ptr_nonnull(se);
    ck_assert_str_eq(se->s_name, "http");
    ck_assert_ptr_null(getservbyname("no-such-service-wsp", NULL));
    ck_assert_int_eq(WSAGetLastError(), WSANO_DATA);
    ck_assert_ptr_null(getservbyname(bad_page(), NULL));
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);

    PROTOENT *pe = getprotobyname("udp");
    ck_assert_ptr_nonnull(pe);
    ck_assert_int_eq(pe->p_proto, IPPROTO_UDP);
    pe = getprotobynumber(IPPROTO_TCP);
    ck_assert_ptr_nonnull(pe);
    ck_assert_str_eq(pe->p_name, "tcp");
    ck_assert_ptr_null(getprotobynumber(-5));
    ck_assert_int_eq(WSAGetLastError(), WSANO_DATA);

    const unsigned char lo[4] = { 127, 0, 0, 1 };
    HOSTENT *h = gethostbyaddr((const char *)lo, 4, AF_INET);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_gt((int)strlen(h->h_name), 0);
    ck_assert_int_eq(h->h_addrtype, AF_INET);
    ck_assert_int_eq(h->h_length, 4);
    ck_assert_mem_eq(h->h_addr_list[0], lo, 4);
    ck_assert_ptr_null(gethostbyaddr((const char *)lo, 3, AF_INET));
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
    ck_assert_ptr_null(gethostbyaddr((const char *)lo, 4, 10));
    ck_assert_int_eq(WSAGetLastError(), WSAEAFNOSUPPORT);
    ck_assert_ptr_null(gethostbyaddr(bad_page(), 4, AF_INET));
    ck_assert_int_eq(WSAGetLastError(), WSAEFAULT);
}
END_TEST

/* ---- four threads at once: results and last errors stay per thread ---- */
static void *worker(void *arg)
{
    int id = (int)(size_t)arg & 3;
    char node[32], port[16], want[32];
    snprintf(node, sizeof node, "127.0.0.%d", id + 1);
    snprintf(port, sizeof port, "%d", 1000 + id);
    snprintf(want, sizeof want, "10.0.0.%d", id + 1);
    /* each thread fails with a different code, then checks it is still its own */
    static const int errs[4] = { WSAEAFNOSUPPORT, WSAHOST_NOT_FOUND, WSAEINVAL, WSAEFAULT };
    for (int i = 0; i < 300; i++) {
        ADDRINFOA hints = { 0 }, *res = NULL;
        hints.ai_family = AF_INET;
        hints.ai_flags = AI_NUMERICHOST;
        if (getaddrinfo(node, port, &hints, &res) != 0)
            return (void *)1;
        SOCKADDR_IN *sin = (SOCKADDR_IN *)res->ai_addr;
        int ok = sin->sin_port == htons((USHORT)(1000 + id)) &&
                 ((unsigned char *)&sin->sin_addr)[3] == id + 1;
        freeaddrinfo(res);
        HOSTENT *h = gethostbyname(node);
        IN_ADDR a;
        a.s_addr = htonl(0x0a000001u + (ULONG)id);
        char *text = inet_ntoa(a);
        switch (id) {
        case 0: hints.ai_family = 99; getaddrinfo(node, port, &hints, &res); break;
        case 1: getaddrinfo(NULL, NULL, NULL, &res); break;
        case 2: hints.ai_flags = AI_FQDN | AI_CANONNAME; getaddrinfo(node, port, &hints, &res); break;
        case 3: inet_pton(AF_INET, NULL, &a); break;
        }
        sched_yield();
        if (!ok || !h || ((unsigned char *)h->h_addr_list[0])[3] != id + 1 ||
            strcmp(text, want) != 0 || WSAGetLastError() != errs[id])
            return (void *)1;
    }
    return NULL;
}

START_TEST(four_threads)
{
    startup();
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, worker, (void *)(size_t)i), 0);
    for (int i = 0; i < 4; i++) {
        void *r = (void *)1;
        ck_assert_int_eq(pthread_join(t[i], &r), 0);
        ck_assert_ptr_null(r);
    }
}
END_TEST

/* ---- hostile strings: every parser answers, none crashes ---- */
START_TEST(hostile_strings)
{
    startup();
    static const char alphabet[] = "0123456789abcdefxX.:[]%% \t-+fF\xff\x80";
    unsigned seed = 12345;
    char text[48];
    for (int n = 0; n < 20000; n++) {
        size_t len = (seed = seed * 1103515245u + 12345u) % sizeof text;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        text[len] = '\0';
        unsigned char b[16];
        int r4 = inet_pton(AF_INET, text, b), r6 = inet_pton(AF_INET6, text, b);
        ck_assert(r4 == 0 || r4 == 1);
        ck_assert(r6 == 0 || r6 == 1);
        (void)inet_addr(text);
        SOCKADDR_STORAGE ss;
        INT sl = sizeof ss;
        int r = WSAStringToAddressA(text, n & 1 ? AF_INET6 : AF_INET, NULL, (LPSOCKADDR)&ss, &sl);
        if (r == 0) {           /* whatever parses formats back without error */
            char back[96];
            DWORD bl = sizeof back;
            ck_assert_int_eq(WSAAddressToStringA((LPSOCKADDR)&ss, (DWORD)sl, NULL, back, &bl), 0);
        } else {
            ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
        }
        if (n % 50 == 0) {      /* numeric only: never a name lookup */
            ADDRINFOA hints = { 0 }, *res = NULL;
            hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
            if (getaddrinfo(text, "1", &hints, &res) == 0)
                freeaddrinfo(res);
        }
    }
}
END_TEST

static Suite *names_suite(void)
{
    Suite *s = suite_create("ws2_names");
    TCase *tc = tcase_create("names");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, layouts_are_windows);
    tcase_add_test(tc, values_are_windows);
    tcase_add_test(tc, getaddrinfo_needs_startup);
    tcase_add_test(tc, getaddrinfo_numeric_v4);
    tcase_add_test(tc, getaddrinfo_numeric_v6_family_is_23);
    tcase_add_test(tc, getaddrinfo_localhost_canonname);
    tcase_add_test(tc, getaddrinfo_passive_and_loopback);
    tcase_add_test(tc, getaddrinfo_errors_are_wsa_codes);
    tcase_add_test(tc, getaddrinfo_bad_pointers_and_long_names);
    tcase_add_test(tc, getnameinfo_numeric);
    tcase_add_test(tc, getnameinfo_errors);
    tcase_add_test(tc, getaddrinfow_matches_a);
    tcase_add_test(tc, getaddrinfow_errors);
    tcase_add_test(tc, gai_strerror_is_system_text);
    tcase_add_test(tc, inet_pton_ntop);
    tcase_add_test(tc, inet_pton_ntop_errors);
    tcase_add_test(tc, inet_addr_forms);
    tcase_add_test(tc, inet_ntoa_per_thread);
    tcase_add_test(tc, byte_order);
    tcase_add_test(tc, gethostname_rules);
    tcase_add_test(tc, gethostbyname_layout);
    tcase_add_test(tc, gethostbyname_per_thread_and_errors);
    tcase_add_test(tc, address_to_string_forms);
    tcase_add_test(tc, address_to_string_errors);
    tcase_add_test(tc, string_to_address_forms_and_errors);
    tcase_add_test(tc, w_forms_match_a);
    tcase_add_test(tc, database_calls);
    tcase_add_test(tc, four_threads);
    tcase_add_test(tc, hostile_strings);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(names_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
