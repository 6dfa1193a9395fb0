/* pool_arena.h - where pool blocks live (NULL from arena_take: use malloc). */
#ifndef WSKFUZZ_POOL_ARENA_H
#define WSKFUZZ_POOL_ARENA_H

#include <stdbool.h>
#include <stddef.h>

void *arena_take(size_t size);
void arena_give_back(void *p, size_t size);
bool arena_owns(const void *p);
void arena_rewind(void);

#endif
