/*
 * driver_entry.c - a WSK client traced with WPP: WPP_INIT_TRACING first in DriverEntry,
 * WPP_CLEANUP on every way out (a failed load and DriverUnload).
 */
#include "session.h"
#include "trace.h"
#include "driver_entry.tmh"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WppUnload;

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

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! %wZ", RegistryPath);

    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "WskRegister %!STATUS!", status);
        WPP_CLEANUP(DriverObject);
        return status;
    }
    DriverObject->DriverUnload = WppUnload;
    status = WskCaptureProviderNPI(&g_Registration, 1000, &provider);
    if (NT_SUCCESS(status)) {
        status = SessionOpenClose(&provider);
        WskReleaseProviderNPI(&g_Registration);
    }
    if (WPP_FLAG_LEVEL_ENABLED(TRACE_DRIVER, TRACE_LEVEL_VERBOSE)) {
        DbgPrint("never: tracing is off\n");
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! session %!STATUS!", status);
    return STATUS_SUCCESS;
}

VOID
WppUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC!");
    WskDeregister(&g_Registration);
    WPP_CLEANUP(DriverObject);
}
