/* raw_memory.h - memcpy and memset for the stub's own per-input work, unchecked (raw_memory.c). */
#ifndef WSKFUZZ_RAW_MEMORY_H
#define WSKFUZZ_RAW_MEMORY_H

#include <stddef.h>

/* For the loops that write memory the sanitizers must not look at (ASan's redzones between the
 * client's globals, ASan's shadow) and that must not become a memcpy/memset call either: the
 * sanitizers' versions check what they copy. */
#if defined(__clang__)
#define STUB_UNCHECKED_STORES \
    __attribute__((no_sanitize("address", "memory", "undefined"), no_builtin("memcpy", "memset")))
#else
#define STUB_UNCHECKED_STORES \
    __attribute__((no_sanitize_address, no_sanitize_undefined, optimize("no-tree-loop-distribute-patterns")))
#endif

void stub_raw_copy(void *dst, const void *src, size_t n);
void stub_raw_fill(void *dst, unsigned char byte, size_t n);

#endif
