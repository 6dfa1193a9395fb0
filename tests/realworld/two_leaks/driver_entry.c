/*
 * driver_entry.c - a WSK client with two bugs of one kind, for triage (not fuzzed clean by
 * t_realworld.sh: it has no seeds to pass). Each of two functions leaks a pool block on its own
 * failure path; triage must report them as two findings, one per function.
 */
#include <ntddk.h>
#include <wsk.h>

#include "greeting.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD TlUnload;

static WSK_REGISTRATION g_Registration;
static const WSK_CLIENT_DISPATCH g_Dispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};
static TL_GREETING g_Greeting;

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    WSK_CLIENT_NPI client;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);

    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    DriverObject->DriverUnload = TlUnload;
    (VOID)TlPrepareGreeting(&g_Greeting, &g_Registration);
    (VOID)TlPrepareReply(&g_Greeting);
    return STATUS_SUCCESS;
}

VOID
TlUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    TlFreeGreeting(&g_Greeting);
    WskDeregister(&g_Registration);
}
