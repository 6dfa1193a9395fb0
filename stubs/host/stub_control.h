/* stub_control.h - the harness side of the stub kernel. Clients never include this.
 *
 * One scenario: stub_reset(), stub_set_plan(), then world events (providers arriving and
 * leaving, IRPs completing) around stub_load_driver() / stub_unload_driver(), and finally
 * stub_final_checks(). Nothing survives stub_reset(). */
#ifndef WSKFUZZ_STUB_CONTROL_H
#define WSKFUZZ_STUB_CONTROL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The harness is not a client: keep the MSVC spellings (try, leave, min, max...) out of it. */
#define WSKFUZZ_HARNESS 1
#include <wsk.h>

#include "verdict_catalog.h"

/* ---- limits of the model (a scenario beyond them is cut, never rejected) ---- */
#define STUB_MAX_FAULTS 4        /* fault-plan entries per scenario */
#define STUB_MAX_PROVIDERS 4     /* providers a scenario can register */
#define STUB_MAX_CLIENTS 4       /* NMR client registrations one driver may make */
#define STUB_MAX_BINDINGS 16     /* client-provider bindings per scenario */
#define STUB_MAX_WSK_REGS 4      /* WskRegister registrations per scenario */
#define STUB_MAX_PENDING_IRPS 16 /* IRPs the provider holds at once */
#define STUB_MAX_ATTACH_ATTEMPTS 8 /* NmrClientAttachProvider calls in one callback before a retry storm */
#define STUB_MAX_POOL 256        /* live pool allocations tracked */
#define STUB_TRACE_EVENTS 256    /* events kept for the trace */

/* ---- fault plan ---- */
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

typedef struct {
    stub_fault faults[STUB_MAX_FAULTS];
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
#define STUB_MAX_RECORDED_POINTS 255

/* ---- providers the world registers ---- */
typedef enum { NPI_KIND_WSK, NPI_KIND_OTHER, NPI_KIND_COUNT } npi_kind;

typedef struct {
    NPI_REGISTRATION_INSTANCE instance;  /* NpiId / ModuleId / characteristics are set by the stub */
    npi_kind npi;
    NPI_MODULEID module_id;
    bool has_characteristics;
    WSK_PROVIDER_CHARACTERISTICS characteristics;
    bool dispatch_highest_minor; /* dispatch Version: highest minor of the major, not the requested one */
} stub_provider_spec;

/* ---- the run ---- */
void stub_reset(void);
void stub_set_plan(const stub_plan *plan);
/* Called from a verdict to print the scenario (the harness knows how to describe it). */
void stub_set_scenario_printer(void (*print)(FILE *out, void *arg), void *arg);
/* Called when the client blocks (a capture with a timeout, a deregistration wait): the world
 * may make progress. Returns true if it did something. */
void stub_set_world_hook(bool (*advance)(void *arg), void *arg);

NTSTATUS stub_load_driver(void);          /* DriverEntry; a failure means no unload */
bool stub_driver_loaded(void);
void stub_unload_driver(void);            /* DriverUnload, then the unload checks */
int stub_provider_register(const stub_provider_spec *spec); /* returns provider index or -1 */
void stub_provider_deregister(int provider);
unsigned stub_pending_irp_count(void);
void stub_complete_irp(unsigned which, NTSTATUS status); /* which: index among pending IRPs */
NTSTATUS stub_pending_irp_status(unsigned which);         /* the status the provider would give it */
void stub_drain_world(void);              /* complete every pending IRP: what "eventually" means */
void stub_final_checks(void);             /* residue: pool, bindings, registrations, captures, IRPs */

/* ---- verdicts ---- */
const char *verdict_name(verdict_id id);
const char *verdict_rule(verdict_id id);
const char *verdict_page(verdict_id id);
/* Report a violation: headline, rule, scenario, trace; then abort() - or, when a catcher is
 * set, record it and longjmp there (unit tests and explore). */
void verdict_fire(verdict_id id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void verdict_set_catcher(jmp_buf *catcher);
verdict_id verdict_last(void);           /* V_COUNT when none */
const char *verdict_last_message(void);

/* ---- NTSTATUS names (status_names.c) ---- */
const char *status_name(NTSTATUS s);     /* "STATUS_NOINTERFACE", or "0xC0001234" */
bool status_parse(const char *text, NTSTATUS *out); /* a name or a number */

/* ---- trace ---- */
void trace_print(FILE *out);
bool trace_enabled_verbose(void);
void trace_set_verbose(bool on);         /* print each event as it happens (describe/reproducer) */

/* ---- the client's writable data: restored before each input ---- */
void stub_client_globals_snapshot(void); /* once, before the first DriverEntry */
void stub_client_globals_restore(void);  /* before each input */
size_t stub_client_globals_size(void);

/* The client's entry point (defined by the client). */
DRIVER_INITIALIZE DriverEntry;

#endif
