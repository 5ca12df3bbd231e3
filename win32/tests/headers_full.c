/* Full <windows.h> (no WIN32_LEAN_AND_MEAN) gives the Winsock names too. */
#include <windows.h>

#ifndef WSP_WINSOCK2_H
# error "windows.h without WIN32_LEAN_AND_MEAN includes Winsock"
#endif

int full_windows(void) { return sizeof(WSADATA) > 0 && WSAECONNREFUSED == 10061; }
