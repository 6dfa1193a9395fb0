/* entry.c - the engine's entry points of every fuzz target: the environment is read once, at
 * initialisation; each input then plays the target's scenario (fuzz/play.c).
 *
 * WSKFUZZ_DESCRIBE=1 (the standalone reproducer's --describe sets it) prints each input's
 * decoded scenario, then "-- trace" and its events as they happen. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "play.h"

static bool describe;

/* A verdict aborts, so the summary of the routines not modeled that exit would write
 * (stubs/kernel/not_modeled_log.c) never comes. Triage, counting what its crash files meet, asks
 * for it before the abort goes on (WSKFUZZ_SUMMARIZE_ON_ABORT=1). Only then: a handler of ours
 * would keep libFuzzer from installing its own, which saves the crash file. */
void not_modeled_summarize(void); /* the stub kernel's (stubs/kernel/not_modeled.h) */

static void summarize_then_abort(int sig)
{
    signal(sig, SIG_DFL);
    not_modeled_summarize();
    raise(sig);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    scenario_settings_from_env();
    const char *v = getenv("WSKFUZZ_DESCRIBE");
    describe = v && !strcmp(v, "1");
    const char *on_abort = getenv("WSKFUZZ_SUMMARIZE_ON_ABORT");
    if (on_abort && !strcmp(on_abort, "1"))
        signal(SIGABRT, summarize_then_abort);
    return 0;
}

/* Kept out of the per-input function: describing is the reproducer's business, not fuzzing's. */
static __attribute__((noinline)) void run_described(const uint8_t *data, size_t size)
{
    scenario sc;
    scenario_decode(&sc, wskfuzz_target, data, size, stdout);
    printf("-- trace\n");
    trace_set_verbose(true);
    scenario_run(wskfuzz_target, data, size);
    trace_set_verbose(false);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (describe)
        run_described(data, size);
    else
        scenario_run(wskfuzz_target, data, size);
    return 0;
}
