/* modules.c - every module of the stub kernel, lowest layer first: the host runs their start
 * once, their reset before each scenario and their checks at unload and at the end, in this
 * order (the end-of-scenario checks go from the most telling verdict to the leak of last resort). */
#include "host.h"
#include "dpc.h"
#include "io.h"
#include "kernel_trace_words.h"
#include "ke_sync.h"
#include "nmr.h"
#include "not_modeled.h"
#include "pool.h"
#include "sched.h"
#include "thread.h"
#include "workitem.h"
#include "wsk_subsystem.h"

static const stub_module modules[] = {
    {"fault plan", NULL, fault_plan_reset, NULL, NULL},
    {"trace", NULL, trace_reset, NULL, NULL},
    {"kernel trace words", kernel_trace_words_start, NULL, NULL, NULL},
    {"call sites", NULL, site_reset, NULL, NULL},
    {"phase", NULL, phase_reset, NULL, NULL},
    /* timers, DPCs and threads first: what still runs after unload is what a later leak comes
     * from; DPCs before threads, whose last run after unload would run the queued DPCs */
    {"dpc", NULL, dpc_reset, dpc_unload_checks, NULL},
    {"sched", sched_start, sched_reset, sched_unload_checks, NULL},
    {"nmr", nmr_start, nmr_reset, nmr_unload_checks, nmr_final_checks},
    {"wsk", wsk_start, wsk_reset, wsk_unload_checks, wsk_final_checks},
    /* what the driver created and must give back by unload (handles, references, device objects,
     * work items): after the registrations, whose verdicts say more about a broken unload */
    {"threads", NULL, thread_reset, thread_unload_checks, NULL},
    {"work items", NULL, workitem_reset, workitem_unload_checks, NULL},
    {"ke_sync", NULL, ke_sync_reset, NULL, NULL},
    {"not modeled", NULL, not_modeled_reset, NULL, NULL},
    {"io", NULL, io_reset, NULL, io_final_checks},
    {"pool", NULL, pool_reset, NULL, pool_final_checks},
};
#define NMODULES (sizeof modules / sizeof modules[0])

void modules_start(void)
{
    static bool started;
    if (started)
        return;
    started = true;
    world_wait_set(world_advance);
    host_trace_words_start();
    for (unsigned i = 0; i < NMODULES; i++)
        if (modules[i].start)
            modules[i].start();
}

void modules_reset(void)
{
    modules_start();
    for (unsigned i = 0; i < NMODULES; i++)
        if (modules[i].reset)
            modules[i].reset();
}

void modules_unload_checks(void)
{
    for (unsigned i = 0; i < NMODULES; i++)
        if (modules[i].unload_checks)
            modules[i].unload_checks();
}

void modules_final_checks(void)
{
    for (unsigned i = 0; i < NMODULES; i++)
        if (modules[i].final_checks)
            modules[i].final_checks();
}
