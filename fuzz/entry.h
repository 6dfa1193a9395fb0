/* entry.h - what a fuzz target is made of: its file (fuzz/<name>.c) names its row of
 * fuzz/targets.def; the engine's entry points are shared (fuzz/entry.c, or the bench's
 * fuzz/entry_baseline.c) and play that row's scenarios. */
#ifndef WSKFUZZ_ENTRY_H
#define WSKFUZZ_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

/* Defined by the target's own file: the row it plays. */
extern const scenario_target wskfuzz_target;

/* The libFuzzer interface, as every engine (and fuzz/standalone_main.c) calls it. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
