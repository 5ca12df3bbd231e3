/*
 * message.c - FormatMessageA for system messages (Win32 and Winsock error
 * codes, table in messages.c) and for FROM_STRING text without inserts.
 *
 * Behaviour taken from "FormatMessage function": the output length
 * excludes the terminator; ALLOCATE_BUFFER stores a LocalAlloc'ed buffer
 * of at least nSize bytes in *(LPSTR *)lpBuffer; otherwise a text that does
 * not fit nSize fails with ERROR_INSUFFICIENT_BUFFER; an unknown id fails
 * with ERROR_MR_MID_NOT_FOUND.  A non-zero FORMAT_MESSAGE_MAX_WIDTH_MASK
 * part turns the text's own line breaks into spaces (Windows then wraps at
 * that width unless it is 0xFF; wrapping is not done here).  Escapes %n %r
 * %t %% %0 are processed; inserts (%1..%99) are copied as-is with
 * IGNORE_INSERTS and otherwise refused with ERROR_NOT_SUPPORTED (README):
 * no system message here has any.  FROM_HMODULE with a module is refused
 * the same way.
 */
#include "messages.h"

#include <stdlib.h>

#define W32_EXPORT __attribute__((visibility("default")))

struct out {
    char *buf;
    size_t len, cap;
};

static BOOL put(struct out *o, char c)
{
    if (o->len + 1 >= o->cap) {
        size_t n = o->cap ? o->cap * 2 : 128;
        char *b = realloc(o->buf, n);
        if (!b)
            return FALSE;
        o->buf = b;
        o->cap = n;
    }
    o->buf[o->len++] = c;
    o->buf[o->len] = '\0';
    return TRUE;
}

/* The formatted text, or 0 with the last error set. */
static DWORD format_text(const char *src, DWORD flags, struct out *o)
{
    BOOL width = (flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) != 0;
    BOOL ok = put(o, '\0');     /* an empty text is still a string */
    o->len = 0;
    for (const char *f = src; ok && *f; ) {
        char c = *f++;
        if (c == '%') {
            c = *f;
            if (c >= '1' && c <= '9') {
                if (!(flags & FORMAT_MESSAGE_IGNORE_INSERTS)) {
                    SetLastError(ERROR_NOT_SUPPORTED);
                    return 0;
                }
                ok = put(o, '%');
                continue;
            }
            if (c == '\0') {
                SetLastError(ERROR_INVALID_PARAMETER);
                return 0;
            }
            f++;
            if (c == '0')
                break;
            if (c == 'n')
                ok = put(o, '\r') && put(o, '\n');
            else if (c == 'r')
                ok = put(o, '\r');
            else if (c == 't')
                ok = put(o, '\t');
            else {
                if (flags & FORMAT_MESSAGE_IGNORE_INSERTS)
                    ok = put(o, '%');
                ok = ok && put(o, c);
            }
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && *f == '\n')
                f++;
            ok = width ? put(o, ' ') : (put(o, '\r') && put(o, '\n'));
        } else {
            ok = put(o, c);
        }
    }
    if (!ok) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    return 1;
}

W32_EXPORT DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
                                       DWORD dwLanguageId, LPSTR lpBuffer, DWORD nSize,
                                       va_list *Arguments)
{
    (void)dwLanguageId;     /* one language: English */
    (void)Arguments;
    /* A NULL lpBuffer: Windows fails an allocation with
     * ERROR_NOT_ENOUGH_MEMORY and a text that does not fit nSize with
     * ERROR_INSUFFICIENT_BUFFER, and writes through NULL otherwise (Wine's
     * format_msg.c tests); here that last case is ERROR_INVALID_PARAMETER. */
    if (!lpBuffer && (dwFlags & FORMAT_MESSAGE_ALLOCATE_BUFFER)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    if (dwFlags & FORMAT_MESSAGE_ALLOCATE_BUFFER)
        *(LPSTR *)lpBuffer = NULL;

    const char *src = NULL;
    if (dwFlags & FORMAT_MESSAGE_FROM_STRING) {
        src = lpSource;
        if (!src) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
    } else if ((dwFlags & FORMAT_MESSAGE_FROM_HMODULE) && lpSource) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return 0;
    } else if (dwFlags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE)) {
        src = w32_message_text(dwMessageId);
        if (!src) {
            SetLastError(ERROR_MR_MID_NOT_FOUND);
            return 0;
        }
    } else {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }

    struct out o = { 0 };
    if (!format_text(src, dwFlags, &o)) {
        free(o.buf);
        return 0;
    }
    DWORD n = (DWORD)o.len;
    if (n == 0) {
        /* An empty result is a failure with nothing allocated ("" with
         * ALLOCATE_BUFFER on Windows: 0, NULL, ERROR_NO_WORK_DONE). */
        free(o.buf);
        SetLastError(ERROR_NO_WORK_DONE);
        return 0;
    }
    if (dwFlags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        LPSTR buf = LocalAlloc(LMEM_ZEROINIT, nSize > n + 1 ? nSize : n + 1);
        if (!buf) {
            free(o.buf);
            return 0;       /* ERROR_NOT_ENOUGH_MEMORY */
        }
        memcpy(buf, o.buf, n + 1);
        *(LPSTR *)lpBuffer = buf;
    } else if (nSize < n + 1) {
        free(o.buf);
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    } else if (!lpBuffer) {
        free(o.buf);
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    } else {
        memcpy(lpBuffer, o.buf, n + 1);
    }
    free(o.buf);
    return n;
}
