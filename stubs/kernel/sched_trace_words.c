/* sched_trace_words.c - how the events of threads, work items, DPCs and timers read in a trace
 * (registered by the scheduler at start), e.g.
 *   PsCreateSystemThread -> STATUS_SUCCESS (thread 1)    thread 1 preempted: thread 0 runs */
#include <stdio.h>

#include "sched.h"

static const char *kind_words(uint64_t kind)
{
    return kind == KT_SYSTEM ? "system thread" : kind == KT_IO_WORK ? "IoQueueWorkItem routine"
           : kind == KT_EX_WORK ? "ExQueueWorkItem routine" : "thread";
}

static void format_create(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    if (!v->is_return)
        snprintf(out, size, "PsCreateSystemThread");
    else if (v->status == STATUS_SUCCESS)
        snprintf(out, size, "PsCreateSystemThread -> STATUS_SUCCESS (thread %llu)", (unsigned long long)v->a);
    else
        snprintf(out, size, "PsCreateSystemThread -> %s", status_name(v->status));
}

static void format_exit(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    snprintf(out, size, "thread %llu ends (%s)", (unsigned long long)v->a, kind_words(v->b));
}

static void format_work(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    bool ex = v->a == 0x100;
    if (v->ev == T_WORK_QUEUED)
        snprintf(out, size, ex ? "ExQueueWorkItem" : "IoQueueWorkItem(work item %llu)", (unsigned long long)v->a);
    else
        snprintf(out, size, ex ? "the ExQueueWorkItem routine runs" : "the routine of work item %llu runs",
                 (unsigned long long)v->a);
}

static void format_dpc(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)v, (void)previous;
    snprintf(out, size, "a DPC runs at DISPATCH_LEVEL");
}

static void format_timer(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    if (v->a)
        snprintf(out, size, "a periodic timer (%llu ms) expires%s", (unsigned long long)v->a,
                 v->b ? ": its DPC is queued" : "");
    else
        snprintf(out, size, "a timer expires%s", v->b ? ": its DPC is queued" : "");
}

static void format_deadline(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    snprintf(out, size, "nothing else can run: the clock jumps to thread %llu's timeout", (unsigned long long)v->a);
}

static void format_preempt(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    snprintf(out, size, "thread %llu preempted: thread %llu runs", (unsigned long long)v->a,
             (unsigned long long)v->b);
}

void sched_trace_words_start(void)
{
    trace_set_formatter(T_THREAD_CREATE, format_create);
    trace_set_formatter(T_THREAD_EXIT, format_exit);
    trace_set_formatter(T_WORK_QUEUED, format_work);
    trace_set_formatter(T_WORK_RUN, format_work);
    trace_set_formatter(T_DPC_RUN, format_dpc);
    trace_set_formatter(T_TIMER_FIRE, format_timer);
    trace_set_formatter(T_DEADLINE, format_deadline);
    trace_set_formatter(T_PREEMPT, format_preempt);
}
