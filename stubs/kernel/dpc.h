/* dpc.h - DPCs and the timers that fire by the virtual clock (dpc.c owns the DPC queue and the
 * list of set timers; the timer objects themselves are ke_sync.c's). */
#ifndef WSKFUZZ_DPC_H
#define WSKFUZZ_DPC_H

#include "core.h"

void dpc_reset(void);
void dpc_unload_checks(void);
/* Run the queued DPCs on the current stack at DISPATCH_LEVEL: all of them (a scheduling point,
 * KeFlushQueuedDpcs), or those of the current processor only (its IRQL dropped). */
void dpc_run_queued(void);
void dpc_run_lowered(void);
/* The IRQL of the running thread dropped below DISPATCH_LEVEL: its processor's DPCs run now (a
 * load and a compare when none is queued: spin lock releases are hot). */
extern unsigned dpc_nqueued;
static inline void dpc_irql_dropped(void)
{
    if (dpc_nqueued)
        dpc_run_lowered();
}
/* A timer was set / cancelled or fired (file, line: the client line that set it). */
void timer_armed(PKTIMER timer);
void timer_disarmed(PKTIMER timer);
/* The earliest due time of a set timer (false: none set). */
bool timer_next_due(LONGLONG *when);
/* Fire every set timer that is due by the virtual clock: signal it, queue its DPC. */
void timers_fire_due(void);

#endif
