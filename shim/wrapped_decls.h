/* Prototypes of the wrapped functions that the shim defines, for the files
 * that must not include <fcntl.h> (its _FILE_OFFSET_BITS / _TIME_BITS
 * redirects would rename our definitions). */
#ifndef WSPSHIM_WRAPPED_DECLS_H
#define WSPSHIM_WRAPPED_DECLS_H

#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

int fcntl(int fd, int cmd, ...);
int fcntl64(int fd, int cmd, ...);
int open(const char *path, int flags, ...);
int open64(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int openat64(int dirfd, const char *path, int flags, ...);
int close_range(unsigned int first, unsigned int last, int flags);
void closefrom(int lowfd);
void _Exit(int status) __attribute__((noreturn));

#endif
