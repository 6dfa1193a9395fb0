/* sched.c - simulated kernel threads and their scheduler (see sched.h).
 *
 * Cooperative: the running thread keeps the processor until it waits, ends or is preempted
 * where the input says. The order is fixed (the lowest-numbered runnable thread after the
 * current one, the harness last), so one input gives one interleaving in every build. */
#include "sched.h"

#include "dpc.h"
#include "fiber.h"
#include "ke_sync.h"

typedef enum { TS_FREE, TS_NEW, TS_READY, TS_WAITING, TS_DONE } thread_state;

typedef struct {
    DISPATCHER_HEADER object; /* first: PETHREAD points here; signaled when the thread ends */
    thread_state state;
    kthread_kind kind;
    void (*routine)(void *);
    void *ctx;
    const char *file; /* the client line that started it */
    int line;
    /* while it waits */
    bool (*ready)(void *);
    void *ready_arg;
    const char *what, *wait_file;
    int wait_line;
    bool has_deadline, timed_out;
    LONGLONG deadline;
    KIRQL irql;
    bool held;      /* preempted while the host let threads run: it waits for the host's next step */
    site_state sites;
    fiber f;
} kthread;

#define OBJ_THREAD 6 /* ThreadObject */
#define TIMER_ROUNDS 10000 /* clock jumps in one wait before it counts as going nowhere */

static kthread threads[STUB_MAX_THREADS];
static unsigned nthreads = 1, cur;
static bool active;
static bool idling; /* the host lets the threads run between steps: a held thread waits for the next */
static unsigned progress;
static unsigned long long switches; /* a statistic of the process, not of a scenario */
static jmp_buf *jump_on_harness; /* a verdict's catcher, to be jumped to from the harness's stack */

static void init_object(kthread *t)
{
    t->object.Type = OBJ_THREAD;
    t->object.Signalling = 0;
    t->object.Size = (UCHAR)(sizeof(DISPATCHER_HEADER) / sizeof(LONG));
    t->object.SignalState = 0;
    t->object.WaitListHead.Flink = t->object.WaitListHead.Blink = &t->object.WaitListHead;
}

void sched_reset(void)
{
    /* Threads of the last scenario are dropped where they stood (a verdict may have ended it
     * inside one): their stacks are remade before reuse. */
    nthreads = 1;
    cur = 0;
    active = false;
    idling = false;
    /* Field by field: the harness's fiber context is saved by its first switch away. */
    kthread *h = &threads[0];
    h->state = TS_READY;
    h->kind = KT_HARNESS;
    h->routine = NULL;
    h->file = NULL;
    h->ready = NULL;
    h->has_deadline = h->timed_out = h->held = false;
    h->irql = PASSIVE_LEVEL;
    sched_running_irql = PASSIVE_LEVEL;
    init_object(h);
    trace_set_thread(0);
}

bool sched_active(void)
{
    return active;
}

void sched_activate(void)
{
    active = true;
}

unsigned sched_progress(void)
{
    return progress;
}

unsigned long long sched_switch_total(void)
{
    return switches;
}

unsigned sched_current(void)
{
    return cur;
}

KIRQL sched_running_irql;

void *sched_thread_object(int thread)
{
    return thread >= 0 && (unsigned)thread < nthreads ? &threads[thread].object : NULL;
}

int sched_thread_of_object(const void *object)
{
    for (unsigned i = 0; i < nthreads; i++)
        if (object == &threads[i].object)
            return (int)i;
    return -1;
}

bool sched_thread_done(int thread)
{
    return thread >= 0 && (unsigned)thread < nthreads && threads[thread].state == TS_DONE;
}

kthread_kind sched_kind(int thread)
{
    return threads[thread].kind;
}

const char *sched_thread_site(int thread, int *line)
{
    *line = threads[thread].line;
    return threads[thread].file;
}

/* ---- switching ---- */

static bool runnable(const kthread *t)
{
    switch (t->state) {
    case TS_NEW:
    case TS_READY:
        return true;
    case TS_WAITING:
        return t->timed_out || t->ready(t->ready_arg);
    default:
        return false;
    }
}

/* The next thread to run instead of the current one: the other threads in turn, then the
 * harness (which is runnable only while it lets the others run between steps). -1: none. */
static int pick_for(bool idle)
{
    for (unsigned k = 1; k < nthreads; k++) {
        unsigned i = (cur + k) % nthreads;
        if (i != 0 && runnable(&threads[i]) && !(idle && threads[i].held))
            return (int)i;
    }
    return cur != 0 && runnable(&threads[0]) ? 0 : -1;
}

static int pick(void)
{
    return pick_for(idling);
}

static void thread_entry(void);

static void switch_to(unsigned next)
{
    kthread *from = &threads[cur], *to = &threads[next];
    progress++;
    switches++;
    site_save(&from->sites);
    from->irql = sched_running_irql;
    sched_running_irql = to->irql;
    cur = next;
    trace_set_thread(next);
    if (to->state == TS_NEW)
        to->state = TS_READY;
    fiber_switch(&from->f, &to->f);
    if (jump_on_harness) { /* a verdict caught on another thread: the scenario ends here */
        jmp_buf *c = jump_on_harness;
        jump_on_harness = NULL;
        longjmp(*c, 1);
    }
    site_restore(&from->sites);
}

/* A verdict with a catcher (unit tests, explore) on another thread: go back to the harness's
 * stack first and jump from there; the threads are dropped at the next reset. */
static void unwind_to_harness(jmp_buf *catcher)
{
    if (cur == 0)
        return;
    jump_on_harness = catcher;
    kthread *from = &threads[cur];
    cur = 0;
    sched_running_irql = threads[0].irql;
    trace_set_thread(0);
    fiber_switch(&from->f, &threads[0].f);
}

static void thread_entry(void)
{
    fiber_entered();
    kthread *t = &threads[cur];
    site_restore(&t->sites);
    t->routine(t->ctx);
    if (sched_running_irql != PASSIVE_LEVEL)
        verdict_fire(V_IRQL_NOT_RESTORED, "a %s started at %s:%d returned at IRQL %u, not PASSIVE_LEVEL",
                     t->kind == KT_SYSTEM ? "system thread" : "work routine", t->file ? t->file : "?", t->line,
                     sched_running_irql);
    sched_exit_current();
}

void sched_exit_current(void)
{
    kthread *me = &threads[cur];
    site_drop(); /* a call the routine made last is not this event's */
    trace_event(T_THREAD_EXIT, cur, me->kind, 0);
    me->state = TS_DONE;
    me->object.SignalState = 1;
    int next = pick();
    if (next < 0)
        next = 0; /* the harness is always somewhere in a wait or between steps: it decides */
    cur = (unsigned)next;
    trace_set_thread(cur);
    sched_running_irql = threads[next].irql;
    if (threads[next].state == TS_NEW)
        threads[next].state = TS_READY;
    switches++;
    fiber_exit_to(&me->f, &threads[next].f);
}

int sched_create(kthread_kind kind, void (*routine)(void *), void *ctx, const char *file, int line)
{
    unsigned slot = nthreads;
    /* Work items reuse the slots of finished work items; thread objects stay valid. */
    if (kind != KT_SYSTEM)
        for (unsigned i = 1; i < nthreads; i++)
            if (threads[i].state == TS_DONE && threads[i].kind != KT_SYSTEM) {
                slot = i;
                break;
            }
    if (slot >= STUB_MAX_THREADS)
        return -1;
    kthread *t = &threads[slot];
    *t = (kthread){.state = TS_NEW, .kind = kind, .routine = routine, .ctx = ctx, .file = file, .line = line};
    t->sites = (site_state){.stop = 1}; /* its first kernel call finds its first planned preemption */
    init_object(t);
    if (!fiber_make(&t->f, slot, thread_entry))
        return -1;
    if (slot == nthreads)
        nthreads++;
    active = true;
    return (int)slot;
}

/* ---- waiting ---- */

/* Nothing runs and the world is still: the clock jumps to the next timer or timed wait. */
static bool next_deadline(void)
{
    LONGLONG when = 0;
    int who = -1;
    bool any = timer_next_due(&when);
    for (unsigned i = 0; i < nthreads; i++) {
        kthread *t = &threads[i];
        if (t->state == TS_WAITING && t->has_deadline && !t->timed_out && (!any || t->deadline < when)) {
            when = t->deadline;
            who = (int)i;
            any = true;
        }
    }
    if (!any)
        return false;
    if (when > ke_clock_now())
        ke_clock_set(when);
    if (who >= 0) {
        site_drop();
        trace_event(T_DEADLINE, (uint64_t)who, 0, 0);
        threads[who].timed_out = true;
    } else {
        progress++;
        timers_fire_due();
    }
    return true;
}

static const char *kind_name(kthread_kind k)
{
    return k == KT_SYSTEM ? "system thread" : k == KT_IO_WORK ? "IoQueueWorkItem routine"
           : k == KT_EX_WORK ? "ExQueueWorkItem routine" : "harness thread";
}

const char *sched_kind_name(int thread)
{
    return kind_name(threads[thread].kind);
}

static void deadlock(void)
{
    char text[400];
    unsigned n = 0;
    text[0] = 0;
    for (unsigned i = 0; i < nthreads && n < sizeof text; i++) {
        const kthread *t = &threads[i];
        if (t->state != TS_WAITING)
            continue;
        int w = snprintf(text + n, sizeof text - n, "%sthread %u (%s", n ? "; " : "", i, kind_name(t->kind));
        n += w > 0 ? (unsigned)w : 0;
        if (t->file && n < sizeof text) {
            w = snprintf(text + n, sizeof text - n, " started at %s:%d", t->file, t->line);
            n += w > 0 ? (unsigned)w : 0;
        }
        if (n < sizeof text) {
            w = snprintf(text + n, sizeof text - n, ") waits in %s at %s:%d", t->what,
                         t->wait_file ? t->wait_file : "?", t->wait_line);
            n += w > 0 ? (unsigned)w : 0;
        }
    }
    verdict_fire(V_DEADLOCK, "every thread is blocked and nothing left can wake one: %s", text);
}

static bool others_waiting(void)
{
    for (unsigned i = 0; i < nthreads; i++)
        if (i != cur && threads[i].state == TS_WAITING)
            return true;
    return false;
}

bool sched_wait(bool (*ready)(void *), void *arg, const char *what, const LONGLONG *deadline)
{
    if (!active) { /* the one-thread path, exactly as before threads existed */
        while (!ready(arg))
            if (!world_wait())
                return ready(arg);
        return true;
    }
    kthread *me = &threads[cur];
    thread_state before = me->state;
    me->state = TS_WAITING;
    me->ready = ready;
    me->ready_arg = arg;
    me->what = what;
    me->wait_file = site_for_verdict(&me->wait_line);
    me->has_deadline = deadline != NULL;
    me->deadline = deadline ? *deadline : 0;
    me->timed_out = false;
    bool ok;
    unsigned jumps = 0;
    for (;;) {
        dpc_run_queued();
        if (ready(arg)) {
            ok = true;
            break;
        }
        if (me->timed_out) {
            ok = false;
            break;
        }
        int next = pick();
        if (next >= 0) {
            switch_to((unsigned)next);
            continue;
        }
        if (world_wait()) {
            progress++;
            continue;
        }
        if (++jumps < TIMER_ROUNDS && next_deadline())
            continue;
        if (!deadline && others_waiting())
            deadlock();
        ok = ready(arg);
        break;
    }
    me->state = before == TS_WAITING ? TS_READY : before;
    me->ready = NULL;
    return ok;
}

/* Between steps time passes too: a few jumps of the clock to the next timer or timed wait (a
 * periodic timer would otherwise keep the step from ever ending). */
#define IDLE_JUMPS 4

void sched_run_idle(void)
{
    if (!active || cur != 0 || threads[0].state == TS_WAITING)
        return;
    for (unsigned i = 1; i < nthreads; i++) /* a new step: what was preempted may go on */
        threads[i].held = false;
    unsigned jumps = 0;
    idling = true; /* whoever picks the next thread now (one that blocks or ends) passes over held ones */
    for (;;) {
        dpc_run_queued();
        int next = pick_for(true);
        if (next >= 0)
            switch_to((unsigned)next);
        else if (jumps++ >= IDLE_JUMPS || !next_deadline())
            break;
    }
    idling = false;
}

/* ---- the module ---- */

/* Could this thread run instead of the current one (as pick() would take it)? */
static bool can_take_over(unsigned i)
{
    return i < nthreads && i != cur && runnable(&threads[i]);
}

/* A preemption point of explore's clean run: every thread that could take over, and pick()'s. */
static void note_point(unsigned call, unsigned order)
{
    unsigned runnable_mask = 0;
    for (unsigned i = 0; i < nthreads; i++)
        if (can_take_over(i))
            runnable_mask |= 1u << i;
    fault_plan_note_preemption_point(cur, call, order, runnable_mask);
}

/* site.c counts each thread's kernel calls (the headers' macros note them; the count travels with
 * the thread's sites) and calls this at the count the plan names: a preemption point. Never at
 * DISPATCH_LEVEL or above (nothing preempts a processor there) and only with threads about. */
static void on_call(void)
{
    kthread *me = &threads[cur];
    unsigned call = site_calls();
    bool planned = fault_plan_preempts_at(cur, call);
    site_set_stop(fault_plan_next_preemption(cur, call)); /* 0: none left for this thread */
    if ((!planned && !fault_plan_recording()) || !active)
        return;
    /* A thread inside a wait runs callbacks of the world (completion routines): not preempted there. */
    if (sched_running_irql >= DISPATCH_LEVEL || me->state == TS_WAITING)
        return;
    int next = pick();
    if (next < 0)
        return;
    if (!planned) { /* explore's clean run: note the point and who could run there, switch not */
        note_point(call, (unsigned)next);
        return;
    }
    unsigned to = fault_plan_preemption_target(cur, call);
    if (to && can_take_over(to - 1))
        next = (int)(to - 1);
    site_state sites; /* the call's site belongs to the call's own event */
    site_save(&sites);
    site_drop();
    trace_event(T_PREEMPT, cur, (uint64_t)next, 0);
    site_restore(&sites);
    me->held = cur != 0;
    switch_to((unsigned)next);
}

void sched_call_point(void)
{
    site_count_call();
}

void sched_start(void)
{
    threads[0].state = TS_READY;
    site_set_call_hook(on_call);
    trace_set_irql_source(&sched_running_irql);
    verdict_set_unwind_hook(unwind_to_harness);
    sched_trace_words_start();
}

void sched_unload_checks(void)
{
    if (!active)
        return;
    for (unsigned i = 1; i < nthreads; i++) {
        const kthread *t = &threads[i];
        if (t->kind == KT_SYSTEM && t->state != TS_DONE)
            verdict_fire(V_THREAD_RUNNING_AT_UNLOAD, "DriverUnload returned while the system thread started at "
                         "%s:%d is still %s: its code is unloaded under it", t->file ? t->file : "?", t->line,
                         t->state == TS_NEW ? "about to run" : t->state == TS_WAITING ? "waiting" : "running");
        if (t->kind == KT_EX_WORK && t->state != TS_DONE)
            verdict_fire(V_WORKITEM_PENDING_AT_UNLOAD, "DriverUnload returned while the ExQueueWorkItem item queued "
                         "at %s:%d is %s: it holds no reference on the driver", t->file ? t->file : "?", t->line,
                         t->state == TS_NEW ? "still queued" : "running");
    }
    /* An IoQueueWorkItem item holds its device object, and so the driver, until it returns. */
    sched_run_idle();
    for (unsigned i = 1; i < nthreads; i++) {
        const kthread *t = &threads[i];
        if (t->kind == KT_IO_WORK && t->state != TS_DONE)
            verdict_fire(V_WORKITEM_PENDING_AT_UNLOAD, "the IoQueueWorkItem routine queued at %s:%d never returns "
                         "after DriverUnload: its device object and the driver can never go away",
                         t->file ? t->file : "?", t->line);
    }
}
