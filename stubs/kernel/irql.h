/* irql.h - the IRQL of each simulated thread and the one table of documented maximums
 * (ke_irql.c owns the checks; the level itself lives with the thread in sched.c).
 *
 * One row per modeled routine: X(routine, the highest IRQL its page allows). */
#ifndef WSKFUZZ_IRQL_H
#define WSKFUZZ_IRQL_H

#include "core.h"
#include "sched.h"

#define WSKFUZZ_IRQL_LIMITS(X)                                   \
    X(PsCreateSystemThread, PASSIVE_LEVEL)                       \
    X(PsTerminateSystemThread, PASSIVE_LEVEL)                    \
    X(ObReferenceObjectByHandle, PASSIVE_LEVEL)                  \
    X(ZwClose, PASSIVE_LEVEL)                                    \
    X(ZwWaitForSingleObject, PASSIVE_LEVEL)                      \
    X(IoCreateDevice, PASSIVE_LEVEL)                             \
    X(IoDeleteDevice, PASSIVE_LEVEL)                             \
    X(IoAllocateWorkItem, DISPATCH_LEVEL)                        \
    X(IoQueueWorkItem, DISPATCH_LEVEL)                           \
    X(IoFreeWorkItem, DISPATCH_LEVEL)                            \
    X(ExQueueWorkItem, DISPATCH_LEVEL)                           \
    X(KeDelayExecutionThread, APC_LEVEL)                         \
    X(ExWaitForRundownProtectionRelease, APC_LEVEL)              \
    X(ExAcquireFastMutex, APC_LEVEL)                             \
    X(KeSetEvent, DISPATCH_LEVEL)                                \
    X(KeSetTimer, DISPATCH_LEVEL)                                \
    X(KeCancelTimer, DISPATCH_LEVEL)                             \
    X(KeAcquireSpinLock, DISPATCH_LEVEL)                         \
    X(ExAllocatePool, DISPATCH_LEVEL)                            \
    X(ExFreePool, DISPATCH_LEVEL)                                \
    X(NmrRegisterClient, PASSIVE_LEVEL)                          \
    X(NmrDeregisterClient, PASSIVE_LEVEL)                        \
    X(NmrWaitForClientDeregisterComplete, PASSIVE_LEVEL)         \
    X(NmrClientDetachProviderComplete, DISPATCH_LEVEL)           \
    X(WskRegister, PASSIVE_LEVEL)                                \
    X(WskDeregister, PASSIVE_LEVEL)                              \
    X(WskCaptureProviderNPI, PASSIVE_LEVEL)                      \
    X(WskReleaseProviderNPI, DISPATCH_LEVEL)

typedef enum {
#define WSKFUZZ_IRQL_ENUM(routine, max) IRQL_##routine,
    WSKFUZZ_IRQL_LIMITS(WSKFUZZ_IRQL_ENUM)
#undef WSKFUZZ_IRQL_ENUM
    IRQL_ROUTINE_COUNT
} irql_routine;

/* IRQL_TOO_HIGH when the current thread is above the routine's maximum (inline: a compare on
 * every checked call; the table is ke_irql.c's). */
extern const KIRQL irql_limit[IRQL_ROUTINE_COUNT];
void irql_too_high(irql_routine routine);
static inline void irql_check(irql_routine routine)
{
    if (sched_irql() > irql_limit[routine])
        irql_too_high(routine);
}
/* A wait: at DISPATCH_LEVEL only a zero timeout is allowed (WAIT_AT_DISPATCH). */
void irql_check_wait(const char *routine, const LARGE_INTEGER *timeout);
/* Paged pool is not for DISPATCH_LEVEL (PAGED_POOL_AT_DISPATCH). */
void irql_check_paged(const char *routine);
/* Call a client callback at `level` (the highest its page allows): raise before, and after it
 * check it returned at that level (IRQL_NOT_RESTORED) and go back. */
void irql_not_restored(KIRQL expected, const char *callback);
static inline KIRQL irql_enter_callback(KIRQL level)
{
    KIRQL before = sched_irql();
    if (level > before)
        sched_set_irql(level);
    return before;
}
static inline void irql_leave_callback(KIRQL level, KIRQL before, const char *callback)
{
    KIRQL expected = level > before ? level : before;
    if (sched_irql() != expected)
        irql_not_restored(expected, callback);
    sched_set_irql(before);
}

#endif
