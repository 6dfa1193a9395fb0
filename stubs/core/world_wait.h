/* world_wait.h - what a model does when the client blocks: ask the world to move on.
 *
 * The world (scenario events, IRPs the provider completes) is the host's; models below it call
 * world_wait(), which runs the function the host registered at start. */
#ifndef WSKFUZZ_WORLD_WAIT_H
#define WSKFUZZ_WORLD_WAIT_H

#include <stdbool.h>

/* The world makes progress while the client blocks; false when nothing is left to happen. */
bool world_wait(void);
void world_wait_set(bool (*advance)(void));
/* A sentence a WAIT_FOREVER verdict adds about why nothing is left (NULL or "" when none): the
 * models that park work register it. */
const char *world_wait_hint(void);
void world_wait_set_hint(const char *(*hint)(void));

#endif
