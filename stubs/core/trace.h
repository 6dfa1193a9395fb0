/* trace.h - the per-scenario event log: a fixed array of small records, printed only with a
 * verdict or on request, so recording costs a few stores per event. */
#ifndef WSKFUZZ_TRACE_H
#define WSKFUZZ_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define WSKFUZZ_TRACE_EVENTS(X)                          \
    X(DRIVER_ENTRY, "DriverEntry")                       \
    X(DRIVER_UNLOAD, "DriverUnload")                     \
    X(FAULT, "fault injected")                           \
    X(POOL_ALLOC, "ExAllocatePool")                      \
    X(POOL_ALLOC_FAILED, "ExAllocatePool -> NULL")       \
    X(POOL_FREE, "ExFreePool")                           \
    X(NMR_REGISTER_CLIENT, "NmrRegisterClient")          \
    X(NMR_DEREGISTER_CLIENT, "NmrDeregisterClient")      \
    X(NMR_WAIT_CLIENT, "NmrWaitForClientDeregisterComplete") \
    X(PROVIDER_REGISTER, "provider registers")           \
    X(PROVIDER_DEREGISTER, "provider deregisters")       \
    X(CLIENT_ATTACH_PROVIDER, "ClientAttachProvider")    \
    X(NMR_CLIENT_ATTACH_PROVIDER, "NmrClientAttachProvider") \
    X(CLIENT_DETACH_PROVIDER, "ClientDetachProvider")    \
    X(NMR_DETACH_COMPLETE, "NmrClientDetachProviderComplete") \
    X(CLIENT_CLEANUP, "ClientCleanupBindingContext")     \
    X(WSK_REGISTER, "WskRegister")                       \
    X(WSK_CAPTURE, "WskCaptureProviderNPI")              \
    X(WSK_RELEASE, "WskReleaseProviderNPI")              \
    X(WSK_QUERY, "WskQueryProviderCharacteristics")      \
    X(WSK_DEREGISTER, "WskDeregister")                   \
    X(WSK_CALL, "WSK_PROVIDER_DISPATCH call")            \
    X(IRP_ALLOC, "IoAllocateIrp")                        \
    X(IRP_FREE, "IoFreeIrp")                             \
    X(IRP_PENDING, "IRP pending in the provider")        \
    X(IRP_COMPLETE, "IRP completed")                     \
    X(WORLD_WAIT, "client blocks; the world moves on")  \
    X(SOCKET_CALL, "WSK socket call")                    \
    X(KE_WAIT, "kernel wait")                            \
    X(THREAD_CREATE, "PsCreateSystemThread")             \
    X(THREAD_EXIT, "thread ends")                        \
    X(WORK_QUEUED, "work item queued")                   \
    X(WORK_RUN, "work item runs")                        \
    X(DPC_RUN, "DPC runs")                               \
    X(TIMER_FIRE, "timer expires")                       \
    X(DEADLINE, "the clock jumps to a deadline")         \
    X(PREEMPT, "thread preempted")

typedef enum {
#define WSKFUZZ_TRACE_ENUM(id, text) T_##id,
    WSKFUZZ_TRACE_EVENTS(WSKFUZZ_TRACE_ENUM)
#undef WSKFUZZ_TRACE_ENUM
    T_COUNT
} trace_event_id;

/* a, b: event-specific numbers (index, size, tag, version). trace_event records a call or
 * happening; trace_return records what a call returned. */
void trace_event(trace_event_id ev, uint64_t a, uint64_t b, int32_t status);
void trace_return(trace_event_id ev, uint64_t a, uint64_t b, int32_t status);
void trace_reset(void);
unsigned trace_count(void);

/* How an event reads in a trace: the model that records an event says it in the words of the
 * call (`WskCaptureProviderNPI(registration 0, WaitTimeout=WSK_INFINITE_WAIT)`), registering a
 * formatter at start; an event without one prints its numbers. `previous` is the event before it
 * (NULL for the first): a failed allocation names the fault that made it fail. */
typedef struct {
    trace_event_id ev;
    bool is_return;
    uint64_t a, b;
    int32_t status;
} trace_view;
typedef void (*trace_formatter)(char *out, size_t size, const trace_view *event, const trace_view *previous);
void trace_set_formatter(trace_event_id ev, trace_formatter format);
/* For formatters: a pool tag as its four characters, as the source writes it ('tpcb'). */
void trace_tag_text(char out[5], uint32_t tag);
void trace_print(FILE *out);
bool trace_enabled_verbose(void);
void trace_set_verbose(bool on);
/* The simulated thread the next events belong to (the scheduler sets it; 0: the harness's,
 * whose events print as they always did). */
void trace_set_thread(unsigned thread);         /* print each event as it happens (describe/reproducer) */
/* Where the running thread's IRQL lives (the scheduler's, registered at its start): each event
 * records it and prints it where it is not PASSIVE_LEVEL. */
void trace_set_irql_source(const uint8_t *irql);

#endif
