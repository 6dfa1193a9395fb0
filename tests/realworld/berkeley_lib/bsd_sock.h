/*
 * bsd_sock.h - a small Berkeley-style socket layer over Winsock Kernel.
 *
 * Sockets are small integers; every call is synchronous: it sends one WSK request with an IRP
 * and waits on a KEVENT that the IRP's completion routine sets. BsdStartup registers with WSK
 * (WskRegister) and captures the provider NPI; BsdCleanup closes whatever is still open, then
 * releases and deregisters. Functions return -1 on failure; BsdLastError() says why.
 */
#pragma once

#include <ntddk.h>
#include <wsk.h>

#define BSD_MAX_SOCKETS 16

NTSTATUS BsdStartup(_In_ ULONG WaitMilliseconds);
VOID BsdCleanup(VOID);
NTSTATUS BsdLastError(VOID);

int bsd_getaddrinfo(_In_ PCWSTR Node, _In_ PCWSTR Service, _In_ int Family, _Out_ PADDRINFOEXW *Result);
void bsd_freeaddrinfo(_In_ PADDRINFOEXW Result);

int bsd_socket(_In_ int Family, _In_ int Type, _In_ int Protocol);
int bsd_connect(_In_ int Fd, _In_ const struct sockaddr *Address, _In_ int AddressLength);
int bsd_send(_In_ int Fd, _In_reads_bytes_(Length) const void *Buffer, _In_ ULONG Length);
int bsd_recv(_In_ int Fd, _Out_writes_bytes_(Length) void *Buffer, _In_ ULONG Length);
int bsd_shutdown(_In_ int Fd);
int bsd_close(_In_ int Fd);
