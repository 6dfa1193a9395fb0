/*
 * udp_client.c - NMR registration and binding callbacks (as the WSK documentation shows them)
 * plus IRP-based datagram I/O on the binding's socket.
 */
#include "udp_client.h"

#define UDP_TAG 'bpdU'
#define UDP_MAX_BINDINGS 4
#define QUERY_BYTES 32
#define ANSWER_BYTES 512

typedef struct _UDP_BINDING {
    HANDLE NmrBindingHandle;
    PWSK_CLIENT WskClient;
    PWSK_PROVIDER_DISPATCH WskDispatch;
    PWSK_SOCKET Socket;
    const WSK_PROVIDER_DATAGRAM_DISPATCH *SocketDispatch;
    PIRP CloseIrp;        /* allocated with the socket: detaching must not need an allocation */
    LONG References;      /* 1 for the attachment, 1 per query in flight */
    BOOLEAN Detaching;
    BOOLEAN DetachPended; /* ClientDetachProvider returned STATUS_PENDING */
} UDP_BINDING, *PUDP_BINDING;

NPI_CLIENT_ATTACH_PROVIDER_FN UdpAttachProvider;
NPI_CLIENT_DETACH_PROVIDER_FN UdpDetachProvider;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN UdpCleanupBindingContext;

static const WSK_CLIENT_DISPATCH g_ClientDispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};

static const NPI_MODULEID g_ModuleId = {
    sizeof(NPI_MODULEID),
    MIT_GUID,
    {{0x7c1e55a2, 0x1f0b, 0x4d8e, {0x8a, 0x41, 0x33, 0x9d, 0x52, 0x06, 0xc4, 0x18}}}
};

static const NPI_CLIENT_CHARACTERISTICS g_Characteristics = {
    0,
    sizeof(NPI_CLIENT_CHARACTERISTICS),
    UdpAttachProvider,
    UdpDetachProvider,
    UdpCleanupBindingContext,
    {0, sizeof(NPI_REGISTRATION_INSTANCE), &NPI_WSK_INTERFACE_ID, &g_ModuleId, 0, NULL}
};

static HANDLE g_NmrClient;
static KSPIN_LOCK g_Lock;
static PUDP_BINDING g_Bindings[UDP_MAX_BINDINGS];

/* ---- NMR callbacks ---- */

_Use_decl_annotations_
NTSTATUS
UdpAttachProvider(
    HANDLE NmrBindingHandle,
    PVOID ClientContext,
    PNPI_REGISTRATION_INSTANCE ProviderRegistrationInstance
    )
{
    const WSK_PROVIDER_CHARACTERISTICS *chars;
    PUDP_BINDING binding;
    KIRQL irql;
    NTSTATUS status;
    ULONG slot;

    UNREFERENCED_PARAMETER(ClientContext);

    chars = ProviderRegistrationInstance->NpiSpecificCharacteristics;
    if (chars == NULL || MAKE_WSK_VERSION(1, 0) < chars->LowestVersion ||
        MAKE_WSK_VERSION(1, 0) > chars->HighestVersion) {
        return STATUS_NOINTERFACE;
    }

    binding = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*binding), UDP_TAG);
    if (binding == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    binding->NmrBindingHandle = NmrBindingHandle;
    binding->References = 1;

    status = NmrClientAttachProvider(NmrBindingHandle, binding, &g_ClientDispatch, &binding->WskClient,
                                     &binding->WskDispatch);
    if (status != STATUS_SUCCESS) {
        ExFreePoolWithTag(binding, UDP_TAG);
        return status;
    }

    KeAcquireSpinLock(&g_Lock, &irql);
    for (slot = 0; slot < UDP_MAX_BINDINGS && g_Bindings[slot] != NULL; slot++) {
    }
    if (slot < UDP_MAX_BINDINGS) {
        g_Bindings[slot] = binding;
    }
    KeReleaseSpinLock(&g_Lock, irql);
    return STATUS_SUCCESS;
}

_Function_class_(IO_COMPLETION_ROUTINE)
static NTSTATUS
UdpCloseDone(
    _In_ PDEVICE_OBJECT DeviceObject,
    _In_ PIRP Irp,
    _In_ PVOID Context
    )
{
    PUDP_BINDING binding = Context;

    UNREFERENCED_PARAMETER(DeviceObject);
    binding->CloseIrp = NULL;
    IoFreeIrp(Irp);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Close the binding's socket without waiting (detach may run at DISPATCH_LEVEL). */
static VOID
UdpCloseSocket(
    _In_ PUDP_BINDING Binding
    )
{
    PWSK_SOCKET socket = Binding->Socket;
    PIRP irp = Binding->CloseIrp;

    if (socket == NULL) {
        return;
    }
    Binding->Socket = NULL;
    IoSetCompletionRoutine(irp, UdpCloseDone, Binding, TRUE, TRUE, TRUE);
    Binding->SocketDispatch->WskCloseSocket(socket, irp);
}

/* The last reference of a detaching binding closes its socket and ends the detach. */
static VOID
UdpDereference(
    _In_ PUDP_BINDING Binding
    )
{
    HANDLE handle;
    BOOLEAN pended;

    if (InterlockedDecrement(&Binding->References) != 0) {
        return;
    }
    /* Only a detaching binding reaches zero here; read what the close may free first. */
    handle = Binding->NmrBindingHandle;
    pended = Binding->DetachPended;
    UdpCloseSocket(Binding);
    if (pended) {
        NmrClientDetachProviderComplete(handle);
    }
}

_Use_decl_annotations_
NTSTATUS
UdpDetachProvider(
    PVOID ClientBindingContext
    )
{
    PUDP_BINDING binding = ClientBindingContext;
    KIRQL irql;

    KeAcquireSpinLock(&g_Lock, &irql);
    binding->Detaching = TRUE;
    KeReleaseSpinLock(&g_Lock, irql);

    /* Assume queries are in flight: the last one then closes the socket and completes the detach. */
    binding->DetachPended = TRUE;
    if (InterlockedDecrement(&binding->References) == 0) {
        binding->DetachPended = FALSE;
        UdpCloseSocket(binding);
        return STATUS_SUCCESS;
    }
    return STATUS_PENDING;
}

_Use_decl_annotations_
VOID
UdpCleanupBindingContext(
    PVOID ClientBindingContext
    )
{
    PUDP_BINDING binding = ClientBindingContext;
    KIRQL irql;
    ULONG slot;

    KeAcquireSpinLock(&g_Lock, &irql);
    for (slot = 0; slot < UDP_MAX_BINDINGS; slot++) {
        if (g_Bindings[slot] == binding) {
            g_Bindings[slot] = NULL;
        }
    }
    KeReleaseSpinLock(&g_Lock, irql);
    ExFreePoolWithTag(binding, UDP_TAG);
}

/* ---- registration ---- */

NTSTATUS
UdpClientStart(VOID)
{
    KeInitializeSpinLock(&g_Lock);
    return NmrRegisterClient(&g_Characteristics, NULL, &g_NmrClient);
}

VOID
UdpClientStop(VOID)
{
    if (NmrDeregisterClient(g_NmrClient) == STATUS_PENDING) {
        NmrWaitForClientDeregisterComplete(g_NmrClient);
    }
}

/* ---- queries ---- */

_Function_class_(IO_COMPLETION_ROUTINE)
static NTSTATUS
UdpRequestDone(
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

typedef struct _UDP_REQUEST {
    PIRP Irp;
    KEVENT Done;
    BOOLEAN Used;
} UDP_REQUEST, *PUDP_REQUEST;

static VOID
UdpRequestStart(
    _Inout_ PUDP_REQUEST Request
    )
{
    KeClearEvent(&Request->Done);
    if (Request->Used) {
        IoReuseIrp(Request->Irp, STATUS_UNSUCCESSFUL);
    }
    Request->Used = TRUE;
    IoSetCompletionRoutine(Request->Irp, UdpRequestDone, &Request->Done, TRUE, TRUE, TRUE);
}

/* Wait for a request; after TimeoutMs (0: no limit) cancel it and wait for it to end. */
static NTSTATUS
UdpRequestWait(
    _Inout_ PUDP_REQUEST Request,
    _In_ NTSTATUS Status,
    _In_ LONG TimeoutMs
    )
{
    LARGE_INTEGER timeout;

    if (Status != STATUS_PENDING) {
        return Status;
    }
    timeout.QuadPart = -10000LL * TimeoutMs;
    if (KeWaitForSingleObject(&Request->Done, Executive, KernelMode, FALSE, TimeoutMs ? &timeout : NULL) ==
        STATUS_TIMEOUT) {
        IoCancelIrp(Request->Irp);
        KeWaitForSingleObject(&Request->Done, Executive, KernelMode, FALSE, NULL);
    }
    return Request->Irp->IoStatus.Status;
}

static PUDP_BINDING
UdpReferenceBinding(VOID)
{
    PUDP_BINDING binding = NULL;
    KIRQL irql;
    ULONG slot;

    KeAcquireSpinLock(&g_Lock, &irql);
    for (slot = 0; slot < UDP_MAX_BINDINGS && binding == NULL; slot++) {
        if (g_Bindings[slot] != NULL && !g_Bindings[slot]->Detaching) {
            binding = g_Bindings[slot];
            InterlockedIncrement(&binding->References);
        }
    }
    KeReleaseSpinLock(&g_Lock, irql);
    return binding;
}

/* The binding's socket: created and bound on first use. */
static NTSTATUS
UdpOpenSocket(
    _Inout_ PUDP_BINDING Binding,
    _Inout_ PUDP_REQUEST Request
    )
{
    SOCKADDR_IN local;
    PWSK_SOCKET socket;
    NTSTATUS status;

    if (Binding->Socket != NULL) {
        return STATUS_SUCCESS;
    }
    UdpRequestStart(Request);
    status = Binding->WskDispatch->WskSocket(Binding->WskClient, AF_INET, SOCK_DGRAM, IPPROTO_UDP,
                                             WSK_FLAG_DATAGRAM_SOCKET, Binding, NULL, NULL, NULL, NULL,
                                             Request->Irp);
    status = UdpRequestWait(Request, status, 0);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    socket = (PWSK_SOCKET)Request->Irp->IoStatus.Information;
    Binding->SocketDispatch = socket->Dispatch;

    Binding->CloseIrp = IoAllocateIrp(1, FALSE);
    if (Binding->CloseIrp == NULL) {
        UdpRequestStart(Request);
        status = Binding->SocketDispatch->WskCloseSocket(socket, Request->Irp);
        UdpRequestWait(Request, status, 0);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    Binding->Socket = socket;

    RtlZeroMemory(&local, sizeof(local));
    local.sin_family = AF_INET;
    UdpRequestStart(Request);
    status = Binding->SocketDispatch->WskBind(Binding->Socket, (PSOCKADDR)&local, 0, Request->Irp);
    status = UdpRequestWait(Request, status, 0);
    if (!NT_SUCCESS(status)) {
        /* Unbound sockets are of no use: close it now; the next query tries again. */
        PIRP closeIrp = Binding->CloseIrp;
        socket = Binding->Socket;
        Binding->Socket = NULL;
        Binding->CloseIrp = NULL;
        UdpRequestStart(Request);
        UdpRequestWait(Request, Binding->SocketDispatch->WskCloseSocket(socket, Request->Irp), 0);
        IoFreeIrp(closeIrp);
    }
    return status;
}

/* A buffer in nonpaged pool with its MDL. */
static PUCHAR
UdpAllocateBuffer(
    _In_ ULONG Length,
    _Out_ PWSK_BUF WskBuf
    )
{
    PUCHAR buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, Length, UDP_TAG);

    RtlZeroMemory(WskBuf, sizeof(*WskBuf));
    if (buffer == NULL) {
        return NULL;
    }
    WskBuf->Mdl = IoAllocateMdl(buffer, Length, FALSE, FALSE, NULL);
    if (WskBuf->Mdl == NULL) {
        ExFreePoolWithTag(buffer, UDP_TAG);
        return NULL;
    }
    MmBuildMdlForNonPagedPool(WskBuf->Mdl);
    WskBuf->Length = Length;
    return buffer;
}

static VOID
UdpFreeBuffer(
    _In_opt_ PUCHAR Buffer,
    _In_ PWSK_BUF WskBuf
    )
{
    if (Buffer != NULL) {
        IoFreeMdl(WskBuf->Mdl);
        ExFreePoolWithTag(Buffer, UDP_TAG);
    }
}

NTSTATUS
UdpClientQuery(
    _Out_ PULONG AnswerBytes
    )
{
    PUDP_BINDING binding;
    UDP_REQUEST request;
    WSK_BUF queryBuf, answerBuf;
    PUCHAR query = NULL, answer = NULL;
    SOCKADDR_IN server, from;
    NTSTATUS status;

    *AnswerBytes = 0;
    binding = UdpReferenceBinding();
    if (binding == NULL) {
        return STATUS_DEVICE_NOT_READY;
    }

    RtlZeroMemory(&request, sizeof(request));
    KeInitializeEvent(&request.Done, NotificationEvent, FALSE);
    request.Irp = IoAllocateIrp(1, FALSE);
    if (request.Irp == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto Out;
    }

    status = UdpOpenSocket(binding, &request);
    if (!NT_SUCCESS(status)) {
        goto Out;
    }

    query = UdpAllocateBuffer(QUERY_BYTES, &queryBuf);
    answer = UdpAllocateBuffer(ANSWER_BYTES, &answerBuf);
    if (query == NULL || answer == NULL) {
        status = STATUS_INSUFFICIENT_RESOURCES;
        goto Out;
    }
    RtlFillMemory(query, QUERY_BYTES, 0x5a);

    RtlZeroMemory(&server, sizeof(server));
    server.sin_family = AF_INET;
    server.sin_port = RtlUshortByteSwap(53);
    server.sin_addr.s_addr = RtlUlongByteSwap(0xC0000235); /* 192.0.2.53 */

    UdpRequestStart(&request);
    status = binding->SocketDispatch->WskSendTo(binding->Socket, &queryBuf, 0, (PSOCKADDR)&server, 0, NULL,
                                                request.Irp);
    status = UdpRequestWait(&request, status, 0);
    if (!NT_SUCCESS(status)) {
        goto Out;
    }

    UdpRequestStart(&request);
    status = binding->SocketDispatch->WskReceiveFrom(binding->Socket, &answerBuf, 0, (PSOCKADDR)&from, NULL, NULL,
                                                     NULL, request.Irp);
    status = UdpRequestWait(&request, status, 2000);
    if (NT_SUCCESS(status)) {
        *AnswerBytes = (ULONG)request.Irp->IoStatus.Information;
    }

Out:
    UdpFreeBuffer(answer, &answerBuf);
    UdpFreeBuffer(query, &queryBuf);
    if (request.Irp != NULL) {
        IoFreeIrp(request.Irp);
    }
    UdpDereference(binding);
    return status;
}
