/* messages.h - private: the system message table (messages.c), sorted by id. */
#ifndef W32_MESSAGES_H
#define W32_MESSAGES_H

#include <windows.h>

struct w32_message {
    DWORD id;
    const char *text;
};

/* The text for a Win32 or Winsock error code, or NULL. */
const char *w32_message_text(DWORD id);

#endif /* W32_MESSAGES_H */
