/*
 * wsp_crt.h - the Microsoft C runtime names ported network code uses and
 * glibc lacks: _stricmp, _strnicmp, _snprintf, _vsnprintf, _strdup.
 * Included by <windows.h>, <tchar.h> and <strsafe.h>; implemented in
 * libwin32base with the MSVC semantics (_snprintf does not terminate a
 * truncated result and returns -1).
 */
#ifndef WSP_CRT_H
#define WSP_CRT_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int _stricmp(const char *a, const char *b);
int _strnicmp(const char *a, const char *b, size_t n);
int _snprintf(char *buf, size_t count, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int _vsnprintf(char *buf, size_t count, const char *format, va_list ap);
char *_strdup(const char *s);

#ifndef _NLSCMPERROR
# define _NLSCMPERROR 2147483647
#endif
#define stricmp  _stricmp
#define strnicmp _strnicmp

#ifdef __cplusplus
}
#endif

#endif /* WSP_CRT_H */
