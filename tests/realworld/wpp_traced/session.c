/*
 * session.c - creates a datagram socket with an IRP and a completion routine that signals an
 * event, then closes it the same way; every step traced with WPP.
 */
#include "session.h"
#include "trace.h"
#include "session.tmh"

#define SESSION_WAIT_MS 2000

static IO_COMPLETION_ROUTINE SessionComplete;

static NTSTATUS
SessionComplete(
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

/* Starts the request already set up on Irp and waits for it; a wait that times out cancels the
 * IRP and waits for the completion routine, which always runs. */
static NTSTATUS
SessionWait(_In_ PIRP Irp, _In_ PKEVENT Event, _In_ NTSTATUS Started)
{
    LARGE_INTEGER timeout;

    if (Started == STATUS_PENDING) {
        timeout.QuadPart = -10000LL * SESSION_WAIT_MS;
        if (KeWaitForSingleObject(Event, Executive, KernelMode, FALSE, &timeout) == STATUS_TIMEOUT) {
            SockTrace("request timed out, cancelling");
            IoCancelIrp(Irp);
            KeWaitForSingleObject(Event, Executive, KernelMode, FALSE, NULL);
        }
    }
    return Irp->IoStatus.Status;
}

NTSTATUS
SessionOpenClose(_In_ PWSK_PROVIDER_NPI Provider)
{
    KEVENT event;
    PIRP irp;
    PWSK_SOCKET socket;
    NTSTATUS status;

    irp = IoAllocateIrp(1, FALSE);
    if (irp == NULL) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_SOCKET, "%!FUNC! no IRP");
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    IoSetCompletionRoutine(irp, SessionComplete, &event, TRUE, TRUE, TRUE);
    status = Provider->Dispatch->WskSocket(Provider->Client, AF_INET, SOCK_DGRAM, IPPROTO_UDP, WSK_FLAG_DATAGRAM_SOCKET,
                                           NULL, NULL, NULL, NULL, NULL, irp);
    status = SessionWait(irp, &event, status);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_SOCKET, "%!FUNC! WskSocket %!STATUS!", status);
        IoFreeIrp(irp);
        return status;
    }
    socket = (PWSK_SOCKET)irp->IoStatus.Information;
    SockTrace("socket %p", socket);

    KeClearEvent(&event);
    IoReuseIrp(irp, STATUS_UNSUCCESSFUL);
    IoSetCompletionRoutine(irp, SessionComplete, &event, TRUE, TRUE, TRUE);
    status = ((PWSK_PROVIDER_BASIC_DISPATCH)socket->Dispatch)->WskCloseSocket(socket, irp);
    status = SessionWait(irp, &event, status);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_SOCKET, "%!FUNC! closed %!STATUS!", status);
    IoFreeIrp(irp);
    return status;
}
