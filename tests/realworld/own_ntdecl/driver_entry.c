/*
 * driver_entry.c - a WSK client of a project that brings its own NT declarations and includes
 * fltKernel.h, minwindef.h, winapifamily.h, pshpack4.h / poppack.h, winerror.h, bcrypt.h and
 * sspi.h: it registers with WSK and, when the provider is there, sizes its first message.
 */
#include "nt_local.h"
#include <wsk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD NtlUnload;

static WSK_REGISTRATION g_Registration;
static const WSK_CLIENT_DISPATCH g_Dispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};
static NTL_HELLO g_Hello;
static NTSTATUS g_Security;

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

    g_Security = NtlSecurityProbe();
    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    DriverObject->DriverUnload = NtlUnload;
    if (NT_SUCCESS(WskCaptureProviderNPI(&g_Registration, 1000, &provider))) {
        (VOID)NtlMakeHello(&g_Hello);
        WskReleaseProviderNPI(&g_Registration);
    }
    return STATUS_SUCCESS;
}

VOID
NtlUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    WskDeregister(&g_Registration);
}
