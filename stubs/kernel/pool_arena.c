/* pool_arena.c - where pool blocks live: one static arena, rewound before every scenario.
 *
 * Why not malloc: under ASan every malloc unwinds the stack and every free feeds the quarantine,
 * which keeps taking fresh pages; that cost more than the rest of a scenario together and made
 * memory grow for minutes. Here a block costs a pointer bump, and ASan still sees every misuse:
 * the shadow of the arena is written with ASan's own heap markings, so a read past a block is a
 * heap-buffer-overflow and a read of a freed block is a heap-use-after-free, as with malloc. A freed
 * block is never reused within its scenario, so every use after free in a scenario is caught (the
 * quarantine only promised the most recent ones). Blocks too large for what is left go to malloc.
 * Under MSan a new block is marked uninitialized, as MSan's malloc would. */
#include "asan_runtime.h"
#include "core.h"
#include "pool_arena.h"

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#define ARENA_MSAN 1
#include <sanitizer/msan_interface.h>
#endif
#endif

#define ARENA_BYTES (1u << 20)
#define ARENA_LARGEST (64u << 10) /* larger blocks go to malloc: they would crowd out the rest */
#define REDZONE 32u               /* before and after every block */

/* ASan's shadow markings (compiler-rt asan_internal.h): what its reports are named after. */
#define SHADOW_HEAP_REDZONE 0xfa
#define SHADOW_HEAP_FREED 0xfd

static _Alignas(64) unsigned char arena[ARENA_BYTES];
static size_t arena_used;

/* Mark [p, p+size) (p aligned to a shadow granule): the first `addressable` bytes as ASan marks
 * a block's bytes (0 per whole granule, the byte count in a partial last one), the rest with
 * `value`. Written here rather than through the runtime's unpoison call, which checks its
 * arguments on every block. */
STUB_UNCHECKED_STORES static void shadow_mark(const asan_runtime *asan, const void *p, size_t size,
                                              size_t addressable, unsigned char value)
{
    static size_t scale, offset;
    if (!scale)
        asan->shadow_mapping(&scale, &offset);
    unsigned char *shadow = (unsigned char *)(((uintptr_t)p >> scale) + offset);
    size_t granule = (size_t)1 << scale, i = 0;
    size_t n = (size + granule - 1) >> scale, whole = addressable >> scale;
    for (; i < whole; i++)
        shadow[i] = 0;
    if (addressable & (granule - 1))
        shadow[i++] = (unsigned char)(addressable & (granule - 1));
    for (; i < n; i++)
        shadow[i] = value;
}

bool arena_owns(const void *p)
{
    return (const unsigned char *)p >= arena && (const unsigned char *)p < arena + ARENA_BYTES;
}

void *arena_take(size_t size)
{
    size_t span = (size + REDZONE - 1) / REDZONE * REDZONE;
    if (size == 0 || size > ARENA_LARGEST || arena_used + REDZONE + span + REDZONE > ARENA_BYTES)
        return NULL;
    unsigned char *p = arena + arena_used + REDZONE; /* the redzone before it is marked already */
    arena_used += REDZONE + span;
    const asan_runtime *asan = asan_runtime_get();
    if (asan) {
        shadow_mark(asan, p, span + REDZONE, size, SHADOW_HEAP_REDZONE);
    }
#ifdef ARENA_MSAN
    __msan_allocated_memory(p, size);
#endif
    return p;
}

void arena_give_back(void *p, size_t size)
{
    const asan_runtime *asan = asan_runtime_get();
    if (asan)
        shadow_mark(asan, p, size, 0, SHADOW_HEAP_FREED);
}

void arena_rewind(void)
{
    /* Everything handed out since the last rewind is a redzone again (on the first call: the
     * whole arena, so that a stray pointer into unused space is caught too). */
    static bool marked;
    const asan_runtime *asan = asan_runtime_get();
    if (asan) {
        shadow_mark(asan, arena, marked ? arena_used + REDZONE : ARENA_BYTES, 0, SHADOW_HEAP_REDZONE);
        marked = true;
    }
    arena_used = 0;
}
