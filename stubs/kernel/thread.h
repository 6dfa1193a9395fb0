/* thread.h - system threads as the client sees them (thread.c owns the thread handles). */
#ifndef WSKFUZZ_THREAD_H
#define WSKFUZZ_THREAD_H

void thread_reset(void);

#endif
