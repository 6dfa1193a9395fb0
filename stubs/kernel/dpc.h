/* dpc.h - DPCs and the timers that fire by the virtual clock (dpc.c owns the DPC queue and the
 * list of set timers; the timer objects themselves are ke_sync.c's). */
#ifndef WSKFUZZ_DPC_H
#define WSKFUZZ_DPC_H

#include "core.h"

void dpc_reset(void);
void dpc_unload_checks(void);
/* Run the queued DPCs on the current stack at DISPATCH_LEVEL. */
void dpc_run_queued(void);
/* A timer was set / cancelled or fired (file, line: the client line that set it). */
void timer_armed(PKTIMER timer);
void timer_disarmed(PKTIMER timer);
/* The earliest due time of a set timer (false: none set). */
bool timer_next_due(LONGLONG *when);
/* Fire every set timer that is due by the virtual clock: signal it, queue its DPC. */
void timers_fire_due(void);

#endif
