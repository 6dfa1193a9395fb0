/* thread.c - system threads as the client sees them: PsCreateSystemThread and the handle it
 * returns, the thread object behind it (ObReferenceObjectByHandle, a dispatcher object to wait
 * on), ZwClose, ZwWaitForSingleObject, PsTerminateSystemThread, the current thread, and the
 * object references the client takes and gives back. The threads themselves are sched.c's. */
#include "irql.h"
#include "sched.h"
#include "thread.h"

#undef PsCreateSystemThread
#undef KeWaitForSingleObject
#undef ObReferenceObjectByHandle

#define HANDLE_BASE 0x1000u /* thread handles: HANDLE_BASE + 4 * thread index */
#define MAX_REFERENCED 16   /* objects with references of the client's at once */

static bool handle_open[STUB_MAX_THREADS];
static bool any_handle; /* a scenario without threads has nothing to clear */

/* References the client holds, by object: the count, and the client line of the reference that
 * made it non-zero (the one a leak report names). */
typedef struct {
    const void *object;
    unsigned count;
    const char *file;
    int line;
} held_ref;

static held_ref refs[MAX_REFERENCED];
static unsigned nrefs;

void thread_reset(void)
{
    nrefs = 0;
    if (!any_handle)
        return;
    for (unsigned i = 0; i < STUB_MAX_THREADS; i++)
        handle_open[i] = false;
    any_handle = false;
}

static held_ref *ref_of(const void *object)
{
    for (unsigned i = 0; i < nrefs; i++)
        if (refs[i].object == object)
            return &refs[i];
    return NULL;
}

/* One more reference, taken at the client line the call's macro noted. A table that is full
 * forgets the reference rather than guess (no verdict can come from it). */
static LONG_PTR ref_take(const void *object)
{
    int line;
    const char *file = site_take(&line, NULL); /* macro-wrapped: a file and line or nothing */
    held_ref *r = ref_of(object);
    if (!r) {
        if (nrefs == MAX_REFERENCED)
            return 1;
        r = &refs[nrefs++];
        *r = (held_ref){object, 0, NULL, 0};
    }
    if (r->count++ == 0) {
        r->file = file;
        r->line = line;
    }
    return (LONG_PTR)r->count;
}

static int thread_of_handle(HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    if (v < HANDLE_BASE || (v - HANDLE_BASE) % 4 || (v - HANDLE_BASE) / 4 >= STUB_MAX_THREADS)
        return -1;
    int t = (int)((v - HANDLE_BASE) / 4);
    return handle_open[t] ? t : -1;
}

/* The current thread: thread 0 keeps the token it always had. */
static char harness_process;

PETHREAD PsGetCurrentThread(void)
{
    return (PETHREAD)sched_thread_object((int)sched_current());
}

PKTHREAD KeGetCurrentThread(void)
{
    return (PKTHREAD)sched_thread_object((int)sched_current());
}

PEPROCESS PsGetCurrentProcess(void)
{
    return (PEPROCESS)&harness_process;
}

HANDLE PsGetCurrentProcessId(void)
{
    return (HANDLE)(ULONG_PTR)4; /* the System process */
}

HANDLE PsGetCurrentThreadId(void)
{
    return (HANDLE)(ULONG_PTR)(8 + 4 * sched_current());
}

BOOLEAN PsIsSystemThread(PETHREAD thread)
{
    return sched_thread_of_object(thread) >= 0;
}

NTSTATUS PsCreateSystemThread(PHANDLE handle, ULONG access, POBJECT_ATTRIBUTES attributes, HANDLE process,
                              PCLIENT_ID client_id, PKSTART_ROUTINE routine, PVOID context)
{
    (void)access, (void)attributes, (void)process;
    irql_check(IRQL_PsCreateSystemThread);
    int line;
    const char *file = site_current(&line);
    trace_event(T_THREAD_CREATE, 0, 0, 0);
    if (!handle || !routine)
        verdict_fire(V_SYNC_MISUSE, "PsCreateSystemThread without %s", handle ? "a start routine" : "a handle");
    int t = fault_alloc_fails() ? -1 : sched_create(KT_SYSTEM, routine, context, file, line);
    if (t < 0) {
        *handle = NULL;
        trace_return(T_THREAD_CREATE, 0, 0, STATUS_INSUFFICIENT_RESOURCES);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    handle_open[t] = true;
    any_handle = true;
    *handle = (HANDLE)(uintptr_t)(HANDLE_BASE + 4u * (unsigned)t);
    if (client_id) {
        client_id->UniqueProcess = PsGetCurrentProcessId();
        client_id->UniqueThread = (HANDLE)(ULONG_PTR)(8 + 4 * (unsigned)t);
    }
    trace_return(T_THREAD_CREATE, (uint64_t)t, 0, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

NTSTATUS PsTerminateSystemThread(NTSTATUS status)
{
    (void)status;
    irql_check(IRQL_PsTerminateSystemThread);
    if (sched_current() == 0)
        return STATUS_INVALID_PARAMETER; /* only a system thread may end itself */
    sched_exit_current();
}

NTSTATUS ObReferenceObjectByHandle(HANDLE handle, ACCESS_MASK access, POBJECT_TYPE type, KPROCESSOR_MODE mode,
                                   PVOID *object, PVOID info)
{
    (void)access, (void)type, (void)mode, (void)info;
    irql_check(IRQL_ObReferenceObjectByHandle);
    int t = thread_of_handle(handle);
    if (handle == NtCurrentThread())
        t = (int)sched_current();
    if (object)
        *object = t >= 0 ? sched_thread_object(t) : NULL;
    if (t < 0) {
        site_drop();
        return STATUS_INVALID_HANDLE;
    }
    ref_take(sched_thread_object(t)); /* the caller now holds a reference (the object is in *object) */
    return STATUS_SUCCESS;
}

/* Thread objects live as long as the scenario: the references are counted only to hold the
 * client to giving back what it took. A reference the model did not see taken (an object some
 * other routine referenced for the client) is not counted down below zero. */
LONG_PTR ObfReferenceObject(PVOID object)
{
    return ref_take(object);
}

LONG_PTR ObfDereferenceObject(PVOID object)
{
    held_ref *r = ref_of(object);
    if (!r || !r->count)
        return 0;
    return (LONG_PTR)--r->count;
}

NTSTATUS ZwClose(HANDLE handle)
{
    irql_check(IRQL_ZwClose);
    int t = thread_of_handle(handle);
    if (t < 0)
        return STATUS_INVALID_HANDLE;
    handle_open[t] = false;
    return STATUS_SUCCESS;
}

NTSTATUS ZwWaitForSingleObject(HANDLE handle, BOOLEAN alertable, PLARGE_INTEGER timeout)
{
    irql_check(IRQL_ZwWaitForSingleObject);
    int t = thread_of_handle(handle);
    if (t < 0)
        return STATUS_INVALID_HANDLE;
    return KeWaitForSingleObject(sched_thread_object(t), Executive, KernelMode, alertable, timeout);
}

void thread_unload_checks(void)
{
    int line;
    for (unsigned t = 1; any_handle && t < STUB_MAX_THREADS; t++)
        if (handle_open[t]) {
            const char *file = sched_thread_site((int)t, &line);
            site_point_at(file, line);
            verdict_fire(V_HANDLE_NOT_CLOSED, "DriverUnload returned with the handle of the system thread started "
                         "at %s:%d still open: no ZwClose closed it, and the thread object is never freed",
                         file ? file : "?", line);
        }
    for (unsigned i = 0; i < nrefs; i++)
        if (refs[i].count) {
            int t = sched_thread_of_object(refs[i].object);
            site_point_at(refs[i].file, refs[i].line);
            verdict_fire(V_OBJECT_REFERENCE_LEAK, "DriverUnload returned holding %u reference(s) on %s, the first "
                         "taken at %s:%d, that no ObDereferenceObject gave back: the object is never freed",
                         refs[i].count, t > 0 ? "the thread object of a system thread" : "an object",
                         refs[i].file ? refs[i].file : "?", refs[i].line);
        }
}
