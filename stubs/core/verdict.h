/* verdict.h - report a broken rule (verdict.c): headline, rule and page, client site, scenario
 * and trace; then abort() - or, when a catcher is set, record it and longjmp there (unit tests
 * and explore). */
#ifndef WSKFUZZ_VERDICT_H
#define WSKFUZZ_VERDICT_H

#include <setjmp.h>
#include <stdio.h>

#include "verdict_catalog.h"

const char *verdict_name(verdict_id id);
const char *verdict_rule(verdict_id id);
const char *verdict_page(verdict_id id);
void verdict_fire(verdict_id id, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void verdict_set_catcher(jmp_buf *catcher);
/* Called with the catcher before the jump to it (the scheduler's: a verdict on a simulated
 * thread jumps from the harness's own stack, where the catcher's frame is). */
void verdict_set_unwind_hook(void (*hook)(jmp_buf *catcher));
verdict_id verdict_last(void);           /* V_COUNT when none */
const char *verdict_last_message(void);
/* Called from a verdict to print the scenario (the harness knows how to describe it). */
void stub_set_scenario_printer(void (*print)(FILE *out, void *arg), void *arg);

#endif
