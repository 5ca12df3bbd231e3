/*
 * strings.c - the lstr* functions of kernel32 and the MSVC runtime's
 * _stricmp, _strnicmp, _snprintf, _vsnprintf, _strdup.
 *
 * Case-insensitive comparisons fold ASCII letters to lower case (so '_'
 * sorts before letters, as with _stricmp, "_stricmp, _wcsicmp..." page), in
 * any locale.  lstrcmpiA's linguistic ordering (CompareString) is reduced to
 * that byte order (README).  lstr* take NULL as Windows does (an empty
 * string, NULL results) instead of crashing.
 */
#include "w32_object.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static int fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

static int sign(int d) { return d < 0 ? -1 : d > 0; }

W32_EXPORT int WINAPI lstrlenA(LPCSTR s) { return s ? (int)strlen(s) : 0; }

W32_EXPORT LPSTR WINAPI lstrcpyA(LPSTR dst, LPCSTR src)
{
    if (!dst || !src)
        return NULL;
    return strcpy(dst, src);
}

/* Copies at most iMaxLength - 1 characters and always terminates. */
W32_EXPORT LPSTR WINAPI lstrcpynA(LPSTR dst, LPCSTR src, int iMaxLength)
{
    if (!dst || !src)
        return NULL;
    if (iMaxLength <= 0)
        return dst;
    int i = 0;
    for (; i < iMaxLength - 1 && src[i]; i++)
        dst[i] = src[i];
    dst[i] = '\0';
    return dst;
}

W32_EXPORT LPSTR WINAPI lstrcatA(LPSTR dst, LPCSTR src)
{
    if (!dst || !src)
        return NULL;
    return strcat(dst, src);
}

/* NULL sorts before every string, two NULLs are equal; results -1/0/1. */
static int null_order(LPCSTR a, LPCSTR b) { return a ? 1 : b ? -1 : 0; }

/* lstrcmpA compares linguistically on Windows (CompareString): letters in
 * alphabetical order regardless of case, and only for otherwise equal
 * strings lower case before upper case.  That is reproduced for ASCII; the
 * special weights of punctuation are not. */
W32_EXPORT int WINAPI lstrcmpA(LPCSTR a, LPCSTR b)
{
    if (!a || !b)
        return null_order(a, b);
    int r = _stricmp(a, b);
    if (r)
        return sign(r);
    for (size_t i = 0; a[i]; i++)
        if (a[i] != b[i])
            return a[i] >= 'a' && a[i] <= 'z' ? -1 : 1;
    return 0;
}

W32_EXPORT int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b)
{
    if (!a || !b)
        return null_order(a, b);
    return sign(_stricmp(a, b));
}

/* A NULL argument is the MSVC runtime's invalid-parameter case: EINVAL and
 * _NLSCMPERROR. */
W32_EXPORT int _strnicmp(const char *a, const char *b, size_t n)
{
    if (!a || !b) {
        errno = EINVAL;
        return _NLSCMPERROR;
    }
    for (size_t i = 0; i < n; i++) {
        int d = fold((unsigned char)a[i]) - fold((unsigned char)b[i]);
        if (d || !a[i])
            return d;
    }
    return 0;
}

W32_EXPORT int _stricmp(const char *a, const char *b) { return _strnicmp(a, b, SIZE_MAX); }

W32_EXPORT char *_strdup(const char *s) { return s ? strdup(s) : NULL; }

/* MSVC semantics ("_snprintf, _snprintf_l..." page): with len the full
 * length, len < count stores it terminated and returns len; len == count
 * stores it unterminated and returns len; len > count stores count
 * characters unterminated and returns -1. */
W32_EXPORT int _vsnprintf(char *buf, size_t count, const char *format, va_list ap)
{
    if (!format || (!buf && count)) {
        errno = EINVAL;
        return -1;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int len = vsnprintf(buf, count, format, ap);
    if (len < 0 || (size_t)len < count || count == 0) {
        va_end(ap2);
        /* count 0: nothing stored; with no buffer this is a length query */
        return len < 0 || (size_t)len < count || !buf || len == 0 ? len : -1;
    }
    /* vsnprintf dropped the last character for its terminator: format
     * again into a scratch buffer and copy exactly count characters. */
    char *tmp = malloc((size_t)len + 1);
    if (tmp) {
        vsnprintf(tmp, (size_t)len + 1, format, ap2);
        memcpy(buf, tmp, count);
        free(tmp);
    }
    va_end(ap2);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    return (size_t)len == count ? len : -1;
}

W32_EXPORT int _snprintf(char *buf, size_t count, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int r = _vsnprintf(buf, count, format, ap);
    va_end(ap);
    return r;
}
