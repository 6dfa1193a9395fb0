/* test_verdicts.c - every verdict of the catalogue fires, with its ID, on a small snippet that
 * breaks its rule, and stays silent on the correct counterpart. One row per ID; a catalogue
 * entry without a row fails the coverage test, so a new rule cannot go untested. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ut.h"

#define V10 MAKE_WSK_VERSION(1, 0)
#define V20 MAKE_WSK_VERSION(2, 0)

/* ---- shared pieces ---- */

static HANDLE saved_binding; /* a binding handle kept across the client's callbacks */

/* One WSK provider of version 1.0, then the client's whole life. */
static void play_with_provider(void)
{
    ut_wsk_provider(V10, V10);
    ut_play();
}

/* Load with a provider; keep the first binding's handle. */
static void load_attached(void)
{
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.nbindings, 1);
    saved_binding = ut_client_state.bindings[0]->binding;
}

/* The WskRegister path, driven directly (the test is the client). */
static WSK_REGISTRATION reg;
static WSK_CLIENT_DISPATCH wsk_dispatch;
static WSK_CLIENT_NPI wsk_npi;
static WSK_PROVIDER_NPI pnpi;

static void wsk_fresh(void)
{
    memset(&reg, 0, sizeof reg);
    memset(&pnpi, 0, sizeof pnpi);
    wsk_dispatch = (WSK_CLIENT_DISPATCH){V10, 0, NULL};
    wsk_npi = (WSK_CLIENT_NPI){NULL, &wsk_dispatch};
}

static void wsk_register_and_capture(void)
{
    wsk_fresh();
    ut_wsk_provider(V10, V10);
    assert_int_equal(WskRegister(&wsk_npi, &reg), STATUS_SUCCESS);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_SUCCESS);
}

static NTSTATUS control(PWSK_CLIENT client, const WSK_PROVIDER_DISPATCH *d)
{
    return d->WskControlClient(client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, NULL);
}

/* ---- pool ---- */

static void fire_POOL_LEAK(void)
{
    (void)ExAllocatePoolWithTag(NonPagedPoolNx, 16, 'kael');
    stub_final_checks();
}
static void silent_POOL_LEAK(void)
{
    ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPoolNx, 16, 'kael'), 'kael');
    stub_final_checks();
}

static NTSTATUS attach_keeps_context_on_failure(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ctx, (void)ri;
    ut_binding *b = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof *b, UT_TAG);
    ut_client_state.dispatch[0] = (WSK_CLIENT_DISPATCH){V20, 0, NULL};
    return NmrClientAttachProvider(h, b, &ut_client_state.dispatch[0], &b->client, &b->dispatch); /* NOINTERFACE; b kept */
}
static void fire_POOL_LEAK_FAILED_ATTACH(void)
{
    ut_client_state.attach_hook = attach_keeps_context_on_failure;
    play_with_provider();
}
static void silent_POOL_LEAK_FAILED_ATTACH(void)
{
    ut_client_state.versions[0] = V20; /* refused the same way, but the context is freed */
    play_with_provider();
}

static void fire_POOL_DOUBLE_FREE(void)
{
    void *p = ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'ebud');
    ExFreePoolWithTag(p, 'ebud');
    ExFreePoolWithTag(p, 'ebud');
}
static void silent_POOL_DOUBLE_FREE(void)
{
    void *p = ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'ebud');
    ExFreePoolWithTag(p, 'ebud');
    stub_final_checks();
}

static void fire_POOL_TAG_MISMATCH(void)
{
    ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'AgaT'), 'BgaT');
}
static void silent_POOL_TAG_MISMATCH(void)
{
    ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'AgaT'), 'AgaT');
    ExFreePool(ExAllocatePoolWithTag(NonPagedPoolNx, 8, 'AgaT')); /* no tag given: nothing to mismatch */
    stub_final_checks();
}

static void fire_POOL_FOREIGN_FREE(void)
{
    static char not_pool[16];
    ExFreePool(not_pool);
}
static void silent_POOL_FOREIGN_FREE(void)
{
    ExFreePool(ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 'nrof'));
    stub_final_checks();
}

static void fire_POOL_ZERO_SIZE(void)
{
    (void)ExAllocatePoolWithTag(NonPagedPoolNx, 0, 'oerz');
}
static void silent_POOL_ZERO_SIZE(void)
{
    ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPoolNx, 1, 'oerz'), 'oerz');
    stub_final_checks();
}

static void fire_POOL_ZERO_TAG(void)
{
    (void)ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 0);
}
static void silent_POOL_ZERO_TAG(void)
{
    ExFreePoolWithTag(ExAllocatePool2(POOL_FLAG_NON_PAGED, 8, 'gat1'), 'gat1');
    stub_final_checks();
}

static void fire_POOL_BAD_ARGUMENT(void)
{
    (void)ExAllocatePoolWithTag((POOL_TYPE)99, 8, 'dab1');
}
static void silent_POOL_BAD_ARGUMENT(void)
{
    ExFreePoolWithTag(ExAllocatePoolWithTag(PagedPool, 8, 'dab1'), 'dab1');
    ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPoolNxCacheAligned | POOL_RAISE_IF_ALLOCATION_FAILURE, 8,
                                            'dab1'), 'dab1');
    stub_final_checks();
}

static NPI_CLIENT_CHARACTERISTICS *pool_chars;
static NTSTATUS entry_pool_characteristics(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    driver->DriverUnload = ut_client_unload;
    pool_chars = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof *pool_chars, UT_TAG);
    *pool_chars = ut_client_state.chars;
    return NmrRegisterClient(pool_chars, &ut_client_state, &ut_client_state.handle);
}
static void unload_frees_characteristics_first(void)
{
    ExFreePoolWithTag(pool_chars, UT_TAG);
    NmrDeregisterClient(ut_client_state.handle);
    NmrWaitForClientDeregisterComplete(ut_client_state.handle);
}
static void unload_frees_characteristics_last(void)
{
    NmrDeregisterClient(ut_client_state.handle);
    NmrWaitForClientDeregisterComplete(ut_client_state.handle);
    ExFreePoolWithTag(pool_chars, UT_TAG);
}
static void fire_RESIDENT_MEMORY_FREED(void)
{
    ut_entry = entry_pool_characteristics;
    ut_client_state.unload_hook = unload_frees_characteristics_first;
    play_with_provider();
}
static void silent_RESIDENT_MEMORY_FREED(void)
{
    ut_entry = entry_pool_characteristics;
    ut_client_state.unload_hook = unload_frees_characteristics_last;
    play_with_provider();
}

/* ---- registration and unload ---- */

static void fire_REGISTER_BAD_CHARACTERISTICS(void)
{
    ut_client_state.chars.Length = 8;
    play_with_provider();
}
static void silent_REGISTER_BAD_CHARACTERISTICS(void)
{
    ut_client_state.chars.ClientCleanupBindingContext = NULL; /* optional: the NMR does without it */
    ut_client_state.versions[0] = V20;                        /* no binding: nothing to clean up */
    play_with_provider();
}

static void unload_bad_handle(void)
{
    NmrDeregisterClient((HANDLE)&ut_client_state);
}
static void fire_DEREGISTER_BAD_HANDLE(void)
{
    ut_client_state.unload_hook = unload_bad_handle;
    play_with_provider();
}
static void silent_DEREGISTER_BAD_HANDLE(void)
{
    play_with_provider();
}

static void unload_twice(void)
{
    NmrDeregisterClient(ut_client_state.handle);
    NmrWaitForClientDeregisterComplete(ut_client_state.handle);
    NmrDeregisterClient(ut_client_state.handle);
}
static void fire_DEREGISTER_TWICE(void)
{
    ut_client_state.unload_hook = unload_twice;
    play_with_provider();
}
static void silent_DEREGISTER_TWICE(void)
{
    play_with_provider();
}

static void unload_wait_first(void)
{
    NmrWaitForClientDeregisterComplete(ut_client_state.handle);
}
static void fire_WAIT_BEFORE_DEREGISTER(void)
{
    ut_client_state.unload_hook = unload_wait_first;
    play_with_provider();
}
static void silent_WAIT_BEFORE_DEREGISTER(void)
{
    play_with_provider();
}

static void unload_nothing(void) {}
static void fire_UNLOAD_WITHOUT_DEREGISTER(void)
{
    ut_client_state.unload_hook = unload_nothing;
    play_with_provider();
}
static void silent_UNLOAD_WITHOUT_DEREGISTER(void)
{
    play_with_provider();
}

static void fire_UNLOAD_WITHOUT_WAIT(void)
{
    ut_client_state.wait_on_unload = false;
    play_with_provider();
}
static void silent_UNLOAD_WITHOUT_WAIT(void)
{
    play_with_provider();
}

static void fire_DRIVER_NO_UNLOAD(void)
{
    ut_client_state.set_unload = false;
    play_with_provider();
}
static NTSTATUS entry_nothing(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)driver, (void)path;
    return STATUS_SUCCESS;
}
static void silent_DRIVER_NO_UNLOAD(void)
{
    ut_entry = entry_nothing; /* registers nothing: needs no unload routine */
    play_with_provider();
    ut_reset_scenario();
    play_with_provider();
}

/* ---- attach ---- */

static NTSTATUS attach_success_without_call(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)h, (void)ctx, (void)ri;
    return STATUS_SUCCESS;
}
static void fire_ATTACH_SUCCESS_WITHOUT_BINDING(void)
{
    ut_client_state.attach_hook = attach_success_without_call;
    play_with_provider();
}
static void silent_ATTACH_SUCCESS_WITHOUT_BINDING(void)
{
    play_with_provider();
}

static NTSTATUS attach_then_deny(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ctx;
    NTSTATUS s = ut_attach_documented(h, ri);
    return s == STATUS_SUCCESS ? STATUS_NOINTERFACE : s;
}
static void fire_ATTACH_FAILED_AFTER_BINDING(void)
{
    ut_client_state.attach_hook = attach_then_deny;
    play_with_provider();
}
static void silent_ATTACH_FAILED_AFTER_BINDING(void)
{
    play_with_provider();
}

static NTSTATUS attach_fails_with_other_status(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ctx;
    NTSTATUS s = ut_attach_documented(h, ri);
    return s == STATUS_NOINTERFACE ? STATUS_INSUFFICIENT_RESOURCES : s;
}
static void fire_ATTACH_STATUS_NOT_LAST(void)
{
    ut_client_state.versions[0] = V20;
    ut_client_state.attach_hook = attach_fails_with_other_status;
    play_with_provider();
}
static void silent_ATTACH_STATUS_NOT_LAST(void)
{
    ut_client_state.versions[0] = V20;
    play_with_provider();
    assert_int_equal(ut_client_state.last_attach_status, STATUS_NOINTERFACE);
}

static NTSTATUS attach_declines_with_pending(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)h, (void)ctx, (void)ri;
    return STATUS_PENDING;
}
static void fire_ATTACH_DECLINE_NOT_ERROR(void)
{
    ut_client_state.attach_hook = attach_declines_with_pending;
    play_with_provider();
}
static void silent_ATTACH_DECLINE_NOT_ERROR(void)
{
    ut_client_state.nversions = 0; /* declines with STATUS_NOINTERFACE without asking the NMR */
    play_with_provider();
    assert_int_equal(ut_client_state.attach_calls, 1);
}

static NTSTATUS attach_twice(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ctx;
    NTSTATUS s = ut_attach_documented(h, ri);
    ut_binding *b = ut_client_state.bindings[ut_client_state.nbindings - 1];
    NmrClientAttachProvider(h, b, &ut_client_state.dispatch[0], &b->client, &b->dispatch);
    return s;
}
static void fire_ATTACH_AFTER_SUCCESS(void)
{
    ut_client_state.attach_hook = attach_twice;
    play_with_provider();
}
static void silent_ATTACH_AFTER_SUCCESS(void)
{
    play_with_provider();
}

static NTSTATUS attach_storm(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ctx, (void)ri;
    static const WSK_CLIENT_DISPATCH unsupported = {V20, 0, NULL};
    PVOID pc;
    const void *pd;
    NTSTATUS s;
    do
        s = NmrClientAttachProvider(h, &ut_client_state, &unsupported, &pc, &pd);
    while (s == STATUS_NOINTERFACE);
    return s;
}
static void fire_ATTACH_RETRY_STORM(void)
{
    ut_client_state.attach_hook = attach_storm;
    play_with_provider();
}
static void silent_ATTACH_RETRY_STORM(void)
{
    /* three versions, the last one supported: a bounded retry that attaches */
    ut_client_state.versions[0] = MAKE_WSK_VERSION(3, 0), ut_client_state.versions[1] = V20, ut_client_state.versions[2] = V10;
    ut_client_state.nversions = 3;
    play_with_provider();
    assert_int_equal(ut_client_state.attached, 1);
}

static NTSTATUS attach_wrong_handle(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)h, (void)ri;
    PVOID pc;
    const void *pd;
    return NmrClientAttachProvider((HANDLE)&ut_client_state, ctx, &ut_client_state.dispatch[0], &pc, &pd);
}
static void fire_ATTACH_BAD_HANDLE(void)
{
    ut_client_state.attach_hook = attach_wrong_handle;
    play_with_provider();
}
static void silent_ATTACH_BAD_HANDLE(void)
{
    play_with_provider();
}

static void fire_ATTACH_OUTSIDE_CALLBACK(void)
{
    load_attached();
    PVOID pc;
    const void *pd;
    NmrClientAttachProvider(saved_binding, ut_client_state.bindings[0], &ut_client_state.dispatch[0], &pc, &pd);
}
static void silent_ATTACH_OUTSIDE_CALLBACK(void)
{
    load_attached();
    stub_unload_driver();
    stub_final_checks();
}

static NTSTATUS attach_reserved_dispatch(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ri;
    static const WSK_CLIENT_DISPATCH bad = {V10, 1, NULL};
    PVOID pc;
    const void *pd;
    return NmrClientAttachProvider(h, ctx, &bad, &pc, &pd);
}
static void fire_ATTACH_BAD_DISPATCH(void)
{
    ut_client_state.attach_hook = attach_reserved_dispatch;
    play_with_provider();
}
static void silent_ATTACH_BAD_DISPATCH(void)
{
    play_with_provider();
}

static NTSTATUS attach_null_out(HANDLE h, PVOID ctx, PNPI_REGISTRATION_INSTANCE ri)
{
    (void)ri;
    PVOID pc;
    return NmrClientAttachProvider(h, ctx, &ut_client_state.dispatch[0], &pc, NULL);
}
static void fire_ATTACH_BAD_ARGUMENT(void)
{
    ut_client_state.dispatch[0] = (WSK_CLIENT_DISPATCH){V10, 0, NULL};
    ut_client_state.attach_hook = attach_null_out;
    play_with_provider();
}
static void silent_ATTACH_BAD_ARGUMENT(void)
{
    play_with_provider();
}

/* ---- detach ---- */

static void fire_DETACH_BAD_STATUS(void)
{
    ut_client_state.detach_answer = STATUS_UNSUCCESSFUL;
    play_with_provider();
}
static void silent_DETACH_BAD_STATUS(void)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    stub_set_world_hook(ut_world_completes_detaches, NULL);
    play_with_provider();
    assert_int_equal(ut_client_state.cleanup_calls, 1);
}

static void unload_completes_saved(unsigned times)
{
    NmrDeregisterClient(ut_client_state.handle);
    for (unsigned i = 0; i < times; i++)
        NmrClientDetachProviderComplete(saved_binding);
    NmrWaitForClientDeregisterComplete(ut_client_state.handle);
}
static void unload_completes_once(void) { unload_completes_saved(1); }
static void unload_completes_twice(void) { unload_completes_saved(2); }

static void fire_DETACH_COMPLETE_UNEXPECTED(void)
{
    ut_client_state.unload_hook = unload_completes_once; /* but ClientDetachProvider returned STATUS_SUCCESS */
    load_attached();
    stub_unload_driver();
}
static void silent_DETACH_COMPLETE_UNEXPECTED(void)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    ut_client_state.unload_hook = unload_completes_once;
    load_attached();
    stub_unload_driver();
    stub_final_checks();
}

static void fire_DETACH_COMPLETE_REPEATED(void)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    ut_client_state.unload_hook = unload_completes_twice;
    load_attached();
    stub_unload_driver();
}
static void silent_DETACH_COMPLETE_REPEATED(void)
{
    silent_DETACH_COMPLETE_UNEXPECTED();
}

static void fire_DETACH_COMPLETE_NEVER(void)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    play_with_provider();
}
static void silent_DETACH_COMPLETE_NEVER(void)
{
    silent_DETACH_BAD_STATUS();
}

static void fire_DETACH_COMPLETE_BAD_HANDLE(void)
{
    ut_client_state.detach_answer = STATUS_PENDING;
    load_attached();
    saved_binding = (HANDLE)&ut_client_state;
    ut_client_state.unload_hook = unload_completes_once;
    stub_unload_driver();
}
static void silent_DETACH_COMPLETE_BAD_HANDLE(void)
{
    silent_DETACH_COMPLETE_UNEXPECTED();
}

static NTSTATUS detach_calls_provider(PVOID context)
{
    ut_binding *b = context;
    control(b->client, b->dispatch);
    return STATUS_SUCCESS;
}
static void fire_PROVIDER_CALL_AFTER_DETACH(void)
{
    ut_client_state.detach_hook = detach_calls_provider;
    play_with_provider();
}
static void silent_PROVIDER_CALL_AFTER_DETACH(void)
{
    load_attached();
    assert_int_equal(control(ut_client_state.bindings[0]->client, ut_client_state.bindings[0]->dispatch), STATUS_SUCCESS);
    stub_unload_driver();
    stub_final_checks();
}

static void fire_PROVIDER_CALL_UNBOUND(void)
{
    load_attached();
    control((PWSK_CLIENT)&ut_client_state, ut_client_state.bindings[0]->dispatch);
}
static void silent_PROVIDER_CALL_UNBOUND(void)
{
    silent_PROVIDER_CALL_AFTER_DETACH();
}

/* ---- WskRegister ---- */

static void fire_WSK_REGISTER_BAD_NPI(void)
{
    wsk_fresh();
    wsk_dispatch.Reserved = 1;
    WskRegister(&wsk_npi, &reg);
}
static void silent_WSK_REGISTER_BAD_NPI(void)
{
    wsk_fresh();
    assert_int_equal(WskRegister(&wsk_npi, &reg), STATUS_SUCCESS);
    WskDeregister(&reg);
    stub_final_checks();
}

static void fire_WSK_REGISTRATION_REUSED(void)
{
    wsk_fresh();
    WskRegister(&wsk_npi, &reg);
    WskRegister(&wsk_npi, &reg);
}
static void silent_WSK_REGISTRATION_REUSED(void)
{
    wsk_fresh();
    assert_int_equal(WskRegister(&wsk_npi, &reg), STATUS_SUCCESS);
    WskDeregister(&reg);
    assert_int_equal(WskRegister(&wsk_npi, &reg), STATUS_SUCCESS);
    WskDeregister(&reg);
    stub_final_checks();
}

static void fire_WSK_CAPTURE_NOT_RELEASED(void)
{
    wsk_register_and_capture();
    stub_final_checks();
}
static void silent_WSK_CAPTURE_NOT_RELEASED(void)
{
    wsk_register_and_capture();
    WskReleaseProviderNPI(&reg);
    WskDeregister(&reg);
    stub_final_checks();
}

static void fire_WSK_RELEASE_WITHOUT_CAPTURE(void)
{
    wsk_fresh();
    WskRegister(&wsk_npi, &reg);
    WskReleaseProviderNPI(&reg);
}
static void silent_WSK_RELEASE_WITHOUT_CAPTURE(void)
{
    silent_WSK_CAPTURE_NOT_RELEASED();
}

static void fire_WSK_NOT_DEREGISTERED(void)
{
    wsk_fresh();
    WskRegister(&wsk_npi, &reg);
    stub_final_checks();
}
static void silent_WSK_NOT_DEREGISTERED(void)
{
    silent_WSK_REGISTER_BAD_NPI();
}

static void fire_WSK_DEREGISTER_UNREGISTERED(void)
{
    wsk_fresh();
    WskRegister(&wsk_npi, &reg);
    WskDeregister(&reg);
    WskDeregister(&reg);
}
static void silent_WSK_DEREGISTER_UNREGISTERED(void)
{
    silent_WSK_REGISTER_BAD_NPI();
}

static void fire_WSK_DEREGISTER_WITH_CAPTURE(void)
{
    wsk_register_and_capture();
    WskDeregister(&reg);
}
static void silent_WSK_DEREGISTER_WITH_CAPTURE(void)
{
    silent_WSK_CAPTURE_NOT_RELEASED();
}

static void fire_WSK_CALL_AFTER_RELEASE(void)
{
    wsk_register_and_capture();
    WskReleaseProviderNPI(&reg);
    control(pnpi.Client, pnpi.Dispatch);
}
static void silent_WSK_CALL_AFTER_RELEASE(void)
{
    wsk_register_and_capture();
    assert_int_equal(control(pnpi.Client, pnpi.Dispatch), STATUS_SUCCESS);
    WskReleaseProviderNPI(&reg);
    WskDeregister(&reg);
    stub_final_checks();
}

static void fire_WSK_CALL_AFTER_DEREGISTER(void)
{
    wsk_fresh();
    ut_wsk_provider(V10, V10);
    WskRegister(&wsk_npi, &reg);
    WskDeregister(&reg);
    WSK_PROVIDER_CHARACTERISTICS c;
    WskQueryProviderCharacteristics(&reg, &c);
}
static void silent_WSK_CALL_AFTER_DEREGISTER(void)
{
    silent_WSK_CAPTURE_NOT_RELEASED();
}

static void fire_WSK_CAPTURE_HANG(void)
{
    wsk_fresh();
    WskRegister(&wsk_npi, &reg);
    WskCaptureProviderNPI(&reg, WSK_INFINITE_WAIT, &pnpi);
}
static void silent_WSK_CAPTURE_HANG(void)
{
    wsk_fresh();
    WskRegister(&wsk_npi, &reg);
    assert_int_equal(WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &pnpi), STATUS_DEVICE_NOT_READY);
    assert_int_equal(WskCaptureProviderNPI(&reg, 1000, &pnpi), STATUS_DEVICE_NOT_READY);
    WskDeregister(&reg);
    stub_final_checks();
}

/* ---- IRPs ---- */

static void fire_IRP_LEAK(void)
{
    (void)IoAllocateIrp(1, FALSE);
    stub_final_checks();
}
static void silent_IRP_LEAK(void)
{
    IoFreeIrp(IoAllocateIrp(1, FALSE));
    stub_final_checks();
}

static NTSTATUS completion_keeps_irp(PDEVICE_OBJECT dev, PIRP irp, PVOID ctx)
{
    (void)dev, (void)irp;
    ++*(int *)ctx;
    return STATUS_MORE_PROCESSING_REQUIRED;
}
static int completions;
/* WskRegister (point 1), capture (2), IoAllocateIrp (3), WskControlClient (4): choice 0 pends. */
static PIRP pend_control_irp(void)
{
    static const stub_plan pend = {.faults = {{4, 0}}};
    stub_set_plan(&pend);
    wsk_register_and_capture();
    PIRP irp = IoAllocateIrp(1, FALSE);
    completions = 0;
    IoSetCompletionRoutine(irp, completion_keeps_irp, &completions, TRUE, TRUE, TRUE);
    assert_int_equal(pnpi.Dispatch->WskControlClient(pnpi.Client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, irp),
                     STATUS_PENDING);
    assert_int_equal(stub_fault_point_kind(4), FP_WSK_CONTROL);
    return irp;
}
static void fire_IRP_MISUSE(void)
{
    IoFreeIrp(pend_control_irp());
}
static void silent_IRP_MISUSE(void)
{
    PIRP irp = pend_control_irp();
    stub_complete_irp(0, STATUS_SUCCESS);
    assert_int_equal(completions, 1);
    IoFreeIrp(irp);
    WskReleaseProviderNPI(&reg);
    WskDeregister(&reg);
    stub_final_checks();
}

/* ---- IRPs given to WSK functions, sockets, address lists ---- */

#define MAX_IRPS 8
static PIRP irps[MAX_IRPS];
static unsigned nirps;

static PIRP bare_irp(void)
{
    PIRP irp = IoAllocateIrp(1, FALSE);
    assert_non_null(irp);
    if (nirps < MAX_IRPS)
        irps[nirps++] = irp;
    return irp;
}

/* A fresh IRP as "Using IRPs with Winsock Kernel Functions" wants it. */
static PIRP wsk_irp(void)
{
    PIRP irp = bare_irp();
    IoSetCompletionRoutine(irp, completion_keeps_irp, &completions, TRUE, TRUE, TRUE);
    return irp;
}

static PWSK_SOCKET open_socket(ULONG flags)
{
    nirps = 0;
    wsk_register_and_capture();
    PIRP irp = wsk_irp();
    assert_int_equal(pnpi.Dispatch->WskSocket(pnpi.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, flags, NULL, NULL,
                                              NULL, NULL, NULL, irp),
                     STATUS_SUCCESS);
    assert_int_equal(irp->IoStatus.Status, STATUS_SUCCESS);
    PWSK_SOCKET so = (PWSK_SOCKET)irp->IoStatus.Information;
    assert_non_null(so);
    return so;
}

static const WSK_PROVIDER_CONNECTION_DISPATCH *conn(PWSK_SOCKET so)
{
    return so->Dispatch;
}

static void close_it(PWSK_SOCKET so)
{
    assert_int_equal(conn(so)->WskCloseSocket(so, wsk_irp()), STATUS_SUCCESS);
}

static NTSTATUS bind_it(PWSK_SOCKET so)
{
    SOCKADDR_IN a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    return conn(so)->WskBind(so, (PSOCKADDR)&a, 0, wsk_irp());
}

static NTSTATUS connect_it(PWSK_SOCKET so)
{
    SOCKADDR_IN a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = 0x5000;
    a.sin_addr.s_addr = 0x0100007f;
    return conn(so)->WskConnect(so, (PSOCKADDR)&a, 0, wsk_irp());
}

/* Let go of the provider and end the scenario. */
static void wsk_done(void)
{
    WskReleaseProviderNPI(&reg);
    WskDeregister(&reg);
    while (nirps)
        IoFreeIrp(irps[--nirps]);
    stub_final_checks();
}

static void fire_IRP_NO_COMPLETION_ROUTINE(void)
{
    nirps = 0;
    wsk_register_and_capture();
    pnpi.Dispatch->WskSocket(pnpi.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET, NULL, NULL,
                             NULL, NULL, NULL, bare_irp());
}
static void silent_IRP_NO_COMPLETION_ROUTINE(void)
{
    close_it(open_socket(WSK_FLAG_CONNECTION_SOCKET));
    wsk_done();
}

static void fire_IRP_NOT_READY(void)
{
    PWSK_SOCKET so = open_socket(WSK_FLAG_CONNECTION_SOCKET);
    conn(so)->WskCloseSocket(so, irps[0]); /* the IRP WskSocket completed, not reinitialized */
}
static void silent_IRP_NOT_READY(void)
{
    PWSK_SOCKET so = open_socket(WSK_FLAG_CONNECTION_SOCKET);
    IoReuseIrp(irps[0], STATUS_UNSUCCESSFUL);
    IoSetCompletionRoutine(irps[0], completion_keeps_irp, &completions, TRUE, TRUE, TRUE);
    assert_int_equal(conn(so)->WskCloseSocket(so, irps[0]), STATUS_SUCCESS);
    wsk_done();
}

static void fire_WSK_BAD_ARGUMENT(void)
{
    nirps = 0;
    wsk_register_and_capture();
    pnpi.Dispatch->WskSocket(pnpi.Client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET, NULL, NULL,
                             NULL, NULL, NULL, NULL); /* the page requires an IRP */
}
static void silent_WSK_BAD_ARGUMENT(void)
{
    silent_IRP_NO_COMPLETION_ROUTINE();
}

static void fire_SOCKET_BAD_STATE(void)
{
    connect_it(open_socket(WSK_FLAG_CONNECTION_SOCKET)); /* never bound */
}
static void silent_SOCKET_BAD_STATE(void)
{
    PWSK_SOCKET so = open_socket(WSK_FLAG_CONNECTION_SOCKET);
    assert_int_equal(bind_it(so), STATUS_SUCCESS);
    assert_int_equal(connect_it(so), STATUS_SUCCESS);
    close_it(so);
    wsk_done();
}

static void fire_SOCKET_CLOSED_TWICE(void)
{
    PWSK_SOCKET so = open_socket(WSK_FLAG_CONNECTION_SOCKET);
    close_it(so);
    conn(so)->WskCloseSocket(so, wsk_irp());
}
static void silent_SOCKET_CLOSED_TWICE(void)
{
    silent_IRP_NO_COMPLETION_ROUTINE();
}

static void fire_SOCKET_USE_AFTER_CLOSE(void)
{
    PWSK_SOCKET so = open_socket(WSK_FLAG_CONNECTION_SOCKET);
    close_it(so);
    bind_it(so);
}
static void silent_SOCKET_USE_AFTER_CLOSE(void)
{
    PWSK_SOCKET so = open_socket(WSK_FLAG_CONNECTION_SOCKET);
    assert_int_equal(bind_it(so), STATUS_SUCCESS);
    close_it(so);
    wsk_done();
}

static void fire_SOCKET_NOT_CLOSED(void)
{
    open_socket(WSK_FLAG_CONNECTION_SOCKET);
    wsk_done();
}
static void silent_SOCKET_NOT_CLOSED(void)
{
    silent_IRP_NO_COMPLETION_ROUTINE();
}

static PADDRINFOEXW resolve(void)
{
    static const WCHAR name[] = u"wskfuzz.test";
    UNICODE_STRING node = {sizeof name - sizeof(WCHAR), sizeof name, (PWSTR)name};
    PADDRINFOEXW result = NULL;
    nirps = 0;
    wsk_register_and_capture();
    assert_int_equal(pnpi.Dispatch->WskGetAddressInfo(pnpi.Client, &node, NULL, NS_ALL, NULL, NULL, &result, NULL,
                                                      NULL, wsk_irp()),
                     STATUS_SUCCESS);
    assert_non_null(result);
    return result;
}
static void fire_ADDRINFO_NOT_FREED(void)
{
    resolve();
    wsk_done();
}
static void silent_ADDRINFO_NOT_FREED(void)
{
    pnpi.Dispatch->WskFreeAddressInfo(pnpi.Client, resolve());
    wsk_done();
}

/* The end of a scenario is the last place a socket or an address list the client kept is seen:
 * here through an NMR binding whose provider left (the client detached; the subsystem's side of
 * the binding still waits for the socket), with no registration whose checks come first. */
static const ut_binding *attached_binding(void)
{
    nirps = 0;
    ut_wsk_provider(V10, V10);
    stub_load_driver();
    assert_int_equal(ut_client_state.nbindings, 1);
    return ut_client_state.bindings[0];
}
static void socket_open_when_the_scenario_ends(void)
{
    const ut_binding *b = attached_binding();
    assert_int_equal(b->dispatch->WskSocket(b->client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_CONNECTION_SOCKET,
                                            NULL, NULL, NULL, NULL, NULL, wsk_irp()),
                     STATUS_SUCCESS);
    stub_provider_deregister(0);
    stub_final_checks();
}
static void list_kept_when_the_scenario_ends(void)
{
    static const WCHAR name[] = u"wskfuzz.test";
    UNICODE_STRING node = {sizeof name - sizeof(WCHAR), sizeof name, (PWSTR)name};
    PADDRINFOEXW result = NULL;
    const ut_binding *b = attached_binding();
    assert_int_equal(b->dispatch->WskGetAddressInfo(b->client, &node, NULL, NS_ALL, NULL, NULL, &result, NULL, NULL,
                                                    wsk_irp()),
                     STATUS_SUCCESS);
    stub_provider_deregister(0);
    stub_final_checks();
}
static void residue_at_the_end(void **state)
{
    (void)state;
    assert_verdict(socket_open_when_the_scenario_ends, V_SOCKET_NOT_CLOSED);
    assert_non_null(strstr(verdict_last_message(), "the scenario ended"));
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(list_kept_when_the_scenario_ends, V_ADDRINFO_NOT_FREED);
    assert_non_null(strstr(verdict_last_message(), "the scenario ended"));
}

/* ---- waits, synchronization objects, MDLs ---- */

static KEVENT event;

static void fire_WAIT_FOREVER(void)
{
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL); /* nobody can set it */
}
static void silent_WAIT_FOREVER(void)
{
    LARGE_INTEGER ms = {.QuadPart = -10000};
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &ms), STATUS_TIMEOUT);
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    stub_final_checks();
}

static void fire_SYNC_MISUSE(void)
{
    memset(&event, 0, sizeof event);
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE); /* never initialized */
}
static void silent_SYNC_MISUSE(void)
{
    memset(&event, 0, sizeof event);
    KeInitializeEvent(&event, SynchronizationEvent, FALSE);
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    assert_int_equal(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    stub_final_checks();
}

static char mdl_buffer[64];
static void fire_MDL_MISUSE(void)
{
    PMDL mdl = IoAllocateMdl(mdl_buffer, sizeof mdl_buffer, FALSE, FALSE, NULL);
    assert_non_null(mdl);
    MmUnlockPages(mdl); /* never locked */
}
static void silent_MDL_MISUSE(void)
{
    PMDL mdl = IoAllocateMdl(mdl_buffer, sizeof mdl_buffer, FALSE, FALSE, NULL);
    assert_non_null(mdl);
    MmProbeAndLockPages(mdl, KernelMode, IoWriteAccess);
    MmUnlockPages(mdl);
    IoFreeMdl(mdl);
    stub_final_checks();
}

/* ---- threads, work items, DPCs, timers and IRQL ---- */

static KEVENT go, done;          /* go: the unload lets the worker finish; done: the worker says so */
static PETHREAD worker;
static WORK_QUEUE_ITEM ex_item;
static KTIMER timer;
static KDPC dpc;
static KSPIN_LOCK lock;

static VOID wait_for_go(PVOID ctx)
{
    (void)ctx;
    KeWaitForSingleObject(&go, Executive, KernelMode, FALSE, NULL);
    KeSetEvent(&done, IO_NO_INCREMENT, FALSE);
}

static NTSTATUS entry_with_thread(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    HANDLE h;
    KeInitializeEvent(&go, NotificationEvent, FALSE);
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    assert_int_equal(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, wait_for_go, NULL), STATUS_SUCCESS);
    assert_int_equal(ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, (PVOID *)&worker,
                                               NULL), STATUS_SUCCESS);
    assert_int_equal(ZwClose(h), STATUS_SUCCESS);
    driver->DriverUnload = ut_client_unload;
    return STATUS_SUCCESS;
}

static NTSTATUS entry_with_ex_item(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    KeInitializeEvent(&go, NotificationEvent, FALSE);
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    ExInitializeWorkItem(&ex_item, wait_for_go, NULL);
    ExQueueWorkItem(&ex_item, DelayedWorkQueue);
    driver->DriverUnload = ut_client_unload;
    return STATUS_SUCCESS;
}

static NTSTATUS entry_only_unload(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    driver->DriverUnload = ut_client_unload;
    return STATUS_SUCCESS;
}

static void play_threads(NTSTATUS (*entry)(PDRIVER_OBJECT, PUNICODE_STRING), void (*unload)(void))
{
    ut_entry = entry;
    ut_client_state.unload_hook = unload;
    ut_play();
}

static void unload_leaves_worker(void) {}
static void unload_waits_for_thread_only(void)
{
    KeWaitForSingleObject(worker, Executive, KernelMode, FALSE, NULL); /* never told to go */
}
static void unload_stops_thread(void)
{
    KeSetEvent(&go, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(worker, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(worker);
}
static void unload_stops_item(void)
{
    KeSetEvent(&go, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
}

static void fire_DEADLOCK(void) { play_threads(entry_with_thread, unload_waits_for_thread_only); }
static void silent_DEADLOCK(void) { play_threads(entry_with_thread, unload_stops_thread); }
/* What unload must give back: a device object, a work item, a thread handle, an object reference. */
static PDEVICE_OBJECT device;
static PIO_WORKITEM io_item;
static HANDLE thread_handle;

static NTSTATUS entry_with_device(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    assert_int_equal(IoCreateDevice(driver, 0, NULL, FILE_DEVICE_NETWORK, 0, FALSE, &device), STATUS_SUCCESS);
    io_item = IoAllocateWorkItem(device);
    assert_non_null(io_item);
    driver->DriverUnload = ut_client_unload;
    return STATUS_SUCCESS;
}
static void unload_frees_item_only(void) { IoFreeWorkItem(io_item); }
static void unload_deletes_device_only(void) { IoDeleteDevice(device); }
static void unload_frees_item_and_device(void)
{
    IoFreeWorkItem(io_item);
    IoDeleteDevice(device);
}

static NTSTATUS entry_keeps_handle(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    (void)path;
    KeInitializeEvent(&go, NotificationEvent, FALSE);
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    assert_int_equal(PsCreateSystemThread(&thread_handle, THREAD_ALL_ACCESS, NULL, NULL, NULL, wait_for_go, NULL),
                     STATUS_SUCCESS);
    driver->DriverUnload = ut_client_unload;
    return STATUS_SUCCESS;
}
static void unload_waits_on_handle(void)
{
    KeSetEvent(&go, IO_NO_INCREMENT, FALSE);
    assert_int_equal(ZwWaitForSingleObject(thread_handle, FALSE, NULL), STATUS_SUCCESS);
}
static void unload_waits_and_closes(void)
{
    unload_waits_on_handle();
    assert_int_equal(ZwClose(thread_handle), STATUS_SUCCESS);
}
static void unload_stops_thread_keeps_reference(void)
{
    KeSetEvent(&go, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(worker, Executive, KernelMode, FALSE, NULL);
}
/* Two references taken, two given back (one by ObReferenceObject on the object itself). */
static void unload_balances_two_references(void)
{
    ObReferenceObject(worker);
    unload_stops_thread_keeps_reference();
    ObDereferenceObject(worker);
    ObDereferenceObject(worker);
}

static void fire_DEVICE_NOT_DELETED(void) { play_threads(entry_with_device, unload_frees_item_only); }
static void silent_DEVICE_NOT_DELETED(void) { play_threads(entry_with_device, unload_frees_item_and_device); }
static void fire_WORKITEM_NOT_FREED(void) { play_threads(entry_with_device, unload_deletes_device_only); }
static void silent_WORKITEM_NOT_FREED(void) { play_threads(entry_with_device, unload_frees_item_and_device); }
static void fire_HANDLE_NOT_CLOSED(void) { play_threads(entry_keeps_handle, unload_waits_on_handle); }
static void silent_HANDLE_NOT_CLOSED(void) { play_threads(entry_keeps_handle, unload_waits_and_closes); }
static void fire_OBJECT_REFERENCE_LEAK(void) { play_threads(entry_with_thread, unload_stops_thread_keeps_reference); }
static void silent_OBJECT_REFERENCE_LEAK(void) { play_threads(entry_with_thread, unload_balances_two_references); }

static void fire_THREAD_RUNNING_AT_UNLOAD(void) { play_threads(entry_with_thread, unload_leaves_worker); }
static void silent_THREAD_RUNNING_AT_UNLOAD(void) { play_threads(entry_with_thread, unload_stops_thread); }
static void fire_WORKITEM_PENDING_AT_UNLOAD(void) { play_threads(entry_with_ex_item, unload_leaves_worker); }
static void silent_WORKITEM_PENDING_AT_UNLOAD(void) { play_threads(entry_with_ex_item, unload_stops_item); }

static VOID count_dpc(PKDPC d, PVOID ctx, PVOID a1, PVOID a2)
{
    (void)d, (void)a1, (void)a2;
    (*(int *)ctx)++;
}
static int dpc_runs;

static void unload_leaves_timer(void)
{
    LARGE_INTEGER due = {.QuadPart = -10000000}; /* 1 s */
    KeInitializeDpc(&dpc, count_dpc, &dpc_runs);
    KeInitializeTimer(&timer);
    KeSetTimer(&timer, due, &dpc);
}
static void unload_cancels_timer(void)
{
    unload_leaves_timer();
    KeCancelTimer(&timer);
}
static void fire_TIMER_SET_AT_UNLOAD(void) { play_threads(entry_only_unload, unload_leaves_timer); }
static void silent_TIMER_SET_AT_UNLOAD(void) { play_threads(entry_only_unload, unload_cancels_timer); }

/* Targeted at processor 1, a DPC runs at the next scheduling point: after unload, unless flushed. */
static void unload_leaves_dpc(void)
{
    KIRQL old;
    KeInitializeDpc(&dpc, count_dpc, &dpc_runs);
    KeSetTargetProcessorDpc(&dpc, 1);
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    KeInsertQueueDpc(&dpc, NULL, NULL);
    KeReleaseSpinLock(&lock, old);
}
static void unload_flushes_dpc(void)
{
    unload_leaves_dpc();
    KeFlushQueuedDpcs();
    assert_int_equal(dpc_runs, 1);
}
static void fire_DPC_QUEUED_AT_UNLOAD(void) { play_threads(entry_only_unload, unload_leaves_dpc); }
static void silent_DPC_QUEUED_AT_UNLOAD(void)
{
    dpc_runs = 0;
    play_threads(entry_only_unload, unload_flushes_dpc);
}

static void fire_IRQL_TOO_HIGH(void)
{
    KIRQL old;
    HANDLE h;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, wait_for_go, NULL); /* PASSIVE_LEVEL only */
}
static void silent_IRQL_TOO_HIGH(void)
{
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    assert_int_equal(KeGetCurrentIrql(), DISPATCH_LEVEL);
    KeReleaseSpinLock(&lock, old);
    assert_int_equal(KeGetCurrentIrql(), PASSIVE_LEVEL);
    stub_final_checks();
}

static void fire_WAIT_AT_DISPATCH(void)
{
    KIRQL old;
    KeInitializeEvent(&go, NotificationEvent, TRUE);
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    KeWaitForSingleObject(&go, Executive, KernelMode, FALSE, NULL); /* signaled, but no timeout */
}
static void silent_WAIT_AT_DISPATCH(void)
{
    KIRQL old;
    LARGE_INTEGER zero = {.QuadPart = 0};
    KeInitializeEvent(&go, NotificationEvent, TRUE);
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    assert_int_equal(KeWaitForSingleObject(&go, Executive, KernelMode, FALSE, &zero), STATUS_SUCCESS);
    KeReleaseSpinLock(&lock, old);
    stub_final_checks();
}

static void fire_PAGED_POOL_AT_DISPATCH(void)
{
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    (void)ExAllocatePoolWithTag(PagedPool, 16, 'gapx');
}
static void silent_PAGED_POOL_AT_DISPATCH(void)
{
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 16, 'gapx');
    KeReleaseSpinLock(&lock, old);
    ExFreePoolWithTag(ExAllocatePoolWithTag(PagedPool, 16, 'gapx'), 'gapx');
    ExFreePoolWithTag(p, 'gapx');
    stub_final_checks();
}

static void fire_IRQL_NOT_RESTORED(void)
{
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    KeReleaseSpinLock(&lock, DISPATCH_LEVEL); /* not the IRQL the acquire returned */
}
static void silent_IRQL_NOT_RESTORED(void)
{
    KIRQL old, old2;
    KSPIN_LOCK other;
    KeInitializeSpinLock(&lock);
    KeInitializeSpinLock(&other);
    KeAcquireSpinLock(&lock, &old);
    KeAcquireSpinLock(&other, &old2);
    KeReleaseSpinLock(&other, old2);
    KeReleaseSpinLock(&lock, old);
    stub_final_checks();
}

/* A worker thread is preempted inside WskControlClient; the provider leaves meanwhile. */
static VOID worker_calls_provider(PVOID ctx)
{
    (void)ctx;
    ut_binding *b = ut_client_state.bindings[0];
    b->dispatch->WskControlClient(b->client, WSK_TDI_BEHAVIOR, 0, NULL, 0, NULL, NULL, NULL);
    ut_complete_one_pending(); /* the call is over: a pending detach may complete */
}
static NTSTATUS entry_attach_and_worker(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NTSTATUS status = ut_client_entry(driver, path);
    HANDLE h;
    assert_int_equal(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, worker_calls_provider, NULL),
                     STATUS_SUCCESS);
    ZwClose(h);
    return status;
}
/* The same with a socket call: the worker is preempted inside WskSocket (its 2nd kernel call). */
static VOID worker_creates_socket(PVOID ctx)
{
    (void)ctx;
    ut_binding *b = ut_client_state.bindings[0];
    PIRP irp = IoAllocateIrp(1, FALSE);
    assert_non_null(irp);
    completions = 0;
    IoSetCompletionRoutine(irp, completion_keeps_irp, &completions, TRUE, TRUE, TRUE);
    NTSTATUS status = b->dispatch->WskSocket(b->client, AF_INET, SOCK_STREAM, IPPROTO_TCP, WSK_FLAG_BASIC_SOCKET,
                                             NULL, NULL, NULL, NULL, NULL, irp);
    if (NT_SUCCESS(status)) {
        PWSK_SOCKET socket = (PWSK_SOCKET)irp->IoStatus.Information;
        IoReuseIrp(irp, STATUS_UNSUCCESSFUL);
        IoSetCompletionRoutine(irp, completion_keeps_irp, &completions, TRUE, TRUE, TRUE);
        ((const WSK_PROVIDER_BASIC_DISPATCH *)socket->Dispatch)->WskCloseSocket(socket, irp);
    }
    IoFreeIrp(irp);
    ut_complete_one_pending();
}
static NTSTATUS entry_attach_and_socket_worker(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    NTSTATUS status = ut_client_entry(driver, path);
    HANDLE h;
    assert_int_equal(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, worker_creates_socket, NULL),
                     STATUS_SUCCESS);
    ZwClose(h);
    return status;
}
static void detach_during(NTSTATUS answer, NTSTATUS (*entry)(PDRIVER_OBJECT, PUNICODE_STRING), unsigned call)
{
    stub_plan plan = {0};
    plan.preemptions[0] = (stub_preemption){.thread = 1, .call = call};
    stub_set_plan(&plan);
    ut_client_state.detach_answer = answer;
    int p = ut_wsk_provider(V10, V10);
    ut_entry = entry;
    assert_int_equal(stub_load_driver(), STATUS_SUCCESS); /* the worker runs into its call and is preempted */
    stub_provider_deregister(p);
    stub_unload_driver();
    stub_final_checks();
}
static void fire_DETACH_WHILE_CALL_IN_FLIGHT(void) { detach_during(STATUS_SUCCESS, entry_attach_and_worker, 1); }
static void silent_DETACH_WHILE_CALL_IN_FLIGHT(void) { detach_during(STATUS_PENDING, entry_attach_and_worker, 1); }
static void fire_detach_during_socket_call(void) { detach_during(STATUS_SUCCESS, entry_attach_and_socket_worker, 2); }
static void silent_detach_during_socket_call(void)
{
    detach_during(STATUS_PENDING, entry_attach_and_socket_worker, 2);
}

/* ---- the table ---- */

typedef struct {
    verdict_id id;
    void (*fire)(void);
    void (*silent)(void);
} verdict_pair;

#define PAIR(ID) {V_##ID, fire_##ID, silent_##ID},
static const verdict_pair pairs[] = {
    PAIR(POOL_LEAK) PAIR(POOL_LEAK_FAILED_ATTACH) PAIR(POOL_DOUBLE_FREE) PAIR(POOL_TAG_MISMATCH)
    PAIR(POOL_FOREIGN_FREE) PAIR(POOL_ZERO_SIZE) PAIR(POOL_ZERO_TAG) PAIR(POOL_BAD_ARGUMENT)
    PAIR(RESIDENT_MEMORY_FREED) PAIR(REGISTER_BAD_CHARACTERISTICS) PAIR(DEREGISTER_BAD_HANDLE)
    PAIR(DEREGISTER_TWICE) PAIR(WAIT_BEFORE_DEREGISTER) PAIR(UNLOAD_WITHOUT_DEREGISTER) PAIR(UNLOAD_WITHOUT_WAIT)
    PAIR(DRIVER_NO_UNLOAD) PAIR(ATTACH_SUCCESS_WITHOUT_BINDING) PAIR(ATTACH_FAILED_AFTER_BINDING)
    PAIR(ATTACH_STATUS_NOT_LAST) PAIR(ATTACH_DECLINE_NOT_ERROR) PAIR(ATTACH_AFTER_SUCCESS)
    PAIR(ATTACH_RETRY_STORM) PAIR(ATTACH_BAD_HANDLE) PAIR(ATTACH_OUTSIDE_CALLBACK) PAIR(ATTACH_BAD_DISPATCH)
    PAIR(ATTACH_BAD_ARGUMENT) PAIR(DETACH_BAD_STATUS) PAIR(DETACH_COMPLETE_UNEXPECTED)
    PAIR(DETACH_COMPLETE_REPEATED) PAIR(DETACH_COMPLETE_NEVER) PAIR(DETACH_COMPLETE_BAD_HANDLE)
    PAIR(PROVIDER_CALL_AFTER_DETACH) PAIR(PROVIDER_CALL_UNBOUND) PAIR(WSK_REGISTER_BAD_NPI)
    PAIR(WSK_REGISTRATION_REUSED) PAIR(WSK_CAPTURE_NOT_RELEASED) PAIR(WSK_RELEASE_WITHOUT_CAPTURE)
    PAIR(WSK_NOT_DEREGISTERED) PAIR(WSK_DEREGISTER_UNREGISTERED) PAIR(WSK_DEREGISTER_WITH_CAPTURE)
    PAIR(WSK_CALL_AFTER_RELEASE) PAIR(WSK_CALL_AFTER_DEREGISTER) PAIR(WSK_CAPTURE_HANG) PAIR(IRP_LEAK)
    PAIR(IRP_MISUSE) PAIR(IRP_NO_COMPLETION_ROUTINE) PAIR(IRP_NOT_READY) PAIR(WSK_BAD_ARGUMENT)
    PAIR(SOCKET_BAD_STATE) PAIR(SOCKET_CLOSED_TWICE) PAIR(SOCKET_USE_AFTER_CLOSE) PAIR(SOCKET_NOT_CLOSED)
    PAIR(ADDRINFO_NOT_FREED) PAIR(WAIT_FOREVER) PAIR(SYNC_MISUSE) PAIR(MDL_MISUSE)
    PAIR(DEADLOCK) PAIR(THREAD_RUNNING_AT_UNLOAD) PAIR(WORKITEM_PENDING_AT_UNLOAD) PAIR(DEVICE_NOT_DELETED)
    PAIR(WORKITEM_NOT_FREED) PAIR(HANDLE_NOT_CLOSED) PAIR(OBJECT_REFERENCE_LEAK) PAIR(TIMER_SET_AT_UNLOAD)
    PAIR(DPC_QUEUED_AT_UNLOAD) PAIR(IRQL_TOO_HIGH) PAIR(WAIT_AT_DISPATCH) PAIR(PAGED_POOL_AT_DISPATCH)
    PAIR(IRQL_NOT_RESTORED) PAIR(DETACH_WHILE_CALL_IN_FLIGHT)
};
#define NPAIRS (sizeof pairs / sizeof pairs[0])

static void run_pair(void **state)
{
    const verdict_pair *p = *state;
    assert_verdict(p->fire, p->id);
    assert_true(verdict_last_message()[0] != 0);
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(p->silent, V_COUNT);
}

/* Every catalogue entry has exactly one row, a rule and a page; the failure lists every ID
 * without its row at once. */
static void catalogue_covered(void **state)
{
    (void)state;
    unsigned rows[V_COUNT] = {0}, bad = 0;
    for (size_t i = 0; i < NPAIRS; i++) {
        assert_in_range(pairs[i].id, 0, V_COUNT - 1);
        rows[pairs[i].id]++;
    }
    for (unsigned id = 0; id < V_COUNT; id++) {
        if (rows[id] != 1) {
            print_error("verdict %s has %u rows in test_verdicts.c (want 1)\n", verdict_name((verdict_id)id), rows[id]);
            bad++;
        }
        assert_true(verdict_rule((verdict_id)id)[0] && verdict_page((verdict_id)id)[0]);
        for (unsigned other = 0; other < id; other++)
            assert_string_not_equal(verdict_name((verdict_id)id), verdict_name((verdict_id)other));
    }
    assert_int_equal(bad, 0);
}

/* Without a catcher a verdict prints its report and aborts: run one in a child and read it. */
static void report_format(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        verdict_set_catcher(NULL);
        fire_POOL_DOUBLE_FREE();
        _exit(0);
    }
    close(fds[1]);
    char out[16384];
    size_t n = 0;
    ssize_t r;
    while (n < sizeof out - 1 && (r = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = 0;
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    assert_true(strncmp(out, "WSKFUZZ VIOLATION POOL_DOUBLE_FREE: ", 36) == 0);
    assert_non_null(strstr(out, "\nrule: Pool memory is freed once"));
    assert_non_null(strstr(out, "\nsource: Bug Check 0xC2"));
    assert_non_null(strstr(out, "\nclient site: "));
    assert_non_null(strstr(out, "test_verdicts.c:"));
    assert_non_null(strstr(out, "\ntrace ("));
}

/* A socket call is in flight like WskControlClient: a detach answered STATUS_SUCCESS while the
 * worker is preempted inside WskSocket is caught; STATUS_PENDING completed afterwards is clean. */
static void socket_call_in_flight(void **state)
{
    (void)state;
    assert_verdict(fire_detach_during_socket_call, V_DETACH_WHILE_CALL_IN_FLIGHT);
    assert_int_equal(completions, 0); /* caught inside WskSocket, not in the WskCloseSocket after it */
    ut_teardown(NULL);
    ut_setup(NULL);
    assert_verdict(silent_detach_during_socket_call, V_COUNT);
}

/* The unload verdicts about what was not given back name the line that created or took it. */
static void unload_leaks_name_their_line(void **state)
{
    (void)state;
    static void (*const fires[])(void) = {fire_DEVICE_NOT_DELETED, fire_WORKITEM_NOT_FREED, fire_HANDLE_NOT_CLOSED,
                                          fire_OBJECT_REFERENCE_LEAK};
    for (unsigned i = 0; i < sizeof fires / sizeof fires[0]; i++) {
        ut_catch(fires[i]);
        assert_non_null(strstr(verdict_last_message(), "test_verdicts.c:"));
        ut_teardown(NULL);
        ut_setup(NULL);
    }
}

int main(void)
{
    static struct CMUnitTest tests[NPAIRS + 5];
    static char names[NPAIRS][80];
    for (size_t i = 0; i < NPAIRS; i++) {
        snprintf(names[i], sizeof names[i], "verdict_%s", verdict_name(pairs[i].id));
        tests[i] = (struct CMUnitTest){names[i], run_pair, ut_setup, ut_teardown, (void *)&pairs[i]};
    }
    tests[NPAIRS] = (struct CMUnitTest)UT_TEST(catalogue_covered);
    tests[NPAIRS + 1] = (struct CMUnitTest)UT_TEST(report_format);
    tests[NPAIRS + 2] = (struct CMUnitTest)UT_TEST(residue_at_the_end);
    tests[NPAIRS + 3] = (struct CMUnitTest)UT_TEST(socket_call_in_flight);
    tests[NPAIRS + 4] = (struct CMUnitTest)UT_TEST(unload_leaks_name_their_line);
    return _cmocka_run_group_tests("verdicts", tests, NPAIRS + 5, NULL, NULL);
}
