/*
 * One JSON object on one line, built in a caller-supplied buffer without
 * allocation: every string is escaped (quote, backslash, control bytes, and
 * bytes that are not UTF-8 as \u00XX) and bounded, so that whatever a
 * program path or a process title contains, the line parses and ends with a
 * newline.
 */
#ifndef WSPSHIM_JSONLINE_H
#define WSPSHIM_JSONLINE_H

#include <stddef.h>
#include <stdint.h>

struct jline {
    char *buf;
    size_t len, cap;
    int overflow;             /* something did not fit: the line must not be written */
};

void jl_init(struct jline *j, char *buf, size_t cap);
/* Trusted text (punctuation, keys), copied as is. */
void jl_raw(struct jline *j, const char *s);
/* S as a JSON string of at most MAX bytes between the quotes; a longer one
 * keeps its end (a path's file name) behind a leading "...".  NULL: null. */
void jl_str(struct jline *j, const char *s, size_t max);
void jl_int(struct jline *j, long v);
/* "0x..." as a JSON string */
void jl_hex(struct jline *j, uintptr_t v);
/* Closes nothing: appends "\n" and returns the line's length, or 0 if the
 * buffer overflowed (the caller drops the line rather than write a broken
 * one). */
size_t jl_finish(struct jline *j);

#endif
