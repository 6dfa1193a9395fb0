/* trace.c - record events of one scenario; print them with a verdict or on request. */
#include <stdio.h>

#include "core.h"

typedef struct {
    uint8_t ev;
    uint8_t is_return;
    uint16_t step;
    int32_t status;
    uint64_t a, b;
    const char *file;
    void *pc; /* no file: the client's return address of a call through a pointer, or NULL */
    int line;
    uint16_t thread; /* small: with the IRQL and the line, 8 bytes */
    uint8_t irql;
} trace_record;

static trace_record records[STUB_TRACE_EVENTS];
static trace_record overflow; /* where events past the limit go: counted, not kept */
static unsigned nrecords, dropped;
static bool verbose;
static unsigned thread_now;
static const uint8_t passive_level; /* until the scheduler names where the running IRQL lives */
static const uint8_t *irql_now = &passive_level;

static const char *const event_text[] = {
#define WSKFUZZ_TRACE_TEXT(id, text) text,
    WSKFUZZ_TRACE_EVENTS(WSKFUZZ_TRACE_TEXT)
#undef WSKFUZZ_TRACE_TEXT
};

/* A fault the plan injected: which point, at which kind of call, with what. */
static void format_fault(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    snprintf(out, size, "fault %llu injected at the %s -> %s", (unsigned long long)v->a,
             fault_kind_name((fault_kind)v->b), status_name(v->status));
}

/* The core's own event reads in words from the start; the layers register theirs. */
static trace_formatter formatters[T_COUNT] = {[T_FAULT] = format_fault};

void trace_set_formatter(trace_event_id ev, trace_formatter format)
{
    if ((unsigned)ev < T_COUNT)
        formatters[ev] = format;
}

void trace_tag_text(char out[5], uint32_t tag)
{
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(tag >> (8 * (3 - i))); /* the source's 'tpcb' is 0x74706362 */
        out[i] = c >= 0x20 && c < 0x7f ? (char)c : '.';
    }
    out[4] = 0;
}

static trace_view view_of(const trace_record *r)
{
    return (trace_view){(trace_event_id)r->ev, r->is_return, r->a, r->b, r->status};
}

static void print_record(FILE *out, unsigned i, const trace_record *r, const trace_record *previous)
{
    trace_formatter format = formatters[r->ev];
    fprintf(out, "  #%-3u step %-2u %-4s ", i, r->step, r->is_return ? "<-" : "->");
    if (format) {
        char text[256];
        trace_view v = view_of(r), before = previous ? view_of(previous) : (trace_view){0};
        format(text, sizeof text, &v, previous ? &before : NULL);
        fprintf(out, "%s", text);
    } else {
        fprintf(out, "%-36s a=0x%llx b=0x%llx", event_text[r->ev], (unsigned long long)r->a, (unsigned long long)r->b);
        if (r->is_return || r->status)
            fprintf(out, " = %s", status_name(r->status));
    }
    char where[512];
    if (r->file)
        fprintf(out, "  at %s:%d", r->file, r->line);
    else if (r->pc && site_symbolize(r->pc, where, sizeof where))
        fprintf(out, "  at %s", where);
    /* The thread, and the IRQL where it is not PASSIVE_LEVEL: the harness's events at PASSIVE_LEVEL
     * print as they always did. */
    if (r->thread || r->irql) {
        fputs("  [", out);
        if (r->thread)
            fprintf(out, "thread %u%s", r->thread, r->irql ? ", " : "");
        const char *level = r->irql ? irql_level_name(r->irql) : NULL;
        if (level)
            fputs(level, out);
        else if (r->irql)
            fprintf(out, "IRQL %u", r->irql);
        fputc(']', out);
    }
    fputc('\n', out);
}

/* The trace buffer is the stub's own memory, written a few dozen times per input: no need for
 * sanitizer checks on it. */
#if defined(__clang__)
#define TRACE_UNCHECKED __attribute__((no_sanitize("address", "undefined")))
#else
#define TRACE_UNCHECKED __attribute__((no_sanitize_address))
#endif
/* Inlined into both entry points: a call per event, not two. */
static inline __attribute__((always_inline)) void record(trace_event_id ev, bool is_return, uint64_t a, uint64_t b,
                                                         int32_t status)
{
    int line;
    void *pc = NULL;
    const char *file = ev != T_FAULT ? site_take(&line, &pc) : site_current(&line);
    trace_record *r = nrecords < STUB_TRACE_EVENTS ? &records[nrecords++] : &overflow;
    if (r == &overflow)
        dropped++;
    *r = (trace_record){(uint8_t)ev, is_return, (uint16_t)phase_step(), status, a, b, file, pc, line,
                        (uint16_t)thread_now, *irql_now};
    if (verbose)
        print_record(stdout, nrecords + dropped - 1, r, r != &overflow && nrecords > 1 ? r - 1 : NULL);
}

TRACE_UNCHECKED void trace_event(trace_event_id ev, uint64_t a, uint64_t b, int32_t status)
{
    record(ev, false, a, b, status);
}

TRACE_UNCHECKED void trace_return(trace_event_id ev, uint64_t a, uint64_t b, int32_t status)
{
    record(ev, true, a, b, status);
}

void trace_reset(void)
{
    nrecords = 0;
    dropped = 0;
}

unsigned trace_count(void)
{
    return nrecords + dropped;
}

void trace_print(FILE *out)
{
    fprintf(out, "trace (%u events%s):\n", nrecords + dropped, dropped ? ", the last ones dropped" : "");
    for (unsigned i = 0; i < nrecords; i++)
        print_record(out, i, &records[i], i ? &records[i - 1] : NULL);
}

void trace_set_thread(unsigned thread)
{
    thread_now = thread;
}

void trace_set_irql_source(const uint8_t *irql)
{
    irql_now = irql ? irql : &passive_level;
}

void trace_set_verbose(bool on)
{
    verbose = on;
}

bool trace_enabled_verbose(void)
{
    return verbose;
}
