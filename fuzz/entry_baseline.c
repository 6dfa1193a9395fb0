/* entry_baseline.c - the bench's baseline: the entry points of fuzz/entry.c with "what a user
 * would otherwise pick" (Driver Verifier's low-resources simulation) in place of the input's
 * fault plan. Linked only into the bench's <target>-baseline binaries (build.mk), so none of it
 * is on a product target's per-input path.
 *
 * WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL=P (default 6) fails P% of the allocations at random, seeded
 * from the input (FNV-1a) so each input replays the same; no status is injected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "play.h"

static unsigned percent = 6;
static char note[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    scenario_settings_from_env();
    const char *v = getenv("WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL");
    if (v) {
        int p = atoi(v);
        percent = p < 0 ? 0 : p > 100 ? 100 : (unsigned)p;
    }
    snprintf(note, sizeof note, "baseline: the fault plan above was ignored; %u%% of allocations failed at random",
             percent);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scenario *sc = scenario_prepare(wskfuzz_target, data, size);
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 0x100000001b3ull;
    memset(sc->plan.faults, 0, sizeof sc->plan.faults);
    sc->plan.hostile = false;
    sc->plan.random_alloc_percent = (uint8_t)percent;
    sc->plan.random_state = h ? h : 1;
    scenario_play(note);
    return 0;
}
