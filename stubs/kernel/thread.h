/* thread.h - system threads as the client sees them (thread.c owns the thread handles). */
#ifndef WSKFUZZ_THREAD_H
#define WSKFUZZ_THREAD_H

void thread_reset(void);
/* When DriverUnload has returned: thread handles still open, object references still held. */
void thread_unload_checks(void);

#endif
