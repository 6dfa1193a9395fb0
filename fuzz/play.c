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
    const char *note; /* printed under the scenario in a report */
} player;

static player playing; /* the scenario being played */

static struct {
    bool trace, hostile;
} settings;

static bool env_is_1(const char *name)
{
    const char *v = getenv(name);
    return v && !strcmp(v, "1");
}

void scenario_settings_from_env(void)
{
    settings.trace = env_is_1("WSKFUZZ_TRACE");
    settings.hostile = env_is_1("WSKFUZZ_HOSTILE");
    if (settings.trace) /* events in step with the engine's own lines on stderr ("Running: FILE") */
        setvbuf(stdout, NULL, _IOLBF, 0);
}

bool scenario_hostile_allowed(void)
{
    return settings.hostile;
}

/* Verdicts print the scenario by decoding the input again, in text form. */
static void print_scenario(FILE *out, void *arg)
{
    (void)arg;
    scenario again;
    scenario_decode(&again, playing.sc.target, playing.data, playing.size, out);
    if (playing.note)
        fprintf(out, "# %s\n", playing.note);
    if (playing.sc.plan.hostile != again.plan.hostile)
        fprintf(out, "# hostile statuses were off: WSKFUZZ_HOSTILE=1 turns them on\n");
}

static void register_provider(unsigned i)
{
    if (playing.registered[i] < 0)
        playing.registered[i] = stub_provider_register(&playing.sc.providers[i].spec);
}

static void deregister_provider(unsigned i)
{
    if (playing.registered[i] >= 0)
        stub_provider_deregister(playing.registered[i]);
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
        register_provider(op->arg % playing.sc.nproviders);
        break;
    case OP_PROVIDER_DEREGISTER:
        deregister_provider(op->arg % playing.sc.nproviders);
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
    /* a target without ops: its late providers are what the world does while the client waits */
    if (scenario_targets[playing.sc.target].unscripted_arrivals)
        for (unsigned i = 0; i < playing.sc.nproviders; i++)
            if (playing.registered[i] < 0) {
                register_provider(i);
                return true;
            }
    if (playing.next_op < playing.sc.nops && is_world_op(&playing.sc.ops[playing.next_op])) {
        run_op(&playing.sc.ops[playing.next_op++]);
        return true;
    }
    return false;
}

scenario *scenario_prepare(scenario_target target, const uint8_t *data, size_t size)
{
    scenario_decode(&playing.sc, target, data, size, NULL);
    if (!settings.hostile)
        playing.sc.plan.hostile = false;
    playing.data = data;
    playing.size = size;
    return &playing.sc;
}

void scenario_play(const char *note)
{
    static bool snapshot_taken;
    if (!snapshot_taken) {
        stub_client_globals_snapshot(); /* before the first DriverEntry: the pristine image */
        snapshot_taken = true;
    }
    if (settings.trace)
        trace_set_verbose(true); /* every event printed as it happens, in any build */
    playing.note = note;
    playing.next_op = 0;
    for (unsigned i = 0; i < SCENARIO_MAX_PROVIDERS; i++)
        playing.registered[i] = -1;

    stub_reset();
    stub_set_plan(&playing.sc.plan);
    stub_set_scenario_printer(print_scenario, NULL);
    stub_set_world_hook(world_hook, NULL);

    for (unsigned i = 0; i < playing.sc.nproviders; i++)
        if (!playing.sc.providers[i].arrives_later)
            register_provider(i);
    stub_load_driver();
    if (scenario_targets[playing.sc.target].unscripted_arrivals)
        for (unsigned i = 0; i < playing.sc.nproviders; i++)
            register_provider(i);
    if (playing.sc.provider_leaves) /* set only where the target's row has .leave_flag */
        for (unsigned i = 0; i < playing.sc.nproviders; i++)
            deregister_provider(i);
    while (playing.next_op < playing.sc.nops)
        run_op(&playing.sc.ops[playing.next_op++]);
    stub_unload_driver();
    stub_final_checks();
}

void scenario_run(scenario_target target, const uint8_t *data, size_t size)
{
    scenario_prepare(target, data, size);
    scenario_play(NULL);
}
