/* phase.c - the scenario's step and the driver's phase (see phase.h). */
#include "core.h"

static driver_phase phase;
static unsigned step;

void phase_reset(void)
{
    phase = PHASE_NOT_LOADED;
    step = 0;
}

void phase_enter(driver_phase next)
{
    if (next == PHASE_DRIVER_ENTRY || next == PHASE_UNLOADING)
        step++;
    phase = next;
}

driver_phase phase_now(void)
{
    return phase;
}

unsigned phase_step(void)
{
    return step;
}
