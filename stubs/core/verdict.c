/* verdict.c - report a broken rule: one headline, the rule and its page, the scenario and the
 * trace; then abort() so every engine sees a crash (or longjmp to a catcher in tests). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core.h"

static const struct {
    const char *name, *rule, *page;
} catalog[V_COUNT] = {
#define WSKFUZZ_VERDICT_ROW(id, rule, page) {#id, rule, page},
    WSKFUZZ_VERDICTS(WSKFUZZ_VERDICT_ROW)
#undef WSKFUZZ_VERDICT_ROW
};

static jmp_buf *catcher;
static void (*unwind_hook)(jmp_buf *);
static verdict_id last = V_COUNT;
static char last_message[512];
static void (*scenario_printer)(FILE *, void *);
static void *scenario_arg;

const char *verdict_name(verdict_id id) { return id < V_COUNT ? catalog[id].name : "NONE"; }
const char *verdict_rule(verdict_id id) { return id < V_COUNT ? catalog[id].rule : ""; }
const char *verdict_page(verdict_id id) { return id < V_COUNT ? catalog[id].page : ""; }
verdict_id verdict_last(void) { return last; }
const char *verdict_last_message(void) { return last_message; }
void verdict_set_catcher(jmp_buf *c) { catcher = c; last = V_COUNT; last_message[0] = 0; }

void verdict_set_unwind_hook(void (*hook)(jmp_buf *))
{
    unwind_hook = hook;
}

void stub_set_scenario_printer(void (*print)(FILE *, void *), void *arg)
{
    scenario_printer = print;
    scenario_arg = arg;
}

void verdict_fire(verdict_id id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    last = id;
    if (catcher) {
        jmp_buf *c = catcher;
        catcher = NULL; /* one verdict per run: a second would jump into a stale frame */
        if (unwind_hook)
            unwind_hook(c);
        longjmp(*c, 1);
    }
    fflush(stdout);
    site_resolve_caller();
    int line;
    const char *file = site_for_verdict(&line);
    fprintf(stderr, "WSKFUZZ VIOLATION %s: %s\n", catalog[id].name, last_message);
    fprintf(stderr, "rule: %s\nsource: %s\n", catalog[id].rule, catalog[id].page);
    if (file)
        fprintf(stderr, "client site: %s:%d\n", file, line);
    if (scenario_printer) {
        fprintf(stderr, "scenario:\n");
        scenario_printer(stderr, scenario_arg);
    }
    trace_print(stderr);
    fflush(stderr);
    abort();
}
