/* The SDK idiom: #define _WINSOCKAPI_ keeps <winsock.h> out of <windows.h>,
 * so that <winsock2.h> can be included later. */
#define _WINSOCKAPI_
#include <windows.h>
#ifdef WSP_WINSOCK2_H
# error "_WINSOCKAPI_ must keep winsock.h out of windows.h"
#endif
#include <winsock2.h>

int keepout(void) { return WSAEWOULDBLOCK == 10035 && GetCurrentThreadId() != 0; }
