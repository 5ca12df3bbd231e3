/*
 * strsafe.h - the Windows safe string functions, ANSI (A) forms, and the
 * generic StringCch* / StringCb* names mapped to them in ANSI builds.
 * Implemented in libwin32base (on Windows they are inline in the header;
 * the results are the same).
 *
 * Results (strsafe.h reference pages, e.g. "StringCchCopyA function"):
 *   S_OK                          everything fit;
 *   STRSAFE_E_INSUFFICIENT_BUFFER the result was truncated to cchDest - 1
 *                                 characters and null-terminated;
 *   STRSAFE_E_INVALID_PARAMETER   cchDest is 0 or above STRSAFE_MAX_CCH, a
 *                                 length limit is above STRSAFE_MAX_CCH, a
 *                                 string is NULL (here: instead of crashing)
 *                                 or, for Cat/Length, not terminated within
 *                                 the given size.
 * The Ex forms, the W forms and StringCchGets are not provided (README).
 */
#ifndef WSP_STRSAFE_H
#define WSP_STRSAFE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "wsp_windef.h"
#include "winerror.h"
#include "wsp_crt.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STRSAFEAPI HRESULT
#define STRSAFE_MAX_CCH                 2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER   ((HRESULT)0x8007007A)
#define STRSAFE_E_INVALID_PARAMETER     ((HRESULT)0x80070057)
#define STRSAFE_E_END_OF_FILE           ((HRESULT)0x80070026)

typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef const char *STRSAFE_PCNZCH;

STRSAFEAPI StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
    size_t cchToCopy);
STRSAFEAPI StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
    size_t cchToAppend);
STRSAFEAPI StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
STRSAFEAPI StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat,
    va_list argList);
STRSAFEAPI StringCchLengthA(STRSAFE_PCNZCH psz, size_t cchMax, size_t *pcchLength);

STRSAFEAPI StringCbCopyA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCbCopyNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
    size_t cbToCopy);
STRSAFEAPI StringCbCatA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc);
STRSAFEAPI StringCbCatNA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszSrc,
    size_t cbToAppend);
STRSAFEAPI StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
STRSAFEAPI StringCbVPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat,
    va_list argList);
STRSAFEAPI StringCbLengthA(STRSAFE_PCNZCH psz, size_t cbMax, size_t *pcbLength);

#ifdef UNICODE
# define WSP_STRSAFE_AW(n) n##W
#else
# define WSP_STRSAFE_AW(n) n##A
#endif
#define StringCchCopy       WSP_STRSAFE_AW(StringCchCopy)
#define StringCchCopyN      WSP_STRSAFE_AW(StringCchCopyN)
#define StringCchCat        WSP_STRSAFE_AW(StringCchCat)
#define StringCchCatN       WSP_STRSAFE_AW(StringCchCatN)
#define StringCchPrintf     WSP_STRSAFE_AW(StringCchPrintf)
#define StringCchVPrintf    WSP_STRSAFE_AW(StringCchVPrintf)
#define StringCchLength     WSP_STRSAFE_AW(StringCchLength)
#define StringCbCopy        WSP_STRSAFE_AW(StringCbCopy)
#define StringCbCopyN       WSP_STRSAFE_AW(StringCbCopyN)
#define StringCbCat         WSP_STRSAFE_AW(StringCbCat)
#define StringCbCatN        WSP_STRSAFE_AW(StringCbCatN)
#define StringCbPrintf      WSP_STRSAFE_AW(StringCbPrintf)
#define StringCbVPrintf     WSP_STRSAFE_AW(StringCbVPrintf)
#define StringCbLength      WSP_STRSAFE_AW(StringCbLength)

#ifdef __cplusplus
}
#endif

#endif /* WSP_STRSAFE_H */
