/* test_fault_plan.c - fault points are numbered in the order the scenario reaches them; the plan
 * names a point and a choice; the documented tables hold only what the docs name for each call;
 * the hostile table goes beyond them. */
#include "ut.h"

#define V10 MAKE_WSK_VERSION(1, 0)

static bool holds(const NTSTATUS *t, unsigned n, NTSTATUS s)
{
    for (unsigned i = 0; i < n; i++)
        if (t[i] == s)
            return true;
    return false;
}

/* Every allocation and every status-returning call is a point, numbered from 1 as reached. */
UT_CLEAN_TEST(numbering_wsk_path)
{
    static WSK_REGISTRATION reg;
    static const WSK_CLIENT_DISPATCH d = {V10, 0, NULL};
    static WSK_CLIENT_NPI npi = {NULL, &d};
    WSK_PROVIDER_NPI pnpi;
    WSK_PROVIDER_CHARACTERISTICS c;
    ut_wsk_provider(V10, V10);
    assert_int_equal(stub_fault_point_count(), 0); /* the world's own work is no fault point */
    void *p = ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'mnun');
    WskRegister(&npi, &reg);
    WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi);
    WskQueryProviderCharacteristics(&reg, &c);
    pnpi.Dispatch->WskControlClient(pnpi.Client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, NULL);
    PIRP irp = IoAllocateIrp(1, FALSE);
    WskReleaseProviderNPI(&reg); /* no status: no point */
    WskDeregister(&reg);
    ExFreePoolWithTag(p, 'mnun');
    IoFreeIrp(irp);
    static const fault_kind want[] = {FP_ALLOC, FP_WSK_REGISTER, FP_WSK_CAPTURE, FP_WSK_QUERY, FP_WSK_CONTROL,
                                      FP_ALLOC};
    assert_int_equal(stub_fault_point_count(), 6);
    for (unsigned i = 0; i < 6; i++)
        assert_int_equal(stub_fault_point_kind(i + 1), want[i]);
    stub_final_checks();
}

UT_CLEAN_TEST(numbering_nmr_path)
{
    ut_wsk_provider(V10, V10);
    ut_wsk_provider(V10, V10);
    ut_play();
    /* NmrRegisterClient, then per provider: the context allocation and the attach decision */
    static const fault_kind want[] = {FP_NMR_REGISTER_CLIENT, FP_ALLOC, FP_NMR_ATTACH, FP_ALLOC, FP_NMR_ATTACH};
    assert_int_equal(stub_fault_point_count(), 5);
    for (unsigned i = 0; i < 5; i++)
        assert_int_equal(stub_fault_point_kind(i + 1), want[i]);
}

/* The same scenario gives the same numbering each time it runs. */
UT_CLEAN_TEST(numbering_repeats)
{
    ut_wsk_provider(V10, V10);
    ut_play();
    unsigned first = stub_fault_point_count();
    ut_reset_scenario();
    ut_wsk_provider(V10, V10);
    ut_play();
    assert_int_equal(stub_fault_point_count(), first);
    assert_true(first > 0);
}

/* A point past the current run's last is no point of it, even where an earlier run had one. */
UT_CLEAN_TEST(kind_past_the_run)
{
    ut_wsk_provider(V10, V10);
    ut_play();
    assert_int_equal(stub_fault_point_kind(3), FP_NMR_ATTACH);
    ut_reset_scenario();
    assert_int_equal(stub_fault_point_count(), 0);
    assert_int_equal(stub_fault_point_kind(3), FP_ALLOC);
}

/* A point number past the last recorded kind is answered without reading out of bounds. */
UT_CLEAN_TEST(many_points)
{
    for (unsigned i = 0; i < STUB_MAX_RECORDED_POINTS + 40; i++)
        ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPoolNx, 1, 'ynam'), 'ynam');
    assert_int_equal(stub_fault_point_count(), STUB_MAX_RECORDED_POINTS + 40);
    assert_int_equal(stub_fault_point_kind(STUB_MAX_RECORDED_POINTS), FP_ALLOC);
    (void)stub_fault_point_kind(STUB_MAX_RECORDED_POINTS + 1);
    (void)stub_fault_point_kind(0);
    stub_final_checks();
}

/* The plan's choice picks from the call's table, modulo its size; point 0 is unused. */
UT_CLEAN_TEST(choice_selects_status)
{
    unsigned n;
    const NTSTATUS *table = fault_statuses(FP_NMR_ATTACH, false, &n);
    for (unsigned choice = 0; choice < 2 * n; choice++) {
        ut_reset_scenario();
        stub_plan plan = {.faults = {{0, 1}, {3, (uint8_t)choice}}};
        stub_set_plan(&plan);
        ut_wsk_provider(V10, V10);
        ut_play();
        assert_int_equal(ut_client_state.last_attach_status, table[choice % n]);
        assert_int_equal(ut_client_state.cleanup_calls, 0);
    }
}

/* Several faults in one plan, each at its point. */
UT_CLEAN_TEST(several_faults)
{
    static const stub_plan plan = {.faults = {{3, 0}, {5, 2}}};
    stub_set_plan(&plan);
    ut_wsk_provider(V10, V10);
    ut_wsk_provider(V10, V10);
    ut_wsk_provider(V10, V10);
    ut_play();
    assert_int_equal(ut_client_state.attach_calls, 3);
    assert_int_equal(ut_client_state.attached, 1); /* the first two refused, the third attached */
    assert_int_equal(ut_client_state.cleanup_calls, 1);
}

/* Every kind, present and future: a non-empty table of errors, STATUS_PENDING (calls with an
 * IRP may pend) or STATUS_TIMEOUT (timed waits); never STATUS_SUCCESS, which would be no fault. */
UT_CLEAN_TEST(documented_tables)
{
    for (int kind = 0; kind < FP_KIND_COUNT; kind++) {
        unsigned n = 0;
        const NTSTATUS *t = fault_statuses((fault_kind)kind, false, &n);
        assert_true(n > 0);
        for (unsigned j = 0; j < n; j++) {
            if (!(NT_ERROR(t[j]) || t[j] == STATUS_PENDING || t[j] == STATUS_TIMEOUT))
                print_error("%s: %s is not a documented failure\n", fault_kind_name((fault_kind)kind),
                            status_name(t[j]));
            assert_true(NT_ERROR(t[j]) || t[j] == STATUS_PENDING || t[j] == STATUS_TIMEOUT);
        }
    }
    unsigned n;
    const NTSTATUS *t = fault_statuses(FP_ALLOC, false, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0], STATUS_INSUFFICIENT_RESOURCES);
    t = fault_statuses(FP_NMR_ATTACH, false, &n);
    assert_true(holds(t, n, STATUS_NOINTERFACE));
    assert_false(holds(t, n, STATUS_PENDING)); /* the NMR calls have no IRP: they never pend */
    t = fault_statuses(FP_NMR_REGISTER_CLIENT, false, &n);
    assert_false(holds(t, n, STATUS_PENDING));
    t = fault_statuses(FP_WSK_CAPTURE, false, &n);
    assert_true(holds(t, n, STATUS_DEVICE_NOT_READY) && holds(t, n, STATUS_NOINTERFACE));
    t = fault_statuses(FP_WSK_QUERY, false, &n);
    assert_true(holds(t, n, STATUS_DEVICE_NOT_READY));
    assert_false(holds(t, n, STATUS_NOINTERFACE));
    t = fault_statuses(FP_NMR_REGISTER_CLIENT, false, &n);
    assert_true(holds(t, n, STATUS_INSUFFICIENT_RESOURCES));
    t = fault_statuses(FP_WSK_CONTROL, false, &n);
    assert_true(holds(t, n, STATUS_PENDING)); /* calls with an IRP may pend */
}

UT_CLEAN_TEST(hostile_table)
{
    unsigned n;
    const NTSTATUS *t = fault_statuses(FP_NMR_ATTACH, true, &n);
    bool pending = false, informational = false, warning = false, other_success = false, error = false;
    for (unsigned i = 0; i < n; i++) {
        assert_int_not_equal(t[i], STATUS_SUCCESS);
        pending |= t[i] == STATUS_PENDING;
        informational |= NT_INFORMATION(t[i]);
        warning |= NT_WARNING(t[i]);
        other_success |= NT_SUCCESS(t[i]) && !NT_INFORMATION(t[i]) && t[i] != STATUS_PENDING;
        error |= NT_ERROR(t[i]);
    }
    assert_true(pending && informational && warning && other_success && error);
    /* every call kind draws from it; an allocation still only fails */
    for (int kind = 0; kind < FP_KIND_COUNT; kind++) {
        unsigned m;
        if (kind == FP_ALLOC)
            continue;
        assert_ptr_equal(fault_statuses((fault_kind)kind, true, &m), t);
        assert_int_equal(m, n);
    }
    const NTSTATUS *a = fault_statuses(FP_ALLOC, true, &n);
    assert_int_equal(n, 1);
    assert_int_equal(a[0], STATUS_INSUFFICIENT_RESOURCES);
}

/* With the hostile switch the plan draws from the hostile table (here: STATUS_PENDING from the
 * provider's attach); the documented client passes it on and gets no verdict. */
UT_CLEAN_TEST(hostile_switch)
{
    unsigned n;
    const NTSTATUS *t = fault_statuses(FP_NMR_ATTACH, true, &n);
    for (unsigned choice = 0; choice < n; choice++) {
        ut_reset_scenario();
        stub_plan plan = {.faults = {{3, (uint8_t)choice}}, .hostile = true};
        stub_set_plan(&plan);
        ut_wsk_provider(V10, V10);
        ut_play();
        assert_int_equal(ut_client_state.last_attach_status, t[choice]);
        assert_int_equal(ut_client_state.attached, 0);
    }
}

UT_CLEAN_TEST(kind_names)
{
    for (int i = 0; i < FP_KIND_COUNT; i++) {
        assert_non_null(fault_kind_name((fault_kind)i));
        assert_string_not_equal(fault_kind_name((fault_kind)i), "?");
        for (int j = 0; j < i; j++)
            assert_string_not_equal(fault_kind_name((fault_kind)i), fault_kind_name((fault_kind)j));
    }
    assert_string_equal(fault_kind_name(FP_KIND_COUNT), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UT_TEST(numbering_wsk_path), UT_TEST(numbering_nmr_path),    UT_TEST(numbering_repeats),
        UT_TEST(kind_past_the_run),  UT_TEST(many_points),           UT_TEST(choice_selects_status),
        UT_TEST(several_faults),     UT_TEST(documented_tables),     UT_TEST(hostile_table),
        UT_TEST(hostile_switch),     UT_TEST(kind_names),
    };
    return cmocka_run_group_tests_name("fault_plan", tests, NULL, NULL);
}
