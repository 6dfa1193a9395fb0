/*
 * driver_entry.c - the entry file of a driver whose logic lives elsewhere in its project
 * (sources.txt) and whose definitions and include folders come from its project file
 * (compile_flags.txt): it builds only the way the project builds it.
 */
#include "echo_config.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD EchoUnload;

static WSK_REGISTRATION g_Registration;
static const WSK_CLIENT_DISPATCH g_Dispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};
static PECHO_CONTEXT g_Echo;

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

    ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    DriverObject->DriverUnload = EchoUnload;
    if (NT_SUCCESS(WskCaptureProviderNPI(&g_Registration, 1000, &provider))) {
        if (!NT_SUCCESS(EchoStart(&provider, &g_Echo))) {
            g_Echo = NULL;
        }
        WskReleaseProviderNPI(&g_Registration);
    }
    return STATUS_SUCCESS;
}

VOID
EchoUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (g_Echo != NULL) {
        EchoStop(g_Echo);
    }
    WskDeregister(&g_Registration);
}
