/* phase.h - where the scenario is: its step (one per driver load or unload) and whether the
 * driver is loading, loaded or unloading. The host moves it (phase.c owns it); every model may
 * read it, to stamp records and to word verdicts. */
#ifndef WSKFUZZ_PHASE_H
#define WSKFUZZ_PHASE_H

#include <stdbool.h>

typedef enum { PHASE_NOT_LOADED, PHASE_DRIVER_ENTRY, PHASE_LOADED, PHASE_UNLOADING } driver_phase;

void phase_reset(void);
void phase_enter(driver_phase phase);   /* DRIVER_ENTRY and UNLOADING also start a new step */
driver_phase phase_now(void);
unsigned phase_step(void);
static inline bool phase_driver_loaded(void)
{
    driver_phase p = phase_now();
    return p == PHASE_LOADED || p == PHASE_UNLOADING;
}

#endif
