/* sched.h - simulated kernel threads and the scheduler (sched.c owns the threads).
 *
 * Thread 0 is the harness's: DriverEntry, callbacks, DriverUnload run there, as today. Other
 * threads (PsCreateSystemThread, work items) are stacks the scheduler switches to. A thread runs
 * until it blocks; then another runnable thread runs; when none can, the world moves on, then
 * the virtual clock jumps to the next timer or timed wait; when nothing is left, a wait that can
 * never end is a verdict (WAIT_FOREVER alone, DEADLOCK when other threads are blocked too).
 * A scenario that starts no thread, queues no DPC and sets no DPC timer never leaves the old
 * path: same calls, same trace. */
#ifndef WSKFUZZ_SCHED_H
#define WSKFUZZ_SCHED_H

#include "core.h"

typedef enum { KT_HARNESS, KT_SYSTEM, KT_IO_WORK, KT_EX_WORK } kthread_kind;

void sched_start(void);
void sched_trace_words_start(void); /* sched_trace_words.c: its events in words */
void sched_reset(void);
void sched_unload_checks(void);

/* Threads, DPCs or DPC timers were used in this scenario: the scheduler's path is on. */
bool sched_active(void);
void sched_activate(void);
unsigned sched_current(void);

/* Block the current thread until ready(arg); deadline (absolute virtual time) or NULL. `what`
 * names the wait for a DEADLOCK verdict. False: it timed out, or nothing can make it ready. */
bool sched_wait(bool (*ready)(void *), void *arg, const char *what, const LONGLONG *deadline);
/* Grows whenever something other than the current thread's own deadline happened (a switch, the
 * world, a timer): a thread whose timed waits see it stand still is polling in vain. */
unsigned sched_progress(void);
/* Thread switches since the process started (never reset): the bench's switches per second. */
unsigned long long sched_switch_total(void);
/* Between scenario steps: let the other threads run until each has blocked or ended. */
void sched_run_idle(void);

/* Start a thread running routine(ctx) (-1: no slot left). file/line: the client line. */
int sched_create(kthread_kind kind, void (*routine)(void *), void *ctx, const char *file, int line);
/* End the current (non-harness) thread. */
void sched_exit_current(void) __attribute__((noreturn));
bool sched_thread_done(int thread);
kthread_kind sched_kind(int thread);
/* The client line that started a thread (NULL: none known). */
const char *sched_thread_site(int thread, int *line);
const char *sched_kind_name(int thread); /* "system thread", "IoQueueWorkItem routine", ... */

/* The thread object (a dispatcher object: signaled once the thread ended) and back. */
void *sched_thread_object(int thread);
int sched_thread_of_object(const void *object);

/* A point inside a provider call where the input may preempt the caller (counted as one of its
 * kernel calls): another thread, or the host's next step, runs while the call is in flight. */
void sched_call_point(void);

/* IRQL of the running thread: read on every checked call, so inline; sched.c keeps it, and moves
 * it to and from the threads' records as it switches. */
extern KIRQL sched_running_irql;
static inline KIRQL sched_irql(void)
{
    return sched_running_irql;
}
static inline void sched_set_irql(KIRQL irql)
{
    sched_running_irql = irql;
}

#endif
