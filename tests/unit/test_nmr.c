/* test_nmr.c - the NMR model's transitions, seen from a client that follows the documentation:
 * who attaches when, what each call returns, when detach and cleanup come (and never come). */
#include <stdio.h>

#include "ut.h"

#define V10 MAKE_WSK_VERSION(1, 0)
#define V20 MAKE_WSK_VERSION(2, 0)

static void unload_nothing(void) {}

static void unload_and_check(void)
{
    stub_unload_driver();
    stub_final_checks();
}

UT_CLEAN_TEST(client_first)
{
    assert_int_equal(stub_load_driver(), STATUS_SUCCESS);
    assert_int_equal(ut_client_state.attach_calls, 0); /* no provider yet */
    ut_wsk_provider(V10, V10);
    assert_int_equal(ut_client_state.attach_calls, 1);
    assert_int_equal(ut_client_state.attached, 1);
    assert_int_equal(ut_client_state.bindings[0]->version, V10);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 1);
    assert_int_equal(ut_client_state.cleanup_calls, 1);
}

UT_CLEAN_TEST(provider_first)
{
    ut_wsk_provider(V10, V10);
    assert_int_equal(ut_client_state.attach_calls, 0);
    assert_int_equal(stub_load_driver(), STATUS_SUCCESS); /* attaches inside NmrRegisterClient */
    assert_int_equal(ut_client_state.attach_calls, 1);
    assert_int_equal(ut_client_state.attached, 1);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 1);
    assert_int_equal(ut_client_state.cleanup_calls, 1);
}

/* The client sees the instance the provider registered: NpiId by value, module, characteristics. */
UT_CLEAN_TEST(provider_instance_seen)
{
    stub_provider_spec s = ut_wsk_spec(V10, MAKE_WSK_VERSION(1, 7));
    s.instance.Number = 42;
    s.module_id.Guid.Data1 = 0x12345678;
    ut_provider(&s);
    stub_load_driver();
    const NPI_REGISTRATION_INSTANCE *ri = ut_client_state.last_instance;
    assert_non_null(ri);
    assert_true(IsEqualGUID(ri->NpiId, &NPI_WSK_INTERFACE_ID));
    assert_int_equal(ri->Size, sizeof(NPI_REGISTRATION_INSTANCE));
    assert_int_equal(ri->Number, 42);
    assert_int_equal(ri->ModuleId->Type, MIT_GUID);
    assert_int_equal(ri->ModuleId->Guid.Data1, 0x12345678);
    const WSK_PROVIDER_CHARACTERISTICS *c = ri->NpiSpecificCharacteristics;
    assert_non_null(c);
    assert_int_equal(c->LowestVersion, V10);
    assert_int_equal(c->HighestVersion, MAKE_WSK_VERSION(1, 7));
    unload_and_check();
}

static void *seen_client_context;
static NTSTATUS attach_notes_context(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    seen_client_context = ctx;
    return ut_attach_documented(h, ri);
}

UT_CLEAN_TEST(client_context_passed)
{
    ut_client_state.attach_hook = attach_notes_context;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_ptr_equal(seen_client_context, &ut_client_state); /* the context given to NmrRegisterClient */
    unload_and_check();
}

UT_CLEAN_TEST(several_providers)
{
    ut_wsk_provider(V10, V10);
    ut_wsk_provider(V10, V20);
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.attach_calls, 3);
    ut_wsk_provider(V10, V10); /* one more arrives after the client */
    assert_int_equal(ut_client_state.attach_calls, 4);
    assert_int_equal(ut_client_state.attached, 4);
    for (unsigned i = 0; i < 4; i++)
        for (unsigned j = 0; j < i; j++) {
            assert_ptr_not_equal(ut_client_state.bindings[i]->binding, ut_client_state.bindings[j]->binding);
            assert_ptr_not_equal(ut_client_state.bindings[i]->client, ut_client_state.bindings[j]->client);
        }
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 4);
    assert_int_equal(ut_client_state.cleanup_calls, 4);
}

UT_CLEAN_TEST(npi_mismatch_provider)
{
    stub_provider_spec s = ut_wsk_spec(V10, V10);
    s.npi = NPI_KIND_OTHER;
    ut_provider(&s);
    stub_load_driver();
    ut_provider(&s);
    assert_int_equal(ut_client_state.attach_calls, 0);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 0);
}

UT_CLEAN_TEST(npi_mismatch_client)
{
    static const NPIID not_wsk = {0x11111111, 0x2222, 0x3333, {4, 4, 4, 4, 4, 4, 4, 4}};
    ut_client_state.chars.ClientRegistrationInstance.NpiId = &not_wsk;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    ut_wsk_provider(V10, V10);
    assert_int_equal(ut_client_state.attach_calls, 0);
    unload_and_check();
}

/* An NpiId equal by value but at another address still matches. */
UT_CLEAN_TEST(npi_matched_by_value)
{
    static NPIID copy;
    copy = NPI_WSK_INTERFACE_ID;
    ut_client_state.chars.ClientRegistrationInstance.NpiId = &copy;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.attached, 1);
    unload_and_check();
}

UT_CLEAN_TEST(attach_refused_nointerface)
{
    ut_wsk_provider(V20, V20);
    stub_load_driver();
    assert_int_equal(ut_client_state.attach_calls, 1);
    assert_int_equal(ut_client_state.attached, 0);
    assert_int_equal(ut_client_state.last_attach_status, STATUS_NOINTERFACE);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 0);  /* no binding: nothing to detach */
    assert_int_equal(ut_client_state.cleanup_calls, 0); /* and never a cleanup after a failed attach */
}

static PVOID out_context;
static const void *out_dispatch;
static NTSTATUS attach_checks_outs(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ctx, (void)ri;
    static const WSK_CLIENT_DISPATCH v20 = {V20, 0, NULL};
    out_context = (PVOID)&out_context;
    out_dispatch = &out_dispatch;
    return NmrClientAttachProvider(h, NULL, &v20, &out_context, &out_dispatch);
}

UT_CLEAN_TEST(failed_attach_leaves_outs)
{
    ut_client_state.attach_hook = attach_checks_outs;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.last_attach_status, STATUS_NOINTERFACE);
    assert_ptr_equal(out_context, (PVOID)&out_context);
    assert_ptr_equal(out_dispatch, &out_dispatch);
    unload_and_check();
}

UT_CLEAN_TEST(retry_then_success)
{
    ut_client_state.versions[0] = V20;
    ut_client_state.versions[1] = V10;
    ut_client_state.nversions = 2;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.attached, 1);
    assert_int_equal(ut_client_state.bindings[0]->version, V10);
    unload_and_check();
    assert_int_equal(ut_client_state.cleanup_calls, 1);
}

/* The provider may answer with a later minor version of the requested major. */
UT_CLEAN_TEST(dispatch_highest_minor)
{
    stub_provider_spec s = ut_wsk_spec(V10, MAKE_WSK_VERSION(1, 5));
    s.dispatch_highest_minor = true;
    ut_provider(&s);
    stub_load_driver();
    assert_int_equal(ut_client_state.bindings[0]->version, MAKE_WSK_VERSION(1, 5));
    unload_and_check();
}

UT_CLEAN_TEST(version_range_edges)
{
    ut_wsk_provider(MAKE_WSK_VERSION(1, 1), MAKE_WSK_VERSION(1, 3));
    ut_client_state.versions[0] = MAKE_WSK_VERSION(1, 0); /* below */
    ut_client_state.versions[1] = MAKE_WSK_VERSION(1, 4); /* above */
    ut_client_state.versions[2] = MAKE_WSK_VERSION(1, 3); /* the highest: accepted */
    ut_client_state.nversions = 3;
    stub_load_driver();
    assert_int_equal(ut_client_state.attached, 1);
    assert_int_equal(ut_client_state.bindings[0]->version, MAKE_WSK_VERSION(1, 3));
    unload_and_check();
}

UT_CLEAN_TEST(detach_success_then_cleanup)
{
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(NmrDeregisterClient(ut_client_state.handle), STATUS_PENDING);
    assert_int_equal(ut_client_state.detach_calls, 1);
    assert_int_equal(ut_client_state.cleanup_calls, 1); /* both sides detached at once */
    assert_int_equal(NmrWaitForClientDeregisterComplete(ut_client_state.handle), STATUS_SUCCESS);
    ut_client_state.unload_hook = unload_nothing; /* already deregistered and waited */
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 1);
    assert_int_equal(ut_client_state.cleanup_calls, 1);
}

static KIRQL detach_irql;
static NTSTATUS detach_noting_irql(PVOID context)
{
    (void)context;
    detach_irql = KeGetCurrentIrql();
    return STATUS_SUCCESS;
}

static void detach_at(irql_choice choice, KIRQL expected)
{
    stub_plan plan = {0};
    plan.callback_irql[CB_DETACH] = (uint8_t)choice;
    stub_set_plan(&plan);
    ut_client_state.detach_hook = detach_noting_irql;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    detach_irql = 0xff;
    assert_int_equal(NmrDeregisterClient(ut_client_state.handle), STATUS_PENDING);
    assert_int_equal(detach_irql, expected);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL); /* back where the caller was */
    assert_true(stub_callback_kinds_reached() & (1u << CB_DETACH));
}

/* Detach runs at DISPATCH_LEVEL unless the input chooses lower (rule 21: <= DISPATCH_LEVEL). */
UT_CLEAN_TEST(detach_irql_default) { detach_at(IRQL_CHOICE_DEFAULT, DISPATCH_LEVEL); }
UT_CLEAN_TEST(detach_irql_passive) { detach_at(IRQL_CHOICE_PASSIVE, PASSIVE_LEVEL); }
UT_CLEAN_TEST(detach_irql_apc) { detach_at(IRQL_CHOICE_APC, APC_LEVEL); }

UT_CLEAN_TEST(detach_pending_then_complete)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(NmrDeregisterClient(ut_client_state.handle), STATUS_PENDING);
    assert_int_equal(ut_client_state.detach_calls, 1);
    assert_int_equal(ut_client_state.cleanup_calls, 0); /* the client has not finished detaching */
    assert_true(ut_complete_one_pending());
    assert_int_equal(ut_client_state.cleanup_calls, 1);
    assert_int_equal(NmrWaitForClientDeregisterComplete(ut_client_state.handle), STATUS_SUCCESS);
    stub_final_checks();
}

/* The wait lets the world run: the client's worker completes the detach meanwhile. */
UT_CLEAN_TEST(detach_pending_completed_during_wait)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    stub_set_world_hook(ut_world_completes_detaches, NULL);
    ut_wsk_provider(V10, V10);
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 2);
    assert_int_equal(ut_client_state.cleanup_calls, 2);
}

UT_CLEAN_TEST(provider_leaves_while_attached)
{
    int p = ut_wsk_provider(V10, V10);
    stub_load_driver();
    stub_provider_deregister(p);
    assert_int_equal(ut_client_state.detach_calls, 1);
    assert_int_equal(ut_client_state.cleanup_calls, 1);
    stub_provider_deregister(p); /* already gone: nothing more */
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 1); /* at most once per binding */
    assert_int_equal(ut_client_state.cleanup_calls, 1);
}

UT_CLEAN_TEST(provider_leaves_detach_pending)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    int p = ut_wsk_provider(V10, V10);
    stub_load_driver();
    stub_provider_deregister(p);
    assert_int_equal(ut_client_state.detach_calls, 1);
    assert_int_equal(ut_client_state.cleanup_calls, 0);
    assert_true(ut_complete_one_pending());
    assert_int_equal(ut_client_state.cleanup_calls, 1);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 1);
}

/* A provider that left and a new one that came: two bindings, each detached once. */
UT_CLEAN_TEST(provider_replaced)
{
    int p = ut_wsk_provider(V10, V10);
    stub_load_driver();
    stub_provider_deregister(p);
    ut_wsk_provider(V10, V10);
    assert_int_equal(ut_client_state.attach_calls, 2);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 2);
    assert_int_equal(ut_client_state.cleanup_calls, 2);
}

UT_CLEAN_TEST(client_deregistering_gets_no_new_attach)
{
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(NmrDeregisterClient(ut_client_state.handle), STATUS_PENDING);
    ut_wsk_provider(V10, V10); /* arrives while the client is leaving */
    assert_int_equal(ut_client_state.attach_calls, 1);
    assert_int_equal(NmrWaitForClientDeregisterComplete(ut_client_state.handle), STATUS_SUCCESS);
    ut_wsk_provider(V10, V10); /* and after it left */
    assert_int_equal(ut_client_state.attach_calls, 1);
    stub_final_checks();
}

UT_CLEAN_TEST(deregister_pending_then_wait_without_bindings)
{
    stub_load_driver();
    assert_int_equal(NmrDeregisterClient(ut_client_state.handle), STATUS_PENDING);
    assert_int_equal(NmrWaitForClientDeregisterComplete(ut_client_state.handle), STATUS_SUCCESS);
    stub_final_checks();
}

/* Cleanup exactly once per binding that attached; none for the one that was refused. */
UT_CLEAN_TEST(cleanup_only_for_attached)
{
    ut_wsk_provider(V10, V10);
    ut_wsk_provider(V20, V20); /* refuses 1.0 */
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.attach_calls, 3);
    assert_int_equal(ut_client_state.attached, 2);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls, 2);
    assert_int_equal(ut_client_state.cleanup_calls, 2);
}

UT_CLEAN_TEST(declining_client)
{
    ut_client_state.nversions = 0;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.last_attach_status, STATUS_NOINTERFACE);
    unload_and_check();
    assert_int_equal(ut_client_state.detach_calls + ut_client_state.cleanup_calls, 0);
}

UT_CLEAN_TEST(register_fails_by_plan)
{
    static const stub_plan plan = {.faults = {{1, 0}}}; /* point 1: NmrRegisterClient */
    stub_set_plan(&plan);
    ut_wsk_provider(V10, V10);
    assert_int_equal(stub_load_driver(), STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(ut_client_state.attach_calls, 0);
    assert_false(stub_driver_loaded());
    stub_unload_driver(); /* a driver that failed to load is never unloaded */
    assert_int_equal(ut_client_state.detach_calls, 0);
    stub_final_checks();
}

UT_CLEAN_TEST(attach_fails_by_plan)
{
    /* points: 1 NmrRegisterClient, 2 the context allocation, 3 the provider's attach decision */
    static const stub_plan plan = {.faults = {{3, 1}}};
    stub_set_plan(&plan);
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(stub_fault_point_kind(3), FP_NMR_ATTACH);
    assert_int_equal(ut_client_state.last_attach_status, STATUS_INSUFFICIENT_RESOURCES);
    assert_int_equal(ut_client_state.attached, 0);
    unload_and_check();
    assert_int_equal(ut_client_state.cleanup_calls, 0);
}

UT_CLEAN_TEST(context_allocation_fails_by_plan)
{
    static const stub_plan plan = {.faults = {{2, 0}}};
    stub_set_plan(&plan);
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(stub_fault_point_kind(2), FP_ALLOC);
    assert_int_equal(ut_client_state.last_attach_status, STATUS_INSUFFICIENT_RESOURCES);
    unload_and_check();
}

/* The provider side of the NMR API: a driver registering a provider is beyond the model. */
UT_CLEAN_TEST(provider_api)
{
    HANDLE h = NULL;
    assert_int_equal(NmrRegisterProvider(NULL, NULL, &h), STATUS_NOT_SUPPORTED); /* the client's: not modeled */
    assert_int_equal(NmrDeregisterProvider((HANDLE)&h), STATUS_INVALID_PARAMETER);
    assert_int_equal(NmrWaitForProviderDeregisterComplete((HANDLE)&h), STATUS_INVALID_PARAMETER);
    NmrProviderDetachClientComplete((HANDLE)&h); /* a foreign handle is ignored */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UT_TEST(client_first),
        UT_TEST(provider_first),
        UT_TEST(provider_instance_seen),
        UT_TEST(client_context_passed),
        UT_TEST(several_providers),
        UT_TEST(npi_mismatch_provider),
        UT_TEST(npi_mismatch_client),
        UT_TEST(npi_matched_by_value),
        UT_TEST(attach_refused_nointerface),
        UT_TEST(failed_attach_leaves_outs),
        UT_TEST(retry_then_success),
        UT_TEST(dispatch_highest_minor),
        UT_TEST(version_range_edges),
        UT_TEST(detach_success_then_cleanup),
        UT_TEST(detach_pending_then_complete),
        UT_TEST(detach_pending_completed_during_wait),
        UT_TEST(provider_leaves_while_attached),
        UT_TEST(provider_leaves_detach_pending),
        UT_TEST(provider_replaced),
        UT_TEST(client_deregistering_gets_no_new_attach),
        UT_TEST(deregister_pending_then_wait_without_bindings),
        UT_TEST(cleanup_only_for_attached),
        UT_TEST(declining_client),
        UT_TEST(register_fails_by_plan),
        UT_TEST(attach_fails_by_plan),
        UT_TEST(context_allocation_fails_by_plan),
        UT_TEST(provider_api),
        UT_TEST(detach_irql_default),
        UT_TEST(detach_irql_passive),
        UT_TEST(detach_irql_apc),
    };
    return cmocka_run_group_tests_name("nmr", tests, NULL, NULL);
}
