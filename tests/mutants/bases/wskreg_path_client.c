/* wskreg_path_client.c - the correct client behind the mutants based on a WskRegister-path client.
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define APP_WSK_VERSION MAKE_WSK_VERSION(1, 0)

const WSK_CLIENT_DISPATCH AppWskDispatch = {
  APP_WSK_VERSION,
  0,
  NULL
};

WSK_CLIENT_NPI AppWskClientNpi = {
  NULL,
  &AppWskDispatch
};

WSK_REGISTRATION AppWskRegistration;
WSK_TRANSPORT AppTransports[8];

DRIVER_UNLOAD AppUnload;

VOID AppUnload(PDRIVER_OBJECT DriverObject)
{
  UNREFERENCED_PARAMETER(DriverObject);

  WskDeregister(&AppWskRegistration);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
  WSK_PROVIDER_NPI WskProviderNpi;
  WSK_PROVIDER_CHARACTERISTICS WskCharacteristics;
  SIZE_T Returned;
  NTSTATUS Status;

  UNREFERENCED_PARAMETER(RegistryPath);

  DriverObject->DriverUnload = AppUnload;

  Status = WskRegister(&AppWskClientNpi, &AppWskRegistration);
  if (!NT_SUCCESS(Status))
  {
    return Status;
  }

  Status = WskCaptureProviderNPI(&AppWskRegistration, WSK_NO_WAIT, &WskProviderNpi);
  if (Status == STATUS_DEVICE_NOT_READY)
  {
    // The WSK subsystem is not up yet: the transport list is read later
    return STATUS_SUCCESS;
  }
  if (Status == STATUS_NOINTERFACE)
  {
    // Log which versions the subsystem offers, then give up
    if (NT_SUCCESS(WskQueryProviderCharacteristics(&AppWskRegistration, &WskCharacteristics)))
    {
      DbgPrint("wsk: versions %x..%x, not %x\n", WskCharacteristics.LowestVersion,
               WskCharacteristics.HighestVersion, APP_WSK_VERSION);
    }
    goto Deregister;
  }
  if (!NT_SUCCESS(Status))
  {
    goto Deregister;
  }

  Status = WskProviderNpi.Dispatch->WskControlClient(
    WskProviderNpi.Client,
    WSK_TRANSPORT_LIST_QUERY,
    0,
    NULL,
    sizeof(AppTransports),
    AppTransports,
    &Returned,
    NULL);
  WskReleaseProviderNPI(&AppWskRegistration);
  if (!NT_SUCCESS(Status))
  {
    goto Deregister;
  }
  return STATUS_SUCCESS;

Deregister:
  WskDeregister(&AppWskRegistration);
  return Status;
}
