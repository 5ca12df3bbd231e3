/*
 * winbase.h - the kernel32 part of Win32 that network programs use,
 * implemented natively by libwin32base (win32/): threads, events and waits
 * on one handle table, critical sections, interlocked operations, time,
 * the thread-local last error, the process heap and Local/Global memory,
 * FormatMessageA, ExitProcess and the lstr* string functions.
 *
 * Everything here is ANSI (A) only; W functions are out of scope.  Functions
 * that Windows declares here but the Win32 base does not provide are simply
 * not declared, so a program using them fails to compile instead of failing
 * at run time.  The list is in README.md, "Porting Windows code".
 */
#ifndef WSP_WINBASE_H
#define WSP_WINBASE_H

#include <stdarg.h>
#include <string.h>

#include "windef.h"
#include "winnt.h"
#include "winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Waits (synchapi.h) ---- */
#define INFINITE                    0xFFFFFFFFU
#define WAIT_OBJECT_0               ((DWORD)STATUS_WAIT_0)
#define WAIT_ABANDONED              ((DWORD)STATUS_ABANDONED_WAIT_0)
#define WAIT_ABANDONED_0            ((DWORD)STATUS_ABANDONED_WAIT_0)
#define WAIT_IO_COMPLETION          ((DWORD)STATUS_USER_APC)
#ifndef WAIT_TIMEOUT
# define WAIT_TIMEOUT               258
#endif
#define WAIT_FAILED                 ((DWORD)0xFFFFFFFF)

#define INVALID_HANDLE_VALUE        ((HANDLE)(LONG_PTR)-1)
#define STILL_ACTIVE                ((DWORD)STATUS_PENDING)

typedef struct _SECURITY_ATTRIBUTES {
    DWORD  nLength;
    LPVOID lpSecurityDescriptor;
    BOOL   bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

WINBASEAPI BOOL  WINAPI CloseHandle(HANDLE hObject);

WINBASEAPI HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes,
    BOOL bManualReset, BOOL bInitialState, LPCSTR lpName);
WINBASEAPI BOOL  WINAPI SetEvent(HANDLE hEvent);
WINBASEAPI BOOL  WINAPI ResetEvent(HANDLE hEvent);

WINBASEAPI DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds,
    BOOL bAlertable);
WINBASEAPI DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles,
    BOOL bWaitAll, DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles,
    BOOL bWaitAll, DWORD dwMilliseconds, BOOL bAlertable);

WINBASEAPI void  WINAPI Sleep(DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable);

/* ---- Threads (processthreadsapi.h) ---- */
typedef DWORD (WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;

#define CREATE_SUSPENDED                    0x00000004
#define STACK_SIZE_PARAM_IS_A_RESERVATION   0x00010000

WINBASEAPI HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes,
    SIZE_T dwStackSize, LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
    DWORD dwCreationFlags, LPDWORD lpThreadId);
#if defined(__cplusplus) && __cplusplus >= 201103L
[[noreturn]]
#elif defined(__GNUC__)
__attribute__((noreturn))
#endif
WINBASEAPI void  WINAPI ExitThread(DWORD dwExitCode);
WINBASEAPI BOOL  WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode);
WINBASEAPI DWORD WINAPI ResumeThread(HANDLE hThread);
WINBASEAPI DWORD WINAPI GetCurrentThreadId(void);
WINBASEAPI DWORD WINAPI GetThreadId(HANDLE Thread);
WINBASEAPI HANDLE WINAPI GetCurrentThread(void);
WINBASEAPI HANDLE WINAPI GetCurrentProcess(void);
WINBASEAPI DWORD WINAPI GetCurrentProcessId(void);
#if defined(__cplusplus) && __cplusplus >= 201103L
[[noreturn]]
#elif defined(__GNUC__)
__attribute__((noreturn))
#endif
WINBASEAPI void  WINAPI ExitProcess(UINT uExitCode);

/* ---- Last error (errhandlingapi.h): one thread-local slot, also read and
 * written by WSAGetLastError/WSASetLastError. ---- */
WINBASEAPI DWORD WINAPI GetLastError(void);
WINBASEAPI void  WINAPI SetLastError(DWORD dwErrCode);

/* ---- Critical sections (Win64 layout, 40 bytes) ---- */
typedef struct _RTL_CRITICAL_SECTION {
    PVOID     DebugInfo;
    LONG      LockCount;
    LONG      RecursionCount;
    HANDLE    OwningThread;
    HANDLE    LockSemaphore;
    ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION;
typedef RTL_CRITICAL_SECTION CRITICAL_SECTION;
typedef PRTL_CRITICAL_SECTION PCRITICAL_SECTION;
typedef PRTL_CRITICAL_SECTION LPCRITICAL_SECTION;

WINBASEAPI void  WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI BOOL  WINAPI InitializeCriticalSectionAndSpinCount(
    LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount);
WINBASEAPI void  WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI BOOL  WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI void  WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI void  WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection);

/* ---- Interlocked operations: full barriers, as the Windows intrinsics. ---- */
static inline LONG InterlockedIncrement(LONG volatile *p)
{ return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedDecrement(LONG volatile *p)
{ return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedExchange(LONG volatile *p, LONG v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedExchangeAdd(LONG volatile *p, LONG v)
{ return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline LONG InterlockedCompareExchange(LONG volatile *p, LONG xchg, LONG cmp)
{
    __atomic_compare_exchange_n(p, &cmp, xchg, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return cmp;
}
static inline LONG64 InterlockedIncrement64(LONG64 volatile *p)
{ return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedDecrement64(LONG64 volatile *p)
{ return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedExchange64(LONG64 volatile *p, LONG64 v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedExchangeAdd64(LONG64 volatile *p, LONG64 v)
{ return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
static inline LONG64 InterlockedCompareExchange64(LONG64 volatile *p, LONG64 xchg, LONG64 cmp)
{
    __atomic_compare_exchange_n(p, &cmp, xchg, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return cmp;
}
static inline PVOID InterlockedExchangePointer(PVOID volatile *p, PVOID v)
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
static inline PVOID InterlockedCompareExchangePointer(PVOID volatile *p, PVOID xchg, PVOID cmp)
{
    __atomic_compare_exchange_n(p, &cmp, xchg, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return cmp;
}

/* ---- Time (sysinfoapi.h, profileapi.h) ---- */
WINBASEAPI DWORD WINAPI GetTickCount(void);
WINBASEAPI ULONGLONG WINAPI GetTickCount64(void);
WINBASEAPI BOOL  WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount);
WINBASEAPI BOOL  WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency);

/* ---- Heap (heapapi.h) and Local/Global memory (winbase.h) ---- */
WINBASEAPI HANDLE WINAPI GetProcessHeap(void);
WINBASEAPI LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes);
WINBASEAPI LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes);
WINBASEAPI BOOL  WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem);
WINBASEAPI SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem);

#define LMEM_FIXED          0x0000
#define LMEM_MOVEABLE       0x0002
#define LMEM_ZEROINIT       0x0040
#define LPTR                (LMEM_FIXED | LMEM_ZEROINIT)
#define LHND                (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define GMEM_FIXED          0x0000
#define GMEM_MOVEABLE       0x0002
#define GMEM_ZEROINIT       0x0040
#define GPTR                (GMEM_FIXED | GMEM_ZEROINIT)
#define GHND                (GMEM_MOVEABLE | GMEM_ZEROINIT)

WINBASEAPI HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
WINBASEAPI HLOCAL WINAPI LocalFree(HLOCAL hMem);
WINBASEAPI LPVOID WINAPI LocalLock(HLOCAL hMem);
WINBASEAPI BOOL  WINAPI LocalUnlock(HLOCAL hMem);
WINBASEAPI HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes);
WINBASEAPI HGLOBAL WINAPI GlobalFree(HGLOBAL hMem);
WINBASEAPI LPVOID WINAPI GlobalLock(HGLOBAL hMem);
WINBASEAPI BOOL  WINAPI GlobalUnlock(HGLOBAL hMem);

/* Memory macros (minwinbase.h / winnt.h). */
#define MoveMemory(d, s, n)     memmove((d), (s), (n))
#define CopyMemory(d, s, n)     memcpy((d), (s), (n))
#define FillMemory(d, n, v)     memset((d), (v), (n))
#define ZeroMemory(d, n)        memset((d), 0, (n))
#define RtlMoveMemory           MoveMemory
#define RtlCopyMemory           CopyMemory
#define RtlFillMemory           FillMemory
#define RtlZeroMemory           ZeroMemory
#define SecureZeroMemory(d, n)  wsp_secure_zero((d), (n))
static inline PVOID wsp_secure_zero(PVOID p, SIZE_T n)
{
    volatile char *c = (volatile char *)p;
    while (n--)
        *c++ = 0;
    return p;
}

/* ---- FormatMessage (only FROM_SYSTEM: Win32 and Winsock codes) ---- */
#define FORMAT_MESSAGE_ALLOCATE_BUFFER  0x00000100
#define FORMAT_MESSAGE_IGNORE_INSERTS   0x00000200
#define FORMAT_MESSAGE_FROM_STRING      0x00000400
#define FORMAT_MESSAGE_FROM_HMODULE     0x00000800
#define FORMAT_MESSAGE_FROM_SYSTEM      0x00001000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY   0x00002000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK   0x000000FF

WINBASEAPI DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId,
    DWORD dwLanguageId, LPSTR lpBuffer, DWORD nSize, va_list *Arguments);

/* ---- lstr* (winbase.h) ---- */
WINBASEAPI int   WINAPI lstrlenA(LPCSTR lpString);
WINBASEAPI LPSTR WINAPI lstrcpyA(LPSTR lpString1, LPCSTR lpString2);
WINBASEAPI LPSTR WINAPI lstrcpynA(LPSTR lpString1, LPCSTR lpString2, int iMaxLength);
WINBASEAPI LPSTR WINAPI lstrcatA(LPSTR lpString1, LPCSTR lpString2);
WINBASEAPI int   WINAPI lstrcmpA(LPCSTR lpString1, LPCSTR lpString2);
WINBASEAPI int   WINAPI lstrcmpiA(LPCSTR lpString1, LPCSTR lpString2);

/* ANSI generic names; with UNICODE they name W functions, which do not exist
 * here (README: W functions are out of scope). */
#ifdef UNICODE
# define CreateEvent        CreateEventW
# define FormatMessage      FormatMessageW
# define lstrlen            lstrlenW
# define lstrcpy            lstrcpyW
# define lstrcpyn           lstrcpynW
# define lstrcat            lstrcatW
# define lstrcmp            lstrcmpW
# define lstrcmpi           lstrcmpiW
#else
# define CreateEvent        CreateEventA
# define FormatMessage      FormatMessageA
# define lstrlen            lstrlenA
# define lstrcpy            lstrcpyA
# define lstrcpyn           lstrcpynA
# define lstrcat            lstrcatA
# define lstrcmp            lstrcmpA
# define lstrcmpi           lstrcmpiA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WSP_WINBASE_H */
