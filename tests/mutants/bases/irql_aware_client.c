/* irql_aware_client.c - the correct client behind the mutants based on an NMR-path client whose cleanup callback branches on its IRQL: below DISPATCH_LEVEL it frees the binding and its paged-pool notes at once, at DISPATCH_LEVEL it parks the binding for DriverUnload to free.
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define IA_BINDING_TAG 'bAwI'
#define IA_NOTES_TAG 'nAwI'
#define IA_NOTES_SIZE 64

// One per WSK provider attached. Notes is paged pool: it is only touched below DISPATCH_LEVEL.
typedef struct _IA_BINDING {
  LIST_ENTRY Parked;
  HANDLE NmrBinding;
  PWSK_CLIENT WskClient;
  const WSK_PROVIDER_DISPATCH *WskDispatch;
  PCHAR Notes;
} IA_BINDING, *PIA_BINDING;

NPI_CLIENT_ATTACH_PROVIDER_FN IaAttachProvider;
NPI_CLIENT_DETACH_PROVIDER_FN IaDetachProvider;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN IaCleanupBindingContext;
DRIVER_UNLOAD IaUnload;

static const WSK_CLIENT_DISPATCH IaWskDispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};

static const NPI_MODULEID IaModuleId = {
  sizeof(NPI_MODULEID),
  MIT_GUID,
  {{0x7c41e2d9, 0x13a8, 0x4f60, {0x8b, 0x05, 0x2e, 0x94, 0xc1, 0x7a, 0x33, 0xd6}}}
};

static const NPI_CLIENT_CHARACTERISTICS IaCharacteristics = {
  0,
  sizeof(NPI_CLIENT_CHARACTERISTICS),
  IaAttachProvider,
  IaDetachProvider,
  IaCleanupBindingContext,
  {0, sizeof(NPI_REGISTRATION_INSTANCE), &NPI_WSK_INTERFACE_ID, &IaModuleId, 0, NULL}
};

static HANDLE IaClientHandle;
// Bindings cleaned up at DISPATCH_LEVEL, waiting for DriverUnload (PASSIVE_LEVEL) to free them
static LIST_ENTRY IaParkedList;
static KSPIN_LOCK IaParkedLock;

static VOID IaFreeBinding(PIA_BINDING Binding)
{
  ExFreePoolWithTag(Binding->Notes, IA_NOTES_TAG);
  ExFreePoolWithTag(Binding, IA_BINDING_TAG);
}

NTSTATUS IaAttachProvider(HANDLE NmrBindingHandle, PVOID ClientContext,
                          PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance)
{
  PIA_BINDING Binding;
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(ClientContext);
  UNREFERENCED_PARAMETER(ProviderRegistrationInstance);

  Binding = (PIA_BINDING)ExAllocatePoolWithTag(NonPagedPool, sizeof(IA_BINDING), IA_BINDING_TAG);
  if (Binding == NULL)
  {
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  RtlZeroMemory(Binding, sizeof(IA_BINDING));
  // Attach runs at PASSIVE_LEVEL: paged pool is fine here
  Binding->Notes = (PCHAR)ExAllocatePoolWithTag(PagedPool, IA_NOTES_SIZE, IA_NOTES_TAG);
  if (Binding->Notes == NULL)
  {
    ExFreePoolWithTag(Binding, IA_BINDING_TAG);
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  RtlZeroMemory(Binding->Notes, IA_NOTES_SIZE);

  Status = NmrClientAttachProvider(NmrBindingHandle, Binding, &IaWskDispatch, (PVOID *)&Binding->WskClient,
                                   (const VOID **)&Binding->WskDispatch);
  if (Status != STATUS_SUCCESS)
  {
    IaFreeBinding(Binding);
    return Status;
  }
  Binding->NmrBinding = NmrBindingHandle;
  return STATUS_SUCCESS;
}

NTSTATUS IaDetachProvider(PVOID ClientBindingContext)
{
  // No call of ours is ever in flight: the detach is done at once
  UNREFERENCED_PARAMETER(ClientBindingContext);
  return STATUS_SUCCESS;
}

VOID IaCleanupBindingContext(PVOID ClientBindingContext)
{
  PIA_BINDING Binding = (PIA_BINDING)ClientBindingContext;
  KIRQL OldIrql;

  if (KeGetCurrentIrql() < DISPATCH_LEVEL)
  {
    // Paged pool may be freed here
    IaFreeBinding(Binding);
    return;
  }
  // At DISPATCH_LEVEL the paged notes must wait: DriverUnload frees the binding
  KeAcquireSpinLock(&IaParkedLock, &OldIrql);
  InsertTailList(&IaParkedList, &Binding->Parked);
  KeReleaseSpinLock(&IaParkedLock, OldIrql);
}

VOID IaUnload(PDRIVER_OBJECT DriverObject)
{
  KIRQL OldIrql;
  PLIST_ENTRY Entry;

  UNREFERENCED_PARAMETER(DriverObject);

  if (NmrDeregisterClient(IaClientHandle) == STATUS_PENDING)
  {
    NmrWaitForClientDeregisterComplete(IaClientHandle);
  }
  // Every binding is cleaned up now; free the ones parked at DISPATCH_LEVEL
  for (;;)
  {
    KeAcquireSpinLock(&IaParkedLock, &OldIrql);
    Entry = IsListEmpty(&IaParkedList) ? NULL : RemoveHeadList(&IaParkedList);
    KeReleaseSpinLock(&IaParkedLock, OldIrql);
    if (Entry == NULL)
    {
      break;
    }
    IaFreeBinding(CONTAINING_RECORD(Entry, IA_BINDING, Parked));
  }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(RegistryPath);

  InitializeListHead(&IaParkedList);
  KeInitializeSpinLock(&IaParkedLock);
  Status = NmrRegisterClient(&IaCharacteristics, NULL, &IaClientHandle);
  if (!NT_SUCCESS(Status))
  {
    return Status;
  }
  DriverObject->DriverUnload = IaUnload;
  return STATUS_SUCCESS;
}
