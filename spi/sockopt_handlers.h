/* Option handlers referenced by the option table (sockopt_table.c). */
#ifndef WSP_SOCKOPT_HANDLERS_H
#define WSP_SOCKOPT_HANDLERS_H

#include "wsp_internal.h"

#define SET_FN(name) int name(struct wsp_optctx *c, int32_t v, const char *optval, int optlen)
#define GET_FN(name) int name(struct wsp_optctx *c, int32_t *v, char *buf, int buflen)

SET_FN(wsp_set_debug);           GET_FN(wsp_get_debug);
SET_FN(wsp_set_reuseaddr);       GET_FN(wsp_get_reuseaddr);
SET_FN(wsp_set_exclusive);       GET_FN(wsp_get_exclusive);
SET_FN(wsp_set_keepalive);
SET_FN(wsp_set_dontroute);       GET_FN(wsp_get_dontroute);
SET_FN(wsp_set_linger);          GET_FN(wsp_get_linger);
SET_FN(wsp_set_dontlinger);      GET_FN(wsp_get_dontlinger);
SET_FN(wsp_set_sndbuf);          GET_FN(wsp_get_sndbuf);
SET_FN(wsp_set_rcvbuf);          GET_FN(wsp_get_rcvbuf);
SET_FN(wsp_set_sndtimeo);        GET_FN(wsp_get_sndtimeo);
SET_FN(wsp_set_rcvtimeo);        GET_FN(wsp_get_rcvtimeo);
SET_FN(wsp_set_error);           GET_FN(wsp_get_error);
SET_FN(wsp_set_type);            GET_FN(wsp_get_type);
GET_FN(wsp_get_group_id);
SET_FN(wsp_set_group_priority);  GET_FN(wsp_get_group_priority);
GET_FN(wsp_get_max_msg_size);
GET_FN(wsp_get_protocol_info);
GET_FN(wsp_get_connect_time);
SET_FN(wsp_set_invalid);         GET_FN(wsp_get_invalid);
SET_FN(wsp_set_keepidle);        GET_FN(wsp_get_keepidle);
SET_FN(wsp_set_keepcnt);         GET_FN(wsp_get_keepcnt);
SET_FN(wsp_set_keepintvl);       GET_FN(wsp_get_keepintvl);
SET_FN(wsp_set_byte_value);
SET_FN(wsp_set_ttl);
SET_FN(wsp_set_v6only);
SET_FN(wsp_set_mcast_if);
SET_FN(wsp_set_membership);
SET_FN(wsp_set_source_membership);
SET_FN(wsp_set_mcast_group);
SET_FN(wsp_set_native_struct);
SET_FN(wsp_set_ip_options);      GET_FN(wsp_get_ip_options);
SET_FN(wsp_set_interface_index);
GET_FN(wsp_get_unicast_if4);
SET_FN(wsp_set_unicast_if6);     GET_FN(wsp_get_unicast_if6);
SET_FN(wsp_set_dontfrag);        GET_FN(wsp_get_dontfrag);
SET_FN(wsp_set_pmtud);           GET_FN(wsp_get_pmtud);
SET_FN(wsp_set_hdrincl);         GET_FN(wsp_get_hdrincl);
SET_FN(wsp_set_maxrt);           GET_FN(wsp_get_maxrt);
SET_FN(wsp_set_maxrtms);         GET_FN(wsp_get_maxrtms);
SET_FN(wsp_set_fastopen);
GET_FN(wsp_get_timestamps);
SET_FN(wsp_set_expedited);       GET_FN(wsp_get_expedited);
SET_FN(wsp_set_bsdurgent);       GET_FN(wsp_get_bsdurgent);
SET_FN(wsp_set_fail_on_icmp);    GET_FN(wsp_get_fail_on_icmp);
SET_FN(wsp_set_send_msg_size);

#endif
