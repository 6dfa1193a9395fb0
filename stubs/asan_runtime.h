/* asan_runtime.h - the parts of the ASan runtime the stub kernel uses, found at run time.
 *
 * The fuzzing builds compile the stubs without ASan's instrumentation (see scripts/lib.sh), but a
 * client built with ASan brings its runtime along; through it the stubs mark pool blocks and
 * provider views, so the client's reads and writes there are checked. Weak references: without
 * the runtime (a build without ASan) each of these is NULL and asan_present() is false. */
#ifndef WSKFUZZ_ASAN_RUNTIME_H
#define WSKFUZZ_ASAN_RUNTIME_H

#include <stddef.h>

void __asan_poison_memory_region(void const volatile *addr, size_t size) __attribute__((weak));
void __asan_unpoison_memory_region(void const volatile *addr, size_t size) __attribute__((weak));
void __asan_get_shadow_mapping(size_t *shadow_scale, size_t *shadow_offset) __attribute__((weak));
void *__asan_get_report_address(void) __attribute__((weak));

static inline int asan_present(void)
{
    return __asan_poison_memory_region != NULL;
}

#endif
