/*
 * windef.h - Windows base definitions beyond wsp_windef.h, for ported
 * programs (part of the Win32 base, see README "Porting Windows code").
 *
 * The integer, pointer and handle types come from wsp_windef.h (shared with
 * the Winsock headers, defined once there); this header adds the module and
 * memory handle types, the MSVC calling-convention keywords a Linux compiler
 * does not know, the SAL-era parameter markers and min/max (unless NOMINMAX,
 * as with the Windows SDK).
 */
#ifndef WSP_WINDEF_BASE_H
#define WSP_WINDEF_BASE_H

#include "wsp_windef.h"

/* MSVC keywords: the Linux build uses the native calling convention. */
#ifndef __stdcall
# define __stdcall
#endif
#ifndef __cdecl
# define __cdecl
#endif
#ifndef __fastcall
# define __fastcall
#endif
/* the one-underscore spellings are synonyms (doc "__cdecl": "_cdecl is a
 * synonym for __cdecl"); samples write `int _cdecl main` */
#ifndef _cdecl
# define _cdecl
#endif
#ifndef _stdcall
# define _stdcall
#endif
#ifndef _fastcall
# define _fastcall
#endif
#if !defined(__int64) && !defined(_MSC_VER)
# define __int64 long long
#endif
#ifndef APIENTRY
# define APIENTRY WINAPI
#endif
#ifndef WINBASEAPI
# define WINBASEAPI
#endif

/* Parameter markers used by Windows sample code. */
#ifndef IN
# define IN
#endif
#ifndef OUT
# define OUT
#endif
#ifndef OPTIONAL
# define OPTIONAL
#endif

#ifndef NOMINMAX
# ifndef max
#  define max(a, b) (((a) > (b)) ? (a) : (b))
# endif
# ifndef min
#  define min(a, b) (((a) < (b)) ? (a) : (b))
# endif
#endif

#ifndef MAX_PATH
# define MAX_PATH 260
#endif

typedef HANDLE HMODULE;
typedef HANDLE HINSTANCE;
typedef HANDLE HLOCAL;
typedef HANDLE HGLOBAL;
typedef int (WINAPI *FARPROC)(void);

#endif /* WSP_WINDEF_BASE_H */
