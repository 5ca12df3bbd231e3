/*
 * heap.c - the process heap (GetProcessHeap, HeapAlloc, HeapReAlloc,
 * HeapFree, HeapSize) and LocalAlloc/GlobalAlloc, over malloc.
 *
 * Each block carries a 16-byte header (requested size and a tag), which
 * keeps malloc's 16-byte alignment (Windows' on x64), lets HeapReAlloc zero
 * exactly the bytes beyond the old size for HEAP_ZERO_MEMORY ("HeapReAlloc
 * function"), and lets a free of a pointer that is not a live block fail
 * with an error instead of corrupting memory.  All three families share the
 * allocator, so memory FormatMessageA allocates can be freed with
 * LocalFree.  LMEM_MOVEABLE/GMEM_MOVEABLE blocks never move: the handle is
 * the pointer and Local/GlobalLock return it.  HeapCreate (private heaps)
 * is not provided (README).
 */
#include "w32_object.h"

#include <stdint.h>
#include <stdlib.h>

#define W32_BLOCK_TAG  0x57334250u    /* live block */
#define W32_FREED_TAG  0x57334246u

struct block {
    size_t size;
    uint32_t tag;
    uint32_t pad;
};
_Static_assert(sizeof(struct block) == 16, "header keeps 16-byte alignment");

static const char process_heap;     /* its address is the heap handle */

W32_EXPORT HANDLE WINAPI GetProcessHeap(void) { return (HANDLE)&process_heap; }

static void *block_alloc(size_t n, BOOL zero)
{
    if (n > SIZE_MAX - sizeof(struct block))
        return NULL;
    struct block *b = zero ? calloc(1, sizeof *b + n) : malloc(sizeof *b + n);
    if (!b)
        return NULL;
    b->size = n;
    b->tag = W32_BLOCK_TAG;
    return b + 1;
}

static struct block *block_of(LPCVOID p)
{
    if (!p || ((uintptr_t)p & 15))
        return NULL;
    struct block *b = (struct block *)p - 1;
    return b->tag == W32_BLOCK_TAG ? b : NULL;
}

static BOOL block_free(LPVOID p)
{
    struct block *b = block_of(p);
    if (!b)
        return FALSE;
    b->tag = W32_FREED_TAG;
    free(b);
    return TRUE;
}

static BOOL heap_ok(HANDLE h)
{
    if (h == GetProcessHeap())
        return TRUE;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

/* HeapAlloc does not set the last error on failure ("HeapAlloc function"). */
W32_EXPORT LPVOID WINAPI HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)
{
    if (hHeap != GetProcessHeap())
        return NULL;
    return block_alloc(dwBytes, (dwFlags & HEAP_ZERO_MEMORY) != 0);
}

W32_EXPORT LPVOID WINAPI HeapReAlloc(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem, SIZE_T dwBytes)
{
    if (hHeap != GetProcessHeap())
        return NULL;
    struct block *b = block_of(lpMem);
    if (!b || dwBytes > SIZE_MAX - sizeof *b) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    size_t old = b->size;
    if (dwFlags & HEAP_REALLOC_IN_PLACE_ONLY) {
        if (dwBytes > old) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        b->size = dwBytes;
        return lpMem;
    }
    struct block *nb = realloc(b, sizeof *b + dwBytes);
    if (!nb) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    nb->size = dwBytes;
    if ((dwFlags & HEAP_ZERO_MEMORY) && dwBytes > old)
        memset((char *)(nb + 1) + old, 0, dwBytes - old);
    return nb + 1;
}

/* Freeing NULL succeeds; anything that is not a live block fails. */
W32_EXPORT BOOL WINAPI HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)
{
    (void)dwFlags;
    if (!heap_ok(hHeap))
        return FALSE;
    if (!lpMem)
        return TRUE;
    if (block_free(lpMem))
        return TRUE;
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}

W32_EXPORT SIZE_T WINAPI HeapSize(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)
{
    (void)dwFlags;
    struct block *b = heap_ok(hHeap) ? block_of(lpMem) : NULL;
    if (!b) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return (SIZE_T)-1;
    }
    return b->size;
}

/* LocalAlloc/GlobalAlloc: NULL and ERROR_NOT_ENOUGH_MEMORY on failure;
 * LocalFree/GlobalFree return NULL on success and the handle on failure. */
static HANDLE mem_alloc(UINT flags, SIZE_T n, UINT zero_flag)
{
    void *p = block_alloc(n, (flags & zero_flag) != 0);
    if (!p)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return p;
}

static HANDLE mem_free(HANDLE h)
{
    if (!h || block_free(h))
        return NULL;
    SetLastError(ERROR_INVALID_HANDLE);
    return h;
}

static LPVOID mem_lock(HANDLE h)
{
    if (block_of(h))
        return h;
    SetLastError(ERROR_INVALID_HANDLE);
    return NULL;
}

W32_EXPORT HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes) { return mem_alloc(uFlags, uBytes, LMEM_ZEROINIT); }
W32_EXPORT HLOCAL WINAPI LocalFree(HLOCAL hMem) { return mem_free(hMem); }
W32_EXPORT LPVOID WINAPI LocalLock(HLOCAL hMem) { return mem_lock(hMem); }
W32_EXPORT BOOL WINAPI LocalUnlock(HLOCAL hMem) { (void)hMem; return FALSE; }
W32_EXPORT HGLOBAL WINAPI GlobalAlloc(UINT uFlags, SIZE_T dwBytes) { return mem_alloc(uFlags, dwBytes, GMEM_ZEROINIT); }
W32_EXPORT HGLOBAL WINAPI GlobalFree(HGLOBAL hMem) { return mem_free(hMem); }
W32_EXPORT LPVOID WINAPI GlobalLock(HGLOBAL hMem) { return mem_lock(hMem); }
W32_EXPORT BOOL WINAPI GlobalUnlock(HGLOBAL hMem) { (void)hMem; return FALSE; }
