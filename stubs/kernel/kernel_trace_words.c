/* kernel_trace_words.c - how the kernel's events read in a trace: the pool's and the I/O
 * manager's calls and the waits, in the words of the call, e.g.
 *   ExAllocatePoolWithTag(NonPagedPoolNx, 24, 'tpcb') -> NULL (fault 2) */
#include <stdio.h>

#include "core.h"
#include "kernel_trace_words.h"
#include "pool.h"

static const char *const call_names[POOL_CALL_COUNT] = {
    "ExAllocatePoolWithTag", "ExAllocatePool", "ExAllocatePoolZero", "ExAllocatePoolUninitialized",
    "ExAllocatePool2", "IoAllocateIrp", "ExFreePoolWithTag", "ExFreePool", "IoFreeIrp",
};

static const char *pool_type_name(unsigned type, char buf[16])
{
    switch (type) {
    case NonPagedPool: return "NonPagedPool";
    case PagedPool: return "PagedPool";
    case NonPagedPoolCacheAligned: return "NonPagedPoolCacheAligned";
    case PagedPoolCacheAligned: return "PagedPoolCacheAligned";
    case NonPagedPoolNx: return "NonPagedPoolNx";
    case NonPagedPoolNxCacheAligned: return "NonPagedPoolNxCacheAligned";
    case NonPagedPoolSessionNx: return "NonPagedPoolSessionNx";
    default: snprintf(buf, 16, "pool type %u", type); return buf;
    }
}

/* ExAllocatePool2's flags, the ones a driver writes. */
static void pool2_flags(char *out, size_t size, unsigned flags)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{0x40, "POOL_FLAG_NON_PAGED"}, {0x80, "POOL_FLAG_NON_PAGED_EXECUTE"}, {0x100, "POOL_FLAG_PAGED"},
                 {0x2, "POOL_FLAG_UNINITIALIZED"}, {0x1, "POOL_FLAG_USE_QUOTA"}, {0x4, "POOL_FLAG_SESSION"},
                 {0x8, "POOL_FLAG_CACHE_ALIGNED"}, {0x20, "POOL_FLAG_RAISE_ON_FAILURE"}};
    size_t n = 0;
    out[0] = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && n < size; i++)
        if (flags & names[i].bit) {
            n += (size_t)snprintf(out + n, size - n, "%s%s", n ? " | " : "", names[i].name);
            flags &= ~names[i].bit;
        }
    if (flags && n < size)
        snprintf(out + n, size - n, "%s0x%x", n ? " | " : "", flags);
    else if (!n)
        snprintf(out, size, "0");
}

static void format_allocation(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    unsigned call = (unsigned)(v->b >> 32) & 0xFF, kind = (unsigned)(v->b >> 40) & 0xFFFF;
    char tag[5], what[200], buf[16];
    trace_tag_text(tag, (uint32_t)v->b);
    if (call == POOL_CALL_IRP)
        snprintf(what, sizeof what, "IoAllocateIrp(StackSize %u)", kind);
    else if (call == POOL_CALL_POOL2) {
        char flags[80];
        pool2_flags(flags, sizeof flags, kind);
        snprintf(what, sizeof what, "ExAllocatePool2(%s, %llu, '%s')", flags, (unsigned long long)v->a, tag);
    } else if (call == POOL_CALL_PLAIN)
        snprintf(what, sizeof what, "ExAllocatePool(%s, %llu)", pool_type_name(kind, buf), (unsigned long long)v->a);
    else
        snprintf(what, sizeof what, "%s(%s, %llu, '%s')", call < POOL_CALL_COUNT ? call_names[call] : "ExAllocatePool",
                 pool_type_name(kind, buf), (unsigned long long)v->a, tag);
    if (v->ev != T_POOL_ALLOC_FAILED)
        snprintf(out, size, "%s", what);
    else if (previous && previous->ev == T_FAULT)
        snprintf(out, size, "%s -> NULL (fault %llu)", what, (unsigned long long)previous->a);
    else
        snprintf(out, size, "%s -> NULL (%s)", what,
                 v->status ? status_name(v->status) : "the model's bound on live allocations");
}

static void format_free(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    unsigned call = (unsigned)(v->b >> 32) & 0xFF;
    char tag[5];
    trace_tag_text(tag, (uint32_t)v->b);
    if (call == POOL_CALL_FREE_IRP)
        snprintf(out, size, "IoFreeIrp(an IRP of %llu bytes)", (unsigned long long)v->a);
    else if (call == POOL_CALL_FREE_WITH_TAG)
        snprintf(out, size, "ExFreePoolWithTag(a block of %llu bytes, '%s')", (unsigned long long)v->a, tag);
    else
        snprintf(out, size, "ExFreePool(a block of %llu bytes, tag '%s')", (unsigned long long)v->a, tag);
}

static void format_irp(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    if (v->ev == T_IRP_PENDING && v->a == 0 && v->b == 0)
        snprintf(out, size, "the provider holds the IRP, with nothing that will complete it (parked)");
    else if (v->ev == T_IRP_PENDING)
        snprintf(out, size, "IRP %llu pending in the provider (%llu held)", (unsigned long long)v->a,
                 (unsigned long long)v->b);
    else
        snprintf(out, size, "IRP %llu completes -> %s", (unsigned long long)v->a, status_name(v->status));
}

static const char *object_type_name(uint64_t type)
{
    switch (type) {
    case WSKFUZZ_OBJ_EVENT_NOTIFICATION: return "a notification event";
    case WSKFUZZ_OBJ_EVENT_SYNCHRONIZATION: return "a synchronization event";
    case WSKFUZZ_OBJ_MUTANT: return "a mutex";
    case WSKFUZZ_OBJ_SEMAPHORE: return "a semaphore";
    case WSKFUZZ_OBJ_TIMER_NOTIFICATION: return "a notification timer";
    case WSKFUZZ_OBJ_TIMER_SYNCHRONIZATION: return "a synchronization timer";
    case 6: return "a thread"; /* ThreadObject: sched.c's thread objects */
    default: return "an object";
    }
}

static void format_wait(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    const char *timeout = v->b & 1 ? "with a timeout" : "Timeout=NULL";
    if (v->b & 2)
        snprintf(out, size, "KeWaitForMultipleObjects(%llu objects, %s)", (unsigned long long)v->a, timeout);
    else if (v->is_return)
        snprintf(out, size, "wait on %s -> %s", object_type_name(v->a), status_name(v->status));
    else
        snprintf(out, size, "KeWaitForSingleObject(%s, %s)", object_type_name(v->a), timeout);
}

void kernel_trace_words_start(void)
{
    trace_set_formatter(T_POOL_ALLOC, format_allocation);
    trace_set_formatter(T_POOL_ALLOC_FAILED, format_allocation);
    trace_set_formatter(T_IRP_ALLOC, format_allocation);
    trace_set_formatter(T_POOL_FREE, format_free);
    trace_set_formatter(T_IRP_FREE, format_free);
    trace_set_formatter(T_IRP_PENDING, format_irp);
    trace_set_formatter(T_IRP_COMPLETE, format_irp);
    trace_set_formatter(T_KE_WAIT, format_wait);
}
