/* world_wait.c - the hook through which a blocked client lets the world move on (see
 * world_wait.h). Registered once by the host; a model calls it without knowing the host. */
#include "core.h"

static world_advance_fn advance_hook;
static world_hint_fn hint_hook;

world_advance_fn world_wait_set(world_advance_fn advance)
{
    world_advance_fn before = advance_hook;
    advance_hook = advance;
    return before;
}

bool world_wait(void)
{
    return advance_hook && advance_hook();
}

world_hint_fn world_wait_set_hint(world_hint_fn hint)
{
    world_hint_fn before = hint_hook;
    hint_hook = hint;
    return before;
}

const char *world_wait_hint(void)
{
    const char *h = hint_hook ? hint_hook() : NULL;
    return h ? h : "";
}
