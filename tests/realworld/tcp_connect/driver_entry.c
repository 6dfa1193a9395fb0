/*
 * driver_entry.c - the driver around tcp_session.c: registers with WSK, captures the provider
 * NPI for one exchange with a fixed peer, then releases it; DriverUnload waits until no
 * exchange is running (rundown protection) and deregisters.
 */
#include "tcp_session.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD TcpClientUnload;

static WSK_REGISTRATION g_Registration;
static EX_RUNDOWN_REF g_Running;
static ULONG g_LastBytes;

static const WSK_CLIENT_DISPATCH g_Dispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};

static VOID
ExchangeOnce(VOID)
{
    WSK_PROVIDER_NPI provider;
    PTCP_SESSION session;
    SOCKADDR_IN peer;
    NTSTATUS status;

    if (!ExAcquireRundownProtection(&g_Running)) {
        return;
    }
    status = WskCaptureProviderNPI(&g_Registration, 1000, &provider);
    if (NT_SUCCESS(status)) {
        status = SessionCreate(&provider, &session);
        if (NT_SUCCESS(status)) {
            RtlZeroMemory(&peer, sizeof(peer));
            peer.sin_family = AF_INET;
            peer.sin_port = RtlUshortByteSwap(7);
            peer.sin_addr.s_addr = RtlUlongByteSwap(0xC0000207); /* 192.0.2.7 */
            status = SessionRun(session, &peer, 3000);
            g_LastBytes = SessionBytesReceived(session);
            SessionDestroy(session);
        }
        WskReleaseProviderNPI(&g_Registration);
    }
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL, "tcp: exchange 0x%08X, %lu bytes\n", status, g_LastBytes);
    ExReleaseRundownProtection(&g_Running);
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    WSK_CLIENT_NPI client;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);

    ExInitializeRundownProtection(&g_Running);
    client.ClientContext = NULL;
    client.Dispatch = &g_Dispatch;
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    DriverObject->DriverUnload = TcpClientUnload;
    ExchangeOnce();
    return STATUS_SUCCESS;
}

VOID
TcpClientUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    ExWaitForRundownProtectionRelease(&g_Running);
    WskDeregister(&g_Registration);
}
