/* asan_runtime.h - the parts of the ASan runtime the stub kernel uses, found at run time.
 *
 * The fuzzing builds compile the stubs without ASan's instrumentation (see scripts/lib.sh), but a
 * client built with ASan brings its runtime along; through it the stubs mark pool blocks and
 * provider views, so the client's reads and writes there are checked. The runtime is looked up
 * by name (it exports its interface), not linked against: a build without ASan has none, and a
 * UBSan build must not call into ASan at all (OSS-Fuzz's bad-build check counts such calls). */
#ifndef WSKFUZZ_ASAN_RUNTIME_H
#define WSKFUZZ_ASAN_RUNTIME_H

#include <stddef.h>

typedef struct {
    void (*poison)(void const volatile *addr, size_t size);
    void (*shadow_mapping)(size_t *scale, size_t *offset);
    void *(*report_address)(void);
} asan_runtime;

/* The runtime's entry points, or NULL when the process has no ASan runtime. Looked up once;
 * after that a load, inline: the pool asks for every block. */
const asan_runtime *asan_runtime_lookup(void);
extern const asan_runtime *asan_runtime_found;
extern _Bool asan_runtime_looked_up;
static inline const asan_runtime *asan_runtime_get(void)
{
    return asan_runtime_looked_up ? asan_runtime_found : asan_runtime_lookup();
}

#endif
