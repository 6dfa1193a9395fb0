/* not_modeled_log.c - what the stub kernel could not do for this driver, said where people look.
 *
 * A routine that is declared but not modeled calls wskfuzz_not_modeled(its name). The first call
 * in a process prints "WSKFUZZ NOT MODELED <name>"; every call is counted, with how many inputs
 * hit the routine and the client line of its first call, and the process prints one summary line
 * per routine when it exits:
 *
 *   WSKFUZZ NOT MODELED SUMMARY <name> inputs=<n> calls=<n> site=<file>:<line>
 *
 * (also appended to the file $WSKFUZZ_NOT_MODELED_LOG names, for runs whose stderr is not kept).
 *
 * The commands (fuzz, explore, coverage) add these up over their runs and show them on screen and
 * in the report: a run whose paths were cut short by a routine not modeled must not look like a
 * run that found nothing. */
#include <stdio.h>
#include <stdlib.h>

#include "core.h"
#include "not_modeled.h"

static void print_summary(void);

#define MAX_ROUTINES 64

typedef struct {
    const char *name;
    const char *file; /* the client line of the first call, as a header macro noted it ... */
    int line;
    void *caller;     /* ... or the client's return address there, symbolized at exit */
    unsigned long inputs, calls;
    unsigned long last_input; /* the input that counted last */
} routine_record;

static routine_record routines[MAX_ROUTINES];
static unsigned nroutines;
static unsigned long input_serial = 1;

/* Before each input: the next calls count for a new input. */
void not_modeled_reset(void)
{
    input_serial++;
}

static void print_line(FILE *out, const routine_record *r)
{
    char where[512];
    if (r->file)
        snprintf(where, sizeof where, "%s:%d", r->file, r->line);
    else if (!site_symbolize(r->caller, where, sizeof where))
        snprintf(where, sizeof where, "?");
    fprintf(out, "WSKFUZZ NOT MODELED SUMMARY %s inputs=%lu calls=%lu site=%s\n", r->name, r->inputs, r->calls,
            where);
}

/* At exit, on stderr; and appended to $WSKFUZZ_NOT_MODELED_LOG when set: libFuzzer's fork mode
 * keeps no job's stderr, so the commands collect the jobs' summaries there. */
static void print_summary(void)
{
    not_modeled_summarize();
}

void not_modeled_summarize(void)
{
    for (unsigned i = 0; i < nroutines; i++)
        print_line(stderr, &routines[i]);
    const char *path = getenv("WSKFUZZ_NOT_MODELED_LOG");
    FILE *log = path && *path ? fopen(path, "a") : NULL;
    if (!log)
        return;
    for (unsigned i = 0; i < nroutines; i++)
        print_line(log, &routines[i]);
    fclose(log);
}

static routine_record *record_of(const char *name, void *caller)
{
    for (unsigned i = 0; i < nroutines; i++)
        if (routines[i].name == name)
            return &routines[i];
    if (nroutines == MAX_ROUTINES)
        return NULL;
    if (nroutines == 0)
        atexit(print_summary);
    routine_record *r = &routines[nroutines++];
    int line;
    const char *file = site_current(&line);
    if (!file)
        file = site_for_verdict(&line);
    void *noted = site_noted_caller();
    *r = (routine_record){name, file, line, noted ? noted : caller, 0, 0, 0};
    fprintf(stderr, "WSKFUZZ NOT MODELED %s\n", name);
    return r;
}

void not_modeled_called(const char *name, void *caller)
{
    routine_record *r = record_of(name, caller);
    if (!r)
        return;
    r->calls++;
    if (r->last_input != input_serial) {
        r->last_input = input_serial;
        r->inputs++;
    }
}
