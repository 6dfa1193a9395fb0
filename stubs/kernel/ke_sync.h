/* ke_sync.h - waits, events, timers and the virtual clock (ke_sync.c owns the clock). */
#ifndef WSKFUZZ_KE_SYNC_H
#define WSKFUZZ_KE_SYNC_H

void ke_sync_reset(void);
void ke_sync_activity(void); /* the client did something: it is not idly polling */

#endif
