/* raw_memory.c - copies and fills the stub kernel makes on its own memory before and during every
 * input, without the sanitizers' memcpy/memset: those check the whole range on each call, which
 * cost more than the stores (the client's globals section also holds ASan's redzones, which a
 * checked copy would report). Whole 32-byte blocks where possible. */
#include <stdint.h>

#include "raw_memory.h"

typedef uint64_t __attribute__((vector_size(32), may_alias, aligned(8))) raw_word;

STUB_UNCHECKED_STORES void stub_raw_copy(void *dst, const void *src, size_t n)
{
    char *d = dst;
    const char *s = src;
    size_t i = 0;
    if (((uintptr_t)d | (uintptr_t)s) % 8 == 0)
        for (; i + sizeof(raw_word) <= n; i += sizeof(raw_word))
            *(raw_word *)(d + i) = *(const raw_word *)(s + i);
    for (; i < n; i++)
        d[i] = s[i];
}

STUB_UNCHECKED_STORES void stub_raw_fill(void *dst, unsigned char byte, size_t n)
{
    char *d = dst;
    size_t i = 0;
    if ((uintptr_t)d % 8 == 0) {
        raw_word w;
        for (unsigned j = 0; j < sizeof w / sizeof w[0]; j++)
            w[j] = byte * 0x0101010101010101ull;
        for (; i + sizeof(raw_word) <= n; i += sizeof(raw_word))
            *(raw_word *)(d + i) = w;
    }
    for (; i < n; i++)
        d[i] = (char)byte;
}
