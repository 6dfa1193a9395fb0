/* pool.c - the executive pool over real malloc (so ASan sees overflows and use-after-free),
 * with a ledger of live allocations: tag, size, the client line that made it and the
 * scenario step. Misuse is a BAD_POOL_CALLER bug check, reported as a verdict. */
#include <stdlib.h>

#include "kernel.h"

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

static void *freed_recently[64]; /* tells a double free from a foreign free */
static unsigned nfreed;

static const char *tag_text(ULONG tag)
{
    static char buf[2][5];
    static unsigned n;
    char *b = buf[n++ & 1];
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(tag >> (8 * (3 - i)));
        b[i] = c >= 0x20 && c < 0x7f ? (char)c : '.';
    }
    b[4] = 0;
    return b;
}

void pool_reset(void)
{
    for (unsigned i = 0; i < k.npool; i++)
        free(k.pool[i].ptr);
    nfreed = 0;
}

pool_entry *pool_find(const void *p)
{
    for (unsigned i = 0; i < k.npool; i++)
        if (k.pool[i].ptr == p)
            return &k.pool[i];
    return NULL;
}


const pool_entry *pool_first_live_since(unsigned serial)
{
    for (unsigned i = 0; i < k.npool; i++)
        if (k.pool[i].serial >= serial && !k.pool[i].is_irp)
            return &k.pool[i];
    return NULL;
}

/* Allocations a refused ClientAttachProvider left behind: judged at the end, since a client may
 * keep driver-wide memory it made on the way (and free it at unload). */
void pool_mark_failed_attach(unsigned serial, int binding)
{
    for (unsigned i = 0; i < k.npool; i++)
        if (k.pool[i].serial >= serial && !k.pool[i].is_irp && k.pool[i].failed_attach < 0)
            k.pool[i].failed_attach = binding;
}

static void *pool_take(size_t size, ULONG tag, bool zero, bool is_irp)
{
    const char *file = k.site_file;
    int line = k.site_line;
    if (size == 0)
        verdict_fire(V_POOL_ZERO_SIZE, "a zero-byte pool allocation (tag '%s')", tag_text(tag));
    if (tag == 0)
        verdict_fire(V_POOL_ZERO_TAG, "a pool allocation of %zu bytes with tag 0", size);
    if (fault_alloc_fails() || k.npool == STUB_MAX_POOL || size > ((size_t)1 << 31)) {
        trace_event(T_POOL_ALLOC_FAILED, size, tag, 0);
        return NULL;
    }
    void *p = malloc(size);
    if (!p) {
        trace_event(T_POOL_ALLOC_FAILED, size, tag, 0);
        return NULL;
    }
#ifndef WSKFUZZ_MSAN
    memset(p, zero ? 0 : UNINITIALIZED_FILL, size);
#else
    if (zero)
        memset(p, 0, size);
#endif
    k.pool[k.npool++] = (pool_entry){p, size, tag, file, line, k.pool_serial++, k.step, is_irp, -1};
    trace_event(is_irp ? T_IRP_ALLOC : T_POOL_ALLOC, size, tag, 0);
    return p;
}

static void pool_give_back(void *p, ULONG tag, bool check_tag, bool is_irp)
{
    const char *what;
    if (!p)
        verdict_fire(V_POOL_FOREIGN_FREE, "%s(NULL)", is_irp ? "IoFreeIrp" : "ExFreePool");
    pool_entry *e = pool_find(p);
    if (!e) {
        for (unsigned i = 0; i < nfreed && i < 64; i++)
            if (freed_recently[i] == p)
                verdict_fire(V_POOL_DOUBLE_FREE, "%p was already freed", p);
        verdict_fire(V_POOL_FOREIGN_FREE, "%p was never allocated from the pool", p);
    }
    if (e->is_irp != is_irp)
        verdict_fire(V_POOL_FOREIGN_FREE, "%p is %s, freed with %s", p, e->is_irp ? "an IRP" : "pool memory",
                     is_irp ? "IoFreeIrp" : "ExFreePool");
    if (check_tag && tag != e->tag)
        verdict_fire(V_POOL_TAG_MISMATCH, "%p was allocated with tag '%s' and freed with tag '%s'", p,
                     tag_text(e->tag), tag_text(tag));
    if (nmr_resident(p, &what) || wsk_reg_resident(p, &what))
        verdict_fire(V_RESIDENT_MEMORY_FREED, "%p is freed while it is still %s", p, what);
    trace_event(is_irp ? T_IRP_FREE : T_POOL_FREE, e->size, e->tag, 0);
    freed_recently[nfreed++ % 64] = p;
    *e = k.pool[--k.npool];
    free(p);
}

void *pool_alloc_irp(size_t size)
{
    return pool_take(size, 0x20707249 /* 'Irp ' */, true, true);
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

static void *alloc_typed(POOL_TYPE type, SIZE_T size, ULONG tag, bool zero)
{
    POOL_TYPE base = (POOL_TYPE)((int)type & ~(POOL_RAISE_IF_ALLOCATION_FAILURE | POOL_COLD_ALLOCATION));
    if (!pool_type_valid(base))
        verdict_fire(V_POOL_BAD_ARGUMENT, "pool type %d is not one a driver may request", (int)type);
    return pool_take(size, tag, zero, false);
}

PVOID ExAllocatePoolWithTag(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    return alloc_typed(type, size, tag, false);
}

PVOID ExAllocatePool(POOL_TYPE type, SIZE_T size)
{
    return alloc_typed(type, size, POOL_TAG_NONE, false);
}

PVOID ExAllocatePoolZero(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    return alloc_typed(type, size, tag, true);
}

PVOID ExAllocatePoolUninitialized(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    return alloc_typed(type, size, tag, false);
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
        trace_event(T_POOL_ALLOC_FAILED, size, tag, STATUS_INVALID_PARAMETER);
        return NULL;
    }
    return pool_take(size, tag, !(flags & POOL_FLAG_UNINITIALIZED), false);
}

void ExFreePoolWithTag(PVOID p, ULONG tag)
{
    pool_give_back(p, tag, true, false);
}

void ExFreePool(PVOID p)
{
    pool_give_back(p, 0, false, false);
}
