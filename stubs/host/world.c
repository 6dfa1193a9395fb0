/* world.c - what happens around the client: providers arriving and leaving, IRPs completing.
 * The harness plays these from the scenario; when the client blocks, the harness's hook gets
 * the next world event, and when the script has none left, pending IRPs complete in order. */
#include "host.h"
#include "io.h"
#include "sched.h"
#include "wsk_subsystem.h"

static bool (*world_hook)(void *);
static void *world_arg;

void stub_set_world_hook(bool (*advance)(void *), void *arg)
{
    world_hook = advance;
    world_arg = arg;
}

bool world_advance(void)
{
    trace_event(T_WORLD_WAIT, io_pending_count(), 0, 0);
    if (world_hook && world_hook(world_arg))
        return true;
    if (io_pending_count()) {
        io_complete_pending(0, io_pending_status(0));
        return true;
    }
    return false;
}

void stub_drain_world(void)
{
    while (io_pending_count())
        io_complete_pending(0, io_pending_status(0));
}

/* After each world event played between steps, the client's threads run until they block
 * (inside a wait the waiting thread's scheduler does it). */
int stub_provider_register(const stub_provider_spec *spec)
{
    int p = wsk_provider_register(spec);
    sched_run_idle();
    return p;
}

void stub_provider_deregister(int provider)
{
    wsk_provider_deregister(provider);
    sched_run_idle();
}

unsigned stub_pending_irp_count(void)
{
    return io_pending_count();
}

NTSTATUS stub_pending_irp_status(unsigned which)
{
    return io_pending_status(which);
}

void stub_complete_irp(unsigned which, NTSTATUS status)
{
    io_complete_pending(which, status);
    sched_run_idle();
}
