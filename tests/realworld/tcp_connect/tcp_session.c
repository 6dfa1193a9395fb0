/*
 * tcp_session.c - a WskSocketConnect client in the asynchronous style: the completion routine
 * is a small state machine, so the driver never blocks between steps.
 */
#include "tcp_session.h"

#define SESSION_TAG 'sseT'

typedef enum _SESSION_STAGE {
    StageConnect,
    StageSend,
    StageReceive,
    StageDisconnect,
    StageClose,
    StageDone
} SESSION_STAGE;

struct _TCP_SESSION {
    const WSK_PROVIDER_NPI *Provider;
    PIRP Irp;
    PWSK_SOCKET Socket;
    const WSK_PROVIDER_CONNECTION_DISPATCH *Dispatch;
    SESSION_STAGE Stage;
    NTSTATUS Result;
    BOOLEAN Cancelled;
    KEVENT Finished;
    PUCHAR Buffer;
    PMDL Mdl;
    WSK_BUF WskBuf;
    ULONG Received;
    SOCKADDR_IN Local;
    SOCKADDR_IN Remote;
};

static const char g_Request[] = "HELO wskfuzz\r\n";

IO_COMPLETION_ROUTINE SessionStep;

static VOID
SessionIssue(
    _In_ PTCP_SESSION Session,
    _In_ SESSION_STAGE Stage
    );

NTSTATUS
SessionCreate(
    _In_ const WSK_PROVIDER_NPI *Provider,
    _Out_ PTCP_SESSION *Session
    )
{
    PTCP_SESSION session;

    *Session = NULL;
    session = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*session), SESSION_TAG);
    if (session == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    session->Provider = Provider;
    KeInitializeEvent(&session->Finished, NotificationEvent, FALSE);

    session->Buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, SESSION_BUFFER_SIZE, SESSION_TAG);
    if (session->Buffer == NULL) {
        goto Fail;
    }
    session->Mdl = IoAllocateMdl(session->Buffer, SESSION_BUFFER_SIZE, FALSE, FALSE, NULL);
    if (session->Mdl == NULL) {
        goto Fail;
    }
    MmBuildMdlForNonPagedPool(session->Mdl);

    session->Irp = IoAllocateIrp(1, FALSE);
    if (session->Irp == NULL) {
        goto Fail;
    }
    *Session = session;
    return STATUS_SUCCESS;

Fail:
    SessionDestroy(session);
    return STATUS_INSUFFICIENT_RESOURCES;
}

VOID
SessionDestroy(
    _In_ PTCP_SESSION Session
    )
{
    if (Session->Irp != NULL) {
        IoFreeIrp(Session->Irp);
    }
    if (Session->Mdl != NULL) {
        IoFreeMdl(Session->Mdl);
    }
    if (Session->Buffer != NULL) {
        ExFreePoolWithTag(Session->Buffer, SESSION_TAG);
    }
    ExFreePoolWithTag(Session, SESSION_TAG);
}

ULONG
SessionBytesReceived(
    _In_ PTCP_SESSION Session
    )
{
    return Session->Received;
}

/* The step after a failure or a cancel: close what is open, or finish. */
static SESSION_STAGE
SessionUnwind(
    _In_ PTCP_SESSION Session,
    _In_ NTSTATUS Status
    )
{
    if (NT_SUCCESS(Session->Result)) {
        Session->Result = Status;
    }
    return Session->Socket != NULL ? StageClose : StageDone;
}

_Use_decl_annotations_
NTSTATUS
SessionStep(
    PDEVICE_OBJECT DeviceObject,
    PIRP Irp,
    PVOID Context
    )
{
    PTCP_SESSION session = Context;
    NTSTATUS status = Irp->IoStatus.Status;
    SESSION_STAGE next = StageDone;

    UNREFERENCED_PARAMETER(DeviceObject);

    switch (session->Stage) {
    case StageConnect:
        if (!NT_SUCCESS(status)) {
            next = SessionUnwind(session, status);
            break;
        }
        session->Socket = (PWSK_SOCKET)Irp->IoStatus.Information;
        session->Dispatch = session->Socket->Dispatch;
        next = session->Cancelled ? SessionUnwind(session, STATUS_CANCELLED) : StageSend;
        break;
    case StageSend:
        next = NT_SUCCESS(status) && !session->Cancelled ? StageReceive : SessionUnwind(session, status);
        break;
    case StageReceive:
        if (!NT_SUCCESS(status) || session->Cancelled) {
            next = SessionUnwind(session, NT_SUCCESS(status) ? STATUS_CANCELLED : status);
        } else if (Irp->IoStatus.Information == 0 || session->Received + Irp->IoStatus.Information >= SESSION_BUFFER_SIZE) {
            session->Received += (ULONG)Irp->IoStatus.Information;
            next = StageDisconnect; /* the peer closed, or the buffer is full */
        } else {
            session->Received += (ULONG)Irp->IoStatus.Information;
            next = StageReceive;
        }
        break;
    case StageDisconnect:
        next = StageClose; /* a failed graceful disconnect still ends in close */
        break;
    case StageClose:
        session->Socket = NULL;
        next = StageDone;
        break;
    case StageDone:
        break;
    }

    SessionIssue(session, next);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Start the next step on the (completed) IRP; its completion runs SessionStep again. */
static VOID
SessionIssue(
    _In_ PTCP_SESSION Session,
    _In_ SESSION_STAGE Stage
    )
{
    Session->Stage = Stage;
    if (Stage == StageDone) {
        KeSetEvent(&Session->Finished, IO_NO_INCREMENT, FALSE);
        return;
    }

    if (Stage != StageConnect) {
        IoReuseIrp(Session->Irp, STATUS_UNSUCCESSFUL);
    }
    IoSetCompletionRoutine(Session->Irp, SessionStep, Session, TRUE, TRUE, TRUE);

    switch (Stage) {
    case StageConnect:
        Session->Provider->Dispatch->WskSocketConnect(Session->Provider->Client, SOCK_STREAM, IPPROTO_TCP,
                                                      (PSOCKADDR)&Session->Local, (PSOCKADDR)&Session->Remote, 0,
                                                      Session, NULL, NULL, NULL, NULL, Session->Irp);
        break;
    case StageSend:
        RtlCopyMemory(Session->Buffer, g_Request, sizeof(g_Request) - 1);
        Session->WskBuf.Mdl = Session->Mdl;
        Session->WskBuf.Offset = 0;
        Session->WskBuf.Length = sizeof(g_Request) - 1;
        Session->Dispatch->WskSend(Session->Socket, &Session->WskBuf, 0, Session->Irp);
        break;
    case StageReceive:
        /* Append behind what arrived so far. */
        Session->WskBuf.Mdl = Session->Mdl;
        Session->WskBuf.Offset = Session->Received;
        Session->WskBuf.Length = SESSION_BUFFER_SIZE - Session->Received;
        Session->Dispatch->WskReceive(Session->Socket, &Session->WskBuf, 0, Session->Irp);
        break;
    case StageDisconnect:
        Session->Dispatch->WskDisconnect(Session->Socket, NULL, 0, Session->Irp);
        break;
    case StageClose:
        Session->Dispatch->WskCloseSocket(Session->Socket, Session->Irp);
        break;
    case StageDone:
        break;
    }
}

NTSTATUS
SessionRun(
    _In_ PTCP_SESSION Session,
    _In_ const SOCKADDR_IN *Remote,
    _In_ LONG TimeoutMs
    )
{
    LARGE_INTEGER timeout;
    NTSTATUS status;

    RtlZeroMemory(&Session->Local, sizeof(Session->Local));
    Session->Local.sin_family = AF_INET;
    Session->Remote = *Remote;
    Session->Result = STATUS_SUCCESS;

    SessionIssue(Session, StageConnect);

    timeout.QuadPart = -10000LL * TimeoutMs;
    status = KeWaitForSingleObject(&Session->Finished, Executive, KernelMode, FALSE, &timeout);
    if (status == STATUS_TIMEOUT) {
        /* Too slow: cancel the step in flight; the state machine closes up and finishes. */
        Session->Cancelled = TRUE;
        IoCancelIrp(Session->Irp);
        KeWaitForSingleObject(&Session->Finished, Executive, KernelMode, FALSE, NULL);
    }
    return Session->Result;
}
