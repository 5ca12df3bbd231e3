/*
 * names_compare.c - the name and address calls of ws2_32 on fixed inputs
 * (numeric hosts, loopback, "localhost"), printed one result per line, so
 * that the Linux build (pkg-config ws2_32) and the Windows build (mingw-w64,
 * run under Wine's ws2_32) can be compared line by line (examples/compare.py,
 * test ws2_names_compare; explained differences in section 10 of
 * tests/conformance/known-differences.md).  A "FAIL:" line is a result that
 * is not the one the function's Windows page documents.
 *
 *   cc names_compare.c $(pkg-config --cflags --libs ws2_32)
 *   x86_64-w64-mingw32-gcc names_compare.c -o names_compare.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

static int fails;

static void expect(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        fails++;
    }
}

static const char *addr_text(const struct sockaddr *sa, size_t len)
{
    static char buf[96];
    DWORD n = sizeof buf;
    if (WSAAddressToStringA((LPSOCKADDR)sa, (DWORD)len, NULL, buf, &n) != 0)
        return "?";
    return buf;
}

static int show_gai(const char *label, const char *node, const char *serv, int family,
                    int socktype, int flags, size_t addrlen)
{
    ADDRINFOA hints, *res = NULL, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_flags = flags;
    hints.ai_addrlen = addrlen;
    WSASetLastError(777);
    int r = getaddrinfo(node, serv, &hints, &res);
    printf("getaddrinfo %s: %d last %d", label, r, WSAGetLastError());
    for (ai = res; ai; ai = ai->ai_next)
        printf(" [%d %d %d %u %s]", ai->ai_family, ai->ai_socktype, ai->ai_protocol,
               (unsigned)ai->ai_addrlen, addr_text(ai->ai_addr, ai->ai_addrlen));
    printf("\n");
    if (res)
        freeaddrinfo(res);
    return r;
}

static void show_gni(const char *label, const struct sockaddr *sa, int salen, DWORD hostlen,
                     int want_serv, int flags)
{
    char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
    WSASetLastError(777);
    int r = getnameinfo(sa, salen, hostlen ? host : NULL, hostlen, want_serv ? serv : NULL,
                        want_serv ? sizeof serv : 0, flags);
    printf("getnameinfo %s: %d last %d host \"%s\" serv \"%s\"\n", label, r, WSAGetLastError(),
           r ? "" : host, r ? "" : serv);
}

static void show_pton(int family, const char *text)
{
    unsigned char b[16];
    memset(b, 0, sizeof b);
    WSASetLastError(777);
    int r = inet_pton(family, text, b);
    printf("inet_pton %d \"%s\": %d", family, text, r);
    if (r < 0)
        printf(" last %d", WSAGetLastError());
    if (r == 1) {
        printf(" =");
        for (int i = 0; i < (family == AF_INET ? 4 : 16); i++)
            printf(" %02x", b[i]);
    }
    printf("\n");
}

static void show_ntop6(const char *text)
{
    IN6_ADDR a;
    char out[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET6, text, &a) != 1) {
        printf("inet_ntop6 %s: not parsed\n", text);
        return;
    }
    const char *r = inet_ntop(AF_INET6, &a, out, sizeof out);
    printf("inet_ntop6 %s: %s\n", text, r ? r : "NULL");
}

static void show_inet_addr(const char *text)
{
    unsigned long v = inet_addr(text);
    printf("inet_addr \"%s\": %08x\n", text, (unsigned)ntohl((u_long)v));
}

static void show_s2a(const char *text, int family, INT len)
{
    char copy[64];
    SOCKADDR_STORAGE ss;
    memset(&ss, 0, sizeof ss);
    strcpy(copy, text);
    WSASetLastError(777);
    int r = WSAStringToAddressA(copy, family, NULL, (LPSOCKADDR)&ss, &len);
    printf("WSAStringToAddressA %d \"%s\": %d last %d len %d", family, text, r,
           r ? WSAGetLastError() : 0, len);
    if (r == 0)
        printf(" -> %s", addr_text((struct sockaddr *)&ss, (size_t)len));
    printf("\n");
}

static void show_a2s(const char *label, const void *sa, DWORD salen, DWORD buflen)
{
    char buf[96];
    DWORD n = buflen;
    WSASetLastError(777);
    int r = WSAAddressToStringA((LPSOCKADDR)sa, salen, NULL, buf, &n);
    printf("WSAAddressToStringA %s: %d last %d len %u %s\n", label, r, r ? WSAGetLastError() : 0,
           (unsigned)n, r ? "-" : buf);
}

int main(void)
{
    WSADATA wsa;
    char name[256];
    ADDRINFOA *res;

    /* before WSAStartup */
    printf("before startup: getaddrinfo %d\n", getaddrinfo("127.0.0.1", "80", NULL, &res));
    printf("before startup: gethostname %d last %d\n", gethostname(name, sizeof name),
           WSAGetLastError());
    show_pton(AF_INET, "10.1.2.3");

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        printf("FAIL: WSAStartup\n");
        return 1;
    }

    /* getaddrinfo: numeric hosts, loopback, the documented errors */
    expect(show_gai("v4 stream", "127.0.0.1", "8080", AF_INET, SOCK_STREAM, 0, 0) == 0, "numeric v4");
    show_gai("v4 dgram", "127.0.0.1", "53", AF_INET, SOCK_DGRAM, 0, 0);
    expect(show_gai("v6 stream", "::1", "443", AF_INET6, SOCK_STREAM, 0, 0) == 0, "numeric v6");
    show_gai("[v6] numeric", "[::1]", "80", AF_UNSPEC, SOCK_STREAM, AI_NUMERICHOST, 0);
    show_gai("passive v6", NULL, "8080", AF_INET6, SOCK_STREAM, AI_PASSIVE, 0);
    show_gai("no passive v4", NULL, "8080", AF_INET, SOCK_STREAM, 0, 0);
    show_gai("localhost v4", "localhost", "80", AF_INET, SOCK_STREAM, 0, 0);
    expect(show_gai("nothing", NULL, NULL, AF_UNSPEC, 0, 0, 0) == WSAHOST_NOT_FOUND, "EAI_NONAME");
    expect(show_gai("family 99", "127.0.0.1", "80", 99, 0, 0, 0) == WSAEAFNOSUPPORT, "EAI_FAMILY");
    show_gai("canonname no node", NULL, "80", AF_INET, SOCK_STREAM, AI_CANONNAME, 0);
    show_gai("numerichost name", "localhost", "80", AF_INET, SOCK_STREAM, AI_NUMERICHOST, 0);
    show_gai("numerichost v6 as v4", "::1", "80", AF_INET, SOCK_STREAM, AI_NUMERICHOST, 0);
    show_gai("socktype 99", "127.0.0.1", "80", AF_INET, 99, AI_NUMERICHOST, 0);
    show_gai("unknown service", "127.0.0.1", "no-such-service-wsp", AF_INET, SOCK_STREAM,
             AI_NUMERICHOST, 0);
    show_gai("hints addrlen", "127.0.0.1", "80", AF_INET, SOCK_STREAM, 0, 16);
    show_gai("v4mapped", "127.0.0.1", "80", AF_INET6, SOCK_STREAM, AI_V4MAPPED | AI_NUMERICHOST, 0);
    show_gai("port 70000", "127.0.0.1", "70000", AF_INET, SOCK_STREAM, AI_NUMERICHOST, 0);
    show_gai("unknown flag", "127.0.0.1", "80", AF_INET, SOCK_STREAM, 0x40000000, 0);
    /* numeric: Wine (no AI_FQDN) resolves it, and a name's answer would
     * depend on the machine's /etc/hosts */
    show_gai("fqdn and canonname", "127.0.0.1", "80", AF_INET, SOCK_STREAM,
             AI_FQDN | AI_CANONNAME, 0);
    show_gai("numerichost non-ascii", "h\xc3\xa9", "80", AF_INET, SOCK_STREAM, AI_NUMERICHOST, 0);
    show_gai("dgram service name", "127.0.0.1", "domain", AF_INET, SOCK_DGRAM, AI_NUMERICHOST, 0);

    /* the UTF-16 forms */
    {
        ADDRINFOW hw, *rw = NULL;
        memset(&hw, 0, sizeof hw);
        hw.ai_family = AF_INET6;
        hw.ai_socktype = SOCK_STREAM;
        int e = GetAddrInfoW(u"::1", u"80", &hw, &rw);
        printf("GetAddrInfoW ::1: %d", e);
        for (ADDRINFOW *w = rw; w; w = w->ai_next)
            printf(" [%d %d %d %u %s]", w->ai_family, w->ai_socktype, w->ai_protocol,
                   (unsigned)w->ai_addrlen, addr_text(w->ai_addr, w->ai_addrlen));
        printf("\n");
        if (rw)
            FreeAddrInfoW(rw);
        e = GetAddrInfoW(NULL, NULL, NULL, &rw);
        printf("GetAddrInfoW nothing: %d last %d\n", e, WSAGetLastError());
        hw.ai_flags = AI_NUMERICHOST;
        WCHAR lone[] = { 0xd800, 'x', 0 };
        e = GetAddrInfoW(lone, u"80", &hw, &rw);
        printf("GetAddrInfoW lone surrogate: %d\n", e);
        unsigned char b6[16];
        WSASetLastError(777);
        printf("InetPtonW 1.2.3: %d last %d\n", InetPtonW(AF_INET, u"1.2.3", b6), WSAGetLastError());
        printf("InetPtonW ::1: %d\n", InetPtonW(AF_INET6, u"::1", b6));
        WCHAR wbuf[64];
        const WCHAR *wr = InetNtopW(AF_INET6, b6, wbuf, 64);
        printf("InetNtopW ::1: %s %d %d %d\n", wr ? "ok" : "NULL", wr ? wbuf[0] : -1,
               wr ? wbuf[1] : -1, wr ? wbuf[2] : -1);
        WSASetLastError(777);
        wr = InetNtopW(AF_INET6, b6, wbuf, 3);
        printf("InetNtopW short: %s last %d\n", wr ? "ok" : "NULL", WSAGetLastError());
        SOCKADDR_STORAGE ss;
        INT sl = sizeof ss;
        WCHAR txt[] = u"[::1]:80";
        e = WSAStringToAddressW(txt, AF_INET6, NULL, (LPSOCKADDR)&ss, &sl);
        printf("WSAStringToAddressW [::1]:80: %d len %d %s\n", e, sl,
               e ? "-" : addr_text((struct sockaddr *)&ss, (size_t)sl));
        DWORD wl = 64;
        e = WSAAddressToStringW((LPSOCKADDR)&ss, sizeof(SOCKADDR_IN6), NULL, wbuf, &wl);
        printf("WSAAddressToStringW: %d len %u first %d\n", e, (unsigned)wl, e ? -1 : wbuf[0]);
        WCHAR wh[NI_MAXHOST], wsv[NI_MAXSERV];
        e = GetNameInfoW((struct sockaddr *)&ss, sizeof(SOCKADDR_IN6), wh, NI_MAXHOST, wsv,
                         NI_MAXSERV, NI_NUMERICHOST | NI_NUMERICSERV);
        printf("GetNameInfoW: %d host %d %d %d serv %d %d\n", e, wh[0], wh[1], wh[2], wsv[0], wsv[1]);
    }

    /* getnameinfo */
    SOCKADDR_IN sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(8080);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    SOCKADDR_IN6 s6;
    memset(&s6, 0, sizeof s6);
    s6.sin6_family = AF_INET6;
    s6.sin6_port = htons(443);
    s6.sin6_addr.s6_addr[15] = 1;
    show_gni("v4 numeric", (struct sockaddr *)&sin, sizeof sin, NI_MAXHOST, 1,
             NI_NUMERICHOST | NI_NUMERICSERV);
    show_gni("v6 numeric", (struct sockaddr *)&s6, sizeof s6, NI_MAXHOST, 1,
             NI_NUMERICHOST | NI_NUMERICSERV);
    show_gni("short salen", (struct sockaddr *)&sin, 8, NI_MAXHOST, 0, NI_NUMERICHOST);
    show_gni("nothing asked", (struct sockaddr *)&sin, sizeof sin, 0, 0, NI_NUMERICHOST);
    show_gni("host too short", (struct sockaddr *)&sin, sizeof sin, 3, 0, NI_NUMERICHOST);
    sin.sin_family = 99;
    show_gni("family 99", (struct sockaddr *)&sin, sizeof sin, NI_MAXHOST, 0, NI_NUMERICHOST);
    sin.sin_family = AF_INET;

    /* inet_pton / inet_ntop */
    show_pton(AF_INET, "1.2.3.4");
    show_pton(AF_INET, "1.2.3");
    show_pton(AF_INET, "01.2.3.4");
    show_pton(AF_INET, "1.2.3.4 ");
    show_pton(AF_INET, "255.255.255.256");
    show_pton(AF_INET, "0x7f.0.0.1");
    show_pton(AF_INET6, "::1");
    show_pton(AF_INET6, "::ffff:1.2.3.4");
    show_pton(AF_INET6, "1::2::3");
    show_pton(AF_INET6, "[::1]");
    show_pton(AF_INET6, "fe80::1%3");
    show_pton(AF_INET6, "1:2:3:4:5:6:7:8:9");
    show_pton(10, "::1");
    show_ntop6("::1");
    show_ntop6("::");
    show_ntop6("1::1");
    show_ntop6("1:2:3:4:0:6:7:8");
    show_ntop6("1:0:0:2:0:0:0:3");
    show_ntop6("::ffff:1.2.3.4");
    show_ntop6("::1.2.3.4");
    show_ntop6("fe80::5efe:1.2.3.4");
    show_ntop6("fe80::200:5efe:1.2.3.4");
    show_ntop6("1:2:3:4:0:5efe:1.2.3.4");
    show_ntop6("::5efe:1.2.3.4");
    show_ntop6("::ffff:0:1.2.3.4");
    show_ntop6("64:ff9b::1.2.3.4");
    show_ntop6("1:0:0:0:1:0:0:0");
    show_ntop6("2001:db8::ff00:42:8329");
    char small[8];
    WSASetLastError(777);
    const char *r = inet_ntop(AF_INET, &sin.sin_addr, small, sizeof small);
    printf("inet_ntop short buffer: %s last %d\n", r ? r : "NULL", WSAGetLastError());
    WSASetLastError(777);
    r = inet_ntop(10, &sin.sin_addr, name, sizeof name);
    printf("inet_ntop family 10: %s last %d\n", r ? r : "NULL", WSAGetLastError());

    /* inet_addr / inet_ntoa */
    show_inet_addr("1.2.3.4");
    show_inet_addr("127.1");
    show_inet_addr("10.1.257");
    show_inet_addr("0x7f.0.0.1");
    show_inet_addr("010.0.0.1");
    show_inet_addr("1.2.3.4 junk");
    show_inet_addr("1.2.3.4x");
    show_inet_addr("");
    show_inet_addr("256.1.1.1");
    show_inet_addr("1.2.3.4.5");
    show_inet_addr(" 1.2.3.4");
    show_inet_addr("1.2.3.4 ");
    show_inet_addr("0");
    show_inet_addr("4294967295");
    show_inet_addr("0xffffffff");
    show_inet_addr("1.0xffffff");
    IN_ADDR in;
    in.s_addr = htonl(0xc0000201);
    printf("inet_ntoa: %s\n", inet_ntoa(in));

    /* WSAAddressToStringA / WSAStringToAddressA */
    show_a2s("v4 port", &sin, sizeof sin, 96);
    sin.sin_port = 0;
    show_a2s("v4 no port", &sin, sizeof sin, 96);
    show_a2s("v4 short buffer", &sin, sizeof sin, 5);
    show_a2s("v4 short sockaddr", &sin, 8, 96);
    show_a2s("v6 port", &s6, sizeof s6, 96);
    s6.sin6_scope_id = 3;
    show_a2s("v6 port scope", &s6, sizeof s6, 96);
    s6.sin6_port = 0;
    show_a2s("v6 scope", &s6, sizeof s6, 96);
    sin.sin_family = 99;
    show_a2s("family 99", &sin, sizeof sin, 96);
    show_s2a("1.2.3.4:80", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("127.1", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:0", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::1]:0", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("0x7f.1:80", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::1]", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:65536", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4 x", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4", AF_INET, 8);
    show_s2a("[::1]:80", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("::1%3", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("[fe80::1%3]:443", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("::1", AF_INET6, 16);
    show_s2a("1.2.3.4", AF_UNIX, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:0x50", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:010", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:0x10000", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:08", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::1]:0x50", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::1]:010", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::1]:65535", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:+80", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("01.02.03.04", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("1.2.3.4:", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("[1.2.3.4]", AF_INET, sizeof(SOCKADDR_STORAGE));
    show_s2a("::1%x", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("fe80::1%", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::1]x", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::1]:", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("::1:80", AF_INET6, sizeof(SOCKADDR_STORAGE));
    show_s2a("[::ffff:1.2.3.4]:8", AF_INET6, sizeof(SOCKADDR_STORAGE));

    /* host and service database */
    int hn = gethostname(name, 1);
    printf("gethostname 1 byte: %d last %d\n", hn, WSAGetLastError());
    expect(gethostname(name, sizeof name) == 0 && name[0], "gethostname");
    HOSTENT *h = gethostbyname("127.0.0.1");
    if (h)
        printf("gethostbyname 127.0.0.1: %s type %d len %d first %s\n", h->h_name, h->h_addrtype,
               h->h_length, inet_ntoa(*(IN_ADDR *)h->h_addr_list[0]));
    else
        printf("gethostbyname 127.0.0.1: NULL last %d\n", WSAGetLastError());
    SERVENT *se = getservbyname("http", "tcp");
    printf("getservbyname http/tcp: %d %s\n", se ? ntohs((u_short)se->s_port) : -1,
           se ? se->s_proto : "NULL");
    PROTOENT *pe = getprotobynumber(17);
    printf("getprotobynumber 17: %s\n", pe ? pe->p_name : "NULL");
    se = getservbyport(htons(53), "udp");
    printf("getservbyport 53/udp: %s\n", se ? se->s_name : "NULL");
    se = getservbyname("no-such-service-wsp", NULL);
    printf("getservbyname unknown: %s last %d\n", se ? se->s_name : "NULL", WSAGetLastError());
    pe = getprotobyname("tcp");
    printf("getprotobyname tcp: %d\n", pe ? pe->p_proto : -1);
    const unsigned char lo[4] = { 127, 0, 0, 1 };
    h = gethostbyaddr((const char *)lo, 4, AF_INET);
    printf("gethostbyaddr 127.0.0.1: %s\n", h ? (h->h_addrtype == AF_INET && h->h_length == 4 ? "v4 entry" : "odd") : "NULL");
    h = gethostbyaddr((const char *)lo, 3, AF_INET);
    printf("gethostbyaddr len 3: %s last %d\n", h ? "entry" : "NULL", WSAGetLastError());
    h = gethostbyaddr((const char *)lo, 4, 99);
    printf("gethostbyaddr type 99: %s last %d\n", h ? "entry" : "NULL", WSAGetLastError());
    h = gethostbyname("localhost");
    printf("gethostbyname localhost: %s\n", h ? (h->h_addrtype == AF_INET && h->h_length == 4 ? "v4 entry" : "odd") : "NULL");
    int nl = (int)strlen(name);
    int exact = gethostname(name, nl);
    int exact_err = WSAGetLastError();
    int room = gethostname(name, nl + 1);
    printf("gethostname exact: %d last %d, with room: %d\n", exact, exact_err, room);

    const char *msg = gai_strerror(WSAHOST_NOT_FOUND);
    size_t ml = strlen(msg);
    printf("gai_strerror: %s, %s\n", ml && msg[ml - 1] == ' ' ? "ends in a space" : "no space",
           strchr(msg, '\n') ? "line break" : "one line");

    u_short ns = htons(0x1234);
    printf("htons: %02x %02x\n", ((unsigned char *)&ns)[0], ((unsigned char *)&ns)[1]);

    WSACleanup();
    printf("%s\n", fails ? "some results differ from the documented ones" : "done");
    return fails != 0;
}
