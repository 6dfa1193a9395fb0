/* sync_socket_client.c - the correct client behind the mutants based on a single-file WskRegister client with synchronous socket I/O (the style of tests/realworld/).
 * Each tests/mutants/<name>.patch plants one bug in it (scripts/write_mutants.sh). */
#include <ntddk.h>
#include <wsk.h>

#define APP_TAG 'tmwR'

typedef struct _APP_REQUEST {
    PIRP Irp;
    KEVENT Done;
} APP_REQUEST, *PAPP_REQUEST;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD AppUnload;
IO_COMPLETION_ROUTINE AppRequestDone;

static WSK_REGISTRATION g_Registration;
static WSK_PROVIDER_NPI g_Provider;
static const WSK_CLIENT_DISPATCH g_Dispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};

NTSTATUS
AppRequestDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static VOID
AppStart(PAPP_REQUEST Request, BOOLEAN Reuse)
{
    KeClearEvent(&Request->Done);
    if (Reuse) {
        IoReuseIrp(Request->Irp, STATUS_UNSUCCESSFUL);
    }
    IoSetCompletionRoutine(Request->Irp, AppRequestDone, &Request->Done, TRUE, TRUE, TRUE);
}

static NTSTATUS
AppWait(PAPP_REQUEST Request, NTSTATUS Status)
{
    if (Status == STATUS_PENDING) {
        KeWaitForSingleObject(&Request->Done, Executive, KernelMode, FALSE, NULL);
        Status = Request->Irp->IoStatus.Status;
    }
    return Status;
}

static VOID
AppExchange(VOID)
{
    const WSK_PROVIDER_CONNECTION_DISPATCH *dispatch;
    APP_REQUEST request;
    PWSK_SOCKET socket;
    SOCKADDR_IN local, remote;
    UCHAR data[64];
    WSK_BUF buffer;
    NTSTATUS status;
    PMDL mdl;

    request.Irp = IoAllocateIrp(1, FALSE);
    if (request.Irp == NULL) {
        return;
    }
    KeInitializeEvent(&request.Done, NotificationEvent, FALSE);

    AppStart(&request, FALSE);
    status = g_Provider.Dispatch->WskSocket(g_Provider.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP,
                                            WSK_FLAG_CONNECTION_SOCKET, NULL, NULL, NULL, NULL, NULL, request.Irp);
    status = AppWait(&request, status);
    if (!NT_SUCCESS(status)) {
        goto FreeIrp;
    }
    socket = (PWSK_SOCKET)request.Irp->IoStatus.Information;
    dispatch = socket->Dispatch;

    RtlZeroMemory(&local, sizeof(local));
    local.sin_family = AF_INET;
    remote = local;
    remote.sin_port = RtlUshortByteSwap(80);
    remote.sin_addr.s_addr = RtlUlongByteSwap(0xC0000201); /* 192.0.2.1 */

    AppStart(&request, TRUE);
    status = AppWait(&request, dispatch->WskBind(socket, (PSOCKADDR)&local, 0, request.Irp));
    if (NT_SUCCESS(status)) {
        AppStart(&request, TRUE);
        status = AppWait(&request, dispatch->WskConnect(socket, (PSOCKADDR)&remote, 0, request.Irp));
    }
    if (NT_SUCCESS(status)) {
        mdl = IoAllocateMdl(data, sizeof(data), FALSE, FALSE, NULL);
        if (mdl != NULL) {
            __try {
                MmProbeAndLockPages(mdl, KernelMode, IoWriteAccess);
            } __except (EXCEPTION_EXECUTE_HANDLER) {
                IoFreeMdl(mdl);
                mdl = NULL;
            }
        }
        if (mdl != NULL) {
            RtlFillMemory(data, sizeof(data), 'x');
            buffer.Mdl = mdl;
            buffer.Offset = 0;
            buffer.Length = sizeof(data);
            AppStart(&request, TRUE);
            status = AppWait(&request, dispatch->WskSend(socket, &buffer, 0, request.Irp));
            if (NT_SUCCESS(status)) {
                AppStart(&request, TRUE);
                status = AppWait(&request, dispatch->WskReceive(socket, &buffer, 0, request.Irp));
            }
            MmUnlockPages(mdl);
            IoFreeMdl(mdl);
        }
    }

    AppStart(&request, TRUE);
    AppWait(&request, dispatch->WskCloseSocket(socket, request.Irp));
FreeIrp:
    IoFreeIrp(request.Irp);
}

NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WSK_CLIENT_NPI client = {NULL, &g_Dispatch};
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    status = WskRegister(&client, &g_Registration);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    status = WskCaptureProviderNPI(&g_Registration, WSK_NO_WAIT, &g_Provider);
    if (!NT_SUCCESS(status)) {
        WskDeregister(&g_Registration);
        return status;
    }
    DriverObject->DriverUnload = AppUnload;
    AppExchange();
    return STATUS_SUCCESS;
}

VOID
AppUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    WskReleaseProviderNPI(&g_Registration);
    WskDeregister(&g_Registration);
}
