/* play.c - play a decoded scenario: the world's events around the client's load and unload. */
#include "play.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    scenario sc;
    unsigned next_op;
    int registered[SCENARIO_MAX_PROVIDERS]; /* stub provider index, or -1 */
    const uint8_t *data;
    size_t size;
} player;

static player P;

bool scenario_hostile_allowed(void)
{
    static int allowed = -1;
    if (allowed < 0) {
        const char *v = getenv("WSKFUZZ_HOSTILE");
        allowed = v && !strcmp(v, "1");
    }
    return allowed;
}

/* The bench's baseline, "what a user would otherwise pick" (Driver Verifier's low-resources
 * simulation): WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL=6 ignores the input's fault plan and fails 6% of
 * the allocations at random, seeded from the input (FNV-1a) so each input replays the same. */
static unsigned baseline_percent(void)
{
    static int percent = -1;
    if (percent < 0) {
        const char *v = getenv("WSKFUZZ_BASELINE_RANDOM_ALLOC_FAIL");
        percent = v ? atoi(v) : 0;
        percent = percent < 0 ? 0 : percent > 100 ? 100 : percent;
    }
    return (unsigned)percent;
}

static void scenario_apply_baseline(stub_plan *plan, const uint8_t *data, size_t size)
{
    unsigned percent = baseline_percent();
    if (!percent)
        return;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 0x100000001b3ull;
    memset(plan->faults, 0, sizeof plan->faults);
    plan->hostile = false;
    plan->random_alloc_percent = (uint8_t)percent;
    plan->random_state = h ? h : 1;
}

/* Verdicts print the scenario by decoding the input again, in text form. */
static void print_scenario(FILE *out, void *arg)
{
    (void)arg;
    scenario again;
    scenario_decode(&again, P.sc.target, P.data, P.size, out);
    if (baseline_percent())
        fprintf(out, "# baseline: the fault plan above was ignored; %u%% of allocations failed at random\n",
                baseline_percent());
    if (P.sc.plan.hostile != again.plan.hostile)
        fprintf(out, "# hostile statuses were off: WSKFUZZ_HOSTILE=1 turns them on\n");
}

static void register_provider(unsigned i)
{
    if (P.registered[i] < 0)
        P.registered[i] = stub_provider_register(&P.sc.providers[i].spec);
}

static void deregister_provider(unsigned i)
{
    if (P.registered[i] >= 0)
        stub_provider_deregister(P.registered[i]);
}

/* World events can happen while the client blocks; unload is the client's own event. */
static bool is_world_op(const scenario_op *op)
{
    return op->kind != OP_CLIENT_UNLOAD;
}

static void run_op(const scenario_op *op)
{
    unsigned n;
    switch (op->kind) {
    case OP_PROVIDER_REGISTER:
        register_provider(op->arg % P.sc.nproviders);
        break;
    case OP_PROVIDER_DEREGISTER:
        deregister_provider(op->arg % P.sc.nproviders);
        break;
    case OP_COMPLETE_IRP:
        n = stub_pending_irp_count();
        if (n) {
            unsigned which = (op->arg & 15u) % n;
            stub_complete_irp(which, scenario_completion_status(op->arg >> 4, stub_pending_irp_status(which)));
        }
        break;
    case OP_CLIENT_UNLOAD:
        stub_unload_driver();
        break;
    }
}

static bool world_hook(void *arg)
{
    (void)arg;
    /* fuzz_attach has no ops: its late providers are what the world does while the client waits */
    if (P.sc.target == TARGET_ATTACH)
        for (unsigned i = 0; i < P.sc.nproviders; i++)
            if (P.registered[i] < 0) {
                register_provider(i);
                return true;
            }
    if (P.next_op < P.sc.nops && is_world_op(&P.sc.ops[P.next_op])) {
        run_op(&P.sc.ops[P.next_op++]);
        return true;
    }
    return false;
}

void scenario_run(scenario_target target, const uint8_t *data, size_t size)
{
    static bool initialized, trace_all;
    if (!initialized) {
        stub_client_globals_snapshot(); /* before the first DriverEntry: the pristine image */
        const char *trace = getenv("WSKFUZZ_TRACE");
        trace_all = trace && !strcmp(trace, "1");
        if (trace_all) /* events in step with the engine's own lines on stderr ("Running: FILE") */
            setvbuf(stdout, NULL, _IOLBF, 0);
        initialized = true;
    }
    if (trace_all)
        trace_set_verbose(true); /* every event printed as it happens, in any build */
    scenario_decode(&P.sc, target, data, size, NULL);
    if (!scenario_hostile_allowed())
        P.sc.plan.hostile = false;
    scenario_apply_baseline(&P.sc.plan, data, size);
    P.data = data;
    P.size = size;
    P.next_op = 0;
    for (unsigned i = 0; i < SCENARIO_MAX_PROVIDERS; i++)
        P.registered[i] = -1;

    stub_reset();
    stub_set_plan(&P.sc.plan);
    stub_set_scenario_printer(print_scenario, NULL);
    stub_set_world_hook(world_hook, NULL);

    for (unsigned i = 0; i < P.sc.nproviders; i++)
        if (!P.sc.providers[i].arrives_later)
            register_provider(i);
    stub_load_driver();
    if (target == TARGET_ATTACH) {
        for (unsigned i = 0; i < P.sc.nproviders; i++)
            register_provider(i);
        if (P.sc.provider_leaves)
            for (unsigned i = 0; i < P.sc.nproviders; i++)
                deregister_provider(i);
    }
    while (P.next_op < P.sc.nops)
        run_op(&P.sc.ops[P.next_op++]);
    stub_unload_driver();
    stub_final_checks();
}
