/* pool.c - the executive pool, with a ledger of live allocations: tag, size, the client line
 * that made it and the scenario step. Blocks come from pool_arena.c (malloc for large ones), so
 * ASan sees overflows and use after free. Misuse is a BAD_POOL_CALLER bug check, reported as a
 * verdict; a sanitizer report about pool memory is followed by what the ledger knows of it. */
#include <stdio.h>
#include <stdlib.h>

#include "asan_runtime.h"
#include "irql.h"
#include "pool.h"
#include "pool_arena.h"

#undef ExAllocatePoolWithTag
#undef ExAllocatePool
#undef ExAllocatePool2
#undef ExAllocatePoolZero
#undef ExAllocatePoolUninitialized
#undef ExFreePoolWithTag
#undef ExFreePool

#define POOL_TAG_NONE 0x656e6f4e /* 'None': the tag ExAllocatePool uses */
#define UNINITIALIZED_FILL 0xA5  /* what "uninitialized" pool holds, so reading it shows */

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define WSKFUZZ_MSAN 1
#endif
#endif

/* The blocks freed in this scenario (the most recent ones): they tell a double free from a
 * foreign free, and name the lines behind a use after free. */
#define FREED_KEPT 64
typedef struct {
    pool_entry block;
    const char *file; /* the client line that freed it */
    int line;
    void *freed_by;   /* or the client's return address there, symbolized in a report */
    unsigned step;
} freed_block;
static freed_block freed[FREED_KEPT];
static unsigned nfreed;

/* The ledger: live blocks, kept dense; the client's own are bounded by STUB_MAX_POOL, the
 * kernel's (sockets, address lists) have room of their own so they never change the client's. */
#define KERNEL_BLOCKS 128
static pool_entry live[STUB_MAX_POOL + KERNEL_BLOCKS];
static unsigned nlive, nclient_live;
static unsigned serial;

#define MAX_RESIDENT_CHECKS 4
static pool_resident_check resident_checks[MAX_RESIDENT_CHECKS];
static unsigned nresident_checks;

void pool_add_resident_check(pool_resident_check check)
{
    if (nresident_checks < MAX_RESIDENT_CHECKS)
        resident_checks[nresident_checks++] = check;
}

static bool resident(const void *p, const char **what)
{
    for (unsigned i = 0; i < nresident_checks; i++)
        if (resident_checks[i](p, what))
            return true;
    return false;
}

static const char *tag_text(ULONG tag)
{
    static char buf[2][5]; /* two at a time: a tag mismatch names both */
    static unsigned n;
    char *b = buf[n++ & 1];
    trace_tag_text(b, tag);
    return b;
}

void pool_reset(void)
{
    for (unsigned i = 0; i < nlive; i++)
        if (!arena_owns(live[i].ptr))
            free(live[i].ptr);
    arena_rewind();
    nfreed = 0;
    nlive = nclient_live = 0;
    serial = 0;
}

unsigned pool_serial_now(void)
{
    return serial;
}

static pool_entry *entry_of(const void *p)
{
    for (unsigned i = 0; i < nlive; i++)
        if (live[i].ptr == p)
            return &live[i];
    return NULL;
}

const pool_entry *pool_find(const void *p)
{
    return entry_of(p);
}

const pool_entry *pool_first_live_irp(void)
{
    for (unsigned i = 0; i < nlive; i++)
        if (live[i].is_irp)
            return &live[i];
    return NULL;
}

/* Allocations a refused ClientAttachProvider left behind: judged at the end, since a client may
 * keep driver-wide memory it made on the way (and free it at unload). */
void pool_mark_failed_attach(unsigned since, int binding)
{
    for (unsigned i = 0; i < nlive; i++)
        if (live[i].serial >= since && !live[i].is_irp && !live[i].kernel_owned && live[i].failed_attach < 0)
            live[i].failed_attach = binding;
}

static void *pool_take(size_t size, ULONG tag, bool zero, bool is_irp, pool_call call, unsigned kind)
{
    uint64_t how = POOL_TRACE_B(tag, call, kind);
    int line;
    const char *file = site_current(&line);
    if (size == 0)
        verdict_fire(V_POOL_ZERO_SIZE, "a zero-byte pool allocation (tag '%s')", tag_text(tag));
    if (tag == 0)
        verdict_fire(V_POOL_ZERO_TAG, "a pool allocation of %zu bytes with tag 0", size);
    if (fault_alloc_fails() || nclient_live == STUB_MAX_POOL || size > ((size_t)1 << 31)) {
        trace_event(T_POOL_ALLOC_FAILED, size, how, 0);
        return NULL;
    }
    void *p = arena_take(size);
    if (!p)
        p = malloc(size);
    if (!p) {
        trace_event(T_POOL_ALLOC_FAILED, size, how, 0);
        return NULL;
    }
#ifndef WSKFUZZ_MSAN
    stub_raw_fill(p, zero ? 0 : UNINITIALIZED_FILL, size);
#else
    if (zero)
        memset(p, 0, size);
#endif
    live[nlive++] = (pool_entry){p, size, tag, file, line, serial++, phase_step(), is_irp, false, -1, NULL};
    nclient_live++;
    trace_event(is_irp ? T_IRP_ALLOC : T_POOL_ALLOC, size, how, 0);
    return p;
}

/* Forget a live block and mark it freed; file:line is the client line that freed it. */
static void retire(pool_entry *e, const char *file, int line, void *freed_by)
{
    freed[nfreed++ % FREED_KEPT] = (freed_block){*e, file, line, freed_by, phase_step()};
    if (arena_owns(e->ptr))
        arena_give_back(e->ptr, e->size);
    else
        free(e->ptr);
    if (!e->kernel_owned)
        nclient_live--;
    *e = live[--nlive];
}

static void pool_give_back(void *p, ULONG tag, bool check_tag, bool is_irp)
{
    int line;
    const char *what, *file = site_current(&line); /* the trace event below takes the call site */
    if (!p)
        verdict_fire(V_POOL_FOREIGN_FREE, "%s(NULL)", is_irp ? "IoFreeIrp" : "ExFreePool");
    pool_entry *e = entry_of(p);
    if (!e) {
        for (unsigned i = 0; i < nfreed && i < FREED_KEPT; i++)
            if (freed[i].block.ptr == p)
                verdict_fire(V_POOL_DOUBLE_FREE, "%p was already freed", p);
        verdict_fire(V_POOL_FOREIGN_FREE, "%p was never allocated from the pool", p);
    }
    if (e->kernel_owned)
        verdict_fire(V_POOL_FOREIGN_FREE, "%p is a block the kernel handed out (an ADDRINFOEXW list): it goes back "
                     "through WskFreeAddressInfo, not ExFreePool", p);
    if (e->is_irp != is_irp)
        verdict_fire(V_POOL_FOREIGN_FREE, "%p is %s, freed with %s", p, e->is_irp ? "an IRP" : "pool memory",
                     is_irp ? "IoFreeIrp" : "ExFreePool");
    if (check_tag && tag != e->tag)
        verdict_fire(V_POOL_TAG_MISMATCH, "%p was allocated with tag '%s' and freed with tag '%s'", p,
                     tag_text(e->tag), tag_text(tag));
    if (resident(p, &what))
        verdict_fire(V_RESIDENT_MEMORY_FREED, "%p is freed while it is still %s", p, what);
    pool_call call = is_irp ? POOL_CALL_FREE_IRP : check_tag ? POOL_CALL_FREE_WITH_TAG : POOL_CALL_FREE;
    trace_event(is_irp ? T_IRP_FREE : T_POOL_FREE, e->size, POOL_TRACE_B(e->tag, call, 0), 0);
    retire(e, file, line, NULL);
}

/* No fault point, no trace event, no serial: a kernel block changes nothing the client sees. */
void *pool_alloc_kernel(size_t size, ULONG tag, void *caller)
{
    if (nlive == sizeof live / sizeof live[0])
        return NULL;
    void *p = arena_take(size);
    if (!p)
        p = malloc(size);
    if (!p)
        return NULL;
#ifndef WSKFUZZ_MSAN
    stub_raw_fill(p, 0, size);
#else
    memset(p, 0, size);
#endif
    live[nlive++] = (pool_entry){p, size, tag, NULL, 0, serial, phase_step(), false, true, -1, caller};
    return p;
}

void pool_free_kernel(void *p, void *caller)
{
    pool_entry *e = entry_of(p);
    if (!e || !e->kernel_owned)
        return;
    retire(e, NULL, 0, caller);
}

void *pool_alloc_irp(size_t size, unsigned stack_count)
{
    return pool_take(size, 0x20707249 /* 'Irp ' */, true, true, POOL_CALL_IRP, stack_count);
}

void pool_free_irp(void *p)
{
    pool_give_back(p, 0, false, true);
}

static bool pool_type_valid(POOL_TYPE type)
{
    switch ((int)type) {
    case NonPagedPool: case PagedPool: case NonPagedPoolCacheAligned: case PagedPoolCacheAligned:
    case NonPagedPoolSession: case PagedPoolSession: case NonPagedPoolCacheAlignedSession:
    case PagedPoolCacheAlignedSession: case NonPagedPoolNx: case NonPagedPoolNxCacheAligned:
    case NonPagedPoolSessionNx:
        return true;
    default:
        return false;
    }
}

static void *alloc_typed(POOL_TYPE type, SIZE_T size, ULONG tag, bool zero, pool_call call)
{
    POOL_TYPE base = (POOL_TYPE)((int)type & ~(POOL_RAISE_IF_ALLOCATION_FAILURE | POOL_COLD_ALLOCATION));
    if (!pool_type_valid(base))
        verdict_fire(V_POOL_BAD_ARGUMENT, "pool type %d is not one a driver may request", (int)type);
    irql_check(IRQL_ExAllocatePool);
    if ((int)base & 1) /* the PagedPool types are the odd ones */
        irql_check_paged("ExAllocatePoolWithTag");
    return pool_take(size, tag, zero, false, call, (unsigned)type);
}

PVOID ExAllocatePoolWithTag(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    return alloc_typed(type, size, tag, false, POOL_CALL_WITH_TAG);
}

PVOID ExAllocatePool(POOL_TYPE type, SIZE_T size)
{
    return alloc_typed(type, size, POOL_TAG_NONE, false, POOL_CALL_PLAIN);
}

PVOID ExAllocatePoolZero(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    return alloc_typed(type, size, tag, true, POOL_CALL_ZERO);
}

PVOID ExAllocatePoolUninitialized(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    return alloc_typed(type, size, tag, false, POOL_CALL_UNINITIALIZED);
}

PVOID ExAllocatePool2(POOL_FLAGS flags, SIZE_T size, ULONG tag)
{
    const POOL_FLAGS known = POOL_FLAG_USE_QUOTA | POOL_FLAG_UNINITIALIZED | POOL_FLAG_SESSION |
                             POOL_FLAG_CACHE_ALIGNED | POOL_FLAG_RAISE_ON_FAILURE | POOL_FLAG_NON_PAGED |
                             POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED;
    POOL_FLAGS required = flags & 0xFFFFFFFFull;
    POOL_FLAGS kinds = flags & (POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED);
    /* The documented answer to unknown required flags or no pool kind is NULL, not a bug check. */
    if ((required & ~known) || kinds == 0 || (kinds & (kinds - 1))) {
        trace_event(T_POOL_ALLOC_FAILED, size, POOL_TRACE_B(tag, POOL_CALL_POOL2, flags), STATUS_INVALID_PARAMETER);
        return NULL;
    }
    irql_check(IRQL_ExAllocatePool);
    if (flags & POOL_FLAG_PAGED)
        irql_check_paged("ExAllocatePool2");
    return pool_take(size, tag, !(flags & POOL_FLAG_UNINITIALIZED), false, POOL_CALL_POOL2, (unsigned)flags);
}

void ExFreePoolWithTag(PVOID p, ULONG tag)
{
    irql_check(IRQL_ExFreePool);
    pool_give_back(p, tag, true, false);
}

void ExFreePool(PVOID p)
{
    irql_check(IRQL_ExFreePool);
    pool_give_back(p, 0, false, false);
}

/* ---- what the ledger knows about an address a sanitizer reports ---- */

/* How far `addr` is from the block [p, p+size): 0 inside, else the distance to its nearest end. */
static size_t distance(const void *addr, const void *p, size_t size)
{
    uintptr_t a = (uintptr_t)addr, b = (uintptr_t)p;
    return a < b ? b - a : a < b + size ? 0 : a - (b + size) + 1;
}

static void print_where(FILE *out, const void *addr, const pool_entry *e)
{
    uintptr_t a = (uintptr_t)addr, b = (uintptr_t)e->ptr;
    if (a < b)
        fprintf(out, "%zu bytes before", (size_t)(b - a));
    else if (a < b + e->size)
        fprintf(out, "%zu bytes inside", (size_t)(a - b));
    else
        fprintf(out, "%zu bytes after the end of", (size_t)(a - (b + e->size)));
    char made[512];
    const char *what = e->is_irp ? "an IRP" : e->kernel_owned ? "a kernel block" : "a pool block";
    if (e->kernel_owned && site_symbolize(e->made_for, made, sizeof made))
        fprintf(out, " %s of %zu bytes (tag '%s') allocated at %s (in answer to the call there, step %u)", what,
                e->size, tag_text(e->tag), made, e->step);
    else
        fprintf(out, " %s of %zu bytes (tag '%s') allocated at %s:%d (step %u)", what, e->size, tag_text(e->tag),
                e->file ? e->file : "?", e->line, e->step);
}

/* The block nearest to addr (within 64 bytes), live or freed in this scenario. */
void pool_describe_address(FILE *out, const void *addr)
{
    const pool_entry *best = NULL;
    const freed_block *best_freed = NULL;
    size_t best_distance = 65;
    for (unsigned i = 0; i < nlive; i++) {
        size_t d = distance(addr, live[i].ptr, live[i].size);
        if (d < best_distance)
            best = &live[i], best_freed = NULL, best_distance = d;
    }
    for (unsigned i = 0; i < nfreed && i < FREED_KEPT; i++) {
        size_t d = distance(addr, freed[i].block.ptr, freed[i].block.size);
        if (d < best_distance) /* freed blocks never overlap: an arena block is not reused */
            best = &freed[i].block, best_freed = &freed[i], best_distance = d;
    }
    if (!best)
        return;
    fprintf(out, "wskfuzz: the address %p is ", addr);
    print_where(out, addr, best);
    char where[512];
    if (best_freed && !best_freed->file && site_symbolize(best_freed->freed_by, where, sizeof where))
        fprintf(out, ", freed at %s (step %u)", where, best_freed->step);
    else if (best_freed)
        fprintf(out, ", freed at %s:%d (step %u)", best_freed->file ? best_freed->file : "?", best_freed->line,
                best_freed->step);
    fputc('\n', out);
}

/* ASan calls this as it starts a report: the ledger's lines go first, on stderr like the report.
 * (Without the ASan runtime nothing calls it.) */
void __asan_on_error(void);
void __asan_on_error(void)
{
    const asan_runtime *asan = asan_runtime_get();
    void *addr = asan ? asan->report_address() : NULL;
    if (addr)
        pool_describe_address(stderr, addr);
}

/* ---- the end of a scenario ---- */

/* A tag as the four characters it is written with in the source ("tpcb" for 'bcpt'). */
#define TAG_CHARS(t) (char)((t) >> 24), (char)((t) >> 16), (char)((t) >> 8), (char)(t)

static void leak_verdict(const pool_entry *left)
{
    site_point_at(left->file, left->line);
    if (left->failed_attach >= 0)
        verdict_fire(V_POOL_LEAK_FAILED_ATTACH,
                     "ClientAttachProvider did not attach (binding %d) and the %zu bytes with tag '%c%c%c%c' it "
                     "allocated at %s:%d were never freed",
                     left->failed_attach, left->size, TAG_CHARS(left->tag), left->file ? left->file : "?", left->line);
    verdict_fire(V_POOL_LEAK, "%zu bytes with tag '%c%c%c%c' allocated at %s:%d (step %u) were never freed "
                 "(%u allocation%s left)",
                 left->size, TAG_CHARS(left->tag), left->file ? left->file : "?", left->line, left->step, nclient_live,
                 nclient_live == 1 ? "" : "s");
}

void pool_final_checks(void)
{
    const pool_entry *left = NULL;
    for (unsigned i = 0; i < nlive && !left; i++)
        if (!live[i].is_irp && !live[i].kernel_owned)
            left = &live[i];
    for (unsigned i = 0; i < nlive; i++)
        if (live[i].failed_attach >= 0)
            left = &live[i]; /* the more telling verdict when there are several leaks */
    if (left)
        leak_verdict(left);
}
