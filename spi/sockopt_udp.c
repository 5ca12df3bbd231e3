/*
 * IPPROTO_UDP options (doc "IPPROTO_UDP socket options"; ref §1.8, §3.4).
 */
#include "sockopt_handlers.h"

#include <netinet/in.h>
#include <netinet/udp.h>

/* UDP_SEND_MSG_SIZE: the segment size of UDP send offload, 0 = off.  Linux's
 * UDP_SEGMENT takes 0..65535 (more: EINVAL), checked here so that audit
 * predicts it. */
SET_FN(wsp_set_send_msg_size)
{
    (void)optval; (void)optlen;
    if ((uint32_t)v > 65535)
        return WSAEINVAL;
    return wsp_native_set_int(c, v);
}
