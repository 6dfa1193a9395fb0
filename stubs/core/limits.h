/* limits.h - the bounds of the model: a scenario beyond them is cut, never rejected. */
#ifndef WSKFUZZ_LIMITS_H
#define WSKFUZZ_LIMITS_H

#define STUB_MAX_FAULTS 4        /* fault-plan entries per scenario */
#define STUB_MAX_PROVIDERS 4     /* providers a scenario can register */
#define STUB_MAX_CLIENTS 4       /* NMR client registrations one driver may make */
#define STUB_MAX_BINDINGS 16     /* client-provider bindings per scenario */
#define STUB_MAX_WSK_REGS 4      /* WskRegister registrations per scenario */
#define STUB_MAX_PENDING_IRPS 16 /* IRPs the provider holds at once */
#define STUB_MAX_ATTACH_ATTEMPTS 8 /* NmrClientAttachProvider calls in one callback before a retry storm */
#define STUB_MAX_POOL 256        /* live pool allocations tracked */
#define STUB_TRACE_EVENTS 256    /* events kept for the trace */
#define STUB_MAX_RECORDED_POINTS 255 /* fault points whose kind is remembered (explore) */
#define STUB_MAX_PREEMPTIONS 3  /* thread switches an input may force, per scenario */
#define STUB_MAX_THREADS 16      /* simulated kernel threads per scenario, the harness's included */
#define STUB_MAX_RECORDED_PREEMPTIONS 255 /* preemption points a clean run remembers (explore) */

#endif
