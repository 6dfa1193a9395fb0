/* site.c - the client's call site (see site.h). */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static const char *next_file, *verdict_file; /* next_*: for the next trace event; verdict_*: for verdicts */
static int next_line, verdict_line;
static void *caller_pc;
static void *next_pc; /* a call through a pointer: the client's return address, for the next trace event */

static void (*call_hook)(void);
static unsigned calls, stop = 1;

void site_reset(void)
{
    next_file = verdict_file = NULL;
    caller_pc = next_pc = NULL;
    calls = 0;
    stop = 1;
}

void site_set_call_hook(void (*hook)(void))
{
    call_hook = hook;
}

/* Called by the WDK headers' macros (WSKFUZZ_AT) before each call they wrap. */
void wskfuzz_note_site(const char *file, int line)
{
    next_file = verdict_file = file;
    next_line = verdict_line = line;
    caller_pc = NULL;
    if (++calls == stop && call_hook)
        call_hook();
}

void site_count_call(void)
{
    if (++calls == stop && call_hook)
        call_hook();
}

void site_set_stop(unsigned s)
{
    stop = s;
}

unsigned site_calls(void)
{
    return calls;
}

void site_save(site_state *s)
{
    *s = (site_state){next_file, verdict_file, next_line, verdict_line, caller_pc, next_pc, calls, stop};
}

void site_restore(const site_state *s)
{
    next_file = s->next_file;
    verdict_file = s->verdict_file;
    next_line = s->next_line;
    verdict_line = s->verdict_line;
    caller_pc = s->caller_pc;
    next_pc = s->next_pc;
    calls = s->calls;
    stop = s->stop;
}

const char *site_take(int *line, void **pc)
{
    const char *file = next_file;
    *line = next_line;
    if (pc)
        *pc = file ? NULL : next_pc;
    next_file = NULL; /* a call site belongs to the one event it caused */
    next_pc = NULL;
    return file;
}

const char *site_current(int *line)
{
    *line = next_line;
    return next_file;
}

void site_drop(void)
{
    next_file = NULL;
}

const char *site_for_verdict(int *line)
{
    *line = verdict_line;
    return verdict_file;
}

void site_point_at(const char *file, int line)
{
    if (!file)
        return;
    caller_pc = NULL;
    verdict_file = file;
    verdict_line = line;
}

void site_note_caller(void *return_address)
{
    caller_pc = return_address;
}

void site_note_call_entry(void *return_address)
{
    caller_pc = next_pc = return_address;
}

void *site_noted_caller(void)
{
    return caller_pc;
}

void site_forget_caller(void)
{
    caller_pc = NULL;
}

bool site_resolve_caller(void)
{
    static char where[512];
    if (!site_symbolize(caller_pc, where, sizeof where))
        return false;
    char *colon = strrchr(where, ':');
    *colon = 0;
    verdict_file = where;
    verdict_line = atoi(colon + 1);
    return true;
}
