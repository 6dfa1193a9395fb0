/* not_modeled.c - kernel services the stub kernel declares but does not model, in one place.
 *
 * Each one says so through wskfuzz_not_modeled (not_modeled_log.c: a line on stderr the first
 * time a process calls it, and a summary of every one at exit) and returns the failure its
 * documentation names (or, for a void function, does nothing): a client never mistakes one for
 * success. docs/kernel-routines.md lists them.
 *
 *   IoCreateSymbolicLink          STATUS_INSUFFICIENT_RESOURCES
 *   IoDeleteSymbolicLink          STATUS_OBJECT_NAME_NOT_FOUND
 *   IofCallDriver (IoCallDriver)  STATUS_INVALID_DEVICE_REQUEST
 *   IoBuildDeviceIoControlRequest NULL
 *   IoGetDeviceObjectPointer      STATUS_OBJECT_NAME_NOT_FOUND
 *   IoInitializeIrp               (void: use IoAllocateIrp)
 *   DbgBreakPoint                 (void: no debugger)
 *   DbgSetDebugFilterState        STATUS_NOT_IMPLEMENTED
 *   WskGetNameInfo                STATUS_NOT_IMPLEMENTED (wsk_addrinfo.c)
 *   WskInspectComplete, WskSendMessages, WskSendEx, WskReceiveEx
 *                                 STATUS_NOT_IMPLEMENTED (wsk_sockets.c)
 *
 * Threads, work items, device objects, DPCs and timers are modelled (sched.c, thread.c,
 * workitem.c, dpc.c); ObReferenceObjectByHandle, ZwClose and ZwWaitForSingleObject know thread
 * handles only.
 *
 * Crashes a driver asks for (KeBugCheckEx, KeBugCheck, ExRaiseStatus) are modelled: they print
 * what the kernel would show and abort. */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"
#include "not_modeled.h"

#define LOUD() wskfuzz_not_modeled(__func__)

/* ---- object types the client may name (never dereferenced by the stub) ---- */
static POBJECT_TYPE object_type_placeholder;
POBJECT_TYPE *PsThreadType = &object_type_placeholder;
POBJECT_TYPE *PsProcessType = &object_type_placeholder;
POBJECT_TYPE *ExEventObjectType = &object_type_placeholder;
POBJECT_TYPE *IoFileObjectType = &object_type_placeholder;

/* ---- devices, links, work items, other drivers ---- */

NTSTATUS IoCreateSymbolicLink(PUNICODE_STRING link, PUNICODE_STRING device)
{
    (void)link, (void)device;
    LOUD();
    return STATUS_INSUFFICIENT_RESOURCES;
}

NTSTATUS IoDeleteSymbolicLink(PUNICODE_STRING link)
{
    (void)link;
    LOUD();
    return STATUS_OBJECT_NAME_NOT_FOUND;
}

NTSTATUS IofCallDriver(PDEVICE_OBJECT device, PIRP irp)
{
    (void)device, (void)irp;
    LOUD();
    return STATUS_INVALID_DEVICE_REQUEST;
}

PIRP IoBuildDeviceIoControlRequest(ULONG code, PDEVICE_OBJECT device, PVOID in, ULONG in_length, PVOID out,
                                   ULONG out_length, BOOLEAN internal, PKEVENT event, PIO_STATUS_BLOCK iosb)
{
    (void)code, (void)device, (void)in, (void)in_length, (void)out, (void)out_length, (void)internal, (void)event;
    (void)iosb;
    LOUD();
    return NULL;
}

NTSTATUS IoGetDeviceObjectPointer(PUNICODE_STRING name, ACCESS_MASK access, PFILE_OBJECT *file,
                                  PDEVICE_OBJECT *device)
{
    (void)name, (void)access;
    LOUD();
    if (file)
        *file = NULL;
    if (device)
        *device = NULL;
    return STATUS_OBJECT_NAME_NOT_FOUND;
}

void IoInitializeIrp(PIRP irp, USHORT size, CCHAR stack_size)
{
    (void)irp, (void)size, (void)stack_size;
    LOUD();
}

/* ---- debugging ---- */

void DbgBreakPoint(void)
{
    LOUD();
}

NTSTATUS DbgSetDebugFilterState(ULONG component, ULONG level, BOOLEAN state)
{
    (void)component, (void)level, (void)state;
    LOUD();
    return STATUS_NOT_IMPLEMENTED;
}
