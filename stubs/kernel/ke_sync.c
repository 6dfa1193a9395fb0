/* ke_sync.c - events, semaphores, mutexes, timers, waits, delays, rundown protection and the
 * virtual clock (see wskfuzz_wdm_sync.h).
 *
 * One thread runs the whole scenario, so a wait cannot be satisfied by another thread: it lets
 * the world progress (scenario events, pending IRPs completing through the client's completion
 * routines) until its object is signaled. If nothing is left that could signal it, the wait
 * would block forever: WAIT_FOREVER. A timed wait may time out when the fault plan says so
 * (FP_WAIT) or when nothing is left to happen. A client that polls (delays or timed waits in a
 * loop) with nothing left to happen gets WAIT_FOREVER after IDLE_LIMIT rounds. */
#include "core.h"
#include "dpc.h"
#include "irql.h"
#include "ke_sync.h"
#include "sched.h"

#undef KeInitializeEvent
#undef KeSetEvent
#undef KeWaitForSingleObject
#undef KeWaitForMultipleObjects
#undef KeDelayExecutionThread
#undef ExAcquireFastMutex
#undef ExReleaseFastMutex
#undef KeAcquireGuardedMutex
#undef KeReleaseGuardedMutex
#undef ExReleaseRundownProtection
#undef ExReleaseRundownProtectionEx
#undef ExWaitForRundownProtectionRelease
#undef KeSetTimer
#undef KeSetTimerEx
#undef KeInsertQueueDpc

#define IDLE_LIMIT 20000
#define KE_WAIT_MULTIPLE 2 /* T_KE_WAIT's b: bit 0 a timeout, bit 1 several objects (a: their count) */
#define CLOCK_START 133485408000000000LL /* 2024-01-01 as a FILETIME: 100 ns since 1601 */
#define TICK 156250                      /* 15.625 ms */
#define ARMED 1                          /* timers: Header.Signalling while set */

static unsigned idle;
static LONGLONG now = CLOCK_START;

void ke_sync_reset(void)
{
    idle = 0;
    now = CLOCK_START;
}

void ke_sync_activity(void)
{
    idle = 0;
}

LONGLONG ke_clock_now(void)
{
    return now;
}

void ke_clock_set(LONGLONG t)
{
    now = t;
}

/* A relative (negative) or absolute timeout as a point on the virtual clock. */
static LONGLONG deadline_of(const LARGE_INTEGER *t)
{
    return t->QuadPart < 0 ? now - t->QuadPart : t->QuadPart;
}

static void elapse(const LARGE_INTEGER *interval)
{
    if (!interval)
        return;
    LONGLONG t = interval->QuadPart;
    if (t < 0)
        now -= t;
    else if (t > now)
        now = t; /* an absolute time */
}

/* ---- object state ---- */

static bool initialized(const DISPATCHER_HEADER *h)
{
    return h->WaitListHead.Flink == &h->WaitListHead && h->WaitListHead.Blink == &h->WaitListHead;
}

static void init_header(DISPATCHER_HEADER *h, UCHAR type, UCHAR size, LONG state)
{
    h->Type = type;
    h->Signalling = 0;
    h->Size = size;
    h->Reserved1 = 0;
    h->SignalState = state;
    h->WaitListHead.Flink = h->WaitListHead.Blink = &h->WaitListHead;
}

static void require_initialized(const DISPATCHER_HEADER *h, const char *call, const char *what)
{
    if (!h)
        verdict_fire(V_SYNC_MISUSE, "%s on a NULL %s", call, what);
    if (!initialized(h))
        verdict_fire(V_SYNC_MISUSE, "%s on a %s that was never initialized (KeInitialize%s), or was copied after it",
                     call, what, what[0] == 'e' ? "Event" : what[0] == 's' ? "Semaphore" : what[0] == 'm' ? "Mutex" : "Timer");
}

static bool is_timer(const DISPATCHER_HEADER *h)
{
    return h->Type == WSKFUZZ_OBJ_TIMER_NOTIFICATION || h->Type == WSKFUZZ_OBJ_TIMER_SYNCHRONIZATION;
}

/* A set timer expires when its owner waits for it: time passes until it is due. */
static void expire_timer(DISPATCHER_HEADER *h)
{
    if (!is_timer(h) || h->Signalling != ARMED)
        return;
    KTIMER *t = (KTIMER *)h;
    if ((LONGLONG)t->DueTime.QuadPart > now)
        now = (LONGLONG)t->DueTime.QuadPart;
    h->Signalling = 0;
    h->SignalState = 1;
}

void ke_timer_signal(PKTIMER t)
{
    t->Header.Signalling = 0;
    t->Header.SignalState = 1;
}

static bool signaled(DISPATCHER_HEADER *h)
{
    /* With other threads a set timer fires by the clock; alone, waiting for it is what lets the
     * time pass until it is due. */
    if (!sched_active())
        expire_timer(h);
    if (h->Type == WSKFUZZ_OBJ_MUTANT) {
        /* A KMUTEX is recursive: free to its owner. Alone, the one thread owns every mutex. */
        const KMUTEX *m = (const KMUTEX *)h;
        return !sched_active() || h->SignalState > 0 || m->OwnerThread == KeGetCurrentThread();
    }
    return h->SignalState > 0;
}

static bool signaled_pred(void *h)
{
    return signaled(h);
}

static void consume(DISPATCHER_HEADER *h)
{
    switch (h->Type) {
    case WSKFUZZ_OBJ_EVENT_SYNCHRONIZATION:
    case WSKFUZZ_OBJ_TIMER_SYNCHRONIZATION:
        h->SignalState = 0;
        break;
    case WSKFUZZ_OBJ_SEMAPHORE:
        h->SignalState--;
        break;
    case WSKFUZZ_OBJ_MUTANT:
        h->SignalState--;
        ((KMUTEX *)h)->OwnerThread = KeGetCurrentThread();
        break;
    default:
        break;
    }
}

/* ---- events ---- */

void KeInitializeEvent(PRKEVENT event, EVENT_TYPE type, BOOLEAN state)
{
    init_header(&event->Header, type == SynchronizationEvent ? WSKFUZZ_OBJ_EVENT_SYNCHRONIZATION
                                                             : WSKFUZZ_OBJ_EVENT_NOTIFICATION,
                (UCHAR)(sizeof(KEVENT) / sizeof(LONG)), state ? 1 : 0);
}

LONG KeSetEvent(PRKEVENT event, KPRIORITY increment, BOOLEAN wait)
{
    irql_check(IRQL_KeSetEvent);
    (void)increment, (void)wait;
    require_initialized(event ? &event->Header : NULL, "KeSetEvent", "event");
    LONG old = event->Header.SignalState;
    event->Header.SignalState = 1;
    return old;
}

LONG KeResetEvent(PRKEVENT event)
{
    LONG old = event->Header.SignalState;
    event->Header.SignalState = 0;
    return old;
}

void KeClearEvent(PRKEVENT event)
{
    event->Header.SignalState = 0;
}

LONG KeReadStateEvent(PRKEVENT event)
{
    return event->Header.SignalState;
}

/* ---- semaphores and mutexes ---- */

void KeInitializeSemaphore(PRKSEMAPHORE semaphore, LONG count, LONG limit)
{
    init_header(&semaphore->Header, WSKFUZZ_OBJ_SEMAPHORE, (UCHAR)(sizeof(KSEMAPHORE) / sizeof(LONG)), count);
    semaphore->Limit = limit;
}

LONG KeReleaseSemaphore(PRKSEMAPHORE semaphore, KPRIORITY increment, LONG adjustment, BOOLEAN wait)
{
    (void)increment, (void)wait;
    require_initialized(semaphore ? &semaphore->Header : NULL, "KeReleaseSemaphore", "semaphore");
    LONG old = semaphore->Header.SignalState;
    if (adjustment <= 0 || old > semaphore->Limit - adjustment)
        verdict_fire(V_SYNC_MISUSE, "KeReleaseSemaphore by %d on a semaphore at %d of limit %d "
                     "(STATUS_SEMAPHORE_LIMIT_EXCEEDED is raised)", adjustment, old, semaphore->Limit);
    semaphore->Header.SignalState = old + adjustment;
    return old;
}

LONG KeReadStateSemaphore(PRKSEMAPHORE semaphore)
{
    return semaphore->Header.SignalState;
}

void KeInitializeMutex(PRKMUTEX mutex, ULONG level)
{
    (void)level;
    init_header(&mutex->Header, WSKFUZZ_OBJ_MUTANT, (UCHAR)(sizeof(KMUTEX) / sizeof(LONG)), 1);
    mutex->MutantListEntry.Flink = mutex->MutantListEntry.Blink = NULL;
    mutex->OwnerThread = NULL;
    mutex->Abandoned = FALSE;
    mutex->ApcDisable = 1;
}

LONG KeReleaseMutex(PRKMUTEX mutex, BOOLEAN wait)
{
    (void)wait;
    require_initialized(mutex ? &mutex->Header : NULL, "KeReleaseMutex", "mutex");
    if (mutex->Header.SignalState >= 1 || (sched_active() && mutex->OwnerThread != KeGetCurrentThread()))
        verdict_fire(V_SYNC_MISUSE, "KeReleaseMutex on a mutex the thread does not hold (STATUS_MUTANT_NOT_OWNED is "
                     "raised)");
    if (mutex->Header.SignalState + 1 >= 1)
        mutex->OwnerThread = NULL;
    return mutex->Header.SignalState++;
}

LONG KeReadStateMutex(PRKMUTEX mutex)
{
    return mutex->Header.SignalState;
}

/* ---- timers and DPCs ---- */

void KeInitializeTimerEx(PKTIMER timer, TIMER_TYPE type)
{
    init_header(&timer->Header, type == SynchronizationTimer ? WSKFUZZ_OBJ_TIMER_SYNCHRONIZATION
                                                             : WSKFUZZ_OBJ_TIMER_NOTIFICATION,
                (UCHAR)(sizeof(KTIMER) / sizeof(LONG)), 0);
    timer->DueTime.QuadPart = 0;
    timer->TimerListEntry.Flink = timer->TimerListEntry.Blink = NULL;
    timer->Dpc = NULL;
    timer->Processor = 0;
    timer->Period = 0;
}

void KeInitializeTimer(PKTIMER timer)
{
    KeInitializeTimerEx(timer, NotificationTimer);
}

BOOLEAN KeSetTimerEx(PKTIMER timer, LARGE_INTEGER due, LONG period, PKDPC dpc)
{
    irql_check(IRQL_KeSetTimer);
    require_initialized(timer ? &timer->Header : NULL, "KeSetTimer", "timer");
    BOOLEAN was_set = timer->Header.Signalling == ARMED;
    timer->Header.Signalling = ARMED;
    timer->Header.SignalState = 0;
    timer->DueTime.QuadPart = (ULONGLONG)(due.QuadPart < 0 ? now - due.QuadPart : due.QuadPart);
    timer->Period = (ULONG)period;
    timer->Dpc = dpc;
    timer_armed(timer);
    return was_set;
}

BOOLEAN KeSetTimer(PKTIMER timer, LARGE_INTEGER due, PKDPC dpc)
{
    return KeSetTimerEx(timer, due, 0, dpc);
}

BOOLEAN KeCancelTimer(PKTIMER timer)
{
    irql_check(IRQL_KeCancelTimer);
    BOOLEAN was_set = timer->Header.Signalling == ARMED;
    timer->Header.Signalling = 0;
    timer_disarmed(timer);
    return was_set;
}

BOOLEAN KeReadStateTimer(PKTIMER timer)
{
    return timer->Header.SignalState > 0;
}


/* ---- waits ---- */

static void never_returns(const char *what)
{
    verdict_fire(V_WAIT_FOREVER, "%s never returns: nothing left in the scenario can signal it (no pending IRP, no "
                 "scenario event)%s", what, world_wait_hint());
}

/* With threads, a timed wait ends at its deadline on the clock. */
/* A thread that keeps timing out while nothing else happens polls for what never comes. */
static void poll_round(unsigned progress_before, const char *call)
{
    if (sched_progress() != progress_before)
        idle = 0;
    else if (++idle > IDLE_LIMIT)
        verdict_fire(V_WAIT_FOREVER, "%s timed out %u times in a row while nothing else happened: the client "
                     "polls for something that never comes", call, IDLE_LIMIT);
}

static NTSTATUS timed_out(trace_event_id ev, uint64_t a, uint64_t b, LONGLONG deadline,
                          unsigned progress_before, const char *call)
{
    if (deadline > now)
        now = deadline;
    trace_return(ev, a, b, STATUS_TIMEOUT);
    poll_round(progress_before, call);
    return STATUS_TIMEOUT;
}

static NTSTATUS idle_timeout(const LARGE_INTEGER *timeout, const char *call)
{
    elapse(timeout);
    if (++idle > IDLE_LIMIT)
        verdict_fire(V_WAIT_FOREVER, "%s timed out %u times in a row with nothing left to happen: the client polls "
                     "for something that never comes", call, IDLE_LIMIT);
    return STATUS_TIMEOUT;
}

NTSTATUS KeWaitForSingleObject(PVOID object, KWAIT_REASON reason, KPROCESSOR_MODE mode, BOOLEAN alertable,
                               PLARGE_INTEGER timeout)
{
    (void)reason, (void)mode, (void)alertable;
    DISPATCHER_HEADER *h = object;
    trace_event(T_KE_WAIT, h ? h->Type : 0xff, timeout != NULL, 0);
    irql_check_wait("KeWaitForSingleObject", timeout);
    require_initialized(h, "KeWaitForSingleObject", "dispatcher object");
    if (!signaled(h)) {
        if (timeout && timeout->QuadPart == 0)
            return STATUS_TIMEOUT; /* a poll */
        if (timeout && fault_status(FP_WAIT) != STATUS_SUCCESS) {
            elapse(timeout);
            trace_return(T_KE_WAIT, h->Type, 1, STATUS_TIMEOUT);
            return STATUS_TIMEOUT;
        }
        LONGLONG deadline = timeout ? deadline_of(timeout) : 0;
        unsigned before = sched_progress();
        if (!sched_wait(signaled_pred, h, "KeWaitForSingleObject", timeout ? &deadline : NULL)) {
            if (timeout)
                return sched_active() ? timed_out(T_KE_WAIT, h->Type, 1, deadline, before, "KeWaitForSingleObject")
                                      : idle_timeout(timeout, "KeWaitForSingleObject");
            never_returns("KeWaitForSingleObject without a timeout");
        }
    }
    idle = 0;
    consume(h);
    trace_return(T_KE_WAIT, h->Type, timeout != NULL, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

typedef struct {
    ULONG count;
    PVOID *objects;
    WAIT_TYPE type;
} wait_set;

static int ready(ULONG count, PVOID objects[], WAIT_TYPE type);

static bool set_ready(void *arg)
{
    const wait_set *w = arg;
    return ready(w->count, w->objects, w->type) >= 0;
}

static int ready(ULONG count, PVOID objects[], WAIT_TYPE type)
{
    int first = -1;
    for (ULONG i = 0; i < count; i++) {
        bool s = signaled(objects[i]);
        if (s && first < 0)
            first = (int)i;
        if (!s && type == WaitAll)
            return -1;
    }
    return first;
}

NTSTATUS KeWaitForMultipleObjects(ULONG count, PVOID objects[], WAIT_TYPE type, KWAIT_REASON reason,
                                  KPROCESSOR_MODE mode, BOOLEAN alertable, PLARGE_INTEGER timeout,
                                  PKWAIT_BLOCK blocks)
{
    (void)reason, (void)mode, (void)alertable;
    trace_event(T_KE_WAIT, count, KE_WAIT_MULTIPLE | (timeout != NULL), 0);
    irql_check_wait("KeWaitForMultipleObjects", timeout);
    if (count == 0 || count > MAXIMUM_WAIT_OBJECTS || (count > THREAD_WAIT_OBJECTS && !blocks))
        verdict_fire(V_SYNC_MISUSE, "KeWaitForMultipleObjects with %u objects and %s wait block array (more than %d "
                     "objects need one; the limit is %d)", count, blocks ? "a" : "no", THREAD_WAIT_OBJECTS,
                     MAXIMUM_WAIT_OBJECTS);
    for (ULONG i = 0; i < count; i++)
        require_initialized(objects[i], "KeWaitForMultipleObjects", "dispatcher object");
    int got = ready(count, objects, type);
    if (got < 0) {
        if (timeout && timeout->QuadPart == 0)
            return STATUS_TIMEOUT;
        if (timeout && fault_status(FP_WAIT) != STATUS_SUCCESS) {
            elapse(timeout);
            return STATUS_TIMEOUT;
        }
        wait_set w = {count, objects, type};
        LONGLONG deadline = timeout ? deadline_of(timeout) : 0;
        unsigned before = sched_progress();
        bool ok = sched_wait(set_ready, &w, "KeWaitForMultipleObjects", timeout ? &deadline : NULL);
        got = ready(count, objects, type);
        if (!ok || got < 0) {
            if (timeout)
                return sched_active() ? timed_out(T_KE_WAIT, count, KE_WAIT_MULTIPLE | 1, deadline, before,
                                                  "KeWaitForMultipleObjects")
                                      : idle_timeout(timeout, "KeWaitForMultipleObjects");
            never_returns("KeWaitForMultipleObjects without a timeout");
        }
    }
    idle = 0;
    if (type == WaitAll) {
        for (ULONG i = 0; i < count; i++)
            consume(objects[i]);
        return STATUS_SUCCESS;
    }
    consume(objects[got]);
    return STATUS_WAIT_0 + got;
}

static bool never_ready(void *arg)
{
    (void)arg;
    return false;
}

NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE mode, BOOLEAN alertable, PLARGE_INTEGER interval)
{
    (void)mode, (void)alertable;
    irql_check_wait("KeDelayExecutionThread", interval);
    irql_check(IRQL_KeDelayExecutionThread);
    if (sched_active() && interval) {
        /* The thread sleeps until its deadline: the others run, the clock jumps to it. */
        LONGLONG deadline = deadline_of(interval);
        unsigned before = sched_progress();
        sched_wait(never_ready, NULL, "KeDelayExecutionThread", &deadline);
        if (deadline > now)
            now = deadline;
        poll_round(before, "KeDelayExecutionThread");
        return STATUS_SUCCESS;
    }
    elapse(interval);
    if (world_wait())
        idle = 0;
    else if (++idle > IDLE_LIMIT)
        verdict_fire(V_WAIT_FOREVER, "KeDelayExecutionThread called %u times in a row with nothing left to happen: "
                     "the client polls for something that never comes", IDLE_LIMIT);
    return STATUS_SUCCESS;
}

/* ---- fast and guarded mutexes: not recursive, so acquiring twice deadlocks ---- */

void ExInitializeFastMutex(PFAST_MUTEX m)
{
    m->Count = 1;
    m->Owner = NULL;
    m->Contention = 0;
    KeInitializeEvent(&m->Event, SynchronizationEvent, FALSE);
    m->OldIrql = 0;
}

static bool fast_mutex_free(void *m)
{
    return ((PFAST_MUTEX)m)->Count == 1;
}

void ExAcquireFastMutex(PFAST_MUTEX m)
{
    irql_check(IRQL_ExAcquireFastMutex);
    if (m->Count == 0 && sched_active() && m->Owner != (PVOID)PsGetCurrentThread())
        sched_wait(fast_mutex_free, m, "ExAcquireFastMutex", NULL);
    if (m->Count == 0)
        verdict_fire(V_WAIT_FOREVER, "ExAcquireFastMutex on a fast mutex the thread already holds (or one never "
                     "initialized): fast mutexes are not recursive, the thread deadlocks");
    if (m->Count != 1 || !initialized(&m->Event.Header))
        verdict_fire(V_SYNC_MISUSE, "ExAcquireFastMutex on a fast mutex that was never initialized "
                     "(ExInitializeFastMutex)");
    m->Count = 0;
    m->Owner = (PVOID)PsGetCurrentThread();
}

BOOLEAN ExTryToAcquireFastMutex(PFAST_MUTEX m)
{
    if (m->Count != 1)
        return FALSE;
    ExAcquireFastMutex(m);
    return TRUE;
}

void ExReleaseFastMutex(PFAST_MUTEX m)
{
    if (m->Count != 0)
        verdict_fire(V_SYNC_MISUSE, "ExReleaseFastMutex on a fast mutex the thread does not hold");
    m->Count = 1;
    m->Owner = NULL;
}

void ExAcquireFastMutexUnsafe(PFAST_MUTEX m)
{
    ExAcquireFastMutex(m);
}

void ExReleaseFastMutexUnsafe(PFAST_MUTEX m)
{
    ExReleaseFastMutex(m);
}

void KeInitializeGuardedMutex(PKGUARDED_MUTEX m)
{
    ExInitializeFastMutex(m);
}

void KeAcquireGuardedMutex(PKGUARDED_MUTEX m)
{
    ExAcquireFastMutex(m);
}

void KeReleaseGuardedMutex(PKGUARDED_MUTEX m)
{
    ExReleaseFastMutex(m);
}

BOOLEAN KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX m)
{
    return ExTryToAcquireFastMutex(m);
}

void KeEnterCriticalRegion(void) {}
void KeLeaveCriticalRegion(void) {}
void KeEnterGuardedRegion(void) {}
void KeLeaveGuardedRegion(void) {}

/* The threads take turns on processor 0; processor 1 runs the DPCs targeted at it (dpc.c). */
ULONG KeGetCurrentProcessorNumber(void)
{
    return 0;
}

ULONG KeQueryActiveProcessorCount(KAFFINITY *active)
{
    if (active)
        *active = 3;
    return 2;
}

/* ---- rundown protection: Count is 2 per reference, bit 0 once rundown started ---- */

void ExInitializeRundownProtection(PEX_RUNDOWN_REF ref)
{
    ref->Count = 0;
}

void ExReInitializeRundownProtection(PEX_RUNDOWN_REF ref)
{
    ref->Count = 0;
}

BOOLEAN ExAcquireRundownProtectionEx(PEX_RUNDOWN_REF ref, ULONG count)
{
    if (ref->Count & 1)
        return FALSE;
    ref->Count += 2 * (ULONG_PTR)count;
    return TRUE;
}

BOOLEAN ExAcquireRundownProtection(PEX_RUNDOWN_REF ref)
{
    return ExAcquireRundownProtectionEx(ref, 1);
}

void ExReleaseRundownProtectionEx(PEX_RUNDOWN_REF ref, ULONG count)
{
    if ((ref->Count >> 1) < count)
        verdict_fire(V_SYNC_MISUSE, "ExReleaseRundownProtection releases %u reference(s) but %zu are held", count,
                     (size_t)(ref->Count >> 1));
    ref->Count -= 2 * (ULONG_PTR)count;
}

void ExReleaseRundownProtection(PEX_RUNDOWN_REF ref)
{
    ExReleaseRundownProtectionEx(ref, 1);
}

static bool rundown_released(void *ref)
{
    return !(((PEX_RUNDOWN_REF)ref)->Count >> 1);
}

void ExWaitForRundownProtectionRelease(PEX_RUNDOWN_REF ref)
{
    irql_check(IRQL_ExWaitForRundownProtectionRelease);
    ref->Count |= 1;
    sched_wait(rundown_released, (void *)ref, "ExWaitForRundownProtectionRelease", NULL);
    if (ref->Count >> 1)
        verdict_fire(V_WAIT_FOREVER, "ExWaitForRundownProtectionRelease never returns: %zu reference(s) are still "
                     "held and nothing left in the scenario releases them", (size_t)(ref->Count >> 1));
}

void ExRundownCompleted(PEX_RUNDOWN_REF ref)
{
    ref->Count = 1;
}

/* ---- the virtual clock ---- */

void KeQuerySystemTime(PLARGE_INTEGER t)
{
    t->QuadPart = now;
}

void KeQuerySystemTimePrecise(PLARGE_INTEGER t)
{
    t->QuadPart = now;
}

void KeQueryTickCount(PLARGE_INTEGER t)
{
    t->QuadPart = (now - CLOCK_START) / TICK;
}

ULONG KeQueryTimeIncrement(void)
{
    return TICK;
}

ULONGLONG KeQueryInterruptTime(void)
{
    return (ULONGLONG)(now - CLOCK_START);
}

LARGE_INTEGER KeQueryPerformanceCounter(PLARGE_INTEGER frequency)
{
    if (frequency)
        frequency->QuadPart = 10000000;
    LARGE_INTEGER t;
    t.QuadPart = now - CLOCK_START;
    return t;
}
