/*
 * The next definitions of the functions the shim wraps, resolved once with
 * dlsym(RTLD_NEXT) so that other preloaded libraries (sanitizers, other
 * shims) stay in the chain.  All of them are resolved together at init, never
 * from close(): dlsym may allocate (preload-notes §1).
 */
#include "shim.h"

#include <dlfcn.h>
#include <stdlib.h>

struct shim_real shim_real;

/* Our own definitions (exports.c): resolving to one of them would recurse. */
#include "wrapped_decls.h"

static void *next(const char *name, void *self, int optional)
{
    void *p = dlsym(RTLD_NEXT, name);
    if (p == self) {
        static const char msg[] = "libwspshim: dlsym(RTLD_NEXT) returned the shim's own symbol; aborting\n";
        ssize_t ignored = write(2, msg, sizeof msg - 1);
        (void)ignored;
        abort();
    }
    if (!p && !optional) {
        static const char msg[] = "libwspshim: a libc function the shim wraps is missing; aborting\n";
        ssize_t ignored = write(2, msg, sizeof msg - 1);
        (void)ignored;
        abort();
    }
    return p;
}

void shim_resolve(void)
{
#define R(name, optional) *(void **)&shim_real.name = next(#name, (void *)name, optional)
    R(setsockopt, 0); R(getsockopt, 0); R(socket, 0); R(socketpair, 0); R(accept, 0); R(accept4, 0);
    R(connect, 0); R(bind, 0); R(close, 0); R(dup, 0); R(dup2, 0); R(dup3, 0); R(fcntl, 0);
    R(fcntl64, 1);         /* glibc >= 2.28 */
    R(close_range, 1);     /* glibc >= 2.34 */
    R(closefrom, 1);       /* glibc >= 2.34 */
    R(fork, 0); R(open, 0); R(open64, 1); R(openat, 0); R(openat64, 1); R(pipe, 0); R(pipe2, 0);
    R(_exit, 0);
#undef R
}
