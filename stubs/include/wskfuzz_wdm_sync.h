/* wskfuzz_wdm_sync.h - part of wdm.h: the synchronization surface WSK clients use.
 *
 * Dispatcher objects (events, semaphores, mutexes, timers) keep their state in the caller's
 * memory with the Windows x64 layout, so they work on the stack, in globals and in pool.
 * One thread runs everything: a wait lets the world progress (pending IRPs complete, scenario
 * events happen) until the object is signaled; a wait that nothing can ever satisfy is a
 * verdict (WAIT_FOREVER) instead of a hang. Modelled in stubs/ke_sync.c. */
#ifndef WSKFUZZ_WDM_SYNC_H
#define WSKFUZZ_WDM_SYNC_H

/* ---- modes, wait reasons ---- */
typedef CCHAR KPROCESSOR_MODE;
typedef enum _MODE { KernelMode, UserMode, MaximumMode } MODE;

typedef enum _KWAIT_REASON {
    Executive,
    FreePage,
    PageIn,
    PoolAllocation,
    DelayExecution,
    Suspended,
    UserRequest,
    WrExecutive,
    WrFreePage,
    WrPageIn,
    WrPoolAllocation,
    WrDelayExecution,
    WrSuspended,
    WrUserRequest,
    WrSpare0,
    WrQueue,
    WrLpcReceive,
    WrLpcReply,
    WrVirtualMemory,
    WrPageOut,
    WrRendezvous,
    WrKeyedEvent,
    WrTerminated,
    WrProcessInSwap,
    WrCpuRateControl,
    WrCalloutStack,
    WrKernel,
    WrResource,
    WrPushLock,
    WrMutex,
    WrQuantumEnd,
    WrDispatchInt,
    WrPreempted,
    WrYieldExecution,
    WrFastMutex,
    WrGuardedMutex,
    WrRundown,
    MaximumWaitReason
} KWAIT_REASON;

typedef enum _WAIT_TYPE { WaitAll, WaitAny, WaitNotification, WaitDequeue } WAIT_TYPE;
typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;
typedef enum _TIMER_TYPE { NotificationTimer, SynchronizationTimer } TIMER_TYPE;

/* Header.Type values (the kernel's object types for dispatcher objects). */
#define WSKFUZZ_OBJ_EVENT_NOTIFICATION 0
#define WSKFUZZ_OBJ_EVENT_SYNCHRONIZATION 1
#define WSKFUZZ_OBJ_MUTANT 2
#define WSKFUZZ_OBJ_SEMAPHORE 5
#define WSKFUZZ_OBJ_TIMER_NOTIFICATION 8
#define WSKFUZZ_OBJ_TIMER_SYNCHRONIZATION 9

typedef struct _DISPATCHER_HEADER {
    union {
        struct {
            UCHAR Type;
            UCHAR Signalling;
            UCHAR Size;
            UCHAR Reserved1;
        };
        LONG Lock;
    };
    LONG SignalState;
    LIST_ENTRY WaitListHead; /* linked to itself once initialized */
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;

typedef struct _KEVENT {
    DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;

typedef struct _KSEMAPHORE {
    DISPATCHER_HEADER Header;
    LONG Limit;
} KSEMAPHORE, *PKSEMAPHORE, *PRKSEMAPHORE;

typedef struct _KMUTANT {
    DISPATCHER_HEADER Header;
    LIST_ENTRY MutantListEntry;
    PKTHREAD OwnerThread;
    BOOLEAN Abandoned;
    UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;

typedef struct _KDPC KDPC, *PKDPC, *PRKDPC;
typedef void KDEFERRED_ROUTINE(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;
struct _KDPC {
    UCHAR Type;
    UCHAR Importance;
    USHORT Number;
    LIST_ENTRY DpcListEntry;
    PKDEFERRED_ROUTINE DeferredRoutine;
    PVOID DeferredContext;
    PVOID SystemArgument1;
    PVOID SystemArgument2;
    PVOID DpcData;
};

typedef struct _KTIMER {
    DISPATCHER_HEADER Header;
    ULARGE_INTEGER DueTime;
    LIST_ENTRY TimerListEntry;
    PKDPC Dpc;
    ULONG Processor;
    ULONG Period;
} KTIMER, *PKTIMER, *PRKTIMER;

typedef struct _KWAIT_BLOCK {
    LIST_ENTRY WaitListEntry;
    PVOID Reserved[4];
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;
#define THREAD_WAIT_OBJECTS 3
#define MAXIMUM_WAIT_OBJECTS 64

_Static_assert(sizeof(DISPATCHER_HEADER) == 24, "DISPATCHER_HEADER is 24 bytes on Windows x64");
_Static_assert(sizeof(KEVENT) == 24, "KEVENT is 24 bytes on Windows x64");
_Static_assert(sizeof(KSEMAPHORE) == 32, "KSEMAPHORE is 32 bytes on Windows x64");
_Static_assert(sizeof(KMUTEX) == 56, "KMUTEX is 56 bytes on Windows x64");
_Static_assert(sizeof(KDPC) == 64, "KDPC is 64 bytes on Windows x64");
_Static_assert(sizeof(KTIMER) == 64, "KTIMER is 64 bytes on Windows x64");

void KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
LONG KeResetEvent(PRKEVENT Event);
void KeClearEvent(PRKEVENT Event);
LONG KeReadStateEvent(PRKEVENT Event);
void KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit);
LONG KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment, BOOLEAN Wait);
LONG KeReadStateSemaphore(PRKSEMAPHORE Semaphore);
void KeInitializeMutex(PRKMUTEX Mutex, ULONG Level);
LONG KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait);
LONG KeReadStateMutex(PRKMUTEX Mutex);
void KeInitializeTimer(PKTIMER Timer);
void KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type);
BOOLEAN KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc);
BOOLEAN KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc);
BOOLEAN KeCancelTimer(PKTIMER Timer);
BOOLEAN KeReadStateTimer(PKTIMER Timer);
void KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext);
BOOLEAN KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2);
BOOLEAN KeRemoveQueueDpc(PRKDPC Dpc);
void KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number);

NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                               PLARGE_INTEGER Timeout);
NTSTATUS KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType, KWAIT_REASON WaitReason,
                                  KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout,
                                  PKWAIT_BLOCK WaitBlockArray);
NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval);
#define KeWaitForMutexObject KeWaitForSingleObject
#define KeInitializeEvent(...) WSKFUZZ_AT(KeInitializeEvent(__VA_ARGS__))
#define KeSetEvent(...) WSKFUZZ_AT(KeSetEvent(__VA_ARGS__))
#define KeWaitForSingleObject(...) WSKFUZZ_AT(KeWaitForSingleObject(__VA_ARGS__))
#define KeWaitForMultipleObjects(...) WSKFUZZ_AT(KeWaitForMultipleObjects(__VA_ARGS__))
#define KeDelayExecutionThread(...) WSKFUZZ_AT(KeDelayExecutionThread(__VA_ARGS__))

/* ---- mutexes that are not dispatcher objects ---- */
typedef struct _FAST_MUTEX {
    LONG Count;
    PVOID Owner;
    ULONG Contention;
    KEVENT Event;
    ULONG OldIrql;
} FAST_MUTEX, *PFAST_MUTEX, KGUARDED_MUTEX, *PKGUARDED_MUTEX;
_Static_assert(sizeof(FAST_MUTEX) == 56, "FAST_MUTEX is 56 bytes on Windows x64");

void ExInitializeFastMutex(PFAST_MUTEX FastMutex);
void ExAcquireFastMutex(PFAST_MUTEX FastMutex);
void ExReleaseFastMutex(PFAST_MUTEX FastMutex);
BOOLEAN ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex);
void ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex);
void ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex);
void KeInitializeGuardedMutex(PKGUARDED_MUTEX Mutex);
void KeAcquireGuardedMutex(PKGUARDED_MUTEX Mutex);
void KeReleaseGuardedMutex(PKGUARDED_MUTEX Mutex);
BOOLEAN KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX Mutex);
#define ExAcquireFastMutex(...) WSKFUZZ_AT(ExAcquireFastMutex(__VA_ARGS__))
#define ExReleaseFastMutex(...) WSKFUZZ_AT(ExReleaseFastMutex(__VA_ARGS__))
#define KeAcquireGuardedMutex(...) WSKFUZZ_AT(KeAcquireGuardedMutex(__VA_ARGS__))
#define KeReleaseGuardedMutex(...) WSKFUZZ_AT(KeReleaseGuardedMutex(__VA_ARGS__))

void KeEnterCriticalRegion(void);
void KeLeaveCriticalRegion(void);
void KeEnterGuardedRegion(void);
void KeLeaveGuardedRegion(void);

/* ---- more spin lock forms (one thread: pairing is all there is) ---- */
typedef struct _KSPIN_LOCK_QUEUE {
    struct _KSPIN_LOCK_QUEUE *volatile Next;
    PKSPIN_LOCK volatile Lock;
} KSPIN_LOCK_QUEUE, *PKSPIN_LOCK_QUEUE;
typedef struct _KLOCK_QUEUE_HANDLE {
    KSPIN_LOCK_QUEUE LockQueue;
    KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;
void KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
void KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);
KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock);
BOOLEAN KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
void KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle);
void KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle);
void KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle);
void KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle);

/* ---- IRQL ---- */
#define HIGH_LEVEL 15
KIRQL KfRaiseIrql(KIRQL NewIrql);
void KeLowerIrql(KIRQL NewIrql);
KIRQL KeRaiseIrqlToDpcLevel(void);
#define KeRaiseIrql(NewIrql, OldIrql) (*(OldIrql) = KfRaiseIrql(NewIrql))
ULONG KeGetCurrentProcessorNumber(void);
#define KeGetCurrentProcessorNumberEx(ProcNumber) KeGetCurrentProcessorNumber()
ULONG KeQueryActiveProcessorCount(KAFFINITY *ActiveProcessors);

/* ---- rundown protection ---- */
typedef struct _EX_RUNDOWN_REF {
    union {
        volatile ULONG_PTR Count; /* 2 per reference; bit 0: rundown in progress */
        volatile PVOID Ptr;
    };
} EX_RUNDOWN_REF, *PEX_RUNDOWN_REF;
_Static_assert(sizeof(EX_RUNDOWN_REF) == 8, "EX_RUNDOWN_REF is 8 bytes on Windows x64");
void ExInitializeRundownProtection(PEX_RUNDOWN_REF RunRef);
void ExReInitializeRundownProtection(PEX_RUNDOWN_REF RunRef);
BOOLEAN ExAcquireRundownProtection(PEX_RUNDOWN_REF RunRef);
BOOLEAN ExAcquireRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count);
void ExReleaseRundownProtection(PEX_RUNDOWN_REF RunRef);
void ExReleaseRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count);
void ExWaitForRundownProtectionRelease(PEX_RUNDOWN_REF RunRef);
void ExRundownCompleted(PEX_RUNDOWN_REF RunRef);
#define ExReleaseRundownProtection(...) WSKFUZZ_AT(ExReleaseRundownProtection(__VA_ARGS__))
#define ExReleaseRundownProtectionEx(...) WSKFUZZ_AT(ExReleaseRundownProtectionEx(__VA_ARGS__))
#define ExWaitForRundownProtectionRelease(...) WSKFUZZ_AT(ExWaitForRundownProtectionRelease(__VA_ARGS__))

/* ---- more interlocked operations (the set wdm.h starts is extended here) ---- */
#define InterlockedIncrement64(p) __atomic_add_fetch((p), 1, __ATOMIC_SEQ_CST)
#define InterlockedDecrement64(p) __atomic_sub_fetch((p), 1, __ATOMIC_SEQ_CST)
#define InterlockedIncrement16(p) __atomic_add_fetch((p), 1, __ATOMIC_SEQ_CST)
#define InterlockedDecrement16(p) __atomic_sub_fetch((p), 1, __ATOMIC_SEQ_CST)
#define InterlockedIncrementAcquire InterlockedIncrement
#define InterlockedIncrementRelease InterlockedIncrement
#define InterlockedIncrementNoFence InterlockedIncrement
#define InterlockedDecrementAcquire InterlockedDecrement
#define InterlockedDecrementRelease InterlockedDecrement
#define InterlockedDecrementNoFence InterlockedDecrement
#define InterlockedAdd(p, v) __atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedAdd64(p, v) __atomic_add_fetch((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedExchangeAdd64(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedExchangeAddSizeT(p, v) __atomic_fetch_add((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedExchange64(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedExchange8(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedExchange16(p, v) __atomic_exchange_n((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedAnd(p, v) __atomic_fetch_and((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedOr(p, v) __atomic_fetch_or((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedXor(p, v) __atomic_fetch_xor((p), (v), __ATOMIC_SEQ_CST)
#define InterlockedAnd64 InterlockedAnd
#define InterlockedOr64 InterlockedOr
#define InterlockedXor64 InterlockedXor
#define InterlockedAnd8 InterlockedAnd
#define InterlockedOr8 InterlockedOr
#define InterlockedCompareExchange64(p, x, c) wskfuzz_cmpxchg64((p), (x), (c))
#define InterlockedCompareExchangePointer(p, x, c) wskfuzz_cmpxchgptr((PVOID volatile *)(p), (x), (c))
#define InterlockedCompareExchangeAcquire InterlockedCompareExchange
#define InterlockedCompareExchangeRelease InterlockedCompareExchange
#define InterlockedExchangePointerAcquire InterlockedExchangePointer
#define InterlockedBitTestAndSet(p, b) ((BOOLEAN)((__atomic_fetch_or((p), (LONG)(1u << (b)), __ATOMIC_SEQ_CST) >> (b)) & 1))
#define InterlockedBitTestAndReset(p, b) \
    ((BOOLEAN)((__atomic_fetch_and((p), (LONG)~(1u << (b)), __ATOMIC_SEQ_CST) >> (b)) & 1))
#define ReadNoFence(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define ReadAcquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define WriteNoFence(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define WriteRelease(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define ReadPointerAcquire ReadAcquire
#define WritePointerRelease WriteRelease
#define KeMemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define MemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define _ReadWriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define KeMemoryBarrierWithoutFence() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define YieldProcessor() ((void)0)
static inline LONG64 wskfuzz_cmpxchg64(volatile LONG64 *p, LONG64 exchange, LONG64 comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}
static inline PVOID wskfuzz_cmpxchgptr(PVOID volatile *p, PVOID exchange, PVOID comparand)
{
    __atomic_compare_exchange_n(p, &comparand, exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return comparand;
}

/* ---- doubly and singly linked lists (header-only, as in the WDK) ---- */
FORCEINLINE void InitializeListHead(PLIST_ENTRY ListHead)
{
    ListHead->Flink = ListHead->Blink = ListHead;
}
FORCEINLINE BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead)
{
    return (BOOLEAN)(ListHead->Flink == ListHead);
}
FORCEINLINE BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
    PLIST_ENTRY next = Entry->Flink, prev = Entry->Blink;
    prev->Flink = next;
    next->Blink = prev;
    return (BOOLEAN)(next == prev);
}
FORCEINLINE PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead)
{
    PLIST_ENTRY entry = ListHead->Flink;
    RemoveEntryList(entry);
    return entry;
}
FORCEINLINE PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead)
{
    PLIST_ENTRY entry = ListHead->Blink;
    RemoveEntryList(entry);
    return entry;
}
FORCEINLINE void InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
    PLIST_ENTRY prev = ListHead->Blink;
    Entry->Flink = ListHead;
    Entry->Blink = prev;
    prev->Flink = Entry;
    ListHead->Blink = Entry;
}
FORCEINLINE void InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
    PLIST_ENTRY next = ListHead->Flink;
    Entry->Flink = next;
    Entry->Blink = ListHead;
    next->Blink = Entry;
    ListHead->Flink = Entry;
}
FORCEINLINE void AppendTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListToAppend)
{
    PLIST_ENTRY end = ListHead->Blink;
    ListHead->Blink->Flink = ListToAppend;
    ListHead->Blink = ListToAppend->Blink;
    ListToAppend->Blink->Flink = ListHead;
    ListToAppend->Blink = end;
}
FORCEINLINE void PushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY Entry)
{
    Entry->Next = ListHead->Next;
    ListHead->Next = Entry;
}
FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(PSINGLE_LIST_ENTRY ListHead)
{
    PSINGLE_LIST_ENTRY first = ListHead->Next;
    if (first)
        ListHead->Next = first->Next;
    return first;
}
/* The spin-lock-protected forms: no thread switches inside the inline list operation, so the
 * stub kernel only checks the lock (stubs/kernel/ke_irql.c): held already, it spins forever; also
 * taken with KeAcquireSpinLock, it breaks the routines' rule (use their lock with them only). */
void wskfuzz_interlocked_list_lock(PKSPIN_LOCK Lock, const char *File, int Line);
#define WSKFUZZ_INTERLOCKED(l) wskfuzz_interlocked_list_lock((l), __FILE__, __LINE__)
#define ExInterlockedInsertTailList(h, e, l) (WSKFUZZ_INTERLOCKED(l), wskfuzz_insert_tail_return_old((h), (e)))
#define ExInterlockedInsertHeadList(h, e, l) (WSKFUZZ_INTERLOCKED(l), wskfuzz_insert_head_return_old((h), (e)))
#define ExInterlockedRemoveHeadList(h, l) (WSKFUZZ_INTERLOCKED(l), wskfuzz_remove_head_or_null(h))
#define ExInterlockedPushEntryList(h, e, l) (WSKFUZZ_INTERLOCKED(l), wskfuzz_push_return_old((h), (e)))
#define ExInterlockedPopEntryList(h, l) (WSKFUZZ_INTERLOCKED(l), PopEntryList(h))
FORCEINLINE PLIST_ENTRY wskfuzz_insert_tail_return_old(PLIST_ENTRY h, PLIST_ENTRY e)
{
    PLIST_ENTRY old = IsListEmpty(h) ? NULL : h->Blink;
    InsertTailList(h, e);
    return old;
}
FORCEINLINE PLIST_ENTRY wskfuzz_insert_head_return_old(PLIST_ENTRY h, PLIST_ENTRY e)
{
    PLIST_ENTRY old = IsListEmpty(h) ? NULL : h->Flink;
    InsertHeadList(h, e);
    return old;
}
FORCEINLINE PLIST_ENTRY wskfuzz_remove_head_or_null(PLIST_ENTRY h)
{
    return IsListEmpty(h) ? NULL : RemoveHeadList(h);
}
FORCEINLINE PSINGLE_LIST_ENTRY wskfuzz_push_return_old(PSINGLE_LIST_ENTRY h, PSINGLE_LIST_ENTRY e)
{
    PSINGLE_LIST_ENTRY old = h->Next;
    PushEntryList(h, e);
    return old;
}

/* ---- time: a virtual clock that only the client's own waits move ---- */
void KeQuerySystemTime(PLARGE_INTEGER CurrentTime);
void KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);
void KeQueryTickCount(PLARGE_INTEGER TickCount);
ULONG KeQueryTimeIncrement(void);
ULONGLONG KeQueryInterruptTime(void);
LARGE_INTEGER KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency);

#endif /* WSKFUZZ_WDM_SYNC_H */
