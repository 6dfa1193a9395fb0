/* nmr_worker_client.c - the correct client behind the mutants based on an NMR-path client whose system thread calls the provider while a detach may arrive (references count the calls in flight).
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define NW_POOL_TAG 'wNkW'

typedef struct _NW_BINDING {
  HANDLE NmrBindingHandle;
  PWSK_CLIENT WskClient;
  const WSK_PROVIDER_DISPATCH *WskProviderDispatch;
  volatile LONG References;  // one for the attachment, one per call in flight
  BOOLEAN Detaching;         // under NwLock
} NW_BINDING, *PNW_BINDING;

const WSK_CLIENT_DISPATCH NwWskDispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};

NPI_CLIENT_ATTACH_PROVIDER_FN NwAttachProvider;
NPI_CLIENT_DETACH_PROVIDER_FN NwDetachProvider;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN NwCleanupBindingContext;
DRIVER_UNLOAD NwUnload;
DRIVER_INITIALIZE DriverEntry;

const NPI_MODULEID NwModuleId = {
  sizeof(NPI_MODULEID),
  MIT_GUID,
  {0x5a1e7c0d, 0x2b3c, 0x4d5e, {0x8f, 0x90, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6}}
};

const NPI_CLIENT_CHARACTERISTICS NwNpiClientCharacteristics = {
  0,
  sizeof(NPI_CLIENT_CHARACTERISTICS),
  NwAttachProvider,
  NwDetachProvider,
  NwCleanupBindingContext,
  {0, sizeof(NPI_REGISTRATION_INSTANCE), &NPI_WSK_INTERFACE_ID, &NwModuleId, 0, NULL}
};

static HANDLE NwNmrClientHandle;
static KSPIN_LOCK NwLock;
static PNW_BINDING NwBinding;  // the attached binding, under NwLock
static KEVENT NwStop;          // notification: unload ends the thread
static KEVENT NwKick;          // synchronization: a binding is there to use
static PETHREAD NwThread;

// Drop one reference; the last one finishes a detach that returned STATUS_PENDING
static VOID NwRelease(PNW_BINDING Binding)
{
  if (InterlockedDecrement(&Binding->References) == 0)
  {
    NmrClientDetachProviderComplete(Binding->NmrBindingHandle);
  }
}

// A reference on the attached binding, unless it is detaching
static PNW_BINDING NwAcquire(void)
{
  KIRQL OldIrql;
  PNW_BINDING Binding;

  KeAcquireSpinLock(&NwLock, &OldIrql);
  Binding = NwBinding;
  if (Binding != NULL && !Binding->Detaching)
  {
    InterlockedIncrement(&Binding->References);
  }
  else
  {
    Binding = NULL;
  }
  KeReleaseSpinLock(&NwLock, OldIrql);
  return Binding;
}

static VOID NwThreadMain(PVOID Context)
{
  PVOID Waits[2];
  PNW_BINDING Binding;

  UNREFERENCED_PARAMETER(Context);
  Waits[0] = &NwStop;
  Waits[1] = &NwKick;
  while (KeWaitForMultipleObjects(2, Waits, WaitAny, Executive, KernelMode, FALSE, NULL, NULL) == STATUS_WAIT_1)
  {
    Binding = NwAcquire();
    if (Binding != NULL)
    {
      Binding->WskProviderDispatch->WskControlClient(Binding->WskClient, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL,
                                                     NULL);
      NwRelease(Binding);
    }
  }
  PsTerminateSystemThread(STATUS_SUCCESS);
}

NTSTATUS NwAttachProvider(HANDLE NmrBindingHandle, PVOID ClientContext,
                          PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance)
{
  PNW_BINDING Binding;
  NTSTATUS Status;
  KIRQL OldIrql;

  UNREFERENCED_PARAMETER(ClientContext);
  UNREFERENCED_PARAMETER(ProviderRegistrationInstance);

  if (NwBinding != NULL)
  {
    return STATUS_NOINTERFACE;  // one binding is enough
  }
  Binding = (PNW_BINDING)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(NW_BINDING), NW_POOL_TAG);
  if (Binding == NULL)
  {
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  RtlZeroMemory(Binding, sizeof(NW_BINDING));
  Binding->References = 1;
  Status = NmrClientAttachProvider(NmrBindingHandle, Binding, &NwWskDispatch, &Binding->WskClient,
                                   &Binding->WskProviderDispatch);
  if (Status != STATUS_SUCCESS)
  {
    ExFreePoolWithTag(Binding, NW_POOL_TAG);
    return Status;
  }
  Binding->NmrBindingHandle = NmrBindingHandle;
  KeAcquireSpinLock(&NwLock, &OldIrql);
  NwBinding = Binding;
  KeReleaseSpinLock(&NwLock, OldIrql);
  KeSetEvent(&NwKick, IO_NO_INCREMENT, FALSE);
  return STATUS_SUCCESS;
}

NTSTATUS NwDetachProvider(PVOID ClientBindingContext)
{
  PNW_BINDING Binding = (PNW_BINDING)ClientBindingContext;
  KIRQL OldIrql;

  KeAcquireSpinLock(&NwLock, &OldIrql);
  Binding->Detaching = TRUE;
  if (NwBinding == Binding)
  {
    NwBinding = NULL;
  }
  KeReleaseSpinLock(&NwLock, OldIrql);
  // Drop the attachment's reference: with no call in flight the detach is done now
  if (InterlockedDecrement(&Binding->References) == 0)
  {
    return STATUS_SUCCESS;
  }
  // The last call to return calls NmrClientDetachProviderComplete
  return STATUS_PENDING;
}

VOID NwCleanupBindingContext(PVOID ClientBindingContext)
{
  ExFreePoolWithTag(ClientBindingContext, NW_POOL_TAG);
}

VOID NwUnload(PDRIVER_OBJECT DriverObject)
{
  UNREFERENCED_PARAMETER(DriverObject);

  if (NmrDeregisterClient(NwNmrClientHandle) == STATUS_PENDING)
  {
    NmrWaitForClientDeregisterComplete(NwNmrClientHandle);
  }
  KeSetEvent(&NwStop, IO_NO_INCREMENT, FALSE);
  KeWaitForSingleObject(NwThread, Executive, KernelMode, FALSE, NULL);
  ObDereferenceObject(NwThread);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
  HANDLE Thread;
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(RegistryPath);

  KeInitializeSpinLock(&NwLock);
  KeInitializeEvent(&NwStop, NotificationEvent, FALSE);
  KeInitializeEvent(&NwKick, SynchronizationEvent, FALSE);
  Status = PsCreateSystemThread(&Thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, NwThreadMain, NULL);
  if (!NT_SUCCESS(Status))
  {
    return Status;
  }
  Status = ObReferenceObjectByHandle(Thread, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, (PVOID *)&NwThread, NULL);
  if (!NT_SUCCESS(Status))
  {
    KeSetEvent(&NwStop, IO_NO_INCREMENT, FALSE);
    ZwWaitForSingleObject(Thread, FALSE, NULL);
    ZwClose(Thread);
    return Status;
  }
  ZwClose(Thread);

  Status = NmrRegisterClient(&NwNpiClientCharacteristics, NULL, &NwNmrClientHandle);
  if (!NT_SUCCESS(Status))
  {
    KeSetEvent(&NwStop, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(NwThread, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(NwThread);
    return Status;
  }
  DriverObject->DriverUnload = NwUnload;
  return STATUS_SUCCESS;
}
