// cxx_test.cc - the compat/ Win32 and Winsock headers from C++: everything
// declared with C linkage (a missing extern "C" fails to link), inline
// functions valid C++, the generic names usable.
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <wspiapi.h>
#include <mstcpip.h>
#include <strsafe.h>
#include <tchar.h>

#include <cstdio>

static LONG counter;

static DWORD WINAPI worker(LPVOID arg)
{
    CRITICAL_SECTION *cs = static_cast<CRITICAL_SECTION *>(arg);
    EnterCriticalSection(cs);
    InterlockedIncrement(&counter);
    LeaveCriticalSection(cs);
    return 5;
}

int _tmain(void)
{
    int failed = 0;
#define CHECK(c) do { if (!(c)) { std::printf("FAIL: %s\n", #c); failed++; } } while (0)
    CRITICAL_SECTION cs;
    InitializeCriticalSection(&cs);
    HANDLE ev = CreateEvent(NULL, FALSE, FALSE, NULL);
    HANDLE th = CreateThread(NULL, 0, worker, &cs, 0, NULL);
    HANDLE both[2] = { ev, th };
    CHECK(ev != NULL && th != NULL);
    CHECK(SetEvent(ev));
    CHECK(WaitForMultipleObjects(2, both, TRUE, 5000) == WAIT_OBJECT_0);
    DWORD code = 0;
    CHECK(GetExitCodeThread(th, &code) && code == 5 && counter == 1);
    CHECK(CloseHandle(th) && CloseHandle(ev));
    DeleteCriticalSection(&cs);

    TCHAR buf[8];
    CHECK(StringCchCopy(buf, 8, _T("truncate me")) == STRSAFE_E_INSUFFICIENT_BUFFER);
    CHECK(_tcscmp(buf, _T("truncat")) == 0);
    CHECK(_strnicmp("ABC", "abd", 2) == 0);

    char *msg = NULL;
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER |
                         FORMAT_MESSAGE_IGNORE_INSERTS, NULL, WSAECONNREFUSED, 0,
                         reinterpret_cast<LPSTR>(&msg), 0, NULL) > 0);
    CHECK(LocalFree(msg) == NULL);
    WSASetLastError(WSAEWOULDBLOCK);
    CHECK(GetLastError() == WSAEWOULDBLOCK);
    void *p = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 32);
    CHECK(p && static_cast<unsigned char *>(p)[31] == 0 && HeapFree(GetProcessHeap(), 0, p));
    SOCKADDR_STORAGE ss = {};
    ss.ss_family = AF_INET6;
    INETADDR_SETLOOPBACK(reinterpret_cast<SOCKADDR *>(&ss));
    SS_PORT(&ss) = 0x8913;
    CHECK(INETADDR_ISLOOPBACK(reinterpret_cast<SOCKADDR *>(&ss)) &&
          INETADDR_PORT(reinterpret_cast<SOCKADDR *>(&ss)) == 0x8913 && tolower('Q') == 'q');
    std::printf("%s: C++ translation unit\n", failed ? "FAIL" : "ok");
    return failed != 0;
}
