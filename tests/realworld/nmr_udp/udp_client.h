/*
 * udp_client.h - a WSK client on the NMR path that asks a fixed server one question over UDP.
 *
 * The NMR attaches it to each WSK provider (one binding each); a query takes a reference on an
 * attached binding, creates the binding's datagram socket on first use and keeps it for later
 * queries. Detaching closes the socket once no query is in flight: at once (detach returns
 * STATUS_SUCCESS) or when the last query ends (detach returned STATUS_PENDING, and the end of
 * that query calls NmrClientDetachProviderComplete).
 */
#pragma once

#include <ntddk.h>
#include <wsk.h>

NTSTATUS UdpClientStart(VOID);
/* One question and its answer; returns the number of answer bytes or a failure status. */
NTSTATUS UdpClientQuery(_Out_ PULONG AnswerBytes);
VOID UdpClientStop(VOID);
