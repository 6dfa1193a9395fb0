/* boot_thread_client.c - a WSK client in the pattern recommended for boot-start drivers.
 *
 * The WSK subsystem may not be ready while a boot-start driver's DriverEntry runs, and
 * DriverEntry must not block waiting for it. So DriverEntry starts a system thread and returns;
 * the thread registers with WskRegister, captures the provider NPI with WSK_INFINITE_WAIT, then
 * serves a queue of requests that a work item feeds. Unload tells the thread to stop, calls
 * WskDeregister (which ends a capture still blocked and waits for the thread to release the
 * NPI it holds), waits on the thread object, and frees what is left. */
#include <ntddk.h>
#include <wsk.h>

#define BT_POOL_TAG 'tBkW' /* shows as "WkBt" in pool dumps */
#define BT_REQUESTS 2      /* requests the work item queues */
#define BT_MAX_TRANSPORTS 8
#define BT_QUEUE_LIMIT 0x7FFFFFFF

typedef struct _BT_REQUEST {
    LIST_ENTRY Link;
    ULONG Number;
} BT_REQUEST, *PBT_REQUEST;

static const WSK_CLIENT_DISPATCH BtDispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};
static WSK_CLIENT_NPI BtClientNpi;
static WSK_REGISTRATION BtRegistration;

/* Registration state, shared by the thread and unload under BtStateLock. */
static FAST_MUTEX BtStateLock;
static BOOLEAN BtRegistered; /* the thread's WskRegister succeeded: unload deregisters */
static BOOLEAN BtStopping;   /* unload has begun: the thread registers nothing more */

/* The request queue: the work item fills it, the thread empties it. */
static KSPIN_LOCK BtQueueLock;
static LIST_ENTRY BtQueue;
static KSEMAPHORE BtQueued;  /* one count per queued request */
static KEVENT BtStop;        /* notification: unload asks the thread to end */
static KEVENT BtFeedDone;    /* notification: the work item returned */

static PETHREAD BtThread;
static PDEVICE_OBJECT BtDevice;
static PIO_WORKITEM BtFeed;
static ULONG BtServed, BtTransports;

DRIVER_UNLOAD BtUnload;
DRIVER_INITIALIZE DriverEntry;

/* The queue's lock serves the ExInterlocked...List routines only, as their pages ask. */
static PBT_REQUEST BtPop(void)
{
    PLIST_ENTRY Entry = ExInterlockedRemoveHeadList(&BtQueue, &BtQueueLock);

    return Entry != NULL ? CONTAINING_RECORD(Entry, BT_REQUEST, Link) : NULL;
}

/* One request: ask the provider how many transports there are (a call without an IRP). */
static void BtServe(PWSK_PROVIDER_NPI Npi, PBT_REQUEST Request)
{
    PWSK_TRANSPORT Transports;
    SIZE_T Bytes = 0;
    NTSTATUS Status;

    Transports = (PWSK_TRANSPORT)ExAllocatePool2(POOL_FLAG_NON_PAGED, BT_MAX_TRANSPORTS * sizeof(WSK_TRANSPORT),
                                                 BT_POOL_TAG);
    if (Transports != NULL) {
        Status = Npi->Dispatch->WskControlClient(Npi->Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                 BT_MAX_TRANSPORTS * sizeof(WSK_TRANSPORT), Transports, &Bytes, NULL);
        if (Status == STATUS_SUCCESS)
            BtTransports = (ULONG)(Bytes / sizeof(WSK_TRANSPORT));
        ExFreePoolWithTag(Transports, BT_POOL_TAG);
    }
    BtServed += Request->Number != 0;
    ExFreePoolWithTag(Request, BT_POOL_TAG);
}

static VOID BtThreadMain(PVOID Context)
{
    WSK_PROVIDER_NPI Npi;
    PVOID Waits[2];
    NTSTATUS Status;
    PBT_REQUEST Request;

    UNREFERENCED_PARAMETER(Context);

    ExAcquireFastMutex(&BtStateLock);
    if (BtStopping) {
        ExReleaseFastMutex(&BtStateLock);
        PsTerminateSystemThread(STATUS_SUCCESS);
    }
    BtClientNpi.ClientContext = NULL;
    BtClientNpi.Dispatch = &BtDispatch;
    Status = WskRegister(&BtClientNpi, &BtRegistration);
    BtRegistered = Status == STATUS_SUCCESS;
    ExReleaseFastMutex(&BtStateLock);
    if (Status != STATUS_SUCCESS)
        PsTerminateSystemThread(Status);

    /* On a thread of our own the wait for the subsystem may be as long as it takes: WskDeregister
     * in unload ends it. */
    Status = WskCaptureProviderNPI(&BtRegistration, WSK_INFINITE_WAIT, &Npi);
    if (Status != STATUS_SUCCESS)
        PsTerminateSystemThread(Status);

    Waits[0] = &BtStop;
    Waits[1] = &BtQueued;
    for (;;) {
        Status = KeWaitForMultipleObjects(2, Waits, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
        if (Status != STATUS_WAIT_1)
            break; /* BtStop */
        Request = BtPop();
        if (Request != NULL)
            BtServe(&Npi, Request);
    }
    WskReleaseProviderNPI(&BtRegistration);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

/* The work item: queue the requests, then say it is done (unload frees it after that). */
static VOID BtFeedRoutine(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    ULONG i;
    PBT_REQUEST Request;

    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);

    for (i = 0; i < BT_REQUESTS; i++) {
        Request = (PBT_REQUEST)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(BT_REQUEST), BT_POOL_TAG);
        if (Request == NULL)
            break;
        Request->Number = i + 1;
        ExInterlockedInsertTailList(&BtQueue, &Request->Link, &BtQueueLock);
        KeReleaseSemaphore(&BtQueued, IO_NO_INCREMENT, 1, FALSE);
    }
    KeSetEvent(&BtFeedDone, IO_NO_INCREMENT, FALSE);
}

void BtUnload(PDRIVER_OBJECT DriverObject)
{
    BOOLEAN Registered;
    PBT_REQUEST Request;

    UNREFERENCED_PARAMETER(DriverObject);

    ExAcquireFastMutex(&BtStateLock);
    BtStopping = TRUE;
    Registered = BtRegistered;
    ExReleaseFastMutex(&BtStateLock);

    KeSetEvent(&BtStop, IO_NO_INCREMENT, FALSE);
    if (Registered)
        WskDeregister(&BtRegistration); /* ends a blocked capture; waits for the release */
    KeWaitForSingleObject(BtThread, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(BtThread);

    KeWaitForSingleObject(&BtFeedDone, Executive, KernelMode, FALSE, NULL);
    IoFreeWorkItem(BtFeed);
    IoDeleteDevice(BtDevice);
    while ((Request = BtPop()) != NULL)
        ExFreePoolWithTag(Request, BT_POOL_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    HANDLE Thread;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    ExInitializeFastMutex(&BtStateLock);
    KeInitializeSpinLock(&BtQueueLock);
    InitializeListHead(&BtQueue);
    KeInitializeSemaphore(&BtQueued, 0, BT_QUEUE_LIMIT);
    KeInitializeEvent(&BtStop, NotificationEvent, FALSE);
    KeInitializeEvent(&BtFeedDone, NotificationEvent, FALSE);

    Status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_NETWORK, FILE_DEVICE_SECURE_OPEN, FALSE, &BtDevice);
    if (!NT_SUCCESS(Status))
        return Status;
    BtFeed = IoAllocateWorkItem(BtDevice);
    if (BtFeed == NULL) {
        IoDeleteDevice(BtDevice);
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    Status = PsCreateSystemThread(&Thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, BtThreadMain, NULL);
    if (!NT_SUCCESS(Status)) {
        IoFreeWorkItem(BtFeed);
        IoDeleteDevice(BtDevice);
        return Status;
    }
    /* Keep the thread object to wait on at unload; the handle itself is not needed. */
    Status = ObReferenceObjectByHandle(Thread, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, (PVOID *)&BtThread, NULL);
    if (!NT_SUCCESS(Status)) {
        /* Not for a handle just returned; stop the thread and wait for it all the same. */
        BtStopping = TRUE;
        KeSetEvent(&BtStop, IO_NO_INCREMENT, FALSE);
        ZwWaitForSingleObject(Thread, FALSE, NULL);
        ZwClose(Thread);
        IoFreeWorkItem(BtFeed);
        IoDeleteDevice(BtDevice);
        return Status;
    }
    ZwClose(Thread);

    IoQueueWorkItem(BtFeed, BtFeedRoutine, DelayedWorkQueue, NULL);
    DriverObject->DriverUnload = BtUnload;
    return STATUS_SUCCESS;
}
