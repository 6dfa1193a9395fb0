/*
 * driver_entry.c - a WSK client that is also a WFP callout driver: it checks its buffer walk,
 * tries to register its callout (the driver works without it, as on a system where the filter
 * engine is not running), then registers with WSK and queries the provider once.
 */
#include "callout.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD NdisWfpUnload;

static WSK_REGISTRATION g_Registration;
static const WSK_CLIENT_DISPATCH g_Dispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    WSK_CLIENT_NPI client;
    WSK_PROVIDER_NPI provider;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);

    status = CalloutSelfTest();
    if (status == STATUS_INTERNAL_ERROR) {
        return status; /* the walk is wrong: never load */
    }
    (VOID)CalloutRegister(DriverObject->DeviceObject);

    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        CalloutUnregister();
        return status;
    }
    DriverObject->DriverUnload = NdisWfpUnload;
    if (NT_SUCCESS(WskCaptureProviderNPI(&g_Registration, 1000, &provider))) {
        WSK_TRANSPORT transport;
        SIZE_T bytes = 0;
        (VOID)provider.Dispatch->WskControlClient(provider.Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL,
                                                  sizeof(transport), &transport, &bytes, NULL);
        WskReleaseProviderNPI(&g_Registration);
    }
    return STATUS_SUCCESS;
}

VOID
NdisWfpUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    CalloutUnregister();
    WskDeregister(&g_Registration);
}
