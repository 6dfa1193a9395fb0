/* test_core.c - the core services every model uses: the scenario's phase and step, the client's
 * call sites, the hook through which a blocked client lets the world move on, and the trace's
 * words. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ut.h"

/* Loading and unloading are the scenario's steps; the phase says where the driver is. */
UT_CLEAN_TEST(phase_steps_with_load_and_unload)
{
    assert_int_equal(phase_step(), 0);
    assert_int_equal(phase_now(), PHASE_NOT_LOADED);
    ut_wsk_provider(MAKE_WSK_VERSION(1, 0), MAKE_WSK_VERSION(1, 0));
    stub_load_driver();
    assert_int_equal(phase_step(), 1);
    assert_int_equal(phase_now(), PHASE_LOADED);
    assert_true(stub_driver_loaded());
    stub_unload_driver();
    assert_int_equal(phase_step(), 2);
    assert_int_equal(phase_now(), PHASE_NOT_LOADED);
    stub_final_checks();
}

/* A noted site belongs to the next trace event; verdicts keep the last one unless a model points
 * them at another line. */
UT_CLEAN_TEST(call_sites)
{
    int line = 0;
    wskfuzz_note_site("client.c", 12);
    assert_string_equal(site_current(&line), "client.c");
    assert_int_equal(line, 12);
    void *pc = (void *)1;
    assert_string_equal(site_take(&line, &pc), "client.c");
    assert_null(pc);
    assert_null(site_take(&line, &pc)); /* consumed by the event it caused */
    assert_string_equal(site_for_verdict(&line), "client.c");
    site_point_at("client.c", 40);
    assert_string_equal(site_for_verdict(&line), "client.c");
    assert_int_equal(line, 40);
    site_point_at(NULL, 0); /* nothing to point at: the verdict's site stays */
    assert_int_equal((site_for_verdict(&line), line), 40);
    site_reset();
    assert_null(site_for_verdict(&line));
}

/* A call through a pointer: its return address is the next event's site (no file then), once;
 * a macro's note afterwards wins. */
UT_CLEAN_TEST(call_entry_sites)
{
    int line = 0;
    void *pc = NULL;
    static const char here = 0;
    site_note_call_entry((void *)&here);
    assert_null(site_take(&line, &pc));
    assert_ptr_equal(pc, &here);
    assert_null(site_take(&line, &pc));
    assert_null(pc); /* consumed by the event it caused */
    site_note_call_entry((void *)&here);
    wskfuzz_note_site("client.c", 7);
    assert_string_equal(site_take(&line, &pc), "client.c");
    assert_null(pc);
    site_note_caller((void *)&here); /* a verdict's pointer, not a call: no event takes it */
    assert_null(site_take(&line, &pc));
    assert_null(pc);
    site_reset();
}

/* The address of this test's own code in words, as the trace prints a dispatch call's site:
 * file:line relative to the working directory, in every build (the sanitizer's symbolizer or
 * addr2line). */
static __attribute__((noinline)) void *return_here(void)
{
    return __builtin_return_address(0);
}
static char *printed_trace(void);

/* A call through a pointer: the event it causes is printed with the caller's file:line, taken
 * from the noted return address when the trace is put into words. */
UT_CLEAN_TEST(trace_names_dispatch_caller)
{
    site_note_call_entry(return_here());
    trace_event(T_DRIVER_ENTRY, 0, 0, 0);
    const char *t = printed_trace();
    const char *at = strstr(t, "  at ");
    assert_non_null(at);
    assert_non_null(strstr(at, "test_core.c:"));
}

UT_CLEAN_TEST(symbolize_own_code)
{
    char where[512];
    void *pc = return_here();
    assert_true(site_symbolize(pc, where, sizeof where));
    assert_non_null(strstr(where, "test_core.c:"));
    assert_true(where[0] != '/');
    char again[512];
    assert_true(site_symbolize(pc, again, sizeof again)); /* the second time from the cache */
    assert_string_equal(where, again);
    assert_false(site_symbolize(NULL, again, sizeof again));
}

static unsigned advances;
static bool count_advance(void)
{
    return ++advances < 3;
}
static const char *a_hint(void)
{
    return "; a hint";
}

/* world_wait runs the registered hook; the hint is what a WAIT_FOREVER verdict adds. The hooks
 * the host and the models registered at start are put back afterwards. */
UT_CLEAN_TEST(world_wait_hook)
{
    world_advance_fn host = world_wait_set(count_advance);
    assert_non_null(host);
    advances = 0;
    while (world_wait())
        ;
    assert_int_equal(advances, 3);
    world_hint_fn models = world_wait_set_hint(a_hint);
    assert_string_equal(world_wait_hint(), "; a hint");
    world_wait_set_hint(NULL);
    assert_string_equal(world_wait_hint(), "");
    world_wait_set_hint(models);
    assert_ptr_equal(world_wait_set(host), count_advance);
}

static char *printed_trace(void)
{
    static char text[16384];
    FILE *f = fmemopen(text, sizeof text, "w");
    assert_non_null(f);
    trace_print(f);
    fclose(f);
    return text;
}

/* The trace says each call in its own words, with the fault behind a failed allocation. */
UT_CLEAN_TEST(trace_in_words)
{
    stub_plan plan = {.faults = {{2, 0}}};
    stub_set_plan(&plan);
    void *p = ExAllocatePoolWithTag(NonPagedPoolNx, 24, 'tpcb');
    assert_null(ExAllocatePoolWithTag(NonPagedPoolNx, 400, 'tpcb')); /* point 2 fails */
    ExFreePoolWithTag(p, 'tpcb');
    const char *t = printed_trace();
    assert_non_null(strstr(t, "ExAllocatePoolWithTag(NonPagedPoolNx, 24, 'tpcb')"));
    assert_non_null(strstr(t, "ExAllocatePoolWithTag(NonPagedPoolNx, 400, 'tpcb') -> NULL (fault 2)"));
    assert_non_null(strstr(t, "ExFreePoolWithTag(a block of 24 bytes, 'tpcb')"));
    assert_null(strstr(t, " a=0x"));
    stub_final_checks();
}

/* An event above PASSIVE_LEVEL names its IRQL in the WDK's words (a number above DISPATCH_LEVEL),
 * after the thread where it is not the harness's. */
UT_CLEAN_TEST(trace_names_thread_and_irql)
{
    static const KIRQL levels[] = {DISPATCH_LEVEL, APC_LEVEL, 5, PASSIVE_LEVEL};
    static const unsigned threads[] = {1, 0, 0, 2};
    for (unsigned i = 0; i < 4; i++) {
        KIRQL old;
        KeRaiseIrql(levels[i], &old);
        trace_set_thread(threads[i]);
        trace_event(T_KE_WAIT, i, 0, 0);
        trace_set_thread(0);
        KeLowerIrql(old);
    }
    const char *t = printed_trace();
    assert_non_null(strstr(t, "  [thread 1, DISPATCH_LEVEL]\n"));
    assert_non_null(strstr(t, "  [APC_LEVEL]\n"));
    assert_non_null(strstr(t, "  [IRQL 5]\n"));
    assert_non_null(strstr(t, "  [thread 2]\n"));
    stub_final_checks();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UT_TEST(phase_steps_with_load_and_unload),
        UT_TEST(call_sites), UT_TEST(call_entry_sites), UT_TEST(symbolize_own_code),
        UT_TEST(trace_names_dispatch_caller), UT_TEST(trace_names_thread_and_irql),
        UT_TEST(world_wait_hook),
        UT_TEST(trace_in_words),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
