/* MUTANT: the provider characteristics are read as a larger structure than WSK_PROVIDER_CHARACTERISTICS
 * EXPECT: ASAN:use-after-poison
 * TARGET: fuzz_attach
 */
/* Based on src/doc_client.c (the Microsoft sample client); the planted bug is marked BUG. */
#include <ntddk.h>
#include <wsk.h>

// Context structure type for the WSK application's
// binding to the WSK subsystem
typedef struct WSK_APP_BINDING_CONTEXT_ {
  HANDLE NmrBindingHandle;
  PWSK_CLIENT WskClient;
  PWSK_PROVIDER_DISPATCH WskProviderDispatch;
} WSK_APP_BINDING_CONTEXT, *PWSK_APP_BINDING_CONTEXT;

// Pool tag used for allocating the binding context
#define BINDING_CONTEXT_POOL_TAG 'tpcb'

// The WSK application uses version 1.0 of WSK
#define WSK_APP_WSK_VERSION MAKE_WSK_VERSION(1,0)

// Structure for the WSK application's dispatch table
const WSK_CLIENT_DISPATCH WskAppDispatch = {
  WSK_APP_WSK_VERSION,
  0,
  NULL  // No WskClientEvent callback
};

NPI_CLIENT_ATTACH_PROVIDER_FN ClientAttachProvider;
NPI_CLIENT_DETACH_PROVIDER_FN ClientDetachProvider;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN ClientCleanupBindingContext;
DRIVER_UNLOAD WskAppUnload;

// WSK application's NPI module identifier ("Initializing NMR Data Structures")
const NPI_MODULEID WskAppModuleId = {
  sizeof(NPI_MODULEID),
  MIT_GUID,
  { { 0x5d3f7a10, 0x4b1c, 0x4e7a, { 0x9c, 0x2e, 0x61, 0x0d, 0x3a, 0x77, 0x52, 0x18 } } }
};

// WSK application's NPI client characteristics
const NPI_CLIENT_CHARACTERISTICS WskAppNpiClientCharacteristics = {
  0,
  sizeof(NPI_CLIENT_CHARACTERISTICS),
  ClientAttachProvider,
  ClientDetachProvider,
  ClientCleanupBindingContext,
  {
    0,
    sizeof(NPI_REGISTRATION_INSTANCE),
    &NPI_WSK_INTERFACE_ID,
    &WskAppModuleId,
    0,
    NULL
  }
};

// The handle NmrRegisterClient returned, saved for deregistration
HANDLE NmrClientHandle;

// ClientAttachProvider NMR API callback function
NTSTATUS
  ClientAttachProvider(
    IN HANDLE NmrBindingHandle,
    IN PVOID ClientContext,
    IN PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance
    )
{
  PNPI_MODULEID WskProviderModuleId;
  PWSK_PROVIDER_CHARACTERISTICS WskProviderCharacteristics;
  PWSK_APP_BINDING_CONTEXT BindingContext;
  PWSK_CLIENT WskClient;
  PWSK_PROVIDER_DISPATCH WskProviderDispatch;
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(ClientContext);

  // Get pointers to the WSK subsystem's identification and
  // characteristics structures
  WskProviderModuleId = ProviderRegistrationInstance->ModuleId;
  WskProviderCharacteristics =
    (PWSK_PROVIDER_CHARACTERISTICS)
      ProviderRegistrationInstance->NpiSpecificCharacteristics;

  //
  // The WSK application can use the data in the structures pointed
  // to by ProviderRegistrationInstance, WskProviderModuleId, and
  // WskProviderCharacteristics to determine if the WSK application
  // can attach to the WSK subsystem.
  //
  // In this example, the WSK application does not perform any
  // checks to determine if it can attach to the WSK subsystem.
  //
  UNREFERENCED_PARAMETER(WskProviderModuleId);
  // BUG: a reserved word read past the 4-byte structure, as if it were a larger one
  if (((const ULONG *)WskProviderCharacteristics)[1] == 0xFFFFFFFF)
  {
    return STATUS_NOINTERFACE;
  }

  // Allocate memory for the WSK application's binding
  // context structure
  BindingContext =
    (PWSK_APP_BINDING_CONTEXT)
      ExAllocatePoolWithTag(
        NonPagedPool,
        sizeof(WSK_APP_BINDING_CONTEXT),
        BINDING_CONTEXT_POOL_TAG
        );

  // Check result of allocation
  if (BindingContext == NULL)
  {
    // Return error status code
    return STATUS_INSUFFICIENT_RESOURCES;
  }

  // Initialize the binding context structure
  BindingContext->NmrBindingHandle = NULL;
  BindingContext->WskClient = NULL;
  BindingContext->WskProviderDispatch = NULL;

  // Continue with the attachment to the WSK subsystem
  Status = NmrClientAttachProvider(
    NmrBindingHandle,
    BindingContext,
    &WskAppDispatch,
    &WskClient,
    &WskProviderDispatch
    );

  // Check result of attachment
  if (Status == STATUS_SUCCESS)
  {
    // Save NmrBindingHandle, WskClient, and
    // WskProviderDispatch for future reference
    BindingContext->NmrBindingHandle = NmrBindingHandle;
    BindingContext->WskClient = WskClient;
    BindingContext->WskProviderDispatch = WskProviderDispatch;
  }

  // Attachment did not succeed
  else
  {
    // Free memory for application's binding context structure
    ExFreePoolWithTag(
      BindingContext,
      BINDING_CONTEXT_POOL_TAG
      );
  }

  // Return result of attachment
  return Status;
}

// ClientDetachProvider NMR API callback function: this client makes no
// provider calls, so none can be in progress and the detach completes at once
NTSTATUS
  ClientDetachProvider(
    IN PVOID ClientBindingContext
    )
{
  UNREFERENCED_PARAMETER(ClientBindingContext);
  return STATUS_SUCCESS;
}

// ClientCleanupBindingContext NMR API callback function: frees the binding
// context that a successful attach kept
VOID
  ClientCleanupBindingContext(
    IN PVOID ClientBindingContext
    )
{
  ExFreePoolWithTag(ClientBindingContext, BINDING_CONTEXT_POOL_TAG);
}

// Driver unload: deregister from the NMR and wait for the deregistration to complete
VOID
  WskAppUnload(
    IN PDRIVER_OBJECT DriverObject
    )
{
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(DriverObject);

  Status = NmrDeregisterClient(NmrClientHandle);
  if (Status == STATUS_PENDING)
  {
    NmrWaitForClientDeregisterComplete(NmrClientHandle);
  }
}

// Driver entry: register the WSK application with the NMR as a client of the WSK NPI
NTSTATUS
  DriverEntry(
    IN PDRIVER_OBJECT DriverObject,
    IN PUNICODE_STRING RegistryPath
    )
{
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(RegistryPath);

  DriverObject->DriverUnload = WskAppUnload;

  Status = NmrRegisterClient(
    &WskAppNpiClientCharacteristics,
    NULL,
    &NmrClientHandle
    );

  return Status;
}
