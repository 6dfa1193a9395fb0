/*
 * driver_entry.c - a driver whose folders are configured apart: this file by the client folder's
 * compile_flags.txt, query/ and the library beside it by their own.
 */
#include "split.h"

#if !defined(SPLIT_ENTRY) || defined(SPLIT_QUERY) || defined(SPLIT_LIB)
#error "driver_entry.c takes the flags of the client folder's compile_flags.txt only"
#endif

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SplitUnload;

static WSK_REGISTRATION g_Registration;
static const WSK_CLIENT_DISPATCH g_Dispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};
static SPLIT_STATE g_State;

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

    status = SplitAllocate(&g_State);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        SplitFree(&g_State);
        return status;
    }
    DriverObject->DriverUnload = SplitUnload;
    if (NT_SUCCESS(WskCaptureProviderNPI(&g_Registration, 1000, &provider))) {
        (VOID)SplitQuery(&provider, &g_State);
        WskReleaseProviderNPI(&g_Registration);
    }
    return STATUS_SUCCESS;
}

VOID
SplitUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    WskDeregister(&g_Registration);
    SplitFree(&g_State);
}
