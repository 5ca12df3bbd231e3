/*
 * winnt.h - the winnt.h names ported network programs use: TCHAR (ANSI
 * builds), HRESULT, LARGE_INTEGER, language ids, heap flags,
 * MAXIMUM_WAIT_OBJECTS, UNREFERENCED_PARAMETER.
 *
 * Only ANSI builds are supported: with UNICODE defined, TCHAR is WCHAR and
 * the generic function names map to W functions, most of which the Win32
 * base does not provide (README: out of scope).
 */
#ifndef WSP_WINNT_H
#define WSP_WINNT_H

/* The SDK's winnt.h includes <ctype.h> (so does mingw-w64's): Microsoft's
 * Winsock samples call tolower() with only <winsock2.h> included.  <stdlib.h>,
 * which Windows' headers bring along too, comes at the end of <winsock2.h>:
 * in GNU mode it declares glibc's select() and fd_set, which must not come
 * before Winsock's. */
#include <ctype.h>

#include "windef.h"

#ifdef UNICODE
typedef WCHAR TCHAR;
# define __TEXT(s) u##s
#else
typedef char TCHAR;
# define __TEXT(s) s
#endif
#ifndef TEXT
# define TEXT(s) __TEXT(s)
#endif
typedef TCHAR *PTCHAR;
typedef TCHAR *LPTSTR;
typedef TCHAR *PTSTR;
typedef const TCHAR *LPCTSTR;
typedef const TCHAR *PCTSTR;

#ifndef WSP_HRESULT_DEFINED
#define WSP_HRESULT_DEFINED
typedef LONG HRESULT;
#endif

typedef union _LARGE_INTEGER {
    WSP_ANONYMOUS struct {
        DWORD LowPart;
        LONG HighPart;
    };
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    WSP_ANONYMOUS struct {
        DWORD LowPart;
        DWORD HighPart;
    };
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

#define MAXIMUM_WAIT_OBJECTS        64

#define LANG_NEUTRAL                0x00
#define LANG_ENGLISH                0x09
#define SUBLANG_NEUTRAL             0x00
#define SUBLANG_DEFAULT             0x01
#define SUBLANG_SYS_DEFAULT         0x02
#define SUBLANG_ENGLISH_US          0x01
#define MAKELANGID(p, s)            ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(l)            ((WORD)(l) & 0x3ff)
#define SUBLANGID(l)                ((WORD)(l) >> 10)
#define LANG_SYSTEM_DEFAULT         MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT)
#define LANG_USER_DEFAULT           MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT)

#define HEAP_NO_SERIALIZE           0x00000001
#define HEAP_GENERATE_EXCEPTIONS    0x00000004
#define HEAP_ZERO_MEMORY            0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY  0x00000010

#define STATUS_WAIT_0               ((DWORD)0x00000000)
#define STATUS_ABANDONED_WAIT_0     ((DWORD)0x00000080)
#define STATUS_USER_APC             ((DWORD)0x000000C0)
#define STATUS_TIMEOUT              ((DWORD)0x00000102)
#define STATUS_PENDING              ((DWORD)0x00000103)

#define SYNCHRONIZE                 0x00100000
#define EVENT_MODIFY_STATE          0x0002
#define EVENT_ALL_ACCESS            0x001F0003

#ifndef UNREFERENCED_PARAMETER
# define UNREFERENCED_PARAMETER(p)  ((void)(p))
#endif
#ifndef C_ASSERT
# ifdef __cplusplus
#  define C_ASSERT(e) static_assert(e, #e)
# else
#  define C_ASSERT(e) _Static_assert(e, #e)
# endif
#endif

#endif /* WSP_WINNT_H */
