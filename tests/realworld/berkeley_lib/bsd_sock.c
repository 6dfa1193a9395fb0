/*
 * bsd_sock.c - the Berkeley-style layer: one WSK request at a time per socket, each with the
 * socket's own IRP, reinitialized with IoReuseIrp before every request and completed into a
 * KEVENT. Buffers are described by MDLs locked for the duration of the request.
 */
#include "bsd_sock.h"

#define BSD_TAG 'kosB'

typedef struct _BSD_SOCKET {
    PWSK_SOCKET WskSocket;
    const WSK_PROVIDER_CONNECTION_DISPATCH *Dispatch;
    PIRP Irp;
    KEVENT Done;
    BOOLEAN Bound;
} BSD_SOCKET, *PBSD_SOCKET;

static WSK_REGISTRATION g_Registration;
static WSK_PROVIDER_NPI g_Provider;
static BOOLEAN g_Registered;
static BOOLEAN g_Captured;
static PBSD_SOCKET g_Sockets[BSD_MAX_SOCKETS];
static NTSTATUS g_LastError;

static const WSK_CLIENT_DISPATCH g_ClientDispatch = {
    MAKE_WSK_VERSION(1, 0),
    0,
    NULL
};

_Function_class_(IO_COMPLETION_ROUTINE)
static NTSTATUS
BsdRequestDone(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_ PVOID Context
    )
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);

    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Make the IRP ready for the next request: it may have carried one before. */
static VOID
BsdPrepare(
    _In_ PIRP Irp,
    _In_ PKEVENT Done,
    _In_ BOOLEAN Reused
    )
{
    KeClearEvent(Done);
    if (Reused) {
        IoReuseIrp(Irp, STATUS_UNSUCCESSFUL);
    }
    IoSetCompletionRoutine(Irp, BsdRequestDone, Done, TRUE, TRUE, TRUE);
}

static NTSTATUS
BsdWait(
    _In_ PIRP Irp,
    _In_ PKEVENT Done,
    _In_ NTSTATUS Status
    )
{
    if (Status == STATUS_PENDING) {
        KeWaitForSingleObject(Done, Executive, KernelMode, FALSE, NULL);
        Status = Irp->IoStatus.Status;
    }
    return Status;
}

static int
BsdFail(
    _In_ NTSTATUS Status
    )
{
    g_LastError = Status;
    return -1;
}

NTSTATUS
BsdLastError(VOID)
{
    return g_LastError;
}

NTSTATUS
BsdStartup(
    _In_ ULONG WaitMilliseconds
    )
{
    WSK_CLIENT_NPI clientNpi;
    NTSTATUS status;

    clientNpi.ClientContext = NULL;
    clientNpi.Dispatch = &g_ClientDispatch;

    status = WskRegister(&clientNpi, &g_Registration);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    g_Registered = TRUE;

    status = WskCaptureProviderNPI(&g_Registration, WaitMilliseconds, &g_Provider);
    if (!NT_SUCCESS(status)) {
        WskDeregister(&g_Registration);
        g_Registered = FALSE;
        return status;
    }
    g_Captured = TRUE;
    return STATUS_SUCCESS;
}

VOID
BsdCleanup(VOID)
{
    int fd;

    for (fd = 0; fd < BSD_MAX_SOCKETS; fd++) {
        if (g_Sockets[fd] != NULL) {
            bsd_close(fd);
        }
    }
    if (g_Captured) {
        WskReleaseProviderNPI(&g_Registration);
        g_Captured = FALSE;
    }
    if (g_Registered) {
        WskDeregister(&g_Registration);
        g_Registered = FALSE;
    }
}

static PBSD_SOCKET
BsdLookup(
    _In_ int Fd
    )
{
    if (Fd < 0 || Fd >= BSD_MAX_SOCKETS) {
        return NULL;
    }
    return g_Sockets[Fd];
}

int
bsd_getaddrinfo(
    _In_ PCWSTR Node,
    _In_ PCWSTR Service,
    _In_ int Family,
    _Out_ PADDRINFOEXW *Result
    )
{
    UNICODE_STRING node, service;
    ADDRINFOEXW hints;
    KEVENT done;
    PIRP irp;
    NTSTATUS status;

    *Result = NULL;
    RtlInitUnicodeString(&node, Node);
    RtlInitUnicodeString(&service, Service);
    RtlZeroMemory(&hints, sizeof(hints));
    hints.ai_family = Family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;

    irp = IoAllocateIrp(1, FALSE);
    if (irp == NULL) {
        return BsdFail(STATUS_INSUFFICIENT_RESOURCES);
    }
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    BsdPrepare(irp, &done, FALSE);

    status = g_Provider.Dispatch->WskGetAddressInfo(g_Provider.Client, &node, &service, NS_ALL, NULL, &hints,
                                                    Result, NULL, NULL, irp);
    status = BsdWait(irp, &done, status);
    IoFreeIrp(irp);
    if (!NT_SUCCESS(status)) {
        *Result = NULL;
        return BsdFail(status);
    }
    return 0;
}

void
bsd_freeaddrinfo(
    _In_ PADDRINFOEXW Result
    )
{
    if (Result != NULL) {
        g_Provider.Dispatch->WskFreeAddressInfo(g_Provider.Client, Result);
    }
}

int
bsd_socket(
    _In_ int Family,
    _In_ int Type,
    _In_ int Protocol
    )
{
    PBSD_SOCKET sock;
    NTSTATUS status;
    int fd;

    for (fd = 0; fd < BSD_MAX_SOCKETS && g_Sockets[fd] != NULL; fd++) {
    }
    if (fd == BSD_MAX_SOCKETS) {
        return BsdFail(STATUS_TOO_MANY_ADDRESSES);
    }

    sock = ExAllocatePoolZero(NonPagedPoolNx, sizeof(*sock), BSD_TAG);
    if (sock == NULL) {
        return BsdFail(STATUS_INSUFFICIENT_RESOURCES);
    }
    sock->Irp = IoAllocateIrp(1, FALSE);
    if (sock->Irp == NULL) {
        ExFreePoolWithTag(sock, BSD_TAG);
        return BsdFail(STATUS_INSUFFICIENT_RESOURCES);
    }
    KeInitializeEvent(&sock->Done, NotificationEvent, FALSE);
    BsdPrepare(sock->Irp, &sock->Done, FALSE);

    status = g_Provider.Dispatch->WskSocket(g_Provider.Client, (ADDRESS_FAMILY)Family, (USHORT)Type,
                                            (ULONG)Protocol, WSK_FLAG_CONNECTION_SOCKET, sock, NULL, NULL, NULL,
                                            NULL, sock->Irp);
    status = BsdWait(sock->Irp, &sock->Done, status);
    if (!NT_SUCCESS(status)) {
        IoFreeIrp(sock->Irp);
        ExFreePoolWithTag(sock, BSD_TAG);
        return BsdFail(status);
    }

    sock->WskSocket = (PWSK_SOCKET)sock->Irp->IoStatus.Information;
    sock->Dispatch = (const WSK_PROVIDER_CONNECTION_DISPATCH *)sock->WskSocket->Dispatch;
    g_Sockets[fd] = sock;
    return fd;
}

int
bsd_connect(
    _In_ int Fd,
    _In_ const struct sockaddr *Address,
    _In_ int AddressLength
    )
{
    PBSD_SOCKET sock = BsdLookup(Fd);
    SOCKADDR_STORAGE local;
    NTSTATUS status;

    if (sock == NULL || Address == NULL || AddressLength < (int)sizeof(SOCKADDR_IN)) {
        return BsdFail(STATUS_INVALID_PARAMETER);
    }

    /* WskConnect needs a bound socket: bind to the wildcard address of the same family. */
    if (!sock->Bound) {
        RtlZeroMemory(&local, sizeof(local));
        local.ss_family = Address->sa_family;
        BsdPrepare(sock->Irp, &sock->Done, TRUE);
        status = sock->Dispatch->WskBind(sock->WskSocket, (PSOCKADDR)&local, 0, sock->Irp);
        status = BsdWait(sock->Irp, &sock->Done, status);
        if (!NT_SUCCESS(status)) {
            return BsdFail(status);
        }
        sock->Bound = TRUE;
    }

    BsdPrepare(sock->Irp, &sock->Done, TRUE);
    status = sock->Dispatch->WskConnect(sock->WskSocket, (PSOCKADDR)Address, 0, sock->Irp);
    status = BsdWait(sock->Irp, &sock->Done, status);
    return NT_SUCCESS(status) ? 0 : BsdFail(status);
}

/* One send or receive on a locked MDL over the caller's buffer. */
static int
BsdTransfer(
    _In_ PBSD_SOCKET Sock,
    _In_ PVOID Buffer,
    _In_ ULONG Length,
    _In_ BOOLEAN Send
    )
{
    WSK_BUF wskBuf;
    NTSTATUS status;
    PMDL mdl;

    mdl = IoAllocateMdl(Buffer, Length, FALSE, FALSE, NULL);
    if (mdl == NULL) {
        return BsdFail(STATUS_INSUFFICIENT_RESOURCES);
    }
    __try {
        MmProbeAndLockPages(mdl, KernelMode, Send ? IoReadAccess : IoWriteAccess);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        IoFreeMdl(mdl);
        return BsdFail(GetExceptionCode());
    }

    wskBuf.Mdl = mdl;
    wskBuf.Offset = 0;
    wskBuf.Length = Length;

    BsdPrepare(Sock->Irp, &Sock->Done, TRUE);
    if (Send) {
        status = Sock->Dispatch->WskSend(Sock->WskSocket, &wskBuf, 0, Sock->Irp);
    } else {
        status = Sock->Dispatch->WskReceive(Sock->WskSocket, &wskBuf, 0, Sock->Irp);
    }
    status = BsdWait(Sock->Irp, &Sock->Done, status);

    MmUnlockPages(mdl);
    IoFreeMdl(mdl);
    if (!NT_SUCCESS(status)) {
        return BsdFail(status);
    }
    return (int)Sock->Irp->IoStatus.Information;
}

int
bsd_send(
    _In_ int Fd,
    _In_reads_bytes_(Length) const void *Buffer,
    _In_ ULONG Length
    )
{
    PBSD_SOCKET sock = BsdLookup(Fd);

    if (sock == NULL || Length == 0) {
        return BsdFail(STATUS_INVALID_PARAMETER);
    }
    return BsdTransfer(sock, (PVOID)Buffer, Length, TRUE);
}

int
bsd_recv(
    _In_ int Fd,
    _Out_writes_bytes_(Length) void *Buffer,
    _In_ ULONG Length
    )
{
    PBSD_SOCKET sock = BsdLookup(Fd);

    if (sock == NULL || Length == 0) {
        return BsdFail(STATUS_INVALID_PARAMETER);
    }
    return BsdTransfer(sock, Buffer, Length, FALSE);
}

int
bsd_shutdown(
    _In_ int Fd
    )
{
    PBSD_SOCKET sock = BsdLookup(Fd);
    NTSTATUS status;

    if (sock == NULL) {
        return BsdFail(STATUS_INVALID_PARAMETER);
    }
    BsdPrepare(sock->Irp, &sock->Done, TRUE);
    status = sock->Dispatch->WskDisconnect(sock->WskSocket, NULL, 0, sock->Irp);
    status = BsdWait(sock->Irp, &sock->Done, status);
    return NT_SUCCESS(status) ? 0 : BsdFail(status);
}

int
bsd_close(
    _In_ int Fd
    )
{
    PBSD_SOCKET sock = BsdLookup(Fd);
    NTSTATUS status;

    if (sock == NULL) {
        return BsdFail(STATUS_INVALID_PARAMETER);
    }
    g_Sockets[Fd] = NULL;

    BsdPrepare(sock->Irp, &sock->Done, TRUE);
    status = sock->Dispatch->WskCloseSocket(sock->WskSocket, sock->Irp);
    status = BsdWait(sock->Irp, &sock->Done, status);

    IoFreeIrp(sock->Irp);
    ExFreePoolWithTag(sock, BSD_TAG);
    return NT_SUCCESS(status) ? 0 : BsdFail(status);
}
