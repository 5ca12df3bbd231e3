/*
 * wsp_windef.h - basic Windows data types for wspshim (libwsp) on Linux.
 *
 * The types keep their Windows (LLP64) sizes on LP64 Linux: LONG/ULONG/DWORD
 * are 32 bits, pointer-sized integers are the *_PTR types.  WINAPI, WSPAPI
 * and CALLBACK expand to nothing (the provider is called with the native
 * Linux calling convention).
 *
 * Prefix mode: this header has no names that collide with glibc, so it is
 * the same with or without WSP_USE_WS_PREFIX.  It does provide the helper
 * WSP_WS(x) (and WS(x) unless already defined), which expands to WS_x when
 * WSP_USE_WS_PREFIX is defined and to x otherwise; the socket headers use it
 * for struct tags and typedef names that glibc also has.
 */
#ifndef WSP_WINDEF_H
#define WSP_WINDEF_H

#include <stddef.h>
#include <stdint.h>

#ifdef WSP_USE_WS_PREFIX
# define WSP_WS(x) WS_##x
#else
# define WSP_WS(x) x
#endif
#ifndef WS
# define WS(x) WSP_WS(x)
#endif

/* Marks the anonymous structs and unions of Windows' types (LARGE_INTEGER,
 * OVERLAPPED) as a GNU extension, so that -std=c99 -pedantic and
 * g++ -pedantic accept them. */
#if defined(__GNUC__) || defined(__clang__)
# define WSP_ANONYMOUS __extension__
#else
# define WSP_ANONYMOUS
#endif

/* Calling-convention / annotation macros: empty on Linux. */
#ifndef WINAPI
# define WINAPI
#endif
#ifndef WSPAPI
# define WSPAPI
#endif
#ifndef WSAAPI
# define WSAAPI
#endif
#ifndef CALLBACK
# define CALLBACK
#endif
#ifndef FAR
# define FAR
#endif
#ifndef NEAR
# define NEAR
#endif
#ifndef CONST
# define CONST const
#endif
#ifndef VOID
# define VOID void
#endif

#ifndef TRUE
# define TRUE 1
#endif
#ifndef FALSE
# define FALSE 0
#endif

#ifndef WSP_WINDEF_TYPES_DEFINED
#define WSP_WINDEF_TYPES_DEFINED
/* Integer types, sized as on 64-bit Windows. */
typedef uint8_t         BYTE;
typedef char            CHAR;
typedef uint8_t         UCHAR;
typedef uint16_t        WCHAR;
typedef int16_t         SHORT;
typedef uint16_t        USHORT;
typedef uint16_t        WORD;
typedef int32_t         INT;
typedef uint32_t        UINT;
typedef int32_t         LONG;
typedef uint32_t        ULONG;
typedef uint32_t        DWORD;
/* 64-bit types are (unsigned) long long as on Windows (__int64), not
 * int64_t (long on LP64): "%lld" and C++ overloads must accept them. */
typedef long long           LONGLONG;
typedef unsigned long long  ULONGLONG;
typedef long long           LONG64;
typedef unsigned long long  ULONG64;
typedef unsigned long long  DWORD64;
typedef int             BOOL;
typedef uint8_t         BOOLEAN;
typedef float           FLOAT;

/* Pointer-sized integers. */
typedef uintptr_t       UINT_PTR;
typedef uintptr_t       ULONG_PTR;
typedef uintptr_t       DWORD_PTR;
typedef intptr_t        INT_PTR;
typedef intptr_t        LONG_PTR;
typedef size_t          SIZE_T;
typedef intptr_t        SSIZE_T;
typedef UINT_PTR        WPARAM;
typedef LONG_PTR        LPARAM;
typedef LONG_PTR        LRESULT;

/* Handles. */
typedef void           *HANDLE;
typedef void           *HWND;

/* Pointer typedefs. */
typedef void           *PVOID;
typedef void           *LPVOID;
typedef const void     *LPCVOID;
typedef BYTE           *PBYTE;
typedef BYTE           *LPBYTE;
typedef UCHAR          *PUCHAR;
typedef CHAR           *PCHAR;
typedef WCHAR          *PWCHAR;
typedef SHORT          *PSHORT;
typedef USHORT         *PUSHORT;
typedef WORD           *PWORD;
typedef WORD           *LPWORD;
typedef INT            *PINT;
typedef INT            *LPINT;
typedef UINT           *PUINT;
typedef LONG           *PLONG;
typedef LONG           *LPLONG;
typedef ULONG          *PULONG;
typedef DWORD          *PDWORD;
typedef DWORD          *LPDWORD;
typedef BOOL           *PBOOL;
typedef BOOL           *LPBOOL;
typedef ULONG_PTR      *PULONG_PTR;
typedef DWORD_PTR      *PDWORD_PTR;
typedef HANDLE         *PHANDLE;
typedef HANDLE         *LPHANDLE;
typedef CHAR           *LPSTR;
typedef CHAR           *PSTR;
typedef const CHAR     *LPCSTR;
typedef const CHAR     *PCSTR;
typedef WCHAR          *LPWSTR;
typedef WCHAR          *PWSTR;
typedef const WCHAR    *LPCWSTR;
typedef const WCHAR    *PCWSTR;
#endif /* WSP_WINDEF_TYPES_DEFINED */

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t  Data4[8];
} GUID;
#endif
#ifndef WSP_LPGUID_DEFINED
#define WSP_LPGUID_DEFINED
typedef GUID *LPGUID;
typedef GUID *PGUID;
typedef const GUID *LPCGUID;
#endif

/* OVERLAPPED (used as WSAOVERLAPPED): 32 bytes on Win64. */
#ifndef WSP_OVERLAPPED_DEFINED
#define WSP_OVERLAPPED_DEFINED
typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    WSP_ANONYMOUS union {
        WSP_ANONYMOUS struct {
            DWORD Offset;
            DWORD OffsetHigh;
        };
        PVOID Pointer;
    };
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED, *POVERLAPPED;
#endif

/* Word/byte helpers. */
#ifndef MAKEWORD
# define MAKEWORD(lo, hi) ((WORD)(((BYTE)(lo)) | ((WORD)((BYTE)(hi))) << 8))
#endif
#ifndef MAKELONG
# define MAKELONG(lo, hi) ((LONG)(((WORD)(lo)) | ((DWORD)((WORD)(hi))) << 16))
#endif
#ifndef LOBYTE
# define LOBYTE(w) ((BYTE)(((DWORD_PTR)(w)) & 0xff))
#endif
#ifndef HIBYTE
# define HIBYTE(w) ((BYTE)((((DWORD_PTR)(w)) >> 8) & 0xff))
#endif
#ifndef LOWORD
# define LOWORD(l) ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#endif
#ifndef HIWORD
# define HIWORD(l) ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))
#endif

#endif /* WSP_WINDEF_H */
