/*
 * tcp_session.h - one TCP exchange driven by IRP completion: WskSocketConnect, then send a
 * request, read the answer until the peer closes, disconnect and close. Each step starts the
 * next from the completion routine of the previous one, reusing the same IRP; the caller waits
 * for the last step (with a timeout, after which it cancels and waits for the unwinding).
 */
#pragma once

#include <ntddk.h>
#include <wsk.h>

#define SESSION_BUFFER_SIZE 2048

typedef struct _TCP_SESSION TCP_SESSION, *PTCP_SESSION;

NTSTATUS SessionCreate(_In_ const WSK_PROVIDER_NPI *Provider, _Out_ PTCP_SESSION *Session);
/* Runs the whole exchange; returns its result. The session can be run only once. */
NTSTATUS SessionRun(_In_ PTCP_SESSION Session, _In_ const SOCKADDR_IN *Remote, _In_ LONG TimeoutMs);
ULONG SessionBytesReceived(_In_ PTCP_SESSION Session);
VOID SessionDestroy(_In_ PTCP_SESSION Session);
