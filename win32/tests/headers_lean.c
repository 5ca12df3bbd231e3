/* WIN32_LEAN_AND_MEAN keeps Winsock out of <windows.h>; <strsafe.h> and
 * <tchar.h> map the generic names to the ANSI functions. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <strsafe.h>
#include <tchar.h>

#if defined(WSP_WINSOCK2_H) || defined(_WINSOCKAPI_)
# error "WIN32_LEAN_AND_MEAN must keep Winsock out"
#endif

int lean(void)
{
    TCHAR buf[16];
    size_t n = 0;
    if (StringCchPrintf(buf, 16, _T("%s-%d"), TEXT("id"), 7) != S_OK)
        return 0;
    if (StringCchLength(buf, 16, &n) != S_OK || n != 4 || _tcsicmp(buf, _T("ID-7")) != 0)
        return 0;
    return lstrlen(buf) == 4 && max(3, 4) == 4 && min(3, 4) == 3;
}
