/* wsk_calls.h - how the WSK models finish a call that takes an IRP (shared by wsk_sockets.c
 * and wsk_addrinfo.c; the engine is wsk_calls.c).
 *
 * A call checks its arguments, then records what it will do (a wsk_call) and lets the fault
 * plan decide: complete inside the call, pend (the world completes it later, at the status a
 * second fault point chose) or park (pend with nothing in the world that will ever complete
 * it: only closing the socket cancels it). The work itself (create the socket, copy the data,
 * write the address list) happens in the call's perform function when the IRP completes, so a
 * buffer freed before a pended IRP completes is caught by ASan, as the provider would hit it. */
#ifndef WSKFUZZ_WSK_CALLS_H
#define WSKFUZZ_WSK_CALLS_H

#include "core.h"
#include "wsk_internal.h"

typedef struct wsk_call wsk_call;
/* Do the work of a call completing with *status (which it may change); *information is what
 * IoStatus.Information reports. Runs for errors too (STATUS_CANCELLED included). */
typedef void (*wsk_perform_fn)(wsk_call *c, NTSTATUS *status, ULONG_PTR *information);

struct wsk_call {
    bool used, parked;
    PIRP irp;
    wsk_perform_fn perform;
    int sock;                 /* socket index it acts on, or -1 */
    int binding, wsk_reg;     /* the WSK_CLIENT it came through (as in struct _WSK_CLIENT) */
    int kind;                 /* the module's own operation code */
    /* arguments, captured at call time */
    ADDRESS_FAMILY af;
    USHORT socket_type;
    ULONG flags;
    SOCKADDR_STORAGE addr;    /* bind / connect / send-to address */
    SOCKADDR_STORAGE local;   /* WskSocketConnect's local address */
    WSK_BUF buf;
    bool has_buf;
    bool connect_too;         /* WskSocketConnect: the new socket is bound and connected */
    PSOCKADDR out_local, out_remote; /* accept / receive-from / get-address results */
    void *out;                /* WskControlSocket output buffer */
    SIZE_T out_size;
    SIZE_T *out_returned;
    PULONG control_length, control_flags; /* WskReceiveFrom */
    void *caller;             /* the client's return address (reports point at it) */
    PADDRINFOEXW *result;     /* WskGetAddressInfo */
    uint32_t name_hash;
    IN_ADDR v4;               /* a literal IPv4 name, when name_is_v4 */
    bool name_is_v4;
    int family_hint;
    USHORT port;              /* network byte order */
};

#define WSK_MAX_CALLS 32

void wsk_calls_reset(void);
/* The IRP discipline of "Using IRPs with Winsock Kernel Functions"; false when there is no IRP
 * and none is required. */
bool wsk_irp_check(PIRP irp, const char *call, bool required);
/* A record for a call with this IRP, or NULL when the model's table is full. */
wsk_call *wsk_call_new(PIRP irp, wsk_perform_fn perform, int sock, int binding, int wsk_reg);
/* Finish the call: model_status is the model's own answer (STATUS_SUCCESS: go ahead); the
 * fault point of `kind` may override it; park: nothing will complete it. Returns what the WSK
 * function returns. */
NTSTATUS wsk_call_finish(wsk_call *c, fault_kind kind, NTSTATUS model_status, bool park);
/* Complete every pending or parked call on this socket with STATUS_CANCELLED. */
void wsk_calls_cancel_socket(int sock);
/* Trace a dispatch call (a: the operation, b: its object). Calls through pointers carry no
 * macro-noted site, so an older site is dropped rather than shown against this call. */
void wsk_trace_call(uint64_t a, uint64_t b, int32_t status);
/* Calls in flight that came through this NMR binding. */
bool wsk_calls_on_binding(int binding);
/* Parked calls of this socket (they keep a wait from ending). */
bool wsk_calls_parked(int sock);

void wsk_calls_start(void);   /* registers the IRP hooks with io and the wait hint */
/* IRPs whose call has come back: each is the client's to reuse (IoReuseIrp) before another. */
void wsk_irp_reused(PIRP irp);

#endif
