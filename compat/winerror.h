/*
 * winerror.h - Win32 error codes and HRESULT helpers used by the Win32 base
 * and by ported programs.  Values as in the Windows SDK ("System Error
 * Codes (0-499)", "(500-999)", "(1300-1699)" pages; "Common HRESULT
 * Values").  The Winsock codes (WSAE*) are in winsock2.h.
 */
#ifndef WSP_WINERROR_H
#define WSP_WINERROR_H

#include "wsp_windef.h"

#define ERROR_SUCCESS                   0
#define NO_ERROR                        0
#define ERROR_INVALID_FUNCTION          1
#define ERROR_FILE_NOT_FOUND            2
#define ERROR_PATH_NOT_FOUND            3
#define ERROR_TOO_MANY_OPEN_FILES       4
#define ERROR_ACCESS_DENIED             5
#define ERROR_INVALID_HANDLE            6
#define ERROR_NOT_ENOUGH_MEMORY         8
#define ERROR_INVALID_DATA              13
#define ERROR_OUTOFMEMORY               14
#define ERROR_NOT_SUPPORTED             50
#define ERROR_INVALID_PARAMETER         87
#define ERROR_BROKEN_PIPE               109
#define ERROR_CALL_NOT_IMPLEMENTED      120
#define ERROR_INSUFFICIENT_BUFFER       122
#define ERROR_MOD_NOT_FOUND             126
#define ERROR_ALREADY_EXISTS            183
#define ERROR_MORE_DATA                 234
#define ERROR_NO_WORK_DONE              235
#ifndef WAIT_TIMEOUT
# define WAIT_TIMEOUT                   258
#endif
#define ERROR_NO_MORE_ITEMS             259
#define ERROR_MR_MID_NOT_FOUND          317
#define ERROR_OPERATION_ABORTED         995
#define ERROR_IO_INCOMPLETE             996
#define ERROR_IO_PENDING                997
#define ERROR_NOACCESS                  998
#define ERROR_INVALID_FLAGS             1004
#define ERROR_NOT_FOUND                 1168
#define ERROR_NO_SYSTEM_RESOURCES       1450
#define ERROR_TIMEOUT                   1460
#define ERROR_RESOURCE_LANG_NOT_FOUND   1815

#define FACILITY_WIN32                  7
#define S_OK                            ((HRESULT)0)
#define S_FALSE                         ((HRESULT)1)
#define E_NOTIMPL                       ((HRESULT)0x80004001)
#define E_FAIL                          ((HRESULT)0x80004005)
#define E_OUTOFMEMORY                   ((HRESULT)0x8007000E)
#define E_INVALIDARG                    ((HRESULT)0x80070057)
#define SUCCEEDED(hr)                   (((HRESULT)(hr)) >= 0)
#define FAILED(hr)                      (((HRESULT)(hr)) < 0)
#define HRESULT_CODE(hr)                ((hr) & 0xFFFF)
#define HRESULT_FACILITY(hr)            (((hr) >> 16) & 0x1FFF)
#define HRESULT_FROM_WIN32(x) \
    ((HRESULT)(x) <= 0 ? ((HRESULT)(x)) \
                       : ((HRESULT)(((x) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))

#ifndef WSP_HRESULT_DEFINED
#define WSP_HRESULT_DEFINED
typedef LONG HRESULT;
#endif

#endif /* WSP_WINERROR_H */
