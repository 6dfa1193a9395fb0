/* not_modeled.c - kernel services the stub kernel declares but does not model, in one place.
 *
 * Each one says so through wskfuzz_not_modeled (not_modeled_log.c: a line on stderr the first
 * time a process calls it, and a summary of every one at exit) and returns the failure its
 * documentation names (or, for a void function, does nothing): a client never mistakes one for
 * success. docs/kernel-routines.md lists them.
 *
 *   PsCreateSystemThread          STATUS_INSUFFICIENT_RESOURCES (no thread is started)
 *   PsTerminateSystemThread       STATUS_INVALID_PARAMETER (only a system thread may call it)
 *   ObReferenceObjectByHandle     STATUS_INVALID_HANDLE, *Object = NULL
 *   ObfReferenceObject            0 (void-like)
 *   ObfDereferenceObject          0 (void-like)
 *   ZwClose                       STATUS_INVALID_HANDLE
 *   ZwWaitForSingleObject         STATUS_INVALID_HANDLE
 *   IoCreateDevice                STATUS_INSUFFICIENT_RESOURCES, *DeviceObject = NULL
 *   IoDeleteDevice                (void)
 *   IoCreateSymbolicLink          STATUS_INSUFFICIENT_RESOURCES
 *   IoDeleteSymbolicLink          STATUS_OBJECT_NAME_NOT_FOUND
 *   IoAllocateWorkItem            NULL
 *   IoQueueWorkItem               (void: the routine never runs)
 *   IoFreeWorkItem                (void)
 *   ExQueueWorkItem               (void: the routine never runs)
 *   IofCallDriver (IoCallDriver)  STATUS_INVALID_DEVICE_REQUEST
 *   IoBuildDeviceIoControlRequest NULL
 *   IoGetDeviceObjectPointer      STATUS_OBJECT_NAME_NOT_FOUND
 *   IoInitializeIrp               (void: use IoAllocateIrp)
 *   KeInsertQueueDpc              FALSE (ke_sync.c)
 *   KeSetTimer with a DPC         the timer works, the DPC never runs (ke_sync.c)
 *   DbgBreakPoint                 (void: no debugger)
 *   DbgSetDebugFilterState        STATUS_NOT_IMPLEMENTED
 *   WskGetNameInfo                STATUS_NOT_IMPLEMENTED (wsk_addrinfo.c)
 *   WskInspectComplete, WskSendMessages, WskSendEx, WskReceiveEx
 *                                 STATUS_NOT_IMPLEMENTED (wsk_sockets.c)
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

/* ---- the current thread and process: one of each, modelled as fixed tokens ---- */
static char this_thread, this_process;

PETHREAD PsGetCurrentThread(void)
{
    return (PETHREAD)&this_thread;
}

PKTHREAD KeGetCurrentThread(void)
{
    return (PKTHREAD)&this_thread;
}

PEPROCESS PsGetCurrentProcess(void)
{
    return (PEPROCESS)&this_process;
}

HANDLE PsGetCurrentProcessId(void)
{
    return (HANDLE)(ULONG_PTR)4; /* the System process */
}

HANDLE PsGetCurrentThreadId(void)
{
    return (HANDLE)(ULONG_PTR)8;
}

BOOLEAN PsIsSystemThread(PETHREAD thread)
{
    return thread == (PETHREAD)&this_thread;
}

/* ---- threads and objects ---- */

NTSTATUS PsCreateSystemThread(PHANDLE handle, ULONG access, POBJECT_ATTRIBUTES attributes, HANDLE process,
                              PCLIENT_ID client_id, PKSTART_ROUTINE routine, PVOID context)
{
    (void)access, (void)attributes, (void)process, (void)client_id, (void)routine, (void)context;
    LOUD();
    if (handle)
        *handle = NULL;
    return STATUS_INSUFFICIENT_RESOURCES;
}

NTSTATUS PsTerminateSystemThread(NTSTATUS status)
{
    (void)status;
    LOUD();
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS ObReferenceObjectByHandle(HANDLE handle, ACCESS_MASK access, POBJECT_TYPE type, KPROCESSOR_MODE mode,
                                   PVOID *object, PVOID info)
{
    (void)handle, (void)access, (void)type, (void)mode, (void)info;
    LOUD();
    if (object)
        *object = NULL;
    return STATUS_INVALID_HANDLE;
}

LONG_PTR ObfReferenceObject(PVOID object)
{
    (void)object;
    LOUD();
    return 0;
}

LONG_PTR ObfDereferenceObject(PVOID object)
{
    (void)object;
    LOUD();
    return 0;
}

NTSTATUS ZwClose(HANDLE handle)
{
    (void)handle;
    LOUD();
    return STATUS_INVALID_HANDLE;
}

NTSTATUS ZwWaitForSingleObject(HANDLE handle, BOOLEAN alertable, PLARGE_INTEGER timeout)
{
    (void)handle, (void)alertable, (void)timeout;
    LOUD();
    return STATUS_INVALID_HANDLE;
}

/* ---- devices, links, work items, other drivers ---- */

NTSTATUS IoCreateDevice(PDRIVER_OBJECT driver, ULONG extension_size, PUNICODE_STRING name, ULONG type,
                        ULONG characteristics, BOOLEAN exclusive, PDEVICE_OBJECT *device)
{
    (void)driver, (void)extension_size, (void)name, (void)type, (void)characteristics, (void)exclusive;
    LOUD();
    if (device)
        *device = NULL;
    return STATUS_INSUFFICIENT_RESOURCES;
}

void IoDeleteDevice(PDEVICE_OBJECT device)
{
    (void)device;
    LOUD();
}

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

PIO_WORKITEM IoAllocateWorkItem(PDEVICE_OBJECT device)
{
    (void)device;
    LOUD();
    return NULL;
}

void IoQueueWorkItem(PIO_WORKITEM item, PIO_WORKITEM_ROUTINE routine, WORK_QUEUE_TYPE queue, PVOID context)
{
    (void)item, (void)routine, (void)queue, (void)context;
    LOUD();
}

void IoFreeWorkItem(PIO_WORKITEM item)
{
    (void)item;
    LOUD();
}

void ExQueueWorkItem(PWORK_QUEUE_ITEM item, WORK_QUEUE_TYPE queue)
{
    (void)item, (void)queue;
    LOUD();
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
