/*
 * process.c - ExitProcess.  Ends the process with exit(), so stdio buffers
 * are flushed and atexit handlers run, as the C runtime does on Windows
 * when the process detaches.  Linux keeps only the low 8 bits of the code
 * (README).
 */
#include "w32_object.h"

#include <stdlib.h>

W32_EXPORT void WINAPI ExitProcess(UINT uExitCode)
{
    exit((int)uExitCode);
}
