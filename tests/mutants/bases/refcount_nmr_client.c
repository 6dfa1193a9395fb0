/* refcount_nmr_client.c - the correct client behind the mutants based on a reference-counting NMR client that queries transports with an IRP.
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define APP_POOL_TAG 'qTsW'

typedef struct _APP_BINDING {
  HANDLE NmrBindingHandle;
  PWSK_CLIENT WskClient;
  PWSK_PROVIDER_DISPATCH WskProviderDispatch;
  LONG References;              // 1 for the binding + 1 per request in flight
  PIRP QueryIrp;
  WSK_TRANSPORT Transports[4];
} APP_BINDING, *PAPP_BINDING;

const WSK_CLIENT_DISPATCH AppWskDispatch = {
  MAKE_WSK_VERSION(1, 0),
  0,
  NULL
};

NPI_CLIENT_ATTACH_PROVIDER_FN AppAttachProvider;
NPI_CLIENT_DETACH_PROVIDER_FN AppDetachProvider;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN AppCleanupBindingContext;
IO_COMPLETION_ROUTINE AppQueryComplete;
DRIVER_UNLOAD AppUnload;

const NPI_MODULEID AppModuleId = {
  sizeof(NPI_MODULEID),
  MIT_GUID,
  { { 0x7a41c0de, 0x21f3, 0x4c55, { 0x8e, 0x10, 0x3b, 0x9a, 0x64, 0x02, 0xd1, 0x5c } } }
};

const NPI_CLIENT_CHARACTERISTICS AppClientCharacteristics = {
  0,
  sizeof(NPI_CLIENT_CHARACTERISTICS),
  AppAttachProvider,
  AppDetachProvider,
  AppCleanupBindingContext,
  {
    0,
    sizeof(NPI_REGISTRATION_INSTANCE),
    &NPI_WSK_INTERFACE_ID,
    &AppModuleId,
    0,
    NULL
  }
};

HANDLE AppNmrClientHandle;

// Drop one reference; the last one finishes a detach that returned STATUS_PENDING
static VOID AppReleaseReference(PAPP_BINDING Binding)
{
  if (InterlockedDecrement(&Binding->References) == 0)
  {
    NmrClientDetachProviderComplete(Binding->NmrBindingHandle);
  }
}

NTSTATUS AppQueryComplete(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
  PAPP_BINDING Binding = (PAPP_BINDING)Context;

  UNREFERENCED_PARAMETER(DeviceObject);

  // The transport list (or the error) is in Irp->IoStatus; nothing below depends on it
  Binding->QueryIrp = NULL;
  IoFreeIrp(Irp);
  AppReleaseReference(Binding);
  return STATUS_MORE_PROCESSING_REQUIRED;
}

// Ask the WSK subsystem for its transports; the request is optional, so failures are ignored
static VOID AppStartQuery(PAPP_BINDING Binding)
{
  PIRP Irp = IoAllocateIrp(1, FALSE);

  if (Irp == NULL)
  {
    return;
  }
  IoSetCompletionRoutine(Irp, AppQueryComplete, Binding, TRUE, TRUE, TRUE);
  InterlockedIncrement(&Binding->References);
  Binding->QueryIrp = Irp;
  Binding->WskProviderDispatch->WskControlClient(
    Binding->WskClient,
    WSK_TRANSPORT_LIST_QUERY,
    0,
    NULL,
    sizeof(Binding->Transports),
    Binding->Transports,
    NULL,
    Irp);
}

NTSTATUS AppAttachProvider(HANDLE NmrBindingHandle, PVOID ClientContext,
                           PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance)
{
  PAPP_BINDING Binding;
  PWSK_CLIENT WskClient;
  PWSK_PROVIDER_DISPATCH WskProviderDispatch;
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(ClientContext);
  UNREFERENCED_PARAMETER(ProviderRegistrationInstance);

  Binding = (PAPP_BINDING)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(APP_BINDING), APP_POOL_TAG);
  if (Binding == NULL)
  {
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  RtlZeroMemory(Binding, sizeof(APP_BINDING));
  Binding->References = 1;

  Status = NmrClientAttachProvider(NmrBindingHandle, Binding, &AppWskDispatch,
                                   &WskClient, &WskProviderDispatch);
  if (Status != STATUS_SUCCESS)
  {
    ExFreePoolWithTag(Binding, APP_POOL_TAG);
    return Status;
  }
  Binding->NmrBindingHandle = NmrBindingHandle;
  Binding->WskClient = WskClient;
  Binding->WskProviderDispatch = WskProviderDispatch;

  AppStartQuery(Binding);
  return STATUS_SUCCESS;
}

NTSTATUS AppDetachProvider(PVOID ClientBindingContext)
{
  PAPP_BINDING Binding = (PAPP_BINDING)ClientBindingContext;

  // Drop the binding's own reference: with no request in flight the detach is done now
  if (InterlockedDecrement(&Binding->References) == 0)
  {
    return STATUS_SUCCESS;
  }
  // The last request to complete calls NmrClientDetachProviderComplete
  return STATUS_PENDING;
}

VOID AppCleanupBindingContext(PVOID ClientBindingContext)
{
  ExFreePoolWithTag(ClientBindingContext, APP_POOL_TAG);
}

VOID AppUnload(PDRIVER_OBJECT DriverObject)
{
  UNREFERENCED_PARAMETER(DriverObject);

  if (NmrDeregisterClient(AppNmrClientHandle) == STATUS_PENDING)
  {
    NmrWaitForClientDeregisterComplete(AppNmrClientHandle);
  }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
  UNREFERENCED_PARAMETER(RegistryPath);

  DriverObject->DriverUnload = AppUnload;
  return NmrRegisterClient(&AppClientCharacteristics, NULL, &AppNmrClientHandle);
}
