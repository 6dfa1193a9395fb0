/* wskfuzz_wdm_threads.h - part of wdm.h: system threads, work items, DPCs and timers as the
 * stub kernel runs them (simulated threads, stubs/kernel/sched.c). The macros note the client's
 * line, so a verdict about a thread, work item, DPC, timer, device object or object reference
 * names the line that started or took it. */
#ifndef WSKFUZZ_WDM_THREADS_H
#define WSKFUZZ_WDM_THREADS_H

void KeFlushQueuedDpcs(void);
void IoQueueWorkItemEx(PIO_WORKITEM IoWorkItem, PVOID WorkerRoutine, WORK_QUEUE_TYPE QueueType, PVOID Context);
typedef void IO_WORKITEM_ROUTINE_EX(PVOID IoObject, PVOID Context, PIO_WORKITEM IoWorkItem);
typedef IO_WORKITEM_ROUTINE_EX *PIO_WORKITEM_ROUTINE_EX;
#define IoQueueWorkItemEx(item, routine, queue, context) \
    WSKFUZZ_AT(IoQueueWorkItemEx((item), (PVOID)(PIO_WORKITEM_ROUTINE_EX)(routine), (queue), (context)))

#define PsCreateSystemThread(...) WSKFUZZ_AT(PsCreateSystemThread(__VA_ARGS__))
#define IoQueueWorkItem(...) WSKFUZZ_AT(IoQueueWorkItem(__VA_ARGS__))
#define ExQueueWorkItem(...) WSKFUZZ_AT(ExQueueWorkItem(__VA_ARGS__))
#define KeInsertQueueDpc(...) WSKFUZZ_AT(KeInsertQueueDpc(__VA_ARGS__))
#define KeSetTimer(...) WSKFUZZ_AT(KeSetTimer(__VA_ARGS__))
#define KeSetTimerEx(...) WSKFUZZ_AT(KeSetTimerEx(__VA_ARGS__))
/* What unload must give back names the line that took it. */
#define IoCreateDevice(...) WSKFUZZ_AT(IoCreateDevice(__VA_ARGS__))
#define IoAllocateWorkItem(...) WSKFUZZ_AT(IoAllocateWorkItem(__VA_ARGS__))
#define ObReferenceObjectByHandle(...) WSKFUZZ_AT(ObReferenceObjectByHandle(__VA_ARGS__))
#undef ObReferenceObject
#define ObReferenceObject(Object) WSKFUZZ_AT(ObfReferenceObject(Object))

#endif
