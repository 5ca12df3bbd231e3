/*
 * strsafe.c - StringCch* and StringCb* (A forms) with the results of the
 * Windows strsafe.h functions (reference pages "StringCchCopyA function",
 * "StringCchCatA", "StringCchCopyNA", "StringCchPrintfA",
 * "StringCchLengthA"):
 *   - a destination size of 0 or above STRSAFE_MAX_CCH is
 *     STRSAFE_E_INVALID_PARAMETER (the destination, if it has room, is set
 *     to the empty string);
 *   - a result that does not fit is truncated to size - 1 characters,
 *     null-terminated, and STRSAFE_E_INSUFFICIENT_BUFFER;
 *   - Cat requires the destination to be terminated within its size, Length
 *     requires the string to be terminated within cchMax (else
 *     STRSAFE_E_INVALID_PARAMETER, and the length output is 0).
 * NULL strings are STRSAFE_E_INVALID_PARAMETER here rather than a crash.
 * For the A forms a byte count is a character count.
 */
#include "w32_object.h"

#include <strsafe.h>

static BOOL dest_ok(char *dest, size_t cch)
{
    return dest && cch > 0 && cch <= STRSAFE_MAX_CCH;
}

static HRESULT invalid(char *dest, size_t cch)
{
    if (dest && cch > 0)
        dest[0] = '\0';
    return STRSAFE_E_INVALID_PARAMETER;
}

/* Copy at most max characters of src to dest (room for cch, terminated). */
static HRESULT copy_n(char *dest, size_t cch, const char *src, size_t max)
{
    size_t i = 0;
    while (i < max && src[i]) {
        if (i == cch - 1) {
            dest[i] = '\0';
            return STRSAFE_E_INSUFFICIENT_BUFFER;
        }
        dest[i] = src[i];
        i++;
    }
    dest[i] = '\0';
    return S_OK;
}

W32_EXPORT HRESULT StringCchCopyNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                                   size_t cchToCopy)
{
    if (!dest_ok(pszDest, cchDest) || !pszSrc || cchToCopy > STRSAFE_MAX_CCH)
        return invalid(pszDest, cchDest);
    return copy_n(pszDest, cchDest, pszSrc, cchToCopy);
}

W32_EXPORT HRESULT StringCchCopyA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return StringCchCopyNA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);
}

W32_EXPORT HRESULT StringCchLengthA(STRSAFE_PCNZCH psz, size_t cchMax, size_t *pcchLength)
{
    size_t n = 0;
    HRESULT hr = STRSAFE_E_INVALID_PARAMETER;
    if (psz && cchMax <= STRSAFE_MAX_CCH) {
        n = strnlen(psz, cchMax);
        if (n < cchMax)
            hr = S_OK;
        else
            n = 0;
    }
    if (pcchLength)
        *pcchLength = n;
    return hr;
}

/* The destination's contents are left alone when it is not a terminated
 * string within cchDest. */
W32_EXPORT HRESULT StringCchCatNA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc,
                                  size_t cchToAppend)
{
    if (!dest_ok(pszDest, cchDest) || !pszSrc || cchToAppend > STRSAFE_MAX_CCH)
        return STRSAFE_E_INVALID_PARAMETER;
    size_t used = strnlen(pszDest, cchDest);
    if (used == cchDest)
        return STRSAFE_E_INVALID_PARAMETER;
    return copy_n(pszDest + used, cchDest - used, pszSrc, cchToAppend);
}

W32_EXPORT HRESULT StringCchCatA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszSrc)
{
    return StringCchCatNA(pszDest, cchDest, pszSrc, STRSAFE_MAX_CCH);
}

W32_EXPORT HRESULT StringCchVPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat,
                                     va_list argList)
{
    if (!dest_ok(pszDest, cchDest) || !pszFormat)
        return invalid(pszDest, cchDest);
    int len = vsnprintf(pszDest, cchDest, pszFormat, argList);
    if (len < 0) {
        pszDest[0] = '\0';
        return STRSAFE_E_INVALID_PARAMETER;
    }
    return (size_t)len < cchDest ? S_OK : STRSAFE_E_INSUFFICIENT_BUFFER;
}

W32_EXPORT HRESULT StringCchPrintfA(STRSAFE_LPSTR pszDest, size_t cchDest, STRSAFE_LPCSTR pszFormat, ...)
{
    va_list ap;
    va_start(ap, pszFormat);
    HRESULT hr = StringCchVPrintfA(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return hr;
}

W32_EXPORT HRESULT StringCbCopyA(STRSAFE_LPSTR d, size_t cb, STRSAFE_LPCSTR s)
{ return StringCchCopyA(d, cb, s); }
W32_EXPORT HRESULT StringCbCopyNA(STRSAFE_LPSTR d, size_t cb, STRSAFE_LPCSTR s, size_t cbToCopy)
{ return StringCchCopyNA(d, cb, s, cbToCopy); }
W32_EXPORT HRESULT StringCbCatA(STRSAFE_LPSTR d, size_t cb, STRSAFE_LPCSTR s)
{ return StringCchCatA(d, cb, s); }
W32_EXPORT HRESULT StringCbCatNA(STRSAFE_LPSTR d, size_t cb, STRSAFE_LPCSTR s, size_t cbToAppend)
{ return StringCchCatNA(d, cb, s, cbToAppend); }
W32_EXPORT HRESULT StringCbVPrintfA(STRSAFE_LPSTR d, size_t cb, STRSAFE_LPCSTR f, va_list ap)
{ return StringCchVPrintfA(d, cb, f, ap); }
W32_EXPORT HRESULT StringCbLengthA(STRSAFE_PCNZCH psz, size_t cbMax, size_t *pcbLength)
{ return StringCchLengthA(psz, cbMax, pcbLength); }

W32_EXPORT HRESULT StringCbPrintfA(STRSAFE_LPSTR pszDest, size_t cbDest, STRSAFE_LPCSTR pszFormat, ...)
{
    va_list ap;
    va_start(ap, pszFormat);
    HRESULT hr = StringCchVPrintfA(pszDest, cbDest, pszFormat, ap);
    va_end(ap);
    return hr;
}
