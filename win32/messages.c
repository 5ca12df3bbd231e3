/*
 * messages.c - the system message table FormatMessageA reads: Win32 and
 * Winsock error codes with an English description of our own wording (the
 * codes' meanings from the "System Error Codes" and "Windows Sockets Error
 * Codes" pages).  Every text ends with CRLF, as Windows' system messages do.
 */
#include "messages.h"

#include <stddef.h>

static const struct w32_message table[] = {
    { 0,     "The operation succeeded.\r\n" },
    { 1,     "The function is not valid for this object.\r\n" },
    { 2,     "No file of that name exists.\r\n" },
    { 3,     "No such path exists.\r\n" },
    { 4,     "The process has too many open files.\r\n" },
    { 5,     "Access was denied.\r\n" },
    { 6,     "The handle does not refer to an open object.\r\n" },
    { 8,     "There is not enough memory to complete this request.\r\n" },
    { 13,    "The data is not valid.\r\n" },
    { 14,    "There is not enough memory (storage) to complete this request.\r\n" },
    { 50,    "This request is not supported.\r\n" },
    { 87,    "A parameter is not valid.\r\n" },
    { 109,   "The other end of the pipe has been closed.\r\n" },
    { 120,   "This function is not implemented on this system.\r\n" },
    { 122,   "The buffer passed to the call is too small.\r\n" },
    { 126,   "The module was not found.\r\n" },
    { 183,   "The object already exists.\r\n" },
    { 234,   "More data is available than the buffer holds.\r\n" },
    { 235,   "The call did nothing, and cleaned up as after an error.\r\n" },
    { 258,   "The wait timed out.\r\n" },
    { 259,   "There are no more items.\r\n" },
    { 317,   "No message text exists for this message number.\r\n" },
    { 995,   "The I/O operation was aborted by a thread exit or an application request.\r\n" },
    { 996,   "The overlapped I/O event is not signalled yet.\r\n" },
    { 997,   "An overlapped I/O operation is in progress.\r\n" },
    { 998,   "A memory location given to the call cannot be accessed.\r\n" },
    { 1004,  "The flags are not valid.\r\n" },
    { 1168,  "The element was not found.\r\n" },
    { 1450,  "The system lacks the resources to complete the request.\r\n" },
    { 1460,  "The operation timed out.\r\n" },
    { 1815,  "No resource exists for the requested language.\r\n" },
    /* Winsock */
    { 10004, "A blocking call was interrupted by WSACancelBlockingCall.\r\n" },
    { 10009, "The file handle given is not valid.\r\n" },
    { 10013, "The socket's access permissions forbid this operation.\r\n" },
    { 10014, "A pointer argument refers to memory the call cannot use.\r\n" },
    { 10022, "An argument is not valid.\r\n" },
    { 10024, "Too many sockets are open.\r\n" },
    { 10035, "The non-blocking socket operation cannot complete right now.\r\n" },
    { 10036, "A blocking operation is already in progress.\r\n" },
    { 10037, "An operation is already in progress on this non-blocking socket.\r\n" },
    { 10038, "The handle is not a socket.\r\n" },
    { 10039, "The operation needs a destination address.\r\n" },
    { 10040, "The datagram was larger than the buffer or the protocol limit.\r\n" },
    { 10041, "The protocol does not support this socket type.\r\n" },
    { 10042, "The option or level is unknown, invalid or not supported.\r\n" },
    { 10043, "The protocol is not supported or not configured.\r\n" },
    { 10044, "This address family does not support the socket type.\r\n" },
    { 10045, "The operation is not supported for this type of socket.\r\n" },
    { 10046, "The protocol family is not supported or not configured.\r\n" },
    { 10047, "The protocol does not support this address family.\r\n" },
    { 10048, "The address (protocol, network address and port) is already in use.\r\n" },
    { 10049, "The address is not valid in this context.\r\n" },
    { 10050, "The network is down.\r\n" },
    { 10051, "No route leads to the network.\r\n" },
    { 10052, "The connection broke while the operation was in progress (keep-alive failure).\r\n" },
    { 10053, "Software on this host aborted the connection.\r\n" },
    { 10054, "The remote host reset the connection.\r\n" },
    { 10055, "No buffer space was available, or a queue was full.\r\n" },
    { 10056, "The socket is already connected.\r\n" },
    { 10057, "The socket is not connected (and no address was given).\r\n" },
    { 10058, "The socket was shut down in that direction.\r\n" },
    { 10059, "Too many references to a kernel object.\r\n" },
    { 10060, "The connection attempt timed out: the remote host did not answer in time.\r\n" },
    { 10061, "The connection was refused: the remote host has nothing listening at that address and port.\r\n" },
    { 10062, "A name cannot be translated.\r\n" },
    { 10063, "A name or name component is too long.\r\n" },
    { 10064, "The remote host is down.\r\n" },
    { 10065, "No route leads to the host.\r\n" },
    { 10066, "The directory is not empty.\r\n" },
    { 10067, "Too many processes are using Windows Sockets at once.\r\n" },
    { 10068, "The user quota was exceeded.\r\n" },
    { 10069, "The disk quota was exceeded.\r\n" },
    { 10070, "The file handle refers to something that no longer exists.\r\n" },
    { 10071, "The item is not available locally.\r\n" },
    { 10091, "The network subsystem is not ready.\r\n" },
    { 10092, "This Windows Sockets version is not supported.\r\n" },
    { 10093, "WSAStartup has not been called successfully yet.\r\n" },
    { 10101, "The remote side is closing the connection gracefully.\r\n" },
    { 10102, "There are no more results.\r\n" },
    { 10103, "The call was cancelled.\r\n" },
    { 10104, "The procedure call table is not valid.\r\n" },
    { 10105, "The service provider is not valid.\r\n" },
    { 10106, "The service provider failed to load or initialize.\r\n" },
    { 10107, "A system call that should never fail failed.\r\n" },
    { 10108, "The service is not known.\r\n" },
    { 10109, "The class type was not found.\r\n" },
    { 10110, "There are no more results.\r\n" },
    { 10111, "The call was cancelled.\r\n" },
    { 10112, "The query was refused.\r\n" },
    { 11001, "The host is not known.\r\n" },
    { 11002, "The host name could not be resolved right now; try again later.\r\n" },
    { 11003, "A lookup failed with an error that cannot be recovered.\r\n" },
    { 11004, "The name is valid but has no data of the requested type.\r\n" },
};

const char *w32_message_text(DWORD id)
{
    size_t lo = 0, hi = sizeof table / sizeof table[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (table[mid].id == id)
            return table[mid].text;
        if (table[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
