/* stub_control.h - the harness side of the stub kernel: how the harness moves the world.
 * Clients never include this.
 *
 * One scenario: stub_reset(), stub_set_plan(), then world events (providers arriving and
 * leaving, IRPs completing) around stub_load_driver() / stub_unload_driver(), and finally
 * stub_final_checks(). Nothing survives stub_reset(). */
#ifndef WSKFUZZ_STUB_CONTROL_H
#define WSKFUZZ_STUB_CONTROL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* The fault plan, verdicts, status names, the trace and the model's limits (stubs/core/), and
 * the providers' spec (stubs/wsk/). */
#include "core.h"
#include "wsk_subsystem.h"

/* ---- the run ---- */
void stub_reset(void);
/* Called when the client blocks (a capture with a timeout, a deregistration wait): the world
 * may make progress. Returns true if it did something. */
void stub_set_world_hook(bool (*advance)(void *arg), void *arg);

NTSTATUS stub_load_driver(void);          /* DriverEntry; a failure means no unload */
bool stub_driver_loaded(void);
void stub_unload_driver(void);            /* DriverUnload, then the unload checks */
int stub_provider_register(const stub_provider_spec *spec); /* returns provider index or -1 */
void stub_provider_deregister(int provider);
unsigned stub_pending_irp_count(void);
void stub_complete_irp(unsigned which, NTSTATUS status); /* which: index among pending IRPs */
NTSTATUS stub_pending_irp_status(unsigned which);         /* the status the provider would give it */
void stub_drain_world(void);              /* complete every pending IRP: what "eventually" means */
void stub_final_checks(void);             /* residue: pool, bindings, registrations, captures, IRPs */

/* ---- the client's writable data: restored before each input ---- */
void stub_client_globals_snapshot(void); /* once, before the first DriverEntry */
void stub_client_globals_restore(void);  /* before each input */
size_t stub_client_globals_size(void);

/* The client's entry point (defined by the client). */
DRIVER_INITIALIZE DriverEntry;

#endif
