/* pool.h - the executive pool and its ledger (pool.c owns both; blocks live in pool_arena.c). */
#ifndef WSKFUZZ_POOL_H
#define WSKFUZZ_POOL_H

#include <stdio.h>

#include "core.h"

typedef struct {
    void *ptr;         /* as handed to the client */
    size_t size;
    ULONG tag;
    const char *file;  /* client call site */
    int line;
    unsigned serial;   /* allocation order, for "made during this callback" */
    unsigned step;     /* scenario step that made it */
    bool is_irp;
    bool kernel_owned; /* the kernel made it for the client (an address list): its model frees it */
    int failed_attach; /* binding whose refused ClientAttachProvider made it, or -1 */
    void *made_for;    /* kernel blocks: the client's return address at the call they answer */
} pool_entry;

/* Which routine made or freed a block, for the trace: its event's b is the tag in bits 0-31, the
 * routine in bits 32-39 and its pool type (or ExAllocatePool2's flags, or IoAllocateIrp's stack
 * count) in bits 40-55. kernel_trace_words.c says them in words. */
typedef enum {
    POOL_CALL_WITH_TAG, POOL_CALL_PLAIN, POOL_CALL_ZERO, POOL_CALL_UNINITIALIZED, POOL_CALL_POOL2,
    POOL_CALL_IRP, POOL_CALL_FREE_WITH_TAG, POOL_CALL_FREE, POOL_CALL_FREE_IRP, POOL_CALL_COUNT
} pool_call;
#define POOL_TRACE_B(tag, call, kind) \
    ((uint64_t)(uint32_t)(tag) | (uint64_t)(call) << 32 | (uint64_t)((kind) & 0xFFFF) << 40)

void pool_reset(void);
void pool_final_checks(void);                        /* leaks: POOL_LEAK, POOL_LEAK_FAILED_ATTACH */
const pool_entry *pool_find(const void *p);
unsigned pool_serial_now(void);                      /* the serial the next allocation gets */
void *pool_alloc_irp(size_t size, unsigned stack_count);
void pool_free_irp(void *p);
/* Blocks the kernel hands the client and takes back through its own routine (an address list
 * and WskFreeAddressInfo): pool memory, so ASan sees a use after the client gave it back, but
 * neither a client allocation nor its leak. `caller`: the client's return address at the call
 * the block answers (a report names that line as where it was made) and at the free. */
void *pool_alloc_kernel(size_t size, ULONG tag, void *caller);
void pool_free_kernel(void *p, void *caller);
const pool_entry *pool_first_live_irp(void);
void pool_mark_failed_attach(unsigned serial, int binding);
void pool_describe_address(FILE *out, const void *addr); /* the live or freed block near addr */
/* Memory a higher model still uses (NMR characteristics, WSK registrations): freeing it is a
 * RESIDENT_MEMORY_FREED verdict. The models register their check at start. */
typedef bool (*pool_resident_check)(const void *p, const char **what);
void pool_add_resident_check(pool_resident_check check);

#endif
