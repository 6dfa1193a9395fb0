/* fault_plan.h - fault points and the plan that decides them (fault_plan.c owns the plan). */
#ifndef WSKFUZZ_FAULT_PLAN_H
#define WSKFUZZ_FAULT_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "limits.h"
#include "wdk_types.h"

typedef enum {
    FP_ALLOC,              /* a pool or IRP allocation: fails */
    FP_NMR_REGISTER_CLIENT,/* NmrRegisterClient */
    FP_NMR_ATTACH,         /* the WSK provider's answer to NmrClientAttachProvider */
    FP_WSK_REGISTER,       /* WskRegister */
    FP_WSK_CAPTURE,        /* WskCaptureProviderNPI */
    FP_WSK_QUERY,          /* WskQueryProviderCharacteristics */
    FP_WSK_CONTROL,        /* WskControlClient and other provider dispatch calls */
    /* socket calls (wsk_sockets.c): a call that pends takes a second point of its kind, the
     * status its IRP completes with later (STATUS_PENDING or no fault there: success) */
    FP_WSK_SOCKET,         /* WskSocket */
    FP_WSK_CONNECT,        /* WskSocketConnect, WskConnect, WskConnectEx, WskAccept */
    FP_WSK_BIND,           /* WskBind, WskListen */
    FP_WSK_SEND,           /* WskSend, WskSendTo */
    FP_WSK_RECEIVE,        /* WskReceive, WskReceiveFrom */
    FP_WSK_DISCONNECT,     /* WskDisconnect */
    FP_WSK_CLOSE,          /* WskCloseSocket */
    FP_WSK_ADDRINFO,       /* WskGetAddressInfo */
    FP_WAIT,               /* a wait with a timeout on an unsignaled object: it times out now */
    FP_KIND_COUNT
} fault_kind;

typedef struct {
    uint8_t point;  /* 1-based index of the fault point it applies to; 0 = unused */
    uint8_t choice; /* which status (index into the call's table), or for FP_ALLOC: fail */
} stub_fault;

/* A preemption: when simulated thread `thread` makes its `call`-th kernel call (1-based; 0 =
 * unused), another runnable thread runs first (the scheduler's order picks which). */
typedef struct {
    uint8_t thread;
    uint8_t call;
} stub_preemption;

typedef struct {
    stub_fault faults[STUB_MAX_FAULTS];
    stub_preemption preemptions[STUB_MAX_PREEMPTIONS];
    bool hostile; /* statuses beyond the documented ones (any NTSTATUS, STATUS_PENDING, informational) */
    /* The bench's baseline (WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL): every allocation fails with this
     * percentage, drawn from random_state (seeded from the input); 0 = off, the faults above rule. */
    uint8_t random_alloc_percent;
    uint64_t random_state;
} stub_plan;

/* The statuses a fault can inject at a point of this kind (documented, or hostile). */
const NTSTATUS *fault_statuses(fault_kind kind, bool hostile, unsigned *count);
const char *fault_kind_name(fault_kind kind);
/* Fault points of the run so far: count and the kind of each (explore uses them). */
unsigned stub_fault_point_count(void);
fault_kind stub_fault_point_kind(unsigned point /* 1-based */);

void stub_set_plan(const stub_plan *plan);
void fault_plan_reset(void);
bool fault_plan_hostile(void);
/* The next fault point: does this allocation fail? / which status (STATUS_SUCCESS: no fault). */
bool fault_alloc_fails(void);
NTSTATUS fault_status(fault_kind kind);
/* The first kernel call of this thread after `after` the plan preempts it at (0: none). */
unsigned fault_plan_next_preemption(unsigned thread, unsigned after);

#endif
