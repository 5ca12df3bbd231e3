/*
 * posix_helpers.c - the Linux side of the ws2 tests, in its own translation
 * unit (glibc's headers only, no Winsock header): pages for bad-pointer
 * tests, and glibc's own socket calls for the symbol-hygiene test.
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include "posix_helpers.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

/* A page no mapping can ever occupy: on x86-64 the last page below the
 * 47-bit user limit (mmap never places anything there unless asked for an
 * address above it).  Elsewhere a one-page hole between two PROT_NONE
 * pages (another one-page mapping could land in it later). */
void *posix_unmapped_page(void)
{
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
#if defined(__x86_64__)
    return (void *)((1ULL << 47) - pg);
#else
    char *p = mmap(NULL, 3 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    munmap(p + pg, pg);
    return p + pg;
#endif
}

void *posix_protnone_page(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    void *p = mmap(NULL, (size_t)pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int posix_glibc_socket_type(void)
{
    /* glibc's socket() with Linux's constants, and Linux's SOL_SOCKET (1) /
     * SO_TYPE (3): only glibc's socket and getsockopt answer these */
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    int type = 0;
    socklen_t len = sizeof type;
    int r = getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
    close(fd);
    return r == 0 ? type : -2;
}

int posix_symbol_object(const char *name, char *buf, int buflen)
{
    void *p = dlsym(RTLD_DEFAULT, name);
    Dl_info info;
    if (!p || !dladdr(p, &info) || !info.dli_fname)
        return -1;
    const char *base = strrchr(info.dli_fname, '/');
    base = base ? base + 1 : info.dli_fname;
    strncpy(buf, base, (size_t)buflen - 1);
    buf[buflen - 1] = 0;
    return 0;
}

int posix_function_object(void (*fn)(void), char *buf, int buflen)
{
    Dl_info info;
    buf[0] = 0;
    if (!dladdr((void *)fn, &info) || !info.dli_fname)
        return -1;
    const char *base = strrchr(info.dli_fname, '/');
    base = base ? base + 1 : info.dli_fname;
    strncpy(buf, base, (size_t)buflen - 1);
    buf[buflen - 1] = 0;
    return 0;
}

int posix_is_linux_fd(unsigned long long s)
{
    return s < 1u << 20 && fcntl((int)s, F_GETFD) >= 0;
}
