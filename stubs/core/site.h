/* site.h - where in the client the current call comes from (site.c owns it).
 *
 * Two sources: the WDK headers' macros note __FILE__/__LINE__ of a call (wskfuzz_note_site), and
 * calls through dispatch pointers, which no macro sees, note the client's return address
 * (site_note_caller), symbolized only when a verdict needs it. The next trace event takes the
 * noted site; verdicts point at the last one, or at a line a model names (site_point_at). */
#ifndef WSKFUZZ_SITE_H
#define WSKFUZZ_SITE_H

#include <stdbool.h>

void site_reset(void);
/* The site for the next trace event, consumed by it (file NULL: none; then *pc may be the
 * client's return address of a call through a pointer, put into words when printed). pc may be
 * NULL where only macro-wrapped calls come, which note a file and line or nothing. */
const char *site_take(int *line, void **pc);
/* The site the next allocation records (not consumed). */
const char *site_current(int *line);
/* Drop the macro-noted site: a call through a pointer must not show an older call's site. */
void site_drop(void);
/* The client line a verdict reports (NULL: none). */
const char *site_for_verdict(int *line);
/* A verdict about memory points at the client line that allocated it, not at the last call. */
void site_point_at(const char *file, int line);
/* The client's return address for calls through pointers; site_resolve_caller makes it the
 * verdict's site when the debug information has its line (false: it has none). */
void site_note_caller(void *return_address);
/* At the entry of a call through a pointer (a provider's dispatch routine): the return address
 * is also the next trace event's site. */
void site_note_call_entry(void *return_address);
void site_forget_caller(void);
void *site_noted_caller(void); /* the return address noted for the current call, or NULL */
bool site_resolve_caller(void);
#define SITE_NOTE_CALLER() site_note_call_entry(__builtin_return_address(0))
/* Each simulated thread has its own call sites: the scheduler saves them when it switches away
 * and restores them when the thread runs again. */
typedef struct {
    const char *next_file, *verdict_file;
    int next_line, verdict_line;
    void *caller_pc, *next_pc;
    unsigned calls, stop; /* the thread's kernel calls so far; the count at which the hook runs */
} site_state;
void site_save(site_state *s);
void site_restore(const site_state *s);
/* Each kernel call the client makes (a macro's note, or site_count_call) is counted; when the
 * count reaches the stop, the hook runs (the scheduler's preemptions): a compare per call, no more.
 * After a reset the stop is 1, so the hook sees the first call and sets the next stop. */
void site_set_call_hook(void (*hook)(void));
void site_set_stop(unsigned stop);
unsigned site_calls(void);
void site_count_call(void);
/* The "file:line" of a code address, when the debug information has it (false: it has none). */
bool site_symbolize(void *pc, char *out, unsigned out_size);

#endif
