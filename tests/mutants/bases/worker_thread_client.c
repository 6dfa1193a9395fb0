/* worker_thread_client.c - the correct client behind the mutants based on a WskRegister-path client with a system thread woken by a periodic timer's DPC, a work item under rundown protection and counters under a spin lock.
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define WT_TAG 'tWkW'
#define WT_PERIOD_MS 10

static const WSK_CLIENT_DISPATCH WtDispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};
static WSK_CLIENT_NPI WtClientNpi;
static WSK_REGISTRATION WtRegistration;

static KEVENT WtStop;     /* notification: unload asks the thread to end */
static KEVENT WtWorkGo;   /* notification: unload lets the work item finish */
static KEVENT WtTick;     /* synchronization: the DPC wakes the thread */
static KTIMER WtTimer;
static KDPC WtDpc;
static KSPIN_LOCK WtLock;
static FAST_MUTEX WtMutex;
static EX_RUNDOWN_REF WtRundown;
static WORK_QUEUE_ITEM WtItem;
static PETHREAD WtThread;
static ULONG WtTicks, WtRounds, WtLog;

DRIVER_UNLOAD WtUnload;
DRIVER_INITIALIZE DriverEntry;

static VOID WtDpcRoutine(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);

    KeAcquireSpinLockAtDpcLevel(&WtLock);
    WtTicks++;
    KeReleaseSpinLockFromDpcLevel(&WtLock);
    KeSetEvent(&WtTick, IO_NO_INCREMENT, FALSE);
}

static VOID WtThreadMain(PVOID Context)
{
    PVOID Waits[2];
    KIRQL OldIrql;
    PVOID Buffer;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(Context);
    Waits[0] = &WtStop;
    Waits[1] = &WtTick;
    for (;;) {
        Status = KeWaitForMultipleObjects(2, Waits, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
        if (Status != STATUS_WAIT_1)
            break; /* WtStop */
        Buffer = ExAllocatePool2(POOL_FLAG_PAGED, 64, WT_TAG); /* paged: at PASSIVE_LEVEL */
        KeAcquireSpinLock(&WtLock, &OldIrql);
        WtRounds++;
        KeReleaseSpinLock(&WtLock, OldIrql);
        ExAcquireFastMutex(&WtMutex);
        WtLog++;
        ExReleaseFastMutex(&WtMutex);
        if (Buffer != NULL)
            ExFreePoolWithTag(Buffer, WT_TAG);
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

/* Queued with a rundown reference taken for it; it runs until unload lets it finish. */
static VOID WtWork(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    KeWaitForSingleObject(&WtWorkGo, Executive, KernelMode, FALSE, NULL);
    ExAcquireFastMutex(&WtMutex);
    WtLog++;
    ExReleaseFastMutex(&WtMutex);
    ExReleaseRundownProtection(&WtRundown);
}

void WtUnload(PDRIVER_OBJECT DriverObject)
{
    KIRQL OldIrql;

    UNREFERENCED_PARAMETER(DriverObject);

    KeCancelTimer(&WtTimer);
    KeSetEvent(&WtStop, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(WtThread, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(WtThread);

    KeSetEvent(&WtWorkGo, IO_NO_INCREMENT, FALSE);
    ExWaitForRundownProtectionRelease(&WtRundown);

    /* A last tick at DISPATCH_LEVEL publishes the counters; the flush waits for it to run. */
    KeAcquireSpinLock(&WtLock, &OldIrql);
    KeInsertQueueDpc(&WtDpc, NULL, NULL);
    KeReleaseSpinLock(&WtLock, OldIrql);
    KeFlushQueuedDpcs();

    WskDeregister(&WtRegistration);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    HANDLE Thread;
    LARGE_INTEGER Due;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    KeInitializeEvent(&WtStop, NotificationEvent, FALSE);
    KeInitializeEvent(&WtWorkGo, NotificationEvent, FALSE);
    KeInitializeEvent(&WtTick, SynchronizationEvent, FALSE);
    KeInitializeTimerEx(&WtTimer, NotificationTimer);
    KeInitializeDpc(&WtDpc, WtDpcRoutine, NULL);
    KeSetTargetProcessorDpc(&WtDpc, 1); /* the tick runs on the second processor: unload flushes it */
    KeInitializeSpinLock(&WtLock);
    ExInitializeFastMutex(&WtMutex);
    ExInitializeRundownProtection(&WtRundown);

    WtClientNpi.ClientContext = NULL;
    WtClientNpi.Dispatch = &WtDispatch;
    Status = WskRegister(&WtClientNpi, &WtRegistration);
    if (!NT_SUCCESS(Status))
        return Status;

    Status = PsCreateSystemThread(&Thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, WtThreadMain, NULL);
    if (!NT_SUCCESS(Status)) {
        WskDeregister(&WtRegistration);
        return Status;
    }
    Status = ObReferenceObjectByHandle(Thread, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, (PVOID *)&WtThread, NULL);
    if (!NT_SUCCESS(Status)) {
        KeSetEvent(&WtStop, IO_NO_INCREMENT, FALSE);
        ZwWaitForSingleObject(Thread, FALSE, NULL);
        ZwClose(Thread);
        WskDeregister(&WtRegistration);
        return Status;
    }
    ZwClose(Thread);

    if (ExAcquireRundownProtection(&WtRundown)) {
        ExInitializeWorkItem(&WtItem, WtWork, NULL);
        ExQueueWorkItem(&WtItem, DelayedWorkQueue);
    }

    Due.QuadPart = -10000LL * WT_PERIOD_MS;
    KeSetTimerEx(&WtTimer, Due, WT_PERIOD_MS, &WtDpc);
    DriverObject->DriverUnload = WtUnload;
    return STATUS_SUCCESS;
}
