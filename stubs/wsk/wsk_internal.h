/* wsk_internal.h - what the files of the WSK subsystem (stubs/wsk/) share among themselves. */
#ifndef WSKFUZZ_WSK_INTERNAL_H
#define WSKFUZZ_WSK_INTERNAL_H

#include "core.h"
#include "io.h"
#include "nmr.h"
#include "not_modeled.h"
#include "pool.h"
#include "wsk_subsystem.h"

#define WSKFUZZ_CLIENT_MAGIC 0x4b53574bu /* "KWSK" */

/* The WSK_CLIENT object handed to clients: opaque to them, checked on every provider call. */
struct _WSK_CLIENT {
    uint32_t magic;
    int binding;   /* NMR binding index, or -1 */
    int wsk_reg;   /* WskRegister registration index, or -1 */
};

/* wsk_provider.c: the provider, its bindings and dispatch */
void wsk_provider_reset(void);
const stub_provider_spec *wsk_first_provider(void); /* the first registered WSK provider, or NULL */
bool wsk_version_supported(const stub_provider_spec *spec, USHORT requested);
void wsk_fill_dispatch(WSK_PROVIDER_DISPATCH *d, const stub_provider_spec *spec, USHORT requested);
void wsk_client_check(PWSK_CLIENT client, const char *call);
const struct _WSK_CLIENT *wsk_client_object(int binding, int wsk_reg); /* NULL for none */
bool wsk_client_detaching(PWSK_CLIENT client);  /* its NMR binding is detaching */
/* A call's preemption point; while its thread is switched out the call is in flight on the NMR
 * binding (-1: none) and a detach returning STATUS_SUCCESS is DETACH_WHILE_CALL_IN_FLIGHT. */
void wsk_call_point(int binding);

/* wsk_registration.c: the WskRegister library */
void wsk_registration_reset(void);
void wsk_registration_start(void);
void wsk_reg_final_checks(void);
/* true when client is a registration's: checked (WSK_CALL_AFTER_DEREGISTER / _RELEASE). */
bool wsk_reg_check_client(PWSK_CLIENT client, const char *call);
const struct _WSK_CLIENT *wsk_reg_client_object(int wsk_reg);

/* wsk_sockets.c */
void wsk_sockets_reset(void);
void wsk_sockets_start(void);
void wsk_sockets_final_checks(void);
void wsk_sockets_deregistering(int wsk_reg);      /* WskDeregister waits for sockets */
bool wsk_sockets_provider_detaching(int binding); /* true: the detach waits for sockets */
void wsk_irp_completed(void);                     /* after a completion routine ran */
WSK_SOCKET_FN wsk_socket;
WSK_SOCKET_CONNECT_FN wsk_socket_connect;

/* The names of the socket calls in the trace (wsk_sockets.c): T_SOCKET_CALL's a is the call,
 * b its socket (or its flags, its name space); the address-list calls have their own codes. */
#define WSK_TRACE_GET_ADDRESS_INFO 0x100
#define WSK_TRACE_FREE_ADDRESS_INFO 0x101
const char *wsk_socket_call_name(uint64_t call);
bool wsk_socket_call_creates(uint64_t call); /* WskSocket, WskSocketConnect: no socket yet */
void wsk_trace_words_start(void);            /* wsk_trace_words.c */

/* wsk_addrinfo.c */
void wsk_addrinfo_reset(void);
void wsk_addrinfo_final_checks(void);
void wsk_addrinfo_deregistering(int wsk_reg);
WSK_GET_ADDRESS_INFO_FN wsk_get_address_info;
WSK_FREE_ADDRESS_INFO_FN wsk_free_address_info;
WSK_GET_NAME_INFO_FN wsk_get_name_info;

#endif
