/*
 * driver_entry.c - the driver around bsd_sock.c: at load it resolves a host, fetches a page
 * over a connection and counts the lines of the answer; at unload it shuts the layer down.
 */
#include "bsd_sock.h"

#define FETCH_BUFFER_SIZE 512

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD BerkeleyUnload;

static ULONG g_LinesSeen;

static VOID
FetchPage(VOID)
{
    static const char request[] = "GET / HTTP/1.0\r\nHost: example.test\r\n\r\n";
    PADDRINFOEXW addresses;
    PADDRINFOEXW entry;
    PCHAR buffer;
    int fd = -1;
    int received;
    int i;

    if (bsd_getaddrinfo(L"example.test", L"80", AF_INET, &addresses) != 0) {
        DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL, "bsd: resolve failed 0x%08X\n", BsdLastError());
        return;
    }

    for (entry = addresses; entry != NULL && fd < 0; entry = entry->ai_next) {
        fd = bsd_socket(entry->ai_family, SOCK_STREAM, IPPROTO_TCP);
        if (fd < 0) {
            continue;
        }
        if (bsd_connect(fd, entry->ai_addr, (int)entry->ai_addrlen) != 0) {
            bsd_close(fd);
            fd = -1;
        }
    }
    bsd_freeaddrinfo(addresses);
    if (fd < 0) {
        return;
    }

    buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, FETCH_BUFFER_SIZE, 'hcfB');
    if (buffer != NULL && bsd_send(fd, request, sizeof(request) - 1) == (int)(sizeof(request) - 1)) {
        for (;;) {
            received = bsd_recv(fd, buffer, FETCH_BUFFER_SIZE);
            if (received <= 0) {
                break;
            }
            for (i = 0; i < received; i++) {
                if (buffer[i] == '\n') {
                    g_LinesSeen++;
                }
            }
        }
        bsd_shutdown(fd);
    }
    if (buffer != NULL) {
        ExFreePoolWithTag(buffer, 'hcfB');
    }
    bsd_close(fd);
}

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);

    status = BsdStartup(2000);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    DriverObject->DriverUnload = BerkeleyUnload;
    FetchPage();
    return STATUS_SUCCESS;
}

VOID
BerkeleyUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    BsdCleanup();
}
