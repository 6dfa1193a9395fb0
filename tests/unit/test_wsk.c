/* test_wsk.c - the WSK subsystem model: the WskRegister library (register, capture with every
 * kind of wait, release, query, deregister) and the provider dispatch it hands out. */
#include "ut.h"

#define V10 MAKE_WSK_VERSION(1, 0)
#define V20 MAKE_WSK_VERSION(2, 0)

static WSK_REGISTRATION reg;
static WSK_CLIENT_DISPATCH dispatch;
static WSK_CLIENT_NPI npi;
static WSK_PROVIDER_NPI pnpi;

static void fresh(USHORT version)
{
    memset(&reg, 0, sizeof reg);
    memset(&pnpi, 0, sizeof pnpi);
    dispatch = (WSK_CLIENT_DISPATCH){version, 0, NULL};
    npi = (WSK_CLIENT_NPI){NULL, &dispatch};
    assert_int_equal(WskRegister(&npi, &reg), STATUS_SUCCESS);
}

static void release_deregister_check(void)
{
    WskReleaseProviderNPI(&reg);
    WskDeregister(&reg);
    stub_final_checks();
}

static NTSTATUS control(void)
{
    return pnpi.Dispatch->WskControlClient(pnpi.Client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, NULL);
}

UT_CLEAN_TEST(capture_no_wait_not_ready)
{
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_DEVICE_NOT_READY);
    assert_null(pnpi.Client);
    assert_null(pnpi.Dispatch);
    WskDeregister(&reg);
    stub_final_checks();
}

UT_CLEAN_TEST(capture_ready)
{
    ut_wsk_provider(V10, V10);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
    assert_non_null(pnpi.Client);
    assert_non_null(pnpi.Dispatch);
    assert_int_equal(pnpi.Dispatch->Version, V10);
    assert_int_equal(control(), STATUS_SUCCESS);
    release_deregister_check();
}

UT_CLEAN_TEST(capture_nointerface_by_version)
{
    ut_wsk_provider(V20, V20);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_NOINTERFACE);
    assert_null(pnpi.Client);
    WskDeregister(&reg); /* nothing captured: nothing to release */
    stub_final_checks();
}

UT_CLEAN_TEST(capture_highest_minor)
{
    stub_provider_spec s = ut_wsk_spec(V10, MAKE_WSK_VERSION(1, 2));
    s.dispatch_highest_minor = true;
    ut_provider(&s);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
    assert_int_equal(pnpi.Dispatch->Version, MAKE_WSK_VERSION(1, 2));
    release_deregister_check();
}

static unsigned world_calls;
static bool world_registers_wsk(void *arg)
{
    (void)arg;
    if (world_calls++)
        return false;
    ut_wsk_provider(V10, V10);
    return true;
}

UT_CLEAN_TEST(capture_timeout_world_registers)
{
    world_calls = 0;
    stub_set_world_hook(world_registers_wsk, NULL);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, 3000, &pnpi), STATUS_SUCCESS);
    assert_int_equal(world_calls, 1);
    release_deregister_check();
}

UT_CLEAN_TEST(capture_infinite_world_registers)
{
    world_calls = 0;
    stub_set_world_hook(world_registers_wsk, NULL);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_INFINITE_WAIT, &pnpi), STATUS_SUCCESS);
    release_deregister_check();
}

/* With WSK_NO_WAIT the world does not get a turn. */
UT_CLEAN_TEST(capture_no_wait_world_idle)
{
    world_calls = 0;
    stub_set_world_hook(world_registers_wsk, NULL);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_DEVICE_NOT_READY);
    assert_int_equal(world_calls, 0);
    WskDeregister(&reg);
    stub_final_checks();
}

UT_CLEAN_TEST(capture_timeout_expires)
{
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, 1000, &pnpi), STATUS_DEVICE_NOT_READY);
    WskDeregister(&reg);
    stub_final_checks();
}

static void capture_infinite_without_provider(void)
{
    fresh(V10);
    WskCaptureProviderNPI(&reg, WSK_INFINITE_WAIT, &pnpi);
}

static void capture_hang(void **state)
{
    (void)state;
    assert_verdict(capture_infinite_without_provider, V_WSK_CAPTURE_HANG);
}

/* The only WSK provider left: the subsystem is no longer ready. */
UT_CLEAN_TEST(capture_after_provider_left)
{
    int p = ut_wsk_provider(V10, V10);
    stub_provider_deregister(p);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_DEVICE_NOT_READY);
    WskDeregister(&reg);
    stub_final_checks();
}

UT_CLEAN_TEST(captures_counted)
{
    ut_wsk_provider(V10, V10);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
    WskReleaseProviderNPI(&reg);
    assert_int_equal(control(), STATUS_SUCCESS); /* one capture still held */
    release_deregister_check();
}

static void release_one_too_many(void)
{
    ut_wsk_provider(V10, V10);
    fresh(V10);
    WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi);
    WskReleaseProviderNPI(&reg);
    WskReleaseProviderNPI(&reg);
}

static void release_counted(void **state)
{
    (void)state;
    assert_verdict(release_one_too_many, V_WSK_RELEASE_WITHOUT_CAPTURE);
}

UT_CLEAN_TEST(query_characteristics)
{
    WSK_PROVIDER_CHARACTERISTICS c = {0, 0};
    fresh(V10);
    assert_int_equal(WskQueryProviderCharacteristics(&reg, &c), STATUS_DEVICE_NOT_READY);
    ut_wsk_provider(V10, MAKE_WSK_VERSION(1, 9));
    assert_int_equal(WskQueryProviderCharacteristics(&reg, &c), STATUS_SUCCESS);
    assert_int_equal(c.LowestVersion, V10);
    assert_int_equal(c.HighestVersion, MAKE_WSK_VERSION(1, 9));
    WskDeregister(&reg);
    stub_final_checks();
}

UT_CLEAN_TEST(query_fails_by_plan)
{
    static const stub_plan plan = {.faults = {{2, 1}}}; /* 1 WskRegister, 2 the query */
    stub_set_plan(&plan);
    ut_wsk_provider(V10, V10);
    fresh(V10);
    WSK_PROVIDER_CHARACTERISTICS c = {0x7777, 0x7777};
    assert_int_equal(WskQueryProviderCharacteristics(&reg, &c), STATUS_UNSUCCESSFUL);
    assert_int_equal(c.HighestVersion, 0x7777); /* untouched on failure */
    WskDeregister(&reg);
    stub_final_checks();
}

UT_CLEAN_TEST(register_fails_by_plan)
{
    static const stub_plan plan = {.faults = {{1, 0}}};
    stub_set_plan(&plan);
    memset(&reg, 0, sizeof reg);
    dispatch = (WSK_CLIENT_DISPATCH){V10, 0, NULL};
    npi = (WSK_CLIENT_NPI){NULL, &dispatch};
    assert_int_equal(WskRegister(&npi, &reg), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(stub_fault_point_kind(1), FP_WSK_REGISTER);
    stub_final_checks(); /* a failed registration needs no WskDeregister */
    assert_int_equal(WskRegister(&npi, &reg), STATUS_SUCCESS); /* and the block may be registered again */
    WskDeregister(&reg);
    stub_final_checks();
}

UT_CLEAN_TEST(capture_fails_by_plan)
{
    const NTSTATUS want[] = {STATUS_DEVICE_NOT_READY, STATUS_NOINTERFACE, STATUS_UNSUCCESSFUL};
    for (uint8_t choice = 0; choice < 3; choice++) {
        ut_reset_scenario();
        stub_plan plan = {.faults = {{2, choice}}};
        stub_set_plan(&plan);
        ut_wsk_provider(V10, V10);
        fresh(V10);
        assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), want[choice]);
        assert_null(pnpi.Client);
        WskDeregister(&reg);
        stub_final_checks();
    }
}

/* Several registrations are independent; a block can be registered again after WskDeregister. */
UT_CLEAN_TEST(registrations_independent)
{
    static WSK_REGISTRATION other;
    static WSK_PROVIDER_NPI other_npi;
    ut_wsk_provider(V10, V10);
    fresh(V10);
    memset(&other, 0, sizeof other);
    assert_int_equal(WskRegister(&npi, &other), STATUS_SUCCESS);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
    assert_int_equal(WskCaptureProviderNPI(&other, WSK_NO_WAIT, &other_npi), STATUS_SUCCESS);
    assert_ptr_not_equal(pnpi.Client, other_npi.Client);
    WskReleaseProviderNPI(&other);
    WskDeregister(&other);
    assert_int_equal(control(), STATUS_SUCCESS); /* the first is untouched */
    release_deregister_check();
}

static int completions;
static NTSTATUS keep_irp(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
    (void)dev, (void)irp, (void)ctx;
    completions++;
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* WskDeregister waits for the registration's calls in flight: the world completes them. */
UT_CLEAN_TEST(deregister_completes_calls_in_flight)
{
    static const stub_plan plan = {.faults = {{4, 0}}}; /* 1 register, 2 capture, 3 IRP, 4 control: pends */
    stub_set_plan(&plan);
    ut_wsk_provider(V10, V10);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
    PIRP irp = IoAllocateIrp(1, FALSE);
    completions = 0;
    IoSetCompletionRoutine(irp, keep_irp, NULL, TRUE, TRUE, TRUE);
    assert_int_equal(pnpi.Dispatch->WskControlClient(pnpi.Client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, irp),
                     STATUS_PENDING);
    assert_int_equal(stub_pending_irp_count(), 1);
    WskReleaseProviderNPI(&reg);
    WskDeregister(&reg);
    assert_int_equal(completions, 1);
    assert_int_equal(stub_pending_irp_count(), 0);
    IoFreeIrp(irp);
    stub_final_checks();
}

/* Calls with arguments that make no sense (no IRP, no address, no names) are never silently
 * accepted: they give a verdict or an error status, whether or not the model implements them. */
static NTSTATUS bogus_status;
static void captured(void)
{
    ut_wsk_provider(V10, V10);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
}
static void bogus_socket(void)
{
    captured();
    bogus_status = pnpi.Dispatch->WskSocket(pnpi.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, 0, NULL, NULL, NULL,
                                            NULL, NULL, NULL);
}
static void bogus_socket_connect(void)
{
    captured();
    bogus_status = pnpi.Dispatch->WskSocketConnect(pnpi.Client, SOCK_STREAM, IPPROTO_TCP, NULL, NULL, 0, NULL, NULL,
                                                   NULL, NULL, NULL, NULL);
}
static void bogus_address_info(void)
{
    captured();
    bogus_status = pnpi.Dispatch->WskGetAddressInfo(pnpi.Client, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL);
}
static void bogus_name_info(void)
{
    captured();
    bogus_status = pnpi.Dispatch->WskGetNameInfo(pnpi.Client, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL);
}

static void bogus_calls_not_accepted(void **state)
{
    (void)state;
    static void (*const calls[])(void) = {bogus_socket, bogus_socket_connect, bogus_address_info, bogus_name_info};
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        ut_setup(NULL);
        bogus_status = STATUS_SUCCESS;
        verdict_id v = ut_catch(calls[i]);
        if (v == V_COUNT && (bogus_status == STATUS_SUCCESS || bogus_status == STATUS_PENDING))
            print_error("bogus call %zu accepted with %s\n", i, status_name(bogus_status));
        assert_true(v != V_COUNT || (bogus_status != STATUS_SUCCESS && bogus_status != STATUS_PENDING));
        assert_true(v == V_COUNT || verdict_last_message()[0]);
    }
}

UT_CLEAN_TEST(control_client_answers_empty)
{
    ut_wsk_provider(V10, V10);
    fresh(V10);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
    unsigned char out[8];
    memset(out, 0xee, sizeof out);
    SIZE_T returned = 99;
    assert_int_equal(pnpi.Dispatch->WskControlClient(pnpi.Client, WSK_TRANSPORT_LIST_QUERY, 0, NULL, sizeof out, out,
                                                      &returned, NULL),
                     STATUS_SUCCESS);
    assert_int_equal(returned, 0);
    assert_int_equal(out[0], 0);
    release_deregister_check();
}

/* The NMR path's dispatch: calls work while attached (checked against the binding). */
UT_CLEAN_TEST(nmr_dispatch_while_attached)
{
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    const ut_binding *b = ut_client_state.bindings[0];
    assert_int_equal(b->dispatch->WskControlClient(b->client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, NULL),
                     STATUS_SUCCESS);
    stub_unload_driver();
    stub_final_checks();
}

/* A WskRegister client as a whole driver: register in DriverEntry, capture, release, deregister
 * in unload. */
static void unload_wskreg(PDRIVER_OBJECT driver)
{
    (void)driver;
    WskDeregister(&reg);
}
static NTSTATUS entry_wskreg(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    driver->DriverUnload = unload_wskreg;
    fresh(V10);
    NTSTATUS s = WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi);
    if (s == STATUS_SUCCESS)
        WskReleaseProviderNPI(&reg);
    return STATUS_SUCCESS;
}

UT_CLEAN_TEST(wskreg_driver_life)
{
    ut_entry = entry_wskreg;
    ut_wsk_provider(V10, V10);
    ut_play();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UT_TEST(capture_no_wait_not_ready),
        UT_TEST(capture_ready),
        UT_TEST(capture_nointerface_by_version),
        UT_TEST(capture_highest_minor),
        UT_TEST(capture_timeout_world_registers),
        UT_TEST(capture_infinite_world_registers),
        UT_TEST(capture_no_wait_world_idle),
        UT_TEST(capture_timeout_expires),
        UT_TEST(capture_hang),
        UT_TEST(capture_after_provider_left),
        UT_TEST(captures_counted),
        UT_TEST(release_counted),
        UT_TEST(query_characteristics),
        UT_TEST(query_fails_by_plan),
        UT_TEST(register_fails_by_plan),
        UT_TEST(capture_fails_by_plan),
        UT_TEST(registrations_independent),
        UT_TEST(deregister_completes_calls_in_flight),
        UT_TEST(bogus_calls_not_accepted),
        UT_TEST(control_client_answers_empty),
        UT_TEST(nmr_dispatch_while_attached),
        UT_TEST(wskreg_driver_life),
    };
    return cmocka_run_group_tests_name("wsk", tests, NULL, NULL);
}
