/* ut_client.c - the driver under test of the unit tests: DriverEntry hands over to whatever a
 * test installs; by default a WSK NMR client that follows the documentation to the letter, so
 * that any verdict it gets is the stub kernel's fault. */
#include <stdio.h>

#include "ut.h"

ut_client ut_client_state;
NTSTATUS (*ut_entry)(PDRIVER_OBJECT, PUNICODE_STRING);

NTSTATUS DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path)
{
    return ut_entry ? ut_entry(driver, registry_path) : STATUS_SUCCESS;
}

static const NPI_MODULEID ut_module = {sizeof(NPI_MODULEID), MIT_GUID,
                                       {{0x7e57c11e, 0x0001, 0x4000, {0x80, 1, 2, 3, 4, 5, 6, 7}}}};

void ut_client_reset(void)
{
    memset(&ut_client_state, 0, sizeof ut_client_state);
    ut_client_state.versions[0] = MAKE_WSK_VERSION(1, 0);
    ut_client_state.nversions = 1;
    ut_client_state.detach_answer = STATUS_SUCCESS;
    ut_client_state.wait_on_unload = true;
    ut_client_state.set_unload = true;
    ut_client_state.register_status = STATUS_UNSUCCESSFUL;
    ut_client_state.module = ut_module;
    ut_client_state.chars = (NPI_CLIENT_CHARACTERISTICS){
        0, sizeof(NPI_CLIENT_CHARACTERISTICS), ut_client_attach, ut_client_detach, ut_client_cleanup,
        {0, sizeof(NPI_REGISTRATION_INSTANCE), &NPI_WSK_INTERFACE_ID, &ut_client_state.module, 0, NULL}};
}

static void forget(ut_binding *b)
{
    for (unsigned i = 0; i < ut_client_state.nbindings; i++)
        if (ut_client_state.bindings[i] == b) {
            ut_client_state.bindings[i] = ut_client_state.bindings[--ut_client_state.nbindings];
            return;
        }
}

NTSTATUS ut_attach_documented(HANDLE binding, PNPI_REGISTRATION_INSTANCE instance)
{
    (void)instance;
    ut_binding *b = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof *b, UT_TAG);
    if (!b)
        return STATUS_INSUFFICIENT_RESOURCES;
    memset(b, 0, sizeof *b);
    NTSTATUS status = STATUS_NOINTERFACE;
    for (unsigned i = 0; i < ut_client_state.nversions; i++) {
        ut_client_state.dispatch[i] = (WSK_CLIENT_DISPATCH){ut_client_state.versions[i], 0, NULL};
        status = NmrClientAttachProvider(binding, b, &ut_client_state.dispatch[i], &b->client, &b->dispatch);
        if (status != STATUS_NOINTERFACE)
            break;
    }
    if (status == STATUS_SUCCESS) {
        b->binding = binding;
        b->version = b->dispatch ? b->dispatch->Version : 0;
        if (ut_client_state.nbindings < UT_MAX_BINDINGS)
            ut_client_state.bindings[ut_client_state.nbindings++] = b;
        ut_client_state.attached++;
    } else {
        ExFreePoolWithTag(b, UT_TAG);
    }
    return status;
}

NTSTATUS ut_client_attach(HANDLE binding, PVOID client_context, PNPI_REGISTRATION_INSTANCE instance)
{
    (void)client_context;
    ut_client_state.attach_calls++;
    ut_client_state.last_instance = instance;
    NTSTATUS status = ut_client_state.attach_hook ? ut_client_state.attach_hook(binding, client_context, instance)
                                     : ut_attach_documented(binding, instance);
    ut_client_state.last_attach_status = status;
    return status;
}

NTSTATUS ut_client_detach(PVOID context)
{
    ut_client_state.detach_calls++;
    if (ut_client_state.detach_hook)
        return ut_client_state.detach_hook(context);
    ut_binding *b = context;
    if (ut_client_state.detach_answer == STATUS_PENDING)
        b->pending = true;
    return ut_client_state.detach_answer;
}

void ut_client_cleanup(PVOID context)
{
    ut_client_state.cleanup_calls++;
    forget(context);
    ExFreePoolWithTag(context, UT_TAG);
}

bool ut_complete_one_pending(void)
{
    for (unsigned i = 0; i < ut_client_state.nbindings; i++)
        if (ut_client_state.bindings[i]->pending) {
            ut_client_state.bindings[i]->pending = false;
            NmrClientDetachProviderComplete(ut_client_state.bindings[i]->binding); /* may clean it up */
            return true;
        }
    return false;
}

bool ut_world_completes_detaches(void *arg)
{
    (void)arg;
    return ut_complete_one_pending();
}

void ut_client_unload(PDRIVER_OBJECT driver)
{
    (void)driver;
    if (ut_client_state.unload_hook) {
        ut_client_state.unload_hook();
        return;
    }
    NTSTATUS status = NmrDeregisterClient(ut_client_state.handle);
    if (status == STATUS_PENDING && ut_client_state.wait_on_unload)
        NmrWaitForClientDeregisterComplete(ut_client_state.handle);
}

NTSTATUS ut_client_entry(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path)
{
    (void)registry_path;
    if (ut_client_state.set_unload)
        driver->DriverUnload = ut_client_unload;
    ut_client_state.register_status = NmrRegisterClient(&ut_client_state.chars, &ut_client_state, &ut_client_state.handle);
    return ut_client_state.register_status;
}

/* ---- providers ---- */

stub_provider_spec ut_wsk_spec(USHORT lowest, USHORT highest)
{
    stub_provider_spec s;
    memset(&s, 0, sizeof s);
    s.instance.Version = 0;
    s.instance.Size = sizeof(NPI_REGISTRATION_INSTANCE);
    s.npi = NPI_KIND_WSK;
    s.module_id.Length = sizeof(NPI_MODULEID);
    s.module_id.Type = MIT_GUID;
    s.module_id.Guid.Data1 = 0xeb004a00;
    s.has_characteristics = true;
    s.characteristics.LowestVersion = lowest;
    s.characteristics.HighestVersion = highest;
    return s;
}

/* The stub keeps a pointer to each spec for the whole scenario: copies live here until reset. */
static stub_provider_spec specs[STUB_MAX_PROVIDERS + 1];
static unsigned nspecs;

int ut_provider(const stub_provider_spec *spec)
{
    stub_provider_spec *kept = &specs[nspecs < STUB_MAX_PROVIDERS ? nspecs++ : STUB_MAX_PROVIDERS];
    *kept = *spec;
    return stub_provider_register(kept);
}

int ut_wsk_provider(USHORT lowest, USHORT highest)
{
    stub_provider_spec s = ut_wsk_spec(lowest, highest);
    return ut_provider(&s);
}

/* ---- running ---- */

void ut_reset_scenario(void)
{
    static const stub_plan no_faults;
    stub_reset();
    stub_set_plan(&no_faults);
    stub_set_world_hook(NULL, NULL);
    stub_set_scenario_printer(NULL, NULL);
    ut_client_reset();
    nspecs = 0;
    ut_entry = ut_client_entry;
}

int ut_setup(void **state)
{
    (void)state;
    verdict_set_catcher(NULL);
    ut_reset_scenario();
    return 0;
}

int ut_teardown(void **state)
{
    (void)state;
    verdict_set_catcher(NULL); /* a failed assertion may have left it pointing at a dead frame */
    stub_reset();
    return 0;
}

verdict_id ut_catch(void (*fn)(void))
{
    jmp_buf catcher;
    verdict_set_catcher(&catcher);
    if (setjmp(catcher) == 0) {
        fn();
        verdict_set_catcher(NULL);
        return V_COUNT;
    }
    return verdict_last();
}

void ut_play(void)
{
    if (NT_SUCCESS(stub_load_driver()))
        stub_unload_driver();
    stub_final_checks();
}

void ut_assert_verdict(void (*fn)(void), verdict_id want, const char *file, int line)
{
    verdict_id got = ut_catch(fn);
    if (got == want)
        return;
    char message[700];
    snprintf(message, sizeof message, "expected %s, got %s%s%s", want == V_COUNT ? "no verdict" : verdict_name(want),
             got == V_COUNT ? "no verdict" : verdict_name(got), got == V_COUNT ? "" : ": ",
             got == V_COUNT ? "" : verdict_last_message());
    print_error("%s\n", message);
    _fail(file, line);
}
