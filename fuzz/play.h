/* play.h - run one scenario against the client: the part every target shares. */
#ifndef WSKFUZZ_PLAY_H
#define WSKFUZZ_PLAY_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

/* What the environment says, read once before the first input (LLVMFuzzerInitialize, or a
 * tool's main), never while a scenario runs:
 *   WSKFUZZ_TRACE=1    every event printed as it happens (any engine): the determinism tests
 *                      compare these traces across builds
 *   WSKFUZZ_HOSTILE=1  hostile statuses are honoured: they go beyond the documented contract,
 *                      so a client that relies on the documentation may get findings from them */
void scenario_settings_from_env(void);
bool scenario_hostile_allowed(void);

/* Decode and play one input: reset, providers, DriverEntry, events, DriverUnload, residue checks. */
void scenario_run(scenario_target target, const uint8_t *data, size_t size);

/* scenario_run in two steps, for a caller that changes the decoded scenario before it plays
 * (the bench's baseline): decode (hostile statuses dropped unless allowed), then play. `note`,
 * when not NULL, is printed under the scenario in a verdict's report. */
scenario *scenario_prepare(scenario_target target, const uint8_t *data, size_t size);
void scenario_play(const char *note);

#endif
