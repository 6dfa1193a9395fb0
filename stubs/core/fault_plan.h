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
 * unused), another runnable thread runs first: thread `to - 1` when `to` names one that is
 * runnable there, else (and with `to` 0) the one the scheduler's fixed order picks. */
typedef struct {
    uint8_t thread;
    uint8_t call;
    uint8_t to;
} stub_preemption;

/* The client callbacks whose IRQL the input chooses, each within its documented range (all
 * three: <= DISPATCH_LEVEL). Attach runs at PASSIVE_LEVEL, work items and system threads at
 * PASSIVE_LEVEL, DPCs at DISPATCH_LEVEL: nothing to choose there. */
typedef enum {
    CB_DETACH,     /* ClientDetachProvider (rule 21) */
    CB_CLEANUP,    /* ClientCleanupBindingContext (rule 21) */
    CB_COMPLETION, /* an IRP's completion routine */
    CB_KIND_COUNT
} callback_kind;

/* A choice: IRQL_CHOICE_DEFAULT keeps what the model did before inputs chose (detach and cleanup
 * at DISPATCH_LEVEL, a completion routine at its completer's IRQL). A choice only ever raises:
 * a callback never runs below the IRQL of the thread that calls it. */
typedef enum {
    IRQL_CHOICE_DEFAULT,
    IRQL_CHOICE_PASSIVE,
    IRQL_CHOICE_APC,
    IRQL_CHOICE_DISPATCH,
    IRQL_CHOICE_COUNT
} irql_choice;

typedef struct {
    stub_fault faults[STUB_MAX_FAULTS];
    stub_preemption preemptions[STUB_MAX_PREEMPTIONS];
    uint8_t callback_irql[CB_KIND_COUNT]; /* irql_choice, per callback kind */
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
/* Does the plan preempt this thread at this call (0 is never one)? */
bool fault_plan_preempts_at(unsigned thread, unsigned call);
/* The thread the plan's preemption at (thread, call) hands over to: 0 the scheduler's order, else
 * thread + 1. */
unsigned fault_plan_preemption_target(unsigned thread, unsigned call);

/* The IRQL a callback of this kind runs at: the input's choice, `dflt` for IRQL_CHOICE_DEFAULT.
 * Noted as reached (explore sweeps the choices of the kinds its clean run reached). */
KIRQL fault_plan_callback_irql(callback_kind kind, KIRQL dflt);
const char *callback_kind_name(callback_kind kind);
const char *irql_choice_name(irql_choice choice);

/* What a clean run offers explore beyond its fault points: the callback kinds it reached (a bit
 * each, noted on every run) and, only while explore asks, its preemption points: each kernel call
 * of each thread where a preemption would switch, with the threads runnable there (a bit each)
 * and the one the scheduler's order picks. The scheduler notes them
 * (fault_plan_note_preemption_point). */
typedef struct {
    uint8_t thread, call;
    uint8_t order; /* the scheduler's choice */
    uint16_t runnable;
} stub_preemption_point;
void stub_record_schedule(bool on);
bool fault_plan_recording(void);
void fault_plan_note_preemption_point(unsigned thread, unsigned call, unsigned order, unsigned runnable);
unsigned stub_callback_kinds_reached(void);
unsigned stub_preemption_point_count(void); /* all of them; the first STUB_MAX_RECORDED_PREEMPTIONS are kept */
const stub_preemption_point *stub_preemption_point_at(unsigned i);

#endif
