/* world_wait.c - the hook through which a blocked client lets the world move on (see
 * world_wait.h). Registered once by the host; a model calls it without knowing the host. */
#include "core.h"

static bool (*advance_hook)(void);
static const char *(*hint_hook)(void);

void world_wait_set(bool (*advance)(void))
{
    advance_hook = advance;
}

bool world_wait(void)
{
    return advance_hook && advance_hook();
}

void world_wait_set_hint(const char *(*hint)(void))
{
    hint_hook = hint;
}

const char *world_wait_hint(void)
{
    const char *h = hint_hook ? hint_hook() : NULL;
    return h ? h : "";
}
