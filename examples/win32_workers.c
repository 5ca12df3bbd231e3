/*
 * win32_workers.c - a Windows-style program using only the Win32 base:
 * worker threads started together by a manual-reset event, a critical
 * section, WaitForMultipleObjects on the thread handles, exit codes, an
 * auto-reset event, the last error, the process heap, strsafe and
 * FormatMessageA.  Every line it prints is deterministic, so the Linux
 * build (pkg-config win32base) and the Windows build (mingw-w64, run under
 * Wine) must print the same lines; win32/tests/example_compare.sh checks
 * that.  Exit status 0 when every step behaved as Windows documents.
 *
 *   cc win32_workers.c $(pkg-config --cflags --libs win32base)
 *   x86_64-w64-mingw32-gcc win32_workers.c -o win32_workers.exe
 */
#include <winsock2.h>   /* WSAECONNREFUSED only; no Winsock call is made */
#include <windows.h>
#define STRSAFE_NO_DEPRECATE   /* the SDK's strsafe.h hides _snprintf otherwise */
#include <strsafe.h>
#include <stdio.h>

#define NWORKERS 4

struct job {
    int id;
    HANDLE start;
    CRITICAL_SECTION *lock;
    LONGLONG *total;
    char result[24];
};

static LONG started;

static DWORD WINAPI worker(LPVOID arg)
{
    struct job *job = (struct job *)arg;
    LONGLONG sum = 0;
    InterlockedIncrement(&started);
    if (WaitForSingleObject(job->start, 10000) != WAIT_OBJECT_0)
        return 1000;
    for (int i = 1; i <= job->id * 1000; i++)
        sum += i;
    EnterCriticalSection(job->lock);
    *job->total += sum;
    LeaveCriticalSection(job->lock);
    StringCchPrintfA(job->result, sizeof job->result, "sum(1..%d)=%lld", job->id * 1000, sum);
    return (DWORD)(job->id * 10);
}

static int failures;

static void line(int ok, const char *what, const char *detail)
{
    printf("%s: %s%s%s\n", ok ? "ok" : "FAIL", what, detail ? " -> " : "", detail ? detail : "");
    failures += !ok;
}

int main(void)
{
    char buf[128];
    CRITICAL_SECTION lock;
    LONGLONG total = 0;
    struct job jobs[NWORKERS];
    HANDLE threads[NWORKERS];
    HANDLE start = CreateEventA(NULL, TRUE, FALSE, NULL);

    InitializeCriticalSection(&lock);
    for (int i = 0; i < NWORKERS; i++) {
        jobs[i].id = i + 1;
        jobs[i].start = start;
        jobs[i].lock = &lock;
        jobs[i].total = &total;
        jobs[i].result[0] = '\0';
        threads[i] = CreateThread(NULL, 0, worker, &jobs[i], 0, NULL);
    }
    line(start && threads[NWORKERS - 1], "created 4 threads and a manual-reset event", NULL);
    while (InterlockedCompareExchange(&started, 0, 0) < NWORKERS)
        Sleep(1);
    DWORD r = WaitForMultipleObjects(NWORKERS, threads, TRUE, 50);
    StringCchPrintfA(buf, sizeof buf, "%u", (unsigned)r);
    line(r == WAIT_TIMEOUT, "workers wait for the start event (WAIT_TIMEOUT=258)", buf);
    SetEvent(start);
    r = WaitForMultipleObjects(NWORKERS, threads, TRUE, 10000);
    StringCchPrintfA(buf, sizeof buf, "%u", (unsigned)r);
    line(r == WAIT_OBJECT_0, "all workers finished (WAIT_OBJECT_0)", buf);
    for (int i = 0; i < NWORKERS; i++) {
        DWORD code = 0;
        GetExitCodeThread(threads[i], &code);
        StringCchPrintfA(buf, sizeof buf, "worker %d exit code %u, %s", jobs[i].id, (unsigned)code,
                         jobs[i].result);
        line(code == (DWORD)(jobs[i].id * 10), "thread exit code", buf);
        CloseHandle(threads[i]);
    }
    StringCchPrintfA(buf, sizeof buf, "%lld", total);
    line(total == 500500LL + 2001000LL + 4501500LL + 8002000LL, "critical section total", buf);
    DeleteCriticalSection(&lock);

    HANDLE once = CreateEventA(NULL, FALSE, FALSE, NULL);
    SetEvent(once);
    SetEvent(once);
    DWORD w1 = WaitForSingleObject(once, 0), w2 = WaitForSingleObject(once, 0);
    StringCchPrintfA(buf, sizeof buf, "%u then %u", (unsigned)w1, (unsigned)w2);
    line(w1 == WAIT_OBJECT_0 && w2 == WAIT_TIMEOUT, "auto-reset event set twice, waited twice", buf);
    CloseHandle(once);
    CloseHandle(start);

    SetLastError(0);
    BOOL closed = CloseHandle(start);       /* already closed */
    StringCchPrintfA(buf, sizeof buf, "%d, GetLastError %u", closed, (unsigned)GetLastError());
    line(!closed && GetLastError() == ERROR_INVALID_HANDLE, "CloseHandle of a closed handle", buf);
    r = WaitForMultipleObjects(0, threads, FALSE, 0);
    StringCchPrintfA(buf, sizeof buf, "%u, GetLastError %u", (unsigned)r, (unsigned)GetLastError());
    line(r == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER, "wait on 0 handles", buf);

    unsigned char *mem = (unsigned char *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 1000);
    int zero = mem != NULL;
    for (int i = 0; zero && i < 1000; i++)
        zero = mem[i] == 0;
    line(zero && HeapFree(GetProcessHeap(), 0, mem), "HeapAlloc(HEAP_ZERO_MEMORY) is zeroed", NULL);

    char small[8];
    HRESULT hr = StringCchCopyA(small, sizeof small, "truncate this");
    StringCchPrintfA(buf, sizeof buf, "0x%08x \"%s\"", (unsigned)hr, small);
    line(hr == STRSAFE_E_INSUFFICIENT_BUFFER, "StringCchCopyA into 8 chars", buf);
    size_t len = 0;
    hr = StringCchLengthA("abc", 3, &len);
    StringCchPrintfA(buf, sizeof buf, "0x%08x", (unsigned)hr);
    line(hr == STRSAFE_E_INVALID_PARAMETER, "StringCchLengthA(\"abc\", 3)", buf);
    int n = _snprintf(small, 3, "%d", 12345);
    StringCchPrintfA(buf, sizeof buf, "%d \"%.3s\"", n, small);
    line(n == -1, "_snprintf truncating to 3", buf);
    StringCchPrintfA(buf, sizeof buf, "%d %d %d", lstrlenA("hello"), lstrcmpiA("ABC", "abc"),
                     _strnicmp("WinSock", "winsocket", 7));
    line(lstrlenA("hello") == 5, "lstrlenA, lstrcmpiA, _strnicmp", buf);

    char *text = NULL;
    DWORD chars = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER |
                                 FORMAT_MESSAGE_IGNORE_INSERTS, NULL, WSAECONNREFUSED,
                                 MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), (LPSTR)&text, 0, NULL);
    int crlf = chars >= 2 && text[chars - 2] == '\r' && text[chars - 1] == '\n';
    line(chars > 0 && crlf, "FormatMessageA(WSAECONNREFUSED) has text ending in CRLF", NULL);
    line(LocalFree(text) == NULL, "LocalFree of the message buffer", NULL);
    chars = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                           0x20001234, 0, buf, sizeof buf, NULL);
    StringCchPrintfA(buf, sizeof buf, "%u, GetLastError %u", (unsigned)chars, (unsigned)GetLastError());
    line(chars == 0 && GetLastError() == ERROR_MR_MID_NOT_FOUND, "FormatMessageA of an unknown id", buf);

    printf("%d failures\n", failures);
    fflush(stdout);
    ExitProcess(failures ? 1 : 0);
}
