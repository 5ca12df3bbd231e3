/*
 * tchar.h - generic-text mappings for ANSI builds (_TCHAR is char): the
 * _t... and _tcs... names map to the C library's narrow functions and to the MSVC
 * runtime names of wsp_crt.h.
 *
 * Wide builds (_UNICODE) are not supported: Windows' wchar_t is 16 bits,
 * glibc's is 32, and the W functions are out of scope (README).
 */
#ifndef WSP_TCHAR_H
#define WSP_TCHAR_H

#ifdef _UNICODE
# error "tchar.h: _UNICODE builds are not supported by the wspshim Win32 base; build ANSI (without _UNICODE/UNICODE)"
#endif

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wsp_crt.h"

typedef char _TCHAR;
typedef char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef char _TXCHAR;
typedef int _TINT;

#define __T(x)      x
#define _T(x)       __T(x)
#define _TEXT(x)    __T(x)
#define _TEOF       EOF

#define _tmain      main
#define _tprintf    printf
#define _ftprintf   fprintf
#define _stprintf   sprintf
#define _sntprintf  _snprintf
#define _vtprintf   vprintf
#define _vftprintf  vfprintf
#define _vstprintf  vsprintf
#define _vsntprintf _vsnprintf
#define _tscanf     scanf
#define _stscanf    sscanf
#define _fgetts     fgets
#define _fputts     fputs
#define _tfopen     fopen
#define _tgetenv    getenv
#define _tcslen     strlen
#define _tcscpy     strcpy
#define _tcsncpy    strncpy
#define _tcscat     strcat
#define _tcsncat    strncat
#define _tcscmp     strcmp
#define _tcsncmp    strncmp
#define _tcsicmp    _stricmp
#define _tcsnicmp   _strnicmp
#define _tcschr     strchr
#define _tcsrchr    strrchr
#define _tcsstr     strstr
#define _tcstok     strtok
#define _tcsdup     _strdup
#define _tcstol     strtol
#define _tcstoul    strtoul
#define _tcstod     strtod
#define _ttoi       atoi
#define _ttol       atol
#define _totupper   toupper
#define _totlower   tolower

#endif /* WSP_TCHAR_H */
