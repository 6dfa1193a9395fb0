/*
 * driver_entry.c - the driver around udp_client.c: register with the NMR, ask one question if
 * a WSK provider is attached already, deregister at unload.
 */
#include "udp_client.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD UdpDriverUnload;

NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    ULONG answerBytes;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);

    status = UdpClientStart();
    if (!NT_SUCCESS(status)) {
        return status;
    }
    DriverObject->DriverUnload = UdpDriverUnload;

    status = UdpClientQuery(&answerBytes);
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL, "udp: query 0x%08X, %lu answer bytes\n", status,
               answerBytes);
    return STATUS_SUCCESS;
}

VOID
UdpDriverUnload(
    _In_ PDRIVER_OBJECT DriverObject
    )
{
    UNREFERENCED_PARAMETER(DriverObject);
    UdpClientStop();
}
