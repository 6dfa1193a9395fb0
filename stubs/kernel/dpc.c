/* dpc.c - deferred procedure calls and set timers.
 *
 * The threads take turns on processor 0, as on a uniprocessor: a DPC queued there below
 * DISPATCH_LEVEL runs at once, as the DPC interrupt would; one queued at DISPATCH_LEVEL runs as
 * soon as that thread's IRQL drops below DISPATCH_LEVEL (KeLowerIrql, KeReleaseSpinLock). A DPC
 * targeted at processor 1 (KeSetTargetProcessorDpc) runs there, that is when a thread next
 * blocks or the scenario moves to its next step. A DPC runs on the current stack at
 * DISPATCH_LEVEL and must return there. A set timer fires when the virtual clock reaches it: the
 * clock jumps only while every thread is blocked; its DPC then runs at that scheduling point. */
#include "dpc.h"

#include "ke_sync.h"
#include "sched.h"

#define MAX_DPCS 16
#define MAX_TIMERS 16

typedef struct {
    PKDPC dpc;
    const char *file; /* the client line that queued it */
    int line;
} queued_dpc;

/* KDPC.Number: 0 for the current processor (KeInitializeDpc), else 1 + the target processor. */
#define DPC_TARGETED(d) ((d)->Number > 1)

typedef struct {
    PKTIMER timer;
    const char *file; /* the client line that set it */
    int line;
} set_timer;

static queued_dpc dpcs[MAX_DPCS];
unsigned dpc_nqueued; /* read inline where IRQL drops (dpc.h) */
static set_timer timers[MAX_TIMERS];
static unsigned ntimers;
static bool running; /* a DPC is running: the queue is drained by that loop */

void dpc_reset(void)
{
    dpc_nqueued = ntimers = 0;
    running = false;
}

static int dpc_index(PKDPC dpc)
{
    for (unsigned i = 0; i < dpc_nqueued; i++)
        if (dpcs[i].dpc == dpc)
            return (int)i;
    return -1;
}

/* The first queued DPC that may run now (here_only: only those of the current processor). */
static int next_runnable(bool here_only)
{
    for (unsigned i = 0; i < dpc_nqueued; i++)
        if (!here_only || !DPC_TARGETED(dpcs[i].dpc))
            return (int)i;
    return -1;
}

static void run(bool here_only)
{
    if (running || !dpc_nqueued)
        return;
    running = true;
    int i;
    while ((i = next_runnable(here_only)) >= 0) {
        queued_dpc q = dpcs[i];
        for (unsigned k = (unsigned)i + 1; k < dpc_nqueued; k++) /* keep the order they were queued in */
            dpcs[k - 1] = dpcs[k];
        dpc_nqueued--;
        KIRQL before = sched_irql();
        site_state sites; /* the DPC borrows the thread: its calls' sites are not the thread's */
        site_save(&sites);
        site_drop();
        sched_set_irql(DISPATCH_LEVEL);
        trace_event(T_DPC_RUN, 0, 0, 0);
        q.dpc->DeferredRoutine(q.dpc, q.dpc->DeferredContext, q.dpc->SystemArgument1, q.dpc->SystemArgument2);
        site_drop();
        if (sched_irql() != DISPATCH_LEVEL)
            verdict_fire(V_IRQL_NOT_RESTORED, "the DPC queued at %s:%d returned at IRQL %u, not DISPATCH_LEVEL",
                         q.file ? q.file : "?", q.line, sched_irql());
        sched_set_irql(before);
        site_restore(&sites);
    }
    running = false;
}

void dpc_run_queued(void)
{
    run(false);
}

void dpc_run_lowered(void)
{
    run(true);
}

void KeSetTargetProcessorDpc(PRKDPC dpc, CCHAR number)
{
    dpc->Number = (USHORT)(1 + (UCHAR)number);
}

#undef KeInsertQueueDpc
#undef KeSetTimer
#undef KeSetTimerEx

void KeInitializeDpc(PRKDPC dpc, PKDEFERRED_ROUTINE routine, PVOID context)
{
    memset(dpc, 0, sizeof *dpc);
    dpc->Type = 19; /* DpcObject */
    dpc->DeferredRoutine = routine;
    dpc->DeferredContext = context;
}

static BOOLEAN insert(PRKDPC dpc, PVOID arg1, PVOID arg2, const char *file, int line)
{
    if (dpc_index(dpc) >= 0)
        return FALSE; /* already queued */
    if (dpc_nqueued == MAX_DPCS)
        return FALSE;
    dpc->SystemArgument1 = arg1;
    dpc->SystemArgument2 = arg2;
    dpcs[dpc_nqueued++] = (queued_dpc){dpc, file, line};
    sched_activate();
    return TRUE;
}

BOOLEAN KeInsertQueueDpc(PRKDPC dpc, PVOID arg1, PVOID arg2)
{
    int line;
    const char *file = site_take(&line, NULL); /* macro-wrapped: a file and line or nothing */
    BOOLEAN queued = insert(dpc, arg1, arg2, file, line);
    if (queued && sched_irql() < DISPATCH_LEVEL)
        dpc_run_lowered();
    return queued;
}

BOOLEAN KeRemoveQueueDpc(PRKDPC dpc)
{
    int i = dpc_index(dpc);
    if (i < 0)
        return FALSE;
    for (unsigned k = (unsigned)i + 1; k < dpc_nqueued; k++)
        dpcs[k - 1] = dpcs[k];
    dpc_nqueued--;
    return TRUE;
}

void KeFlushQueuedDpcs(void)
{
    dpc_run_queued();
}

/* ---- set timers ---- */

static int timer_index(PKTIMER timer)
{
    for (unsigned i = 0; i < ntimers; i++)
        if (timers[i].timer == timer)
            return (int)i;
    return -1;
}

void timer_armed(PKTIMER timer)
{
    if (timer->Dpc)
        sched_activate();
    if (timer_index(timer) >= 0 || ntimers == MAX_TIMERS) {
        site_drop();
        return;
    }
    int line;
    const char *file = site_take(&line, NULL); /* macro-wrapped: a file and line or nothing */
    timers[ntimers++] = (set_timer){timer, file, line};
}

void timer_disarmed(PKTIMER timer)
{
    int i = timer_index(timer);
    if (i >= 0)
        timers[i] = timers[--ntimers];
}

bool timer_next_due(LONGLONG *when)
{
    bool any = false;
    for (unsigned i = 0; i < ntimers; i++) {
        LONGLONG due = (LONGLONG)timers[i].timer->DueTime.QuadPart;
        if (!any || due < *when)
            *when = due;
        any = true;
    }
    return any;
}

void timers_fire_due(void)
{
    LONGLONG now = ke_clock_now();
    for (unsigned i = 0; i < ntimers;) {
        set_timer *s = &timers[i];
        PKTIMER t = s->timer;
        if ((LONGLONG)t->DueTime.QuadPart > now) {
            i++;
            continue;
        }
        site_drop();
        trace_event(T_TIMER_FIRE, t->Period, t->Dpc != NULL, 0);
        ke_timer_signal(t);
        if (t->Dpc)
            insert(t->Dpc, (PVOID)(ULONG_PTR)now, NULL, s->file, s->line);
        if (t->Period) {
            t->DueTime.QuadPart += (ULONGLONG)t->Period * 10000u; /* ms to 100 ns */
            i++;
        } else {
            timers[i] = timers[--ntimers];
        }
    }
}

void dpc_unload_checks(void)
{
    for (unsigned i = 0; i < ntimers; i++)
        verdict_fire(V_TIMER_SET_AT_UNLOAD, "DriverUnload returned with the timer set at %s:%d still set%s: it "
                     "fires in unloaded code or freed memory", timers[i].file ? timers[i].file : "?", timers[i].line,
                     timers[i].timer->Period ? " (periodic)" : "");
    for (unsigned i = 0; i < dpc_nqueued; i++)
        verdict_fire(V_DPC_QUEUED_AT_UNLOAD, "DriverUnload returned with the DPC queued at %s:%d still queued",
                     dpcs[i].file ? dpcs[i].file : "?", dpcs[i].line);
}
