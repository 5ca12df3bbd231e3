/*
 * lasterror.c - the thread-local last error.  One slot per thread, read and
 * written by GetLastError/SetLastError and by WSAGetLastError/
 * WSASetLastError alike ("WSAGetLastError function": the Winsock last
 * error is the thread's last error), so they are all defined here and the
 * ws2_32 layer defines none of them.
 */
#include "w32_object.h"

static __thread DWORD last_error;

W32_EXPORT DWORD WINAPI GetLastError(void) { return last_error; }
W32_EXPORT void WINAPI SetLastError(DWORD dwErrCode) { last_error = dwErrCode; }
W32_EXPORT int WINAPI WSAGetLastError(void) { return (int)last_error; }
W32_EXPORT void WINAPI WSASetLastError(int iError) { last_error = (DWORD)iError; }
