/* POSIX <-> Winsock value shapes (translate.c). */
#ifndef WSPSHIM_TRANSLATE_H
#define WSPSHIM_TRANSLATE_H

#include "shim.h"

struct shim_winval {
    const void *ptr;            /* what to hand to WSPSetSockOpt */
    int len;
    char buf[8];
};

/* 0, or the errno for a POSIX value with no Winsock form */
int shim_to_windows(const struct wsp_optrow *row, const void *val, socklen_t len, struct shim_winval *w);
/* the Windows buffer length to ask WSPGetSockOpt for */
int shim_get_winlen(const struct wsp_optrow *row, const socklen_t *len);
void shim_to_posix(const struct wsp_optrow *row, const char *win, int winlen, void *val, socklen_t *len);
void shim_render_posix(const struct wsp_optrow *row, int level, int name, const void *val, socklen_t len,
                       char *out, size_t cap);

#endif
