/* headers_c99_main.c - runs the units of headers_c99.c and
 * headers_glibc_first.c (built as C99, see meson.build). */
#include <stdio.h>

int c99_headers(void);
int glibc_first(void);

int main(void)
{
    int a = c99_headers(), b = glibc_first();
    printf("%s: every header as C99\n%s: glibc's <sys/socket.h> before <windows.h>\n",
           a ? "ok" : "FAIL", b ? "ok" : "FAIL");
    return !(a && b);
}
