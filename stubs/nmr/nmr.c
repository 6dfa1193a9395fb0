/* nmr.c - the Network Module Registrar as its documentation describes it (not as usersim
 * implements it): clients and providers match by NpiId value; each match is a binding with
 * an explicit state machine; every rule of attach, detach, cleanup and deregistration is
 * checked where the client acts. */
#include "kernel.h"

#undef NmrRegisterClient
#undef NmrDeregisterClient
#undef NmrWaitForClientDeregisterComplete
#undef NmrClientAttachProvider
#undef NmrClientDetachProviderComplete

/* Handles are addresses inside the state arrays: opaque to the client, checkable here. */
static int client_of(HANDLE h)
{
    for (unsigned i = 0; i < k.nclients; i++)
        if (h == (HANDLE)&k.clients[i])
            return (int)i;
    return -1;
}

static int binding_of(HANDLE h)
{
    for (unsigned i = 0; i < k.nbindings; i++)
        if (h == (HANDLE)&k.bindings[i])
            return (int)i;
    return -1;
}

static int provider_of(HANDLE h)
{
    for (unsigned i = 0; i < k.nproviders; i++)
        if (h == (HANDLE)&k.providers[i])
            return (int)i;
    return -1;
}

static bool same_npi(const NPI_REGISTRATION_INSTANCE *a, const NPI_REGISTRATION_INSTANCE *b)
{
    return a->NpiId && b->NpiId && IsEqualGUID(a->NpiId, b->NpiId);
}

/* ---- attach ---- */

static void check_attach_outcome(nmr_binding *b, NTSTATUS status)
{
    if (b->state == BIND_ATTACHED) {
        if (status != STATUS_SUCCESS)
            verdict_fire(V_ATTACH_FAILED_AFTER_BINDING,
                         "NmrClientAttachProvider returned STATUS_SUCCESS but ClientAttachProvider returned %s; "
                         "the NMR keeps the binding while the client believes it failed",
                         status_name(status));
        return;
    }
    if (b->attempts == 0) {
        if (status == STATUS_SUCCESS)
            verdict_fire(V_ATTACH_SUCCESS_WITHOUT_BINDING,
                         "ClientAttachProvider returned STATUS_SUCCESS without calling NmrClientAttachProvider");
        if (!NT_ERROR(status))
            verdict_fire(V_ATTACH_DECLINE_NOT_ERROR,
                         "ClientAttachProvider declined with %s, which is not an error status (expected "
                         "STATUS_NOINTERFACE)", status_name(status));
    } else if (status != b->last_status) {
        if (status == STATUS_SUCCESS)
            verdict_fire(V_ATTACH_SUCCESS_WITHOUT_BINDING,
                         "ClientAttachProvider returned STATUS_SUCCESS after NmrClientAttachProvider failed with %s",
                         status_name(b->last_status));
        verdict_fire(V_ATTACH_STATUS_NOT_LAST,
                     "ClientAttachProvider returned %s; the last NmrClientAttachProvider (call %u) returned %s",
                     status_name(status), b->attempts, status_name(b->last_status));
    }
    pool_mark_failed_attach(b->alloc_mark, (int)(b - k.bindings));
}

static void attach(int client, int provider)
{
    if (k.nbindings == STUB_MAX_BINDINGS)
        return; /* beyond the model's bound: the scenario is cut here */
    int bi = (int)k.nbindings++;
    nmr_binding *b = &k.bindings[bi];
    *b = (nmr_binding){.state = BIND_ATTACHING, .client = client, .provider = provider,
                       .alloc_mark = k.pool_serial};
    b->wsk_client = (struct _WSK_CLIENT){WSKFUZZ_CLIENT_MAGIC, bi, -1};
    nmr_client *c = &k.clients[client];
    nmr_provider *p = &k.providers[provider];
    int outer = k.attaching;
    k.attaching = bi;
    trace_event(T_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, (uint64_t)provider, 0);
    NTSTATUS status = c->chars->ClientAttachProvider((HANDLE)b, c->context, p->view);
    trace_return(T_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, b->attempts, status);
    k.attaching = outer;
    check_attach_outcome(b, status);
    if (b->state != BIND_ATTACHED)
        b->state = BIND_REFUSED;
}

NTSTATUS NmrClientAttachProvider(HANDLE binding_handle, PVOID client_binding_context, const void *client_dispatch,
                                 PVOID *provider_binding_context, const void **provider_dispatch)
{
    int bi = binding_of(binding_handle);
    trace_event(T_NMR_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, 0, 0);
    if (k.attaching < 0)
        verdict_fire(V_ATTACH_OUTSIDE_CALLBACK, "NmrClientAttachProvider called outside ClientAttachProvider");
    if (bi != k.attaching)
        verdict_fire(V_ATTACH_BAD_HANDLE,
                     "NmrClientAttachProvider got handle %p; the current ClientAttachProvider was given %p",
                     binding_handle, (void *)&k.bindings[k.attaching]);
    nmr_binding *b = &k.bindings[bi];
    if (b->state == BIND_ATTACHED)
        verdict_fire(V_ATTACH_AFTER_SUCCESS, "NmrClientAttachProvider called again after it returned STATUS_SUCCESS");
    if (++b->attempts > STUB_MAX_ATTACH_ATTEMPTS)
        verdict_fire(V_ATTACH_RETRY_STORM, "%u NmrClientAttachProvider calls in one ClientAttachProvider (bound %d)",
                     b->attempts, STUB_MAX_ATTACH_ATTEMPTS);
    if (!provider_binding_context || !provider_dispatch)
        verdict_fire(V_ATTACH_BAD_ARGUMENT, "NmrClientAttachProvider got a NULL %s out-pointer",
                     provider_binding_context ? "ProviderDispatch" : "ProviderBindingContext");
    nmr_provider *p = &k.providers[b->provider];
    PVOID out_context = NULL;
    const void *out_dispatch = NULL;
    NTSTATUS status = p->chars.ProviderAttachClient(
        binding_handle, p, &k.clients[b->client].chars->ClientRegistrationInstance, client_binding_context,
        client_dispatch, &out_context, &out_dispatch);
    b->last_status = status;
    if (status == STATUS_SUCCESS) {
        b->state = BIND_ATTACHED;
        b->client_context = client_binding_context;
        b->client_dispatch = client_dispatch;
        *provider_binding_context = out_context;
        *provider_dispatch = out_dispatch;
    }
    trace_return(T_NMR_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, b->attempts, status);
    return status;
}

/* ---- detach and cleanup ---- */

void nmr_binding_maybe_cleanup(int bi)
{
    nmr_binding *b = &k.bindings[bi];
    if (b->state != BIND_DETACHING || !b->client_detached || !b->provider_detached)
        return;
    b->state = BIND_CLEANED;
    nmr_client *c = &k.clients[b->client];
    if (c->chars->ClientCleanupBindingContext) {
        trace_event(T_CLIENT_CLEANUP, (uint64_t)bi, 0, 0);
        c->chars->ClientCleanupBindingContext(b->client_context);
    }
    nmr_provider *p = &k.providers[b->provider];
    if (p->chars.ProviderCleanupBindingContext)
        p->chars.ProviderCleanupBindingContext(&b->wsk_client);
}

void nmr_detach_binding(int bi)
{
    nmr_binding *b = &k.bindings[bi];
    if (b->state != BIND_ATTACHED)
        return; /* detach is called at most once per binding */
    b->state = BIND_DETACHING;
    nmr_client *c = &k.clients[b->client];
    trace_event(T_CLIENT_DETACH_PROVIDER, (uint64_t)bi, 0, 0);
    NTSTATUS status = c->chars->ClientDetachProvider(b->client_context);
    trace_return(T_CLIENT_DETACH_PROVIDER, (uint64_t)bi, 0, status);
    if (status == STATUS_SUCCESS) {
        if (b->completed)
            verdict_fire(V_DETACH_COMPLETE_UNEXPECTED,
                         "NmrClientDetachProviderComplete was called inside ClientDetachProvider, which then "
                         "returned STATUS_SUCCESS");
        b->client_detached = true;
    } else if (status == STATUS_PENDING) {
        /* The last in-flight call may end inside the detach (the client cancels it there, or on
         * another processor): its completion then counts once detach has returned STATUS_PENDING. */
        if (b->completed)
            b->client_detached = true;
        else
            b->client_pending = true;
    } else {
        verdict_fire(V_DETACH_BAD_STATUS, "ClientDetachProvider returned %s", status_name(status));
    }
    nmr_provider *p = &k.providers[b->provider];
    if (p->chars.ProviderDetachClient(&b->wsk_client) == STATUS_SUCCESS)
        b->provider_detached = true;
    nmr_binding_maybe_cleanup(bi);
}

void NmrClientDetachProviderComplete(HANDLE binding_handle)
{
    int bi = binding_of(binding_handle);
    trace_event(T_NMR_DETACH_COMPLETE, (uint64_t)bi, 0, 0);
    if (bi < 0)
        verdict_fire(V_DETACH_COMPLETE_BAD_HANDLE, "NmrClientDetachProviderComplete got %p, not a binding handle",
                     binding_handle);
    nmr_binding *b = &k.bindings[bi];
    if (b->completed)
        verdict_fire(V_DETACH_COMPLETE_REPEATED, "NmrClientDetachProviderComplete called twice for binding %d", bi);
    b->completed = true;
    if (b->state == BIND_DETACHING && !b->client_pending && !b->client_detached)
        return; /* inside ClientDetachProvider: judged when it returns */
    if (!b->client_pending)
        verdict_fire(V_DETACH_COMPLETE_UNEXPECTED,
                     "NmrClientDetachProviderComplete for binding %d, whose ClientDetachProvider %s", bi,
                     b->client_detached ? "returned STATUS_SUCCESS" : "was never called");
    b->client_pending = false;
    b->client_detached = true;
    nmr_binding_maybe_cleanup(bi);
}

/* ---- registration ---- */

static void check_characteristics(const NPI_CLIENT_CHARACTERISTICS *ch)
{
    if (!ch)
        verdict_fire(V_REGISTER_BAD_CHARACTERISTICS, "NmrRegisterClient got NULL characteristics");
    const NPI_REGISTRATION_INSTANCE *ri = &ch->ClientRegistrationInstance;
    const char *what = ch->Version != 0                                  ? "Version is not 0"
                       : ch->Length != sizeof(NPI_CLIENT_CHARACTERISTICS) ? "Length is not sizeof(NPI_CLIENT_CHARACTERISTICS)"
                       : !ch->ClientAttachProvider                        ? "ClientAttachProvider is NULL"
                       : !ch->ClientDetachProvider                        ? "ClientDetachProvider is NULL"
                       : ri->Size != sizeof(NPI_REGISTRATION_INSTANCE)    ? "ClientRegistrationInstance.Size is not sizeof(NPI_REGISTRATION_INSTANCE)"
                       : !ri->NpiId                                       ? "ClientRegistrationInstance.NpiId is NULL"
                       : !ri->ModuleId                                    ? "ClientRegistrationInstance.ModuleId is NULL"
                                                                          : NULL;
    if (what)
        verdict_fire(V_REGISTER_BAD_CHARACTERISTICS, "NmrRegisterClient: %s", what);
}

NTSTATUS NmrRegisterClient(PNPI_CLIENT_CHARACTERISTICS chars, PVOID context, PHANDLE handle)
{
    trace_event(T_NMR_REGISTER_CLIENT, 0, 0, 0);
    check_characteristics(chars);
    if (!handle)
        verdict_fire(V_REGISTER_BAD_CHARACTERISTICS, "NmrRegisterClient got a NULL handle out-pointer");
    NTSTATUS status = fault_status(FP_NMR_REGISTER_CLIENT);
    if (status == STATUS_SUCCESS && k.nclients == STUB_MAX_CLIENTS)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (status != STATUS_SUCCESS) {
        trace_return(T_NMR_REGISTER_CLIENT, 0, 0, status);
        return status;
    }
    int ci = (int)k.nclients++;
    k.clients[ci] = (nmr_client){REG_ACTIVE, false, chars, context};
    *handle = (HANDLE)&k.clients[ci];
    trace_return(T_NMR_REGISTER_CLIENT, (uint64_t)ci, 0, status);
    /* attach to every matching provider already registered */
    for (unsigned p = 0; p < k.nproviders; p++)
        if (k.providers[p].state == REG_ACTIVE && k.clients[ci].state == REG_ACTIVE &&
            same_npi(&chars->ClientRegistrationInstance, &k.providers[p].chars.ProviderRegistrationInstance))
            attach(ci, (int)p);
    return STATUS_SUCCESS;
}

static bool client_bindings_cleaned(int ci)
{
    for (unsigned i = 0; i < k.nbindings; i++)
        if (k.bindings[i].client == ci &&
            (k.bindings[i].state == BIND_ATTACHED || k.bindings[i].state == BIND_DETACHING))
            return false;
    return true;
}

NTSTATUS NmrDeregisterClient(HANDLE handle)
{
    int ci = client_of(handle);
    trace_event(T_NMR_DEREGISTER_CLIENT, (uint64_t)ci, 0, 0);
    if (ci < 0)
        verdict_fire(V_DEREGISTER_BAD_HANDLE, "NmrDeregisterClient got %p, not a client handle", handle);
    nmr_client *c = &k.clients[ci];
    if (c->state != REG_ACTIVE)
        verdict_fire(V_DEREGISTER_TWICE, "NmrDeregisterClient called again for client registration %d", ci);
    c->state = REG_DEREGISTERING;
    for (unsigned i = 0; i < k.nbindings; i++)
        if (k.bindings[i].client == ci)
            nmr_detach_binding((int)i);
    /* Documented: STATUS_PENDING, completed by the wait. Hostile mode also answers as usersim's
     * NMR does when every binding detached at once: STATUS_SUCCESS, nothing left to wait for. */
    if (k.plan.hostile && client_bindings_cleaned(ci)) {
        c->state = REG_DEREGISTERED;
        c->waited = true;
        trace_return(T_NMR_DEREGISTER_CLIENT, (uint64_t)ci, 0, STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }
    trace_return(T_NMR_DEREGISTER_CLIENT, (uint64_t)ci, 0, STATUS_PENDING);
    return STATUS_PENDING;
}

NTSTATUS NmrWaitForClientDeregisterComplete(HANDLE handle)
{
    int ci = client_of(handle);
    trace_event(T_NMR_WAIT_CLIENT, (uint64_t)ci, 0, 0);
    if (ci < 0)
        verdict_fire(V_DEREGISTER_BAD_HANDLE, "NmrWaitForClientDeregisterComplete got %p, not a client handle",
                     handle);
    nmr_client *c = &k.clients[ci];
    if (c->state == REG_ACTIVE)
        verdict_fire(V_WAIT_BEFORE_DEREGISTER,
                     "NmrWaitForClientDeregisterComplete before NmrDeregisterClient (client registration %d)", ci);
    /* The client blocks: the world runs until its bindings are gone or nothing is left to run. */
    while (!client_bindings_cleaned(ci) && world_advance())
        ;
    if (!client_bindings_cleaned(ci)) {
        wsk_sockets_detach_stuck(ci); /* the provider side waits for open sockets */
        for (unsigned i = 0; i < k.nbindings; i++)
            if (k.bindings[i].client == ci && k.bindings[i].state == BIND_DETACHING)
                verdict_fire(V_DETACH_COMPLETE_NEVER,
                             "NmrWaitForClientDeregisterComplete never returns: ClientDetachProvider returned "
                             "STATUS_PENDING for binding %u and NmrClientDetachProviderComplete never follows",
                             i);
    }
    c->state = REG_DEREGISTERED;
    c->waited = true;
    trace_return(T_NMR_WAIT_CLIENT, (uint64_t)ci, 0, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

/* ---- providers (registered by the world: the WSK subsystem and others) ---- */

NTSTATUS NmrRegisterProvider(PNPI_PROVIDER_CHARACTERISTICS chars, PVOID context, PHANDLE handle)
{
    if (!chars || !handle || k.nproviders == STUB_MAX_PROVIDERS)
        return STATUS_INSUFFICIENT_RESOURCES;
    /* Only the world registers providers (stub_provider_register hands over the slot it set up);
     * a client registering a provider of its own is beyond the model: refused, not crashed on. */
    if (context != &k.providers[k.nproviders])
        return STATUS_NOT_SUPPORTED;
    int pi = (int)k.nproviders++;
    nmr_provider *p = &k.providers[pi];
    p->state = REG_ACTIVE;
    p->chars = *chars;
    *handle = (HANDLE)p;
    trace_event(T_PROVIDER_REGISTER, (uint64_t)pi, p->spec->npi, 0);
    for (unsigned c = 0; c < k.nclients; c++)
        if (k.clients[c].state == REG_ACTIVE && p->state == REG_ACTIVE &&
            same_npi(&k.clients[c].chars->ClientRegistrationInstance, &p->chars.ProviderRegistrationInstance))
            attach((int)c, pi);
    return STATUS_SUCCESS;
}

NTSTATUS NmrDeregisterProvider(HANDLE handle)
{
    int pi = provider_of(handle);
    if (pi < 0 || k.providers[pi].state != REG_ACTIVE)
        return STATUS_INVALID_PARAMETER;
    trace_event(T_PROVIDER_DEREGISTER, (uint64_t)pi, 0, 0);
    k.providers[pi].state = REG_DEREGISTERING;
    for (unsigned i = 0; i < k.nbindings; i++)
        if (k.bindings[i].provider == pi)
            nmr_detach_binding((int)i);
    return STATUS_PENDING;
}

NTSTATUS NmrWaitForProviderDeregisterComplete(HANDLE handle)
{
    int pi = provider_of(handle);
    if (pi < 0 || k.providers[pi].state == REG_ACTIVE)
        return STATUS_INVALID_PARAMETER;
    k.providers[pi].state = REG_DEREGISTERED;
    return STATUS_SUCCESS;
}

void NmrProviderDetachClientComplete(HANDLE binding_handle)
{
    int bi = binding_of(binding_handle);
    if (bi < 0)
        return;
    k.bindings[bi].provider_detached = true;
    nmr_binding_maybe_cleanup(bi);
}

int nmr_first_wsk_provider(void)
{
    for (unsigned i = 0; i < k.nproviders; i++)
        if (k.providers[i].state == REG_ACTIVE && k.providers[i].spec->npi == NPI_KIND_WSK &&
            k.providers[i].chars.ProviderRegistrationInstance.NpiId)
            return (int)i;
    return -1;
}

/* Memory the NMR still reads: characteristics of live registrations, contexts of live bindings. */
bool nmr_resident(const void *p, const char **what)
{
    for (unsigned i = 0; i < k.nclients; i++) {
        const nmr_client *c = &k.clients[i];
        if (c->state == REG_ACTIVE || c->state == REG_DEREGISTERING) {
            if (p == c->chars) {
                *what = "the NPI_CLIENT_CHARACTERISTICS of a live NMR registration";
                return true;
            }
        }
    }
    for (unsigned i = 0; i < k.nbindings; i++) {
        const nmr_binding *b = &k.bindings[i];
        if (b->state == BIND_ATTACHED && p == b->client_context) {
            *what = "the binding context of an attached binding (free it in ClientCleanupBindingContext)";
            return true;
        }
        if (b->state == BIND_ATTACHED && p == b->client_dispatch) {
            *what = "the client dispatch of an attached binding";
            return true;
        }
    }
    return false;
}

/* After DriverUnload (or a failed DriverEntry): every registration is gone and waited for. */
void nmr_unload_checks(void)
{
    for (unsigned i = 0; i < k.nclients; i++) {
        const nmr_client *c = &k.clients[i];
        if (c->state == REG_ACTIVE)
            verdict_fire(V_UNLOAD_WITHOUT_DEREGISTER, "%s with NMR client registration %u still registered",
                         k.loaded ? "DriverUnload returned" : "DriverEntry failed", i);
        if (c->state == REG_DEREGISTERING && !c->waited)
            verdict_fire(V_UNLOAD_WITHOUT_WAIT,
                         "%s after NmrDeregisterClient returned STATUS_PENDING without "
                         "NmrWaitForClientDeregisterComplete (client registration %u)",
                         k.loaded ? "DriverUnload returned" : "DriverEntry failed", i);
    }
}

void nmr_final_checks(void)
{
    for (unsigned i = 0; i < k.nbindings; i++)
        if (k.bindings[i].state == BIND_DETACHING && k.bindings[i].client_pending)
            verdict_fire(V_DETACH_COMPLETE_NEVER,
                         "ClientDetachProvider returned STATUS_PENDING for binding %u and "
                         "NmrClientDetachProviderComplete never followed",
                         i);
}
