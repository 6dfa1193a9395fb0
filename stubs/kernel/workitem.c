/* workitem.c - device objects and work items. A queued work item runs on a simulated thread of
 * its own (a worker thread of the system's queues) at PASSIVE_LEVEL. An IoQueueWorkItem item holds
 * its device object, and so the driver, until its routine returns; an ExQueueWorkItem item holds
 * nothing. */
#include <stdlib.h>

#include "irql.h"
#include "sched.h"
#include "workitem.h"

#undef IoQueueWorkItem
#undef IoQueueWorkItemEx
#undef ExQueueWorkItem
#undef IoCreateDevice
#undef IoAllocateWorkItem

#define MAX_DEVICES 4
#define MAX_ITEMS 16

typedef struct {
    DEVICE_OBJECT object;
    void *extension;
    bool live;
    const char *file; /* the client line that created it */
    int line;
} device;

struct _IO_WORKITEM {
    PDEVICE_OBJECT device;
    bool allocated;
    const char *file; /* the client line that allocated it */
    int line;
    int thread;     /* the thread running it while queued or running; -1 when idle */
    bool ex;        /* IoQueueWorkItemEx: the routine also gets the item */
    PVOID routine;
    PVOID context;
};

static device devices[MAX_DEVICES];
static struct _IO_WORKITEM items[MAX_ITEMS];
static bool used; /* a scenario that made no device and no item has nothing to clear */

void workitem_reset(void)
{
    if (!used)
        return;
    used = false;
    for (unsigned i = 0; i < MAX_DEVICES; i++) {
        if (devices[i].extension) /* ASan's free unwinds the stack even for NULL */
            free(devices[i].extension);
        devices[i] = (device){0};
    }
    for (unsigned i = 0; i < MAX_ITEMS; i++)
        items[i] = (struct _IO_WORKITEM){0};
}

NTSTATUS IoCreateDevice(PDRIVER_OBJECT driver, ULONG extension_size, PUNICODE_STRING name, ULONG type,
                        ULONG characteristics, BOOLEAN exclusive, PDEVICE_OBJECT *out)
{
    (void)name, (void)exclusive;
    irql_check(IRQL_IoCreateDevice);
    int line;
    const char *file = site_current(&line); /* a fault's event takes it; nothing else does */
    if (out)
        *out = NULL;
    device *d = NULL;
    for (unsigned i = 0; i < MAX_DEVICES && !d; i++)
        if (!devices[i].live && !devices[i].object.Type)
            d = &devices[i];
    bool fails = !out || !d || fault_alloc_fails();
    site_drop();
    if (fails)
        return STATUS_INSUFFICIENT_RESOURCES;
    used = true;
    d->extension = extension_size ? calloc(1, extension_size) : NULL;
    if (extension_size && !d->extension)
        return STATUS_INSUFFICIENT_RESOURCES;
    d->live = true;
    d->file = file;
    d->line = line;
    d->object.Type = 3; /* IO_TYPE_DEVICE */
    d->object.Size = (USHORT)sizeof(DEVICE_OBJECT);
    d->object.DriverObject = driver;
    d->object.DeviceType = type;
    d->object.Characteristics = characteristics;
    d->object.DeviceExtension = d->extension;
    d->object.Flags = DO_DEVICE_INITIALIZING;
    d->object.StackSize = 1;
    *out = &d->object;
    return STATUS_SUCCESS;
}

void IoDeleteDevice(PDEVICE_OBJECT object)
{
    irql_check(IRQL_IoDeleteDevice);
    for (unsigned i = 0; i < MAX_DEVICES; i++)
        if (object == &devices[i].object && devices[i].live) {
            devices[i].live = false; /* the object stays until the last reference: a queued item */
            return;
        }
    verdict_fire(V_SYNC_MISUSE, "IoDeleteDevice on a device object IoCreateDevice did not return, or deleted twice");
}

PIO_WORKITEM IoAllocateWorkItem(PDEVICE_OBJECT object)
{
    irql_check(IRQL_IoAllocateWorkItem);
    if (!object)
        verdict_fire(V_SYNC_MISUSE, "IoAllocateWorkItem with a NULL device object");
    int line;
    const char *file = site_current(&line); /* a fault's event takes it; nothing else does */
    for (unsigned i = 0; i < MAX_ITEMS; i++)
        if (!items[i].allocated) {
            bool fails = fault_alloc_fails();
            site_drop();
            if (fails)
                return NULL;
            items[i] = (struct _IO_WORKITEM){.device = object, .allocated = true, .file = file, .line = line,
                                             .thread = -1};
            used = true;
            return &items[i];
        }
    site_drop();
    return NULL;
}

static bool item_busy(const struct _IO_WORKITEM *item)
{
    return item->thread >= 0 && !sched_thread_done(item->thread);
}

void IoFreeWorkItem(PIO_WORKITEM item)
{
    irql_check(IRQL_IoFreeWorkItem);
    if (!item || item < items || item >= items + MAX_ITEMS || !item->allocated)
        verdict_fire(V_SYNC_MISUSE, "IoFreeWorkItem on a work item IoAllocateWorkItem did not return, or freed twice");
    if (item_busy(item) && sched_current() != (unsigned)item->thread)
        verdict_fire(V_SYNC_MISUSE, "IoFreeWorkItem on a work item that is still queued");
    item->allocated = false;
}

static void io_work(void *arg)
{
    struct _IO_WORKITEM *item = arg;
    trace_event(T_WORK_RUN, (uint64_t)(item - items), 0, 0);
    if (item->ex)
        ((PIO_WORKITEM_ROUTINE_EX)item->routine)(item->device, item->context, item);
    else
        ((PIO_WORKITEM_ROUTINE)item->routine)(item->device, item->context);
}

static void queue_io(PIO_WORKITEM item, PVOID routine, PVOID context, bool ex)
{
    irql_check(IRQL_IoQueueWorkItem);
    int line;
    const char *file = site_current(&line);
    trace_event(T_WORK_QUEUED, item && item >= items && item < items + MAX_ITEMS ? (uint64_t)(item - items) : 0xff, 0,
                0);
    if (!item || item < items || item >= items + MAX_ITEMS || !item->allocated)
        verdict_fire(V_SYNC_MISUSE, "IoQueueWorkItem on a work item IoAllocateWorkItem did not return");
    if (item_busy(item))
        verdict_fire(V_SYNC_MISUSE, "IoQueueWorkItem on a work item that is already queued (the queue's list is "
                     "corrupted)");
    item->routine = routine;
    item->context = context;
    item->ex = ex;
    item->thread = sched_create(KT_IO_WORK, io_work, item, file, line);
    if (item->thread < 0)
        verdict_fire(V_SYNC_MISUSE, "more than %d threads and work items at once in one scenario", STUB_MAX_THREADS);
}

void IoQueueWorkItem(PIO_WORKITEM item, PIO_WORKITEM_ROUTINE routine, WORK_QUEUE_TYPE queue, PVOID context)
{
    (void)queue;
    queue_io(item, (PVOID)routine, context, false);
}

void IoQueueWorkItemEx(PIO_WORKITEM item, PVOID routine, WORK_QUEUE_TYPE queue, PVOID context)
{
    (void)queue;
    queue_io(item, routine, context, true);
}

static void ex_work(void *arg)
{
    PWORK_QUEUE_ITEM item = arg;
    trace_event(T_WORK_RUN, 0x100, 0, 0);
    item->WorkerRoutine(item->Parameter);
}

void ExQueueWorkItem(PWORK_QUEUE_ITEM item, WORK_QUEUE_TYPE queue)
{
    (void)queue;
    irql_check(IRQL_ExQueueWorkItem);
    int line;
    const char *file = site_current(&line);
    trace_event(T_WORK_QUEUED, 0x100, 0, 0);
    if (!item || !item->WorkerRoutine)
        verdict_fire(V_SYNC_MISUSE, "ExQueueWorkItem on an item without a WorkerRoutine (ExInitializeWorkItem)");
    if (sched_create(KT_EX_WORK, ex_work, item, file, line) < 0)
        verdict_fire(V_SYNC_MISUSE, "more than %d threads and work items at once in one scenario", STUB_MAX_THREADS);
}

/* What DriverUnload must have given back (the IoQueueWorkItem routines have run by now: one may
 * free its own item or device object). */
void workitem_unload_checks(void)
{
    if (!used)
        return;
    for (unsigned i = 0; i < MAX_DEVICES; i++)
        if (devices[i].live) {
            site_point_at(devices[i].file, devices[i].line);
            verdict_fire(V_DEVICE_NOT_DELETED, "DriverUnload returned with the device object created at %s:%d never "
                         "deleted (IoDeleteDevice): the driver can never go away", devices[i].file ? devices[i].file
                         : "?", devices[i].line);
        }
    for (unsigned i = 0; i < MAX_ITEMS; i++)
        if (items[i].allocated) {
            site_point_at(items[i].file, items[i].line);
            verdict_fire(V_WORKITEM_NOT_FREED, "DriverUnload returned with the work item allocated at %s:%d never "
                         "freed (IoFreeWorkItem): its memory leaks", items[i].file ? items[i].file
                         : "?", items[i].line);
        }
}
