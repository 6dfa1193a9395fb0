/* play.h - run one scenario against the client: the part every target shares. */
#ifndef WSKFUZZ_PLAY_H
#define WSKFUZZ_PLAY_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

/* Each target file defines which scenario kind it plays. */
extern const scenario_target wskfuzz_target;

/* Decode and play one input: reset, providers, DriverEntry, events, DriverUnload, residue checks. */
void scenario_run(scenario_target target, const uint8_t *data, size_t size);

/* WSKFUZZ_TRACE=1 prints every event as it happens (any engine): the determinism tests compare
 * these traces across builds. */

/* Hostile statuses are honoured only when WSKFUZZ_HOSTILE=1: they go beyond the documented
 * contract, so a client that relies on the documentation may get findings from them. */
bool scenario_hostile_allowed(void);

#endif
