/* ke_sync.h - waits, events, timers and the virtual clock (ke_sync.c owns the clock). */
#ifndef WSKFUZZ_KE_SYNC_H
#define WSKFUZZ_KE_SYNC_H

#include "core.h"

void ke_sync_reset(void);
void ke_sync_activity(void); /* the client did something: it is not idly polling */
/* The virtual clock (100 ns units since 1601); the scheduler jumps it to the next deadline. */
LONGLONG ke_clock_now(void);
void ke_clock_set(LONGLONG t);
/* A set timer fires: signaled, no longer set. */
void ke_timer_signal(PKTIMER timer);

#endif
