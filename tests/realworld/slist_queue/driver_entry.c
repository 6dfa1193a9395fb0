/*
 * driver_entry.c - registers with WSK, runs the work queue once against the captured
 * provider, releases it; DriverUnload tears the queue down and deregisters.
 */
#include "work_queue.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SlistUnload;

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

    status = WqInitialize();
    if (!NT_SUCCESS(status)) {
        return status;
    }
    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        WqTeardown();
        return status;
    }
    DriverObject->DriverUnload = SlistUnload;
    if (NT_SUCCESS(WskCaptureProviderNPI(&g_Registration, 1000, &provider))) {
        WqRun(&provider);
        WskReleaseProviderNPI(&g_Registration);
    }
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL, "slist: %u items free\n", WqFreeDepth());
    return STATUS_SUCCESS;
}

VOID
SlistUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    WqTeardown();
    WskDeregister(&g_Registration);
}
