/* ut.h - what the unit tests of the stub kernel share: the driver under test (its DriverEntry
 * installs whatever behaviour a test asks for), a configurable NMR client of the WSK NPI that
 * follows the documentation, providers, and catching verdicts instead of aborting.
 *
 * The tests are the client here: they include the WDK headers, so their kernel calls go through
 * the same macros a real client's do. */
#ifndef WSKFUZZ_UT_H
#define WSKFUZZ_UT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <wsk.h>

#include "stub_control.h"

#define UT_TAG 'tbtu'        /* pool tag of the test client's binding contexts */
#define UT_MAX_BINDINGS 16

/* ---- the driver under test ---- */
/* DriverEntry calls ut_entry (default: ut_client_entry); a test may replace it. */
extern NTSTATUS (*ut_entry)(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path);

/* ---- a documented NMR client of the WSK NPI, with knobs ---- */
typedef struct {
    HANDLE binding;
    PWSK_CLIENT client;
    const WSK_PROVIDER_DISPATCH *dispatch;
    USHORT version;
    bool pending; /* its ClientDetachProvider returned STATUS_PENDING, not completed yet */
} ut_binding;

typedef struct {
    /* knobs (ut_client_reset sets the documented defaults) */
    USHORT versions[4];        /* tried in order while NmrClientAttachProvider says STATUS_NOINTERFACE */
    unsigned nversions;        /* 0: decline every provider with STATUS_NOINTERFACE */
    NTSTATUS detach_answer;    /* what ClientDetachProvider returns */
    bool wait_on_unload;       /* NmrWaitForClientDeregisterComplete after STATUS_PENDING */
    bool set_unload;           /* DriverEntry sets DriverUnload */
    NPI_CLIENT_ATTACH_PROVIDER_FN *attach_hook;  /* replaces the attach behaviour when set */
    NPI_CLIENT_DETACH_PROVIDER_FN *detach_hook;  /* replaces the detach behaviour when set */
    void (*unload_hook)(void);                   /* replaces the unload behaviour when set */
    /* what the stub kernel did to it */
    NTSTATUS register_status;
    HANDLE handle;
    unsigned attach_calls, attached, detach_calls, cleanup_calls;
    NTSTATUS last_attach_status;
    const NPI_REGISTRATION_INSTANCE *last_instance;
    ut_binding *bindings[UT_MAX_BINDINGS]; /* live binding contexts (attached, not cleaned up) */
    unsigned nbindings;
    /* resident data (the NMR keeps pointers to it) */
    NPI_CLIENT_CHARACTERISTICS chars;
    NPI_MODULEID module;
    WSK_CLIENT_DISPATCH dispatch[4];
} ut_client;

extern ut_client ut_client_state;

void ut_client_reset(void);
NTSTATUS ut_client_entry(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path);
DRIVER_UNLOAD ut_client_unload;
NPI_CLIENT_ATTACH_PROVIDER_FN ut_client_attach;
NPI_CLIENT_DETACH_PROVIDER_FN ut_client_detach;
NPI_CLIENT_CLEANUP_BINDING_CONTEXT_FN ut_client_cleanup;
/* The default attach body: allocate a context, try the versions, keep or free it. */
NTSTATUS ut_attach_documented(HANDLE binding, PNPI_REGISTRATION_INSTANCE instance);
/* Complete the first pending detach (as the client's worker would). false: none pending. */
bool ut_complete_one_pending(void);
/* A world hook that completes pending detaches while the client waits. */
bool ut_world_completes_detaches(void *arg);

/* ---- providers ---- */
stub_provider_spec ut_wsk_spec(USHORT lowest, USHORT highest);
/* Register a provider (the spec is copied: the stub keeps a pointer to it for the scenario). */
int ut_provider(const stub_provider_spec *spec);     /* returns its index, or -1 */
int ut_wsk_provider(USHORT lowest, USHORT highest); /* a WSK provider with these versions */

/* ---- running ---- */
/* A fresh scenario and client; the verdict catcher is left alone (usable inside ut_catch). */
void ut_reset_scenario(void);
/* Reset everything between tests (cmocka setup and teardown), the catcher included. */
int ut_setup(void **state);
int ut_teardown(void **state);
/* Run fn with a verdict catcher: the verdict's ID, or V_COUNT when none fired. */
verdict_id ut_catch(void (*fn)(void));
/* Load, unload, final checks: the whole life of the driver under test. */
void ut_play(void);
/* Fail the test unless running fn gives exactly the verdict `want` (V_COUNT: none). */
#define assert_verdict(fn, want) ut_assert_verdict((fn), (want), __FILE__, __LINE__)
void ut_assert_verdict(void (*fn)(void), verdict_id want, const char *file, int line);

/* A cmocka test with the shared setup and teardown. */
#define UT_TEST(f) cmocka_unit_test_setup_teardown(f, ut_setup, ut_teardown)

/* A test whose body must give no verdict: UT_CLEAN_TEST(name) { body } defines name(void **)
 * that runs the body under a catcher, so a false positive fails the test instead of aborting. */
#define UT_CLEAN_TEST(name)                                                                          \
    static void name##_body(void);                                                                   \
    static void name(void **state)                                                                   \
    {                                                                                                \
        (void)state;                                                                                 \
        assert_verdict(name##_body, V_COUNT);                                                        \
    }                                                                                                \
    static void name##_body(void)

#endif
