/* test_bad_input.c - the scenario may hold anything (NULL characteristics, Size 0, unknown
 * NpiIds, absurd versions, any status): the stub delivers it as the scenario says and never
 * fails on its own; a client that handles what the documentation allows gets no verdict. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "play.h"
#include "ut.h"

#define V10 MAKE_WSK_VERSION(1, 0)

UT_CLEAN_TEST(instance_delivered_as_is)
{
    stub_provider_spec s = ut_wsk_spec(V10, V10);
    s.instance.Version = 0xffff;
    s.instance.Size = 0;
    s.instance.Number = 0xffffffff;
    s.module_id.Type = (NPI_MODULEID_TYPE)0x7f;
    s.module_id.Length = 0;
    s.has_characteristics = false;
    ut_provider(&s);
    stub_load_driver();
    const NPI_REGISTRATION_INSTANCE *ri = ut_client_state.last_instance;
    assert_non_null(ri);
    assert_int_equal(ri->Version, 0xffff);
    assert_int_equal(ri->Size, 0);
    assert_int_equal(ri->Number, 0xffffffff);
    assert_int_equal(ri->ModuleId->Type, 0x7f);
    assert_null(ri->NpiSpecificCharacteristics);
    assert_int_equal(ut_client_state.attached, 1); /* the subsystem still decides by its own versions */
    stub_unload_driver();
    stub_final_checks();
}

UT_CLEAN_TEST(absurd_versions)
{
    static const USHORT ranges[][2] = {
        {MAKE_WSK_VERSION(2, 0), MAKE_WSK_VERSION(1, 0)}, /* lowest above highest */
        {0, 0},
        {0xffff, 0xffff},
        {0, 0xffff},
        {MAKE_WSK_VERSION(1, 1), MAKE_WSK_VERSION(1, 0xff)},
    };
    static const bool attaches_1_0[] = {false, false, false, true, false};
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        ut_reset_scenario();
        stub_provider_spec s = ut_wsk_spec(ranges[i][0], ranges[i][1]);
        s.dispatch_highest_minor = i % 2;
        ut_provider(&s);
        ut_play();
        assert_int_equal(ut_client_state.attached, attaches_1_0[i]);
        assert_int_equal(ut_client_state.last_attach_status, attaches_1_0[i] ? STATUS_SUCCESS : STATUS_NOINTERFACE);
    }
}

UT_CLEAN_TEST(unknown_npi_kind)
{
    stub_provider_spec s = ut_wsk_spec(V10, V10);
    s.npi = (npi_kind)200;
    ut_provider(&s);
    ut_play();
    assert_int_equal(ut_client_state.attach_calls, 0);
}

/* The world asks for things that do not exist: ignored, never a crash. */
UT_CLEAN_TEST(world_out_of_range)
{
    for (int i = 0; i < STUB_MAX_PROVIDERS; i++)
        assert_int_equal(ut_wsk_provider(V10, V10), i);
    assert_int_equal(ut_wsk_provider(V10, V10), -1);
    stub_provider_deregister(-1);
    stub_provider_deregister(STUB_MAX_PROVIDERS);
    stub_provider_deregister(1000);
    stub_provider_deregister(2);
    stub_provider_deregister(2);
    stub_complete_irp(0, STATUS_SUCCESS);
    stub_complete_irp(77, STATUS_CANCELLED);
    assert_int_equal(stub_pending_irp_status(9), STATUS_SUCCESS);
    assert_int_equal(stub_pending_irp_count(), 0);
    stub_unload_driver(); /* never loaded */
    stub_drain_world();
    ut_play();
    assert_int_equal(ut_client_state.attached, STUB_MAX_PROVIDERS - 1);
}

/* A client that registers an NMR provider of its own: beyond the model, refused (not accepted
 * silently, not crashed on); the world's providers work as before. */
static NTSTATUS my_provider_attach(HANDLE h, PVOID pc, PNPI_REGISTRATION_INSTANCE ci, PVOID cbc, const void *cd,
                                   PVOID *pbc, const void **pd)
{
    (void)h, (void)pc, (void)ci, (void)cbc, (void)cd, (void)pbc, (void)pd;
    return STATUS_NOINTERFACE;
}
static NTSTATUS my_provider_detach(PVOID context)
{
    (void)context;
    return STATUS_SUCCESS;
}
static NTSTATUS entry_registers_provider(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    static const NPI_MODULEID module = {sizeof(NPI_MODULEID), MIT_GUID, {{0x51, 1, 2, {3}}}};
    static NPI_PROVIDER_CHARACTERISTICS chars;
    chars = (NPI_PROVIDER_CHARACTERISTICS){0, sizeof chars, my_provider_attach, my_provider_detach, NULL,
                                           {0, sizeof(NPI_REGISTRATION_INSTANCE), &NPI_WSK_INTERFACE_ID, &module,
                                            0, NULL}};
    HANDLE h = NULL;
    NTSTATUS s = NmrRegisterProvider(&chars, &chars, &h);
    assert_false(NT_SUCCESS(s));
    return ut_client_entry(driver, path);
}

UT_CLEAN_TEST(client_registers_provider)
{
    ut_entry = entry_registers_provider;
    ut_wsk_provider(V10, V10);
    ut_play();
    assert_int_equal(ut_client_state.attach_calls, 1);
    assert_int_equal(ut_client_state.attached, 1);
}

/* Four NMR registrations against four providers: every binding slot used, none overrun. */
static NTSTATUS entry_registers_many(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    static HANDLE extra[STUB_MAX_CLIENTS + 1];
    driver->DriverUnload = ut_client_unload;
    for (unsigned i = 0; i <= STUB_MAX_CLIENTS; i++)
        if (NmrRegisterClient(&ut_client_state.chars, &ut_client_state, &extra[i]) == STATUS_SUCCESS)
            ut_client_state.handle = extra[i]; /* the last one that worked; the others stay for the verdict */
    return STATUS_SUCCESS;
}
static void many_registrations(void)
{
    ut_entry = entry_registers_many;
    for (int i = 0; i < STUB_MAX_PROVIDERS; i++)
        ut_wsk_provider(V10, V10);
    ut_play();
}
static void bounds_hold(void **state)
{
    (void)state;
    /* the unload deregisters only one of them: a verdict, but reached without overrunning anything */
    assert_verdict(many_registrations, V_UNLOAD_WITHOUT_DEREGISTER);
    assert_int_equal(ut_client_state.attached, STUB_MAX_CLIENTS * STUB_MAX_PROVIDERS);
}

/* ---- random scenarios through the real player ---- */

/* A WskRegister client that handles every status the way the documentation allows. */
static WSK_REGISTRATION wreg;
static bool wreg_registered;
static void wskreg_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    if (wreg_registered)
        WskDeregister(&wreg);
}
static NTSTATUS wskreg_entry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    static const WSK_CLIENT_DISPATCH d = {V10, 0, NULL};
    static WSK_CLIENT_NPI npi = {NULL, &d};
    WSK_PROVIDER_NPI pnpi;
    WSK_PROVIDER_CHARACTERISTICS c;
    memset(&wreg, 0, sizeof wreg);
    wreg_registered = false;
    NTSTATUS s = WskRegister(&npi, &wreg);
    if (s != STATUS_SUCCESS)
        return NT_SUCCESS(s) ? STATUS_UNSUCCESSFUL : s;
    wreg_registered = true;
    driver->DriverUnload = wskreg_unload;
    (void)WskQueryProviderCharacteristics(&wreg, &c);
    if (WskCaptureProviderNPI(&wreg, 1000, &pnpi) == STATUS_SUCCESS) {
        (void)pnpi.Dispatch->WskControlClient(pnpi.Client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, NULL);
        WskReleaseProviderNPI(&wreg);
    }
    return STATUS_SUCCESS;
}

/* The NMR client, robust to informational statuses from NmrRegisterClient. */
static void nmr_unload(void)
{
    if (ut_client_state.register_status != STATUS_SUCCESS)
        return; /* not registered: nothing to deregister */
    if (NmrDeregisterClient(ut_client_state.handle) == STATUS_PENDING)
        NmrWaitForClientDeregisterComplete(ut_client_state.handle);
}

static const uint8_t *cur_data;
static size_t cur_size;
static scenario_target cur_target;
static bool cur_wskreg;
static void run_current(void)
{
    ut_client_reset();
    ut_client_state.unload_hook = nmr_unload;
    ut_entry = cur_wskreg ? wskreg_entry : ut_client_entry;
    scenario_run(cur_target, cur_data, cur_size);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void random_scenarios(void **state)
{
    (void)state;
    assert_true(scenario_hostile_allowed()); /* main sets WSKFUZZ_HOSTILE=1: both modes come up */
    uint8_t data[256];
    unsigned runs = 0;
    for (int t = 0; t < TARGET_COUNT; t++)
        for (unsigned iter = 0; iter < 1500; iter++) {
            size_t n = next_random() % sizeof data;
            unsigned style = iter % 3; /* uniform, small values (meaningful points and ops), mostly 0xff */
            for (size_t i = 0; i < n; i++) {
                uint32_t r = next_random();
                data[i] = style == 0 ? (uint8_t)r : style == 1 ? (uint8_t)(r % 6) : (r % 5 ? 0xff : (uint8_t)(r >> 9));
            }
            for (int client = 0; client < 2; client++) {
                cur_data = data, cur_size = n, cur_target = (scenario_target)t, cur_wskreg = client;
                verdict_id v = ut_catch(run_current);
                runs++;
                if (v != V_COUNT) {
                    print_error("%s client, target %s, %zu bytes: %s: %s\n", client ? "WskRegister" : "NMR",
                                scenario_targets[t].name, n, verdict_name(v), verdict_last_message());
                    for (size_t i = 0; i < n; i++)
                        print_error("%02x", data[i]);
                    print_error("\n");
                    fail();
                }
            }
        }
    assert_int_equal(runs, TARGET_COUNT * 1500 * 2);
}

int main(void)
{
    setenv("WSKFUZZ_HOSTILE", "1", 1);
    scenario_settings_from_env(); /* as a target's LLVMFuzzerInitialize does */
    const struct CMUnitTest tests[] = {
        UT_TEST(instance_delivered_as_is),
        UT_TEST(absurd_versions),
        UT_TEST(unknown_npi_kind),
        UT_TEST(world_out_of_range),
        UT_TEST(client_registers_provider),
        UT_TEST(bounds_hold),
        UT_TEST(random_scenarios),
    };
    return cmocka_run_group_tests_name("bad_input", tests, NULL, NULL);
}
