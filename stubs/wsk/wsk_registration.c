/* wsk_registration.c - the WskRegister library on the same model: registration blocks,
 * captures of the provider NPI (with WSK_NO_WAIT, a timeout or WSK_INFINITE_WAIT), release,
 * characteristics query and deregistration. */
#include "irql.h"
#include "ke_sync.h"
#include "sched.h"
#include "wsk_calls.h"

typedef enum { REG_FREE, REG_ACTIVE, REG_DEREGISTERING, REG_DEREGISTERED } reg_state;

typedef struct {
    reg_state state;
    WSK_REGISTRATION *registration;     /* the client's block */
    /* The client's dispatch, which must stay valid until WskDeregister; its WSK_CLIENT_NPI need not
     * (Microsoft's sample passes one on DriverEntry's stack), so the pointer to it is not kept. */
    const WSK_CLIENT_DISPATCH *client_dispatch;
    unsigned captures;
    bool closing;                       /* WskDeregister was called: blocked captures return */
    struct _WSK_CLIENT wsk_client;
    WSK_PROVIDER_DISPATCH dispatch;
} wsk_reg;

static wsk_reg regs[STUB_MAX_WSK_REGS];
static unsigned nregs;

void wsk_registration_reset(void)
{
    nregs = 0;
}

#undef WskRegister
#undef WskCaptureProviderNPI
#undef WskReleaseProviderNPI
#undef WskQueryProviderCharacteristics
#undef WskDeregister

/* The library keeps its record index in the block's opaque context, as netio does. */
static int reg_of(const WSK_REGISTRATION *registration)
{
    for (unsigned i = 0; i < nregs; i++)
        if (regs[i].registration == registration)
            return (int)i;
    return -1;
}

/* The newest record of a block (re-registered after WskDeregister: the last), or -1. */
static int reg_of_newest(const WSK_REGISTRATION *registration)
{
    int ri = -1;
    for (unsigned i = 0; i < nregs; i++)
        if (regs[i].registration == registration)
            ri = (int)i;
    return ri;
}

/* The record of a block that is (or was) registered; a block never registered is a verdict. */
static wsk_reg *live_reg(WSK_REGISTRATION *registration, const char *call)
{
    int ri = -1;
    for (unsigned i = 0; i < nregs; i++)
        if (regs[i].registration == registration)
            ri = (int)i; /* the newest record for a block re-registered after WskDeregister */
    if (ri < 0)
        verdict_fire(V_WSK_CALL_AFTER_DEREGISTER, "%s on a WSK_REGISTRATION that WskRegister never accepted", call);
    if (regs[ri].state != REG_ACTIVE)
        verdict_fire(V_WSK_CALL_AFTER_DEREGISTER, "%s after WskDeregister", call);
    return &regs[ri];
}

NTSTATUS WSKAPI WskRegister(PWSK_CLIENT_NPI npi, PWSK_REGISTRATION registration)
{
    trace_event(T_WSK_REGISTER, 0, 0, 0);
    irql_check(IRQL_WskRegister);
    if (!npi || !npi->Dispatch)
        verdict_fire(V_WSK_REGISTER_BAD_NPI, "WskRegister got %s", npi ? "a WSK_CLIENT_NPI with a NULL Dispatch"
                                                                        : "a NULL WSK_CLIENT_NPI");
    if (npi->Dispatch->Reserved != 0)
        verdict_fire(V_WSK_REGISTER_BAD_NPI, "WSK_CLIENT_DISPATCH.Reserved is %u, not 0", npi->Dispatch->Reserved);
    if (!registration)
        verdict_fire(V_WSK_REGISTER_BAD_NPI, "WskRegister got a NULL WSK_REGISTRATION");
    int old = -1;
    for (unsigned i = 0; i < nregs; i++)
        if (regs[i].registration == registration && regs[i].state == REG_ACTIVE)
            old = (int)i;
    if (old >= 0)
        verdict_fire(V_WSK_REGISTRATION_REUSED, "WskRegister on a WSK_REGISTRATION that is still registered");
    NTSTATUS status = fault_status(FP_WSK_REGISTER);
    if (status == STATUS_SUCCESS && nregs == STUB_MAX_WSK_REGS)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (status != STATUS_SUCCESS) {
        trace_return(T_WSK_REGISTER, 0, 0, status);
        return status;
    }
    int ri = (int)nregs++;
    wsk_reg *r = &regs[ri];
    *r = (wsk_reg){.state = REG_ACTIVE, .registration = registration, .client_dispatch = npi->Dispatch};
    r->wsk_client = (struct _WSK_CLIENT){WSKFUZZ_CLIENT_MAGIC, -1, ri};
    registration->ReservedRegistrationContext = r;
    trace_return(T_WSK_REGISTER, (uint64_t)ri, npi->Dispatch->Version, status);
    return STATUS_SUCCESS;
}

static bool capture_can_end(void *r)
{
    return wsk_first_provider() || ((wsk_reg *)r)->closing;
}

static bool captures_released(void *r)
{
    return ((wsk_reg *)r)->captures == 0;
}

NTSTATUS WSKAPI WskCaptureProviderNPI(PWSK_REGISTRATION registration, ULONG timeout, PWSK_PROVIDER_NPI out)
{
    trace_event(T_WSK_CAPTURE, (uint64_t)reg_of(registration), timeout, 0);
    /* After WskDeregister (the block still intact) a capture fails with STATUS_DEVICE_NOT_READY:
     * a thread may reach its capture after unload has deregistered. */
    int ri = reg_of_newest(registration);
    if (ri >= 0 && regs[ri].state != REG_ACTIVE) {
        trace_return(T_WSK_CAPTURE, (uint64_t)ri, timeout, STATUS_DEVICE_NOT_READY);
        return STATUS_DEVICE_NOT_READY;
    }
    wsk_reg *r = live_reg(registration, "WskCaptureProviderNPI");
    if (!out)
        verdict_fire(V_WSK_REGISTER_BAD_NPI, "WskCaptureProviderNPI got a NULL WSK_PROVIDER_NPI");
    if (timeout != WSK_NO_WAIT)
        irql_check(IRQL_WskCaptureProviderNPI);
    NTSTATUS status = fault_status(FP_WSK_CAPTURE);
    if (status == STATUS_SUCCESS && r->closing)
        status = STATUS_DEVICE_NOT_READY; /* after WskDeregister began */
    if (status != STATUS_SUCCESS) {
        trace_return(T_WSK_CAPTURE, (uint64_t)reg_of(registration), timeout, status);
        return status;
    }
    /* Not ready yet: a wait lets the other threads and the world move on (the WSK subsystem may
     * register meanwhile); WskDeregister ends it. */
    if (timeout != WSK_NO_WAIT && !wsk_first_provider()) {
        LONGLONG deadline = ke_clock_now() + (LONGLONG)timeout * 10000;
        bool timed = timeout != WSK_INFINITE_WAIT && sched_active();
        sched_wait(capture_can_end, r, "WskCaptureProviderNPI", timed ? &deadline : NULL);
        if (r->closing) {
            trace_return(T_WSK_CAPTURE, (uint64_t)reg_of(registration), timeout, STATUS_DEVICE_NOT_READY);
            return STATUS_DEVICE_NOT_READY;
        }
    }
    const stub_provider_spec *spec = wsk_first_provider();
    if (!spec) {
        if (timeout == WSK_INFINITE_WAIT)
            verdict_fire(V_WSK_CAPTURE_HANG,
                         "WskCaptureProviderNPI(WSK_INFINITE_WAIT) blocks forever: the WSK subsystem never "
                         "registers in this scenario%s",
                         phase_now() == PHASE_DRIVER_ENTRY ? " (and the caller is DriverEntry)" : "");
        trace_return(T_WSK_CAPTURE, (uint64_t)reg_of(registration), timeout, STATUS_DEVICE_NOT_READY);
        return STATUS_DEVICE_NOT_READY;
    }
    USHORT requested = r->client_dispatch->Version;
    if (!wsk_version_supported(spec, requested)) {
        trace_return(T_WSK_CAPTURE, (uint64_t)reg_of(registration), requested, STATUS_NOINTERFACE);
        return STATUS_NOINTERFACE;
    }
    wsk_fill_dispatch(&r->dispatch, spec, requested);
    r->captures++;
    out->Client = &r->wsk_client;
    out->Dispatch = &r->dispatch;
    trace_return(T_WSK_CAPTURE, (uint64_t)reg_of(registration), requested, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

void WSKAPI WskReleaseProviderNPI(PWSK_REGISTRATION registration)
{
    trace_event(T_WSK_RELEASE, (uint64_t)reg_of(registration), 0, 0);
    irql_check(IRQL_WskReleaseProviderNPI);
    wsk_reg *r = live_reg(registration, "WskReleaseProviderNPI");
    if (r->captures == 0)
        verdict_fire(V_WSK_RELEASE_WITHOUT_CAPTURE, "WskReleaseProviderNPI without an outstanding capture");
    r->captures--;
}

NTSTATUS WSKAPI WskQueryProviderCharacteristics(PWSK_REGISTRATION registration, PWSK_PROVIDER_CHARACTERISTICS out)
{
    trace_event(T_WSK_QUERY, (uint64_t)reg_of(registration), 0, 0);
    live_reg(registration, "WskQueryProviderCharacteristics");
    if (!out)
        verdict_fire(V_WSK_REGISTER_BAD_NPI, "WskQueryProviderCharacteristics got a NULL out-pointer");
    NTSTATUS status = fault_status(FP_WSK_QUERY);
    const stub_provider_spec *spec = wsk_first_provider();
    if (status == STATUS_SUCCESS && !spec)
        status = STATUS_DEVICE_NOT_READY;
    if (status == STATUS_SUCCESS)
        *out = spec->characteristics;
    trace_return(T_WSK_QUERY, (uint64_t)reg_of(registration), 0, status);
    return status;
}

void WSKAPI WskDeregister(PWSK_REGISTRATION registration)
{
    int ri = reg_of(registration);
    trace_event(T_WSK_DEREGISTER, (uint64_t)ri, 0, 0);
    int live = -1;
    for (unsigned i = 0; i < nregs; i++)
        if (regs[i].registration == registration && regs[i].state == REG_ACTIVE)
            live = (int)i;
    if (live < 0)
        verdict_fire(V_WSK_DEREGISTER_UNREGISTERED, "WskDeregister on a WSK_REGISTRATION that is %s",
                     ri < 0 ? "not registered" : "already deregistered");
    irql_check(IRQL_WskDeregister);
    wsk_reg *r = &regs[live];
    /* It ends the captures blocked on other threads and waits for every capture's release. */
    r->closing = true;
    if (r->captures && sched_active())
        sched_wait(captures_released, r, "WskDeregister", NULL);
    if (r->captures)
        verdict_fire(V_WSK_DEREGISTER_WITH_CAPTURE,
                     "WskDeregister with %u capture(s) not released: it waits for them and never returns", r->captures);
    r->state = REG_DEREGISTERING;
    wsk_sockets_deregistering(live); /* it waits for every socket to be closed */
    wsk_addrinfo_deregistering(live);
    /* It also waits for the registration's calls in flight: the world completes them. */
    for (unsigned i = 0; i < io_pending_count();)
        if (io_pending_owner(i) == &r->wsk_client)
            io_complete_pending(i, io_pending_status(i));
        else
            i++;
    r->state = REG_DEREGISTERED;
}

static bool resident(const void *p, const char **what)
{
    for (unsigned i = 0; i < nregs; i++) {
        const wsk_reg *r = &regs[i];
        if (r->state != REG_ACTIVE)
            continue;
        if (p == r->registration) {
            *what = "a registered WSK_REGISTRATION (call WskDeregister first)";
            return true;
        }
        if (p == r->client_dispatch) {
            *what = "the WSK_CLIENT_DISPATCH of a live WskRegister registration";
            return true;
        }
    }
    return false;
}

void wsk_reg_final_checks(void)
{
    for (unsigned i = 0; i < nregs; i++) {
        const wsk_reg *r = &regs[i];
        if (r->state == REG_ACTIVE && r->captures)
            verdict_fire(V_WSK_CAPTURE_NOT_RELEASED, "%s with %u provider NPI capture(s) not released",
                         phase_driver_loaded() ? "DriverUnload returned" : "the driver is gone", r->captures);
        if (r->state == REG_ACTIVE)
            verdict_fire(V_WSK_NOT_DEREGISTERED, "%s with a WskRegister registration not deregistered",
                         phase_driver_loaded() ? "DriverUnload returned" : "the driver is gone");
    }
}

void wsk_registration_start(void)
{
    pool_add_resident_check(resident);
}

bool wsk_reg_check_client(PWSK_CLIENT client, const char *call)
{
    for (unsigned i = 0; i < nregs; i++) {
        if (client != &regs[i].wsk_client)
            continue;
        trace_event(T_WSK_CALL, 0x100 + i, 0, 0);
        if (regs[i].state != REG_ACTIVE)
            verdict_fire(V_WSK_CALL_AFTER_DEREGISTER, "%s after WskDeregister", call);
        if (regs[i].captures == 0)
            verdict_fire(V_WSK_CALL_AFTER_RELEASE, "%s after WskReleaseProviderNPI released the provider NPI", call);
        return true;
    }
    return false;
}

const struct _WSK_CLIENT *wsk_reg_client_object(int wsk_reg)
{
    return wsk_reg < STUB_MAX_WSK_REGS ? &regs[wsk_reg].wsk_client : NULL;
}

bool wsk_has_registrations(void)
{
    for (unsigned i = 0; i < nregs; i++)
        if (regs[i].state == REG_ACTIVE)
            return true;
    return false;
}
