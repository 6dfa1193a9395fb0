/* ke_irql.c - IRQL, raised and lowered per simulated thread, spin locks, and the checks against
 * the documented maximum IRQL of each routine (irql.h has the one table).
 *
 * A spin lock's value records the IRQL its acquire returned, so its release can be held to it,
 * and the thread that holds it. The threads take turns on one processor: a thread that spins at
 * DISPATCH_LEVEL keeps it, so a lock held by itself or by a thread switched out is never released
 * there - a DEADLOCK (the holder can only be switched out holding it through a misuse, such as a
 * lock taken with KeAcquireSpinLockAtDpcLevel below DISPATCH_LEVEL, or one never released). */
#include <stdio.h>

#include "dpc.h"
#include "irql.h"
#include "sched.h"

#undef KeAcquireSpinLock
#undef KeReleaseSpinLock

const KIRQL irql_limit[IRQL_ROUTINE_COUNT] = {
#define WSKFUZZ_IRQL_ROW(routine, max) max,
    WSKFUZZ_IRQL_LIMITS(WSKFUZZ_IRQL_ROW)
#undef WSKFUZZ_IRQL_ROW
};
static const char *const names[IRQL_ROUTINE_COUNT] = {
#define WSKFUZZ_IRQL_NAME(routine, max) #routine,
    WSKFUZZ_IRQL_LIMITS(WSKFUZZ_IRQL_NAME)
#undef WSKFUZZ_IRQL_NAME
};

static const char *level_name(KIRQL irql)
{
    const char *name = irql_level_name(irql);
    return name ? name : "a device IRQL";
}

static void irql_check_max(const char *routine, KIRQL max)
{
    KIRQL now = sched_irql();
    if (now > max)
        verdict_fire(V_IRQL_TOO_HIGH, "%s called at %s (IRQL %u); its maximum is %s", routine, level_name(now), now,
                     level_name(max));
}

void irql_too_high(irql_routine routine)
{
    irql_check_max(names[routine], irql_limit[routine]);
}

void irql_check_wait(const char *routine, const LARGE_INTEGER *timeout)
{
    KIRQL now = sched_irql();
    if (now >= DISPATCH_LEVEL && (!timeout || timeout->QuadPart != 0))
        verdict_fire(V_WAIT_AT_DISPATCH, "%s with %s at %s: a thread at DISPATCH_LEVEL cannot be switched "
                     "out, the processor hangs", routine, timeout ? "a non-zero timeout" : "no timeout",
                     level_name(now));
}

void irql_check_paged(const char *routine)
{
    if (sched_irql() >= DISPATCH_LEVEL)
        verdict_fire(V_PAGED_POOL_AT_DISPATCH, "%s for paged pool at DISPATCH_LEVEL (under a spin lock, in a DPC "
                     "or a timer routine): a page fault there is fatal", routine);
}

void irql_not_restored(KIRQL expected, const char *callback)
{
    verdict_fire(V_IRQL_NOT_RESTORED, "%s returned at IRQL %u, not at the IRQL %u it was called at", callback,
                 sched_irql(), expected);
}

KIRQL KeGetCurrentIrql(void)
{
    return sched_irql();
}

KIRQL KfRaiseIrql(KIRQL irql)
{
    KIRQL old = sched_irql();
    if (irql < old)
        verdict_fire(V_IRQL_NOT_RESTORED, "KeRaiseIrql to %u from the higher IRQL %u (IRQL_NOT_GREATER_OR_EQUAL)",
                     irql, old);
    sched_set_irql(irql);
    return old;
}

void KeLowerIrql(KIRQL irql)
{
    KIRQL old = sched_irql();
    if (irql > old)
        verdict_fire(V_IRQL_NOT_RESTORED, "KeLowerIrql to %u from the lower IRQL %u (IRQL_NOT_LESS_OR_EQUAL)", irql,
                     old);
    sched_set_irql(irql);
    if (irql < DISPATCH_LEVEL)
        dpc_irql_dropped();
}

KIRQL KeRaiseIrqlToDpcLevel(void)
{
    return KfRaiseIrql(DISPATCH_LEVEL);
}

/* ---- spin locks: held = 1 | (IRQL before the acquire + 1) << 8 | (holder thread + 1) << 16 ----
 * Two bits stay while the lock is free: which family of routines it has served. The
 * ExInterlocked...List routines take their lock with interrupts disabled, at any IRQL; their pages
 * say to use that lock with them only. */
#define SPIN_KE_USED 2u          /* taken by KeAcquireSpinLock and its kin */
#define SPIN_INTERLOCKED_USED 4u /* the lock of ExInterlocked...List routines */
#define SPIN_KINDS (SPIN_KE_USED | SPIN_INTERLOCKED_USED)

void KeInitializeSpinLock(PKSPIN_LOCK lock)
{
    *lock = 0;
}

static __attribute__((noinline, cold)) void mixed_lock(const char *file, int line)
{
    site_point_at(file, line);
    verdict_fire(V_SYNC_MISUSE, "a spin lock serves both KeAcquireSpinLock (or its kin) and the ExInterlocked...List "
                 "routines: their pages say to use an ExInterlocked...List routine's lock with those routines only");
}

static __attribute__((noinline, cold)) void contended(KSPIN_LOCK v)
{
    unsigned me = sched_current(), holder = (unsigned)((v >> 16) & 0xff) - 1;
    if (holder >= STUB_MAX_THREADS || !((v >> 8) & 0xff) || v >> 24)
        verdict_fire(V_SYNC_MISUSE, "a spin lock whose value (0x%llx) is no lock's: never initialized with "
                     "KeInitializeSpinLock? It reads as held, and its acquire spins forever", (unsigned long long)v);
    char who[400] = "itself", where[160] = "";
    if (holder != me) {
        int line;
        const char *file = sched_thread_site((int)holder, &line);
        if (file)
            snprintf(where, sizeof where, " started at %s:%d", file, line);
        snprintf(who, sizeof who, "thread %u (%s%s), %s", holder, sched_kind_name((int)holder), where,
                 sched_thread_done((int)holder) ? "which ended without releasing it" : "switched out holding it");
    }
    verdict_fire(V_DEADLOCK, "thread %u acquires a spin lock held by %s: it spins at DISPATCH_LEVEL, where no other "
                 "thread runs on its processor, and the lock is never released", me, who);
}

/* Every driver takes spin locks on its hot paths: the checks cost a compare, the words are cold. */
static __attribute__((always_inline)) inline KIRQL take(PKSPIN_LOCK lock, bool raise)
{
    KIRQL old = sched_irql();
    if (raise) {
        irql_check(IRQL_KeAcquireSpinLock);
        sched_set_irql(DISPATCH_LEVEL);
    }
    if (*lock & (1 | SPIN_INTERLOCKED_USED)) {
        /* no macro notes these calls' line: the verdict names the client's call by its address
         * (inlined into each acquire routine, this is the client's return address) */
        site_note_caller(__builtin_return_address(0));
        if (*lock & 1)
            contended(*lock);
        mixed_lock(NULL, 0);
    }
    *lock = 1 | SPIN_KE_USED | ((KSPIN_LOCK)(old + 1) << 8) | ((KSPIN_LOCK)(sched_current() + 1) << 16);
    return old;
}

static __attribute__((noinline, cold)) void bad_release(KSPIN_LOCK v, KIRQL irql, const char *call)
{
    KSPIN_LOCK before = (v >> 8) & 0xff;
    if ((v & 1) && before && (KIRQL)(before - 1) != irql)
        verdict_fire(V_IRQL_NOT_RESTORED, "%s gives IRQL %u, but the acquire of this lock returned %u", call, irql,
                     (unsigned)(before - 1));
    verdict_fire(V_IRQL_NOT_RESTORED, "%s at IRQL %u: the lock is released at DISPATCH_LEVEL", call, sched_irql());
}

static __attribute__((always_inline)) inline void give(PKSPIN_LOCK lock, bool lower, KIRQL irql, const char *call)
{
    KSPIN_LOCK v = *lock;
    *lock = v & SPIN_KINDS;
    if (!lower)
        return;
    KSPIN_LOCK before = (v >> 8) & 0xff;
    if (((v & 1) && before && before != (KSPIN_LOCK)irql + 1) || sched_irql() != DISPATCH_LEVEL)
        bad_release(v, irql, call);
    sched_set_irql(irql);
    if (irql < DISPATCH_LEVEL)
        dpc_irql_dropped();
}

void KeAcquireSpinLock(PKSPIN_LOCK lock, PKIRQL old)
{
    *old = take(lock, true);
}

void KeReleaseSpinLock(PKSPIN_LOCK lock, KIRQL irql)
{
    give(lock, true, irql, "KeReleaseSpinLock");
}

KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK lock)
{
    return take(lock, true);
}

void KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK lock)
{
    take(lock, false);
}

void KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK lock)
{
    give(lock, false, 0, "KeReleaseSpinLockFromDpcLevel");
}

BOOLEAN KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK lock)
{
    if (*lock & 1)
        return FALSE;
    take(lock, false);
    return TRUE;
}

void KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK lock, PKLOCK_QUEUE_HANDLE handle)
{
    handle->LockQueue.Lock = lock;
    handle->LockQueue.Next = NULL;
    handle->OldIrql = take(lock, true);
}

void KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE handle)
{
    if (handle->LockQueue.Lock)
        give(handle->LockQueue.Lock, true, handle->OldIrql, "KeReleaseInStackQueuedSpinLock");
}

void KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK lock, PKLOCK_QUEUE_HANDLE handle)
{
    handle->LockQueue.Lock = lock;
    handle->LockQueue.Next = NULL;
    handle->OldIrql = sched_irql();
    take(lock, false);
}

void KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE handle)
{
    if (handle->LockQueue.Lock)
        give(handle->LockQueue.Lock, false, 0, "KeReleaseInStackQueuedSpinLockFromDpcLevel");
}

/* The ExInterlocked...List routines (wskfuzz_wdm_sync.h): the list operation itself is inline, and
 * no other thread runs inside it, so the lock is only checked: one held (by this thread, or one
 * switched out holding it) spins forever, and one that also serves KeAcquireSpinLock breaks the
 * routines' rule. Not a counted kernel call: the preemption points of an input stay where they
 * were. */
void wskfuzz_interlocked_list_lock(PKSPIN_LOCK lock, const char *file, int line)
{
    if (*lock & 1) {
        site_point_at(file, line);
        contended(*lock);
    }
    if (*lock & SPIN_KE_USED)
        mixed_lock(file, line);
    *lock |= SPIN_INTERLOCKED_USED;
}
