/* nmr_device_worker_client.c - the correct client behind the mutants based on an NMR-path client with a device object, a work item that queries each new binding and a system thread that sends on a socket while a detach may arrive (references count the users of a binding).
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define DW_POOL_TAG 'wDkW'
#define DW_MAX_TRANSPORTS 4
#define DW_SEND_BYTES 32

typedef struct _DW_BINDING {
  HANDLE NmrBindingHandle;
  PWSK_CLIENT WskClient;
  const WSK_PROVIDER_DISPATCH *WskProviderDispatch;
  volatile LONG References;  // one for the attachment, one per user: the thread's send, the queued work item
  BOOLEAN Detaching;         // under DwLock
  ULONG Transports;
} DW_BINDING, *PDW_BINDING;

const WSK_CLIENT_DISPATCH DwWskDispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};

NPI_CLIENT_ATTACH_PROVIDER_FN DwAttachProvider;
NPI_CLIENT_DETACH_PROVIDER_FN DwDetachProvider;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN DwCleanupBindingContext;
IO_WORKITEM_ROUTINE DwQueryRoutine;
IO_COMPLETION_ROUTINE DwIrpDone;
DRIVER_UNLOAD DwUnload;
DRIVER_INITIALIZE DriverEntry;

const NPI_MODULEID DwModuleId = {
  sizeof(NPI_MODULEID),
  MIT_GUID,
  {0x6b2f8d1e, 0x3c4d, 0x4e5f, {0x90, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07}}
};

const NPI_CLIENT_CHARACTERISTICS DwNpiClientCharacteristics = {
  0,
  sizeof(NPI_CLIENT_CHARACTERISTICS),
  DwAttachProvider,
  DwDetachProvider,
  DwCleanupBindingContext,
  {0, sizeof(NPI_REGISTRATION_INSTANCE), &NPI_WSK_INTERFACE_ID, &DwModuleId, 0, NULL}
};

static HANDLE DwNmrClientHandle;
static KSPIN_LOCK DwLock;
static PDW_BINDING DwBinding;   // the attached binding, under DwLock
static PDEVICE_OBJECT DwDevice;
static PIO_WORKITEM DwQueryItem;
static BOOLEAN DwQueryQueued;   // under DwLock
static KEVENT DwQueryIdle;      // notification: the work item is neither queued nor running
static KEVENT DwStop;           // notification: unload ends the thread
static KEVENT DwKick;           // synchronization: a binding is there to use
static PETHREAD DwThread;
static ULONG DwCompleted;       // IRPs completed, under DwLock

// Drop one reference; the last one finishes a detach that returned STATUS_PENDING
static VOID DwRelease(PDW_BINDING Binding)
{
  if (InterlockedDecrement(&Binding->References) == 0)
  {
    NmrClientDetachProviderComplete(Binding->NmrBindingHandle);
  }
}

// A reference on the attached binding, unless it is detaching
static PDW_BINDING DwAcquire(void)
{
  KIRQL OldIrql;
  PDW_BINDING Binding;

  KeAcquireSpinLock(&DwLock, &OldIrql);
  Binding = DwBinding;
  if (Binding != NULL && !Binding->Detaching)
  {
    InterlockedIncrement(&Binding->References);
  }
  else
  {
    Binding = NULL;
  }
  KeReleaseSpinLock(&DwLock, OldIrql);
  return Binding;
}

NTSTATUS DwIrpDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
  KIRQL OldIrql;

  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(Irp);
  KeAcquireSpinLock(&DwLock, &OldIrql);
  DwCompleted++;
  KeReleaseSpinLock(&DwLock, OldIrql);
  KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

// Ready the IRP for its next WSK call
static VOID DwIrpStart(PIRP Irp, PKEVENT Done, BOOLEAN Reuse)
{
  KeClearEvent(Done);
  if (Reuse)
  {
    IoReuseIrp(Irp, STATUS_UNSUCCESSFUL);
  }
  IoSetCompletionRoutine(Irp, DwIrpDone, Done, TRUE, TRUE, TRUE);
}

static NTSTATUS DwIrpWait(PIRP Irp, PKEVENT Done, NTSTATUS Status)
{
  if (Status == STATUS_PENDING)
  {
    KeWaitForSingleObject(Done, Executive, KernelMode, FALSE, NULL);
    Status = Irp->IoStatus.Status;
  }
  return Status;
}

// One connection: connect, send a buffer, close. The caller holds a reference on the binding.
static VOID DwSendOnce(PDW_BINDING Binding, PUCHAR Data, PMDL Mdl)
{
  const WSK_PROVIDER_CONNECTION_DISPATCH *Dispatch;
  SOCKADDR_IN Local, Remote;
  PWSK_SOCKET Socket;
  WSK_BUF Buffer;
  KEVENT Done;
  NTSTATUS Status;
  PIRP Irp;

  Irp = IoAllocateIrp(1, FALSE);
  if (Irp == NULL)
  {
    return;
  }
  KeInitializeEvent(&Done, NotificationEvent, FALSE);
  RtlZeroMemory(&Local, sizeof(Local));
  Local.sin_family = AF_INET;
  Remote = Local;
  Remote.sin_port = RtlUshortByteSwap(7);
  Remote.sin_addr.s_addr = RtlUlongByteSwap(0xC0000201);  // 192.0.2.1

  DwIrpStart(Irp, &Done, FALSE);
  Status = DwIrpWait(Irp, &Done, Binding->WskProviderDispatch->WskSocketConnect(
                                     Binding->WskClient, SOCK_STREAM, IPPROTO_TCP, (PSOCKADDR)&Local,
                                     (PSOCKADDR)&Remote, 0, NULL, NULL, NULL, NULL, NULL, Irp));
  if (NT_SUCCESS(Status))
  {
    Socket = (PWSK_SOCKET)Irp->IoStatus.Information;
    Dispatch = (const WSK_PROVIDER_CONNECTION_DISPATCH *)Socket->Dispatch;
    RtlFillMemory(Data, DW_SEND_BYTES, 'd');
    Buffer.Mdl = Mdl;
    Buffer.Offset = 0;
    Buffer.Length = DW_SEND_BYTES;
    DwIrpStart(Irp, &Done, TRUE);
    DwIrpWait(Irp, &Done, Dispatch->WskSend(Socket, &Buffer, 0, Irp));
    DwIrpStart(Irp, &Done, TRUE);
    DwIrpWait(Irp, &Done, Dispatch->WskCloseSocket(Socket, Irp));
  }
  IoFreeIrp(Irp);
}

static VOID DwThreadMain(PVOID Context)
{
  PVOID Waits[2];
  PDW_BINDING Binding;
  PUCHAR Data;
  PMDL Mdl;

  UNREFERENCED_PARAMETER(Context);
  Data = (PUCHAR)ExAllocatePoolWithTag(NonPagedPoolNx, DW_SEND_BYTES, DW_POOL_TAG);
  Mdl = Data != NULL ? IoAllocateMdl(Data, DW_SEND_BYTES, FALSE, FALSE, NULL) : NULL;
  if (Mdl != NULL)
  {
    MmBuildMdlForNonPagedPool(Mdl);
  }
  Waits[0] = &DwStop;
  Waits[1] = &DwKick;
  while (KeWaitForMultipleObjects(2, Waits, WaitAny, Executive, KernelMode, FALSE, NULL, NULL) == STATUS_WAIT_1)
  {
    Binding = Mdl != NULL ? DwAcquire() : NULL;
    if (Binding != NULL)
    {
      DwSendOnce(Binding, Data, Mdl);
      DwRelease(Binding);
    }
  }
  if (Mdl != NULL)
  {
    IoFreeMdl(Mdl);
  }
  if (Data != NULL)
  {
    ExFreePoolWithTag(Data, DW_POOL_TAG);
  }
  PsTerminateSystemThread(STATUS_SUCCESS);
}

// The work item: how many transports the new binding's provider has. It holds a reference on
// the binding (taken when it was queued) and calls the provider only while it is not detaching.
VOID DwQueryRoutine(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
  PDW_BINDING Binding = (PDW_BINDING)Context;
  PWSK_TRANSPORT Transports;
  BOOLEAN Detaching;
  SIZE_T Bytes = 0;
  KIRQL OldIrql;

  UNREFERENCED_PARAMETER(DeviceObject);
  Transports = (PWSK_TRANSPORT)ExAllocatePoolWithTag(NonPagedPoolNx, DW_MAX_TRANSPORTS * sizeof(WSK_TRANSPORT),
                                                     DW_POOL_TAG);
  KeAcquireSpinLock(&DwLock, &OldIrql);
  Detaching = Binding->Detaching;
  KeReleaseSpinLock(&DwLock, OldIrql);
  if (Transports != NULL && !Detaching)
  {
    if (Binding->WskProviderDispatch->WskControlClient(Binding->WskClient, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                       DW_MAX_TRANSPORTS * sizeof(WSK_TRANSPORT), Transports,
                                                       &Bytes, NULL) == STATUS_SUCCESS)
    {
      Binding->Transports = (ULONG)(Bytes / sizeof(WSK_TRANSPORT));
    }
  }
  if (Transports != NULL)
  {
    ExFreePoolWithTag(Transports, DW_POOL_TAG);
  }
  DwRelease(Binding);
  // Idle again: attach may queue it for the next binding, unload may free it
  KeAcquireSpinLock(&DwLock, &OldIrql);
  DwQueryQueued = FALSE;
  KeSetEvent(&DwQueryIdle, IO_NO_INCREMENT, FALSE);
  KeReleaseSpinLock(&DwLock, OldIrql);
}

NTSTATUS DwAttachProvider(HANDLE NmrBindingHandle, PVOID ClientContext,
                          PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance)
{
  PDW_BINDING Binding;
  BOOLEAN Query;
  NTSTATUS Status;
  KIRQL OldIrql;

  UNREFERENCED_PARAMETER(ClientContext);
  UNREFERENCED_PARAMETER(ProviderRegistrationInstance);

  if (DwBinding != NULL)
  {
    return STATUS_NOINTERFACE;  // one binding is enough
  }
  Binding = (PDW_BINDING)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(DW_BINDING), DW_POOL_TAG);
  if (Binding == NULL)
  {
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  RtlZeroMemory(Binding, sizeof(DW_BINDING));
  Binding->References = 1;
  Status = NmrClientAttachProvider(NmrBindingHandle, Binding, &DwWskDispatch, &Binding->WskClient,
                                   &Binding->WskProviderDispatch);
  if (Status != STATUS_SUCCESS)
  {
    ExFreePoolWithTag(Binding, DW_POOL_TAG);
    return Status;
  }
  Binding->NmrBindingHandle = NmrBindingHandle;
  KeAcquireSpinLock(&DwLock, &OldIrql);
  DwBinding = Binding;
  Query = !DwQueryQueued;
  if (Query)
  {
    // The work item's reference, given back by its routine
    DwQueryQueued = TRUE;
    KeClearEvent(&DwQueryIdle);
    InterlockedIncrement(&Binding->References);
  }
  KeReleaseSpinLock(&DwLock, OldIrql);
  if (Query)
  {
    IoQueueWorkItem(DwQueryItem, DwQueryRoutine, DelayedWorkQueue, Binding);
  }
  KeSetEvent(&DwKick, IO_NO_INCREMENT, FALSE);
  return STATUS_SUCCESS;
}

NTSTATUS DwDetachProvider(PVOID ClientBindingContext)
{
  PDW_BINDING Binding = (PDW_BINDING)ClientBindingContext;
  KIRQL OldIrql;

  KeAcquireSpinLock(&DwLock, &OldIrql);
  Binding->Detaching = TRUE;
  if (DwBinding == Binding)
  {
    DwBinding = NULL;
  }
  KeReleaseSpinLock(&DwLock, OldIrql);
  // Drop the attachment's reference: with no user left the detach is done now
  if (InterlockedDecrement(&Binding->References) == 0)
  {
    return STATUS_SUCCESS;
  }
  // The last user to let go calls NmrClientDetachProviderComplete
  return STATUS_PENDING;
}

VOID DwCleanupBindingContext(PVOID ClientBindingContext)
{
  ExFreePoolWithTag(ClientBindingContext, DW_POOL_TAG);
}

// Stop the thread, wait for the work item, and give back the thread object, the work item and
// the device object
static VOID DwTeardown(void)
{
  KeSetEvent(&DwStop, IO_NO_INCREMENT, FALSE);
  KeWaitForSingleObject(DwThread, Executive, KernelMode, FALSE, NULL);
  ObDereferenceObject(DwThread);
  KeWaitForSingleObject(&DwQueryIdle, Executive, KernelMode, FALSE, NULL);
  IoFreeWorkItem(DwQueryItem);
  IoDeleteDevice(DwDevice);
}

VOID DwUnload(PDRIVER_OBJECT DriverObject)
{
  UNREFERENCED_PARAMETER(DriverObject);

  if (NmrDeregisterClient(DwNmrClientHandle) == STATUS_PENDING)
  {
    NmrWaitForClientDeregisterComplete(DwNmrClientHandle);
  }
  DwTeardown();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
  HANDLE Thread;
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(RegistryPath);

  KeInitializeSpinLock(&DwLock);
  KeInitializeEvent(&DwStop, NotificationEvent, FALSE);
  KeInitializeEvent(&DwKick, SynchronizationEvent, FALSE);
  KeInitializeEvent(&DwQueryIdle, NotificationEvent, TRUE);
  Status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_NETWORK, FILE_DEVICE_SECURE_OPEN, FALSE, &DwDevice);
  if (!NT_SUCCESS(Status))
  {
    return Status;
  }
  DwQueryItem = IoAllocateWorkItem(DwDevice);
  if (DwQueryItem == NULL)
  {
    IoDeleteDevice(DwDevice);
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  Status = PsCreateSystemThread(&Thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, DwThreadMain, NULL);
  if (!NT_SUCCESS(Status))
  {
    IoFreeWorkItem(DwQueryItem);
    IoDeleteDevice(DwDevice);
    return Status;
  }
  Status = ObReferenceObjectByHandle(Thread, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, (PVOID *)&DwThread, NULL);
  if (!NT_SUCCESS(Status))
  {
    KeSetEvent(&DwStop, IO_NO_INCREMENT, FALSE);
    ZwWaitForSingleObject(Thread, FALSE, NULL);
    ZwClose(Thread);
    IoFreeWorkItem(DwQueryItem);
    IoDeleteDevice(DwDevice);
    return Status;
  }
  ZwClose(Thread);

  Status = NmrRegisterClient(&DwNpiClientCharacteristics, NULL, &DwNmrClientHandle);
  if (!NT_SUCCESS(Status))
  {
    DwTeardown();
    return Status;
  }
  DriverObject->DriverUnload = DwUnload;
  return STATUS_SUCCESS;
}
