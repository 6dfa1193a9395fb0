/* world_wait.h - what a model does when the client blocks: ask the world to move on.
 *
 * The world (scenario events, IRPs the provider completes) is the host's; models below it call
 * world_wait(), which runs the function the host registered at start. */
#ifndef WSKFUZZ_WORLD_WAIT_H
#define WSKFUZZ_WORLD_WAIT_H

#include <stdbool.h>

/* The world makes progress while the client blocks; false when nothing is left to happen. */
bool world_wait(void);
typedef bool (*world_advance_fn)(void);
world_advance_fn world_wait_set(world_advance_fn advance); /* returns the hook it replaces */
/* A sentence a WAIT_FOREVER verdict adds about why nothing is left (NULL or "" when none): the
 * models that park work register it. */
const char *world_wait_hint(void);
typedef const char *(*world_hint_fn)(void);
world_hint_fn world_wait_set_hint(world_hint_fn hint); /* returns the hook it replaces */

#endif
