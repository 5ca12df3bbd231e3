/* posix_helpers.h - see posix_helpers.c; plain C types only, so that a
 * Windows-only translation unit can include it. */
#ifndef POSIX_HELPERS_H
#define POSIX_HELPERS_H

void *posix_unmapped_page(void);     /* an address with no mapping */
void *posix_protnone_page(void);     /* a mapped page that cannot be read or written */
int posix_glibc_socket_type(void);   /* glibc's socket + getsockopt(SO_TYPE): 2 (SOCK_DGRAM) */
/* the file name of the object that defines the global symbol name */
int posix_symbol_object(const char *name, char *buf, int buflen);
/* the file name of the object that contains function fn */
int posix_function_object(void (*fn)(void), char *buf, int buflen);
int posix_is_linux_fd(unsigned long long s);

#endif
