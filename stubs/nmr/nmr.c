/* nmr.c - the Network Module Registrar as its documentation describes it (not as usersim
 * implements it): clients and providers match by NpiId value; each match is a binding with
 * an explicit state machine; every rule of attach, detach, cleanup and deregistration is
 * checked where the client acts. */
#include "irql.h"
#include "nmr.h"
#include "not_modeled.h"
#include "pool.h"

typedef enum { REG_FREE, REG_ACTIVE, REG_DEREGISTERING, REG_DEREGISTERED } reg_state;

typedef struct {
    reg_state state;
    bool waited;                               /* NmrWaitFor...DeregisterComplete returned */
    const NPI_CLIENT_CHARACTERISTICS *chars;   /* the client's own memory: must stay valid */
    void *context;
} nmr_client;

typedef struct {
    reg_state state;
    const NPI_PROVIDER_CHARACTERISTICS *chars; /* the provider's: valid while registered */
    void *context;
} nmr_provider;

typedef struct {
    nmr_binding_state state;
    int client, provider;
    unsigned attempts;                  /* NmrClientAttachProvider calls in the callback */
    NTSTATUS last_status;               /* of the last NmrClientAttachProvider */
    unsigned alloc_mark;                /* pool serial at the start of the callback */
    void *client_context;
    const void *client_dispatch;
    void *provider_context;             /* what the provider's attach handed back */
    bool client_detached, client_pending, completed, provider_detached;
} nmr_binding;

static nmr_client clients[STUB_MAX_CLIENTS];
static unsigned nclients;
static nmr_provider providers[STUB_MAX_PROVIDERS];
static unsigned nproviders;
static nmr_binding bindings[STUB_MAX_BINDINGS];
static unsigned nbindings;
static int attaching = -1; /* binding inside ClientAttachProvider, or -1 */
static void (*wait_stuck_hook)(int client);

void nmr_reset(void)
{
    /* Counts to zero is enough: objects are initialized whole when they are created. */
    nclients = nproviders = nbindings = 0;
    attaching = -1;
}

void nmr_set_wait_stuck_hook(void (*stuck)(int client))
{
    wait_stuck_hook = stuck;
}

#undef NmrRegisterClient
#undef NmrDeregisterClient
#undef NmrWaitForClientDeregisterComplete
#undef NmrClientAttachProvider
#undef NmrClientDetachProviderComplete

/* Handles are addresses inside the state arrays: opaque to the client, checkable here. */
static int client_of(HANDLE h)
{
    for (unsigned i = 0; i < nclients; i++)
        if (h == (HANDLE)&clients[i])
            return (int)i;
    return -1;
}

static int binding_of(HANDLE h)
{
    for (unsigned i = 0; i < nbindings; i++)
        if (h == (HANDLE)&bindings[i])
            return (int)i;
    return -1;
}

static int provider_of(HANDLE h)
{
    for (unsigned i = 0; i < nproviders; i++)
        if (h == (HANDLE)&providers[i])
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
    if (b->state == NMR_BINDING_ATTACHED) {
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
    pool_mark_failed_attach(b->alloc_mark, (int)(b - bindings));
}

static void attach(int client, int provider)
{
    if (nbindings == STUB_MAX_BINDINGS)
        return; /* beyond the model's bound: the scenario is cut here */
    int bi = (int)nbindings++;
    nmr_binding *b = &bindings[bi];
    *b = (nmr_binding){.state = NMR_BINDING_ATTACHING, .client = client, .provider = provider,
                       .alloc_mark = pool_serial_now()};
    nmr_client *c = &clients[client];
    nmr_provider *p = &providers[provider];
    int outer = attaching;
    attaching = bi;
    trace_event(T_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, (uint64_t)provider, 0);
    NTSTATUS status = c->chars->ClientAttachProvider((HANDLE)b, c->context,
                                                       (PNPI_REGISTRATION_INSTANCE)&p->chars->ProviderRegistrationInstance);
    trace_return(T_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, b->attempts, status);
    attaching = outer;
    check_attach_outcome(b, status);
    if (b->state != NMR_BINDING_ATTACHED)
        b->state = NMR_BINDING_REFUSED;
}

NTSTATUS NmrClientAttachProvider(HANDLE binding_handle, PVOID client_binding_context, const void *client_dispatch,
                                 PVOID *provider_binding_context, const void **provider_dispatch)
{
    int bi = binding_of(binding_handle);
    trace_event(T_NMR_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, 0, 0);
    if (attaching < 0)
        verdict_fire(V_ATTACH_OUTSIDE_CALLBACK, "NmrClientAttachProvider called outside ClientAttachProvider");
    if (bi != attaching)
        verdict_fire(V_ATTACH_BAD_HANDLE,
                     "NmrClientAttachProvider got handle %p; the current ClientAttachProvider was given %p",
                     binding_handle, (void *)&bindings[attaching]);
    nmr_binding *b = &bindings[bi];
    if (b->state == NMR_BINDING_ATTACHED)
        verdict_fire(V_ATTACH_AFTER_SUCCESS, "NmrClientAttachProvider called again after it returned STATUS_SUCCESS");
    if (++b->attempts > STUB_MAX_ATTACH_ATTEMPTS)
        verdict_fire(V_ATTACH_RETRY_STORM, "%u NmrClientAttachProvider calls in one ClientAttachProvider (bound %d)",
                     b->attempts, STUB_MAX_ATTACH_ATTEMPTS);
    if (!provider_binding_context || !provider_dispatch)
        verdict_fire(V_ATTACH_BAD_ARGUMENT, "NmrClientAttachProvider got a NULL %s out-pointer",
                     provider_binding_context ? "ProviderDispatch" : "ProviderBindingContext");
    nmr_provider *p = &providers[b->provider];
    PVOID out_context = NULL;
    const void *out_dispatch = NULL;
    NTSTATUS status = p->chars->ProviderAttachClient(
        binding_handle, p->context, (PNPI_REGISTRATION_INSTANCE)&clients[b->client].chars->ClientRegistrationInstance,
        client_binding_context, client_dispatch, &out_context, &out_dispatch);
    b->last_status = status;
    if (status == STATUS_SUCCESS) {
        b->state = NMR_BINDING_ATTACHED;
        b->client_context = client_binding_context;
        b->client_dispatch = client_dispatch;
        b->provider_context = out_context;
        *provider_binding_context = out_context;
        *provider_dispatch = out_dispatch;
    }
    trace_return(T_NMR_CLIENT_ATTACH_PROVIDER, (uint64_t)bi, b->attempts, status);
    return status;
}

/* ---- detach and cleanup ---- */

static void binding_maybe_cleanup(int bi)
{
    nmr_binding *b = &bindings[bi];
    if (b->state != NMR_BINDING_DETACHING || !b->client_detached || !b->provider_detached)
        return;
    b->state = NMR_BINDING_CLEANED;
    nmr_client *c = &clients[b->client];
    if (c->chars->ClientCleanupBindingContext) {
        /* Rule 21: detach and cleanup run at <= DISPATCH_LEVEL: there unless the input chooses lower. */
        KIRQL level = fault_plan_callback_irql(CB_CLEANUP, DISPATCH_LEVEL);
        KIRQL before = irql_enter_callback(level);
        trace_event(T_CLIENT_CLEANUP, (uint64_t)bi, 0, 0); /* at the callback's IRQL */
        c->chars->ClientCleanupBindingContext(b->client_context);
        irql_leave_callback(level, before, "ClientCleanupBindingContext");
    }
    nmr_provider *p = &providers[b->provider];
    if (p->chars->ProviderCleanupBindingContext)
        p->chars->ProviderCleanupBindingContext(b->provider_context);
}

static void detach_binding(int bi)
{
    nmr_binding *b = &bindings[bi];
    if (b->state != NMR_BINDING_ATTACHED)
        return; /* detach is called at most once per binding */
    b->state = NMR_BINDING_DETACHING;
    nmr_client *c = &clients[b->client];
    KIRQL level = fault_plan_callback_irql(CB_DETACH, DISPATCH_LEVEL);
    KIRQL before = irql_enter_callback(level);
    trace_event(T_CLIENT_DETACH_PROVIDER, (uint64_t)bi, 0, 0); /* at the callback's IRQL */
    NTSTATUS status = c->chars->ClientDetachProvider(b->client_context);
    irql_leave_callback(level, before, "ClientDetachProvider");
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
    nmr_provider *p = &providers[b->provider];
    if (p->chars->ProviderDetachClient(b->provider_context) == STATUS_SUCCESS)
        b->provider_detached = true;
    binding_maybe_cleanup(bi);
}

void NmrClientDetachProviderComplete(HANDLE binding_handle)
{
    int bi = binding_of(binding_handle);
    trace_event(T_NMR_DETACH_COMPLETE, (uint64_t)bi, 0, 0);
    irql_check(IRQL_NmrClientDetachProviderComplete);
    if (bi < 0)
        verdict_fire(V_DETACH_COMPLETE_BAD_HANDLE, "NmrClientDetachProviderComplete got %p, not a binding handle",
                     binding_handle);
    nmr_binding *b = &bindings[bi];
    if (b->completed)
        verdict_fire(V_DETACH_COMPLETE_REPEATED, "NmrClientDetachProviderComplete called twice for binding %d", bi);
    b->completed = true;
    if (b->state == NMR_BINDING_DETACHING && !b->client_pending && !b->client_detached)
        return; /* inside ClientDetachProvider: judged when it returns */
    if (!b->client_pending)
        verdict_fire(V_DETACH_COMPLETE_UNEXPECTED,
                     "NmrClientDetachProviderComplete for binding %d, whose ClientDetachProvider %s", bi,
                     b->client_detached ? "returned STATUS_SUCCESS" : "was never called");
    b->client_pending = false;
    b->client_detached = true;
    binding_maybe_cleanup(bi);
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
    irql_check(IRQL_NmrRegisterClient);
    check_characteristics(chars);
    if (!handle)
        verdict_fire(V_REGISTER_BAD_CHARACTERISTICS, "NmrRegisterClient got a NULL handle out-pointer");
    NTSTATUS status = fault_status(FP_NMR_REGISTER_CLIENT);
    if (status == STATUS_SUCCESS && nclients == STUB_MAX_CLIENTS)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (status != STATUS_SUCCESS) {
        trace_return(T_NMR_REGISTER_CLIENT, 0, 0, status);
        return status;
    }
    int ci = (int)nclients++;
    clients[ci] = (nmr_client){REG_ACTIVE, false, chars, context};
    *handle = (HANDLE)&clients[ci];
    trace_return(T_NMR_REGISTER_CLIENT, (uint64_t)ci, 0, status);
    /* attach to every matching provider already registered */
    for (unsigned p = 0; p < nproviders; p++)
        if (providers[p].state == REG_ACTIVE && clients[ci].state == REG_ACTIVE &&
            same_npi(&chars->ClientRegistrationInstance, &providers[p].chars->ProviderRegistrationInstance))
            attach(ci, (int)p);
    return STATUS_SUCCESS;
}

static bool client_bindings_cleaned(int ci)
{
    for (unsigned i = 0; i < nbindings; i++)
        if (bindings[i].client == ci &&
            (bindings[i].state == NMR_BINDING_ATTACHED || bindings[i].state == NMR_BINDING_DETACHING))
            return false;
    return true;
}

NTSTATUS NmrDeregisterClient(HANDLE handle)
{
    int ci = client_of(handle);
    trace_event(T_NMR_DEREGISTER_CLIENT, (uint64_t)ci, 0, 0);
    irql_check(IRQL_NmrDeregisterClient);
    if (ci < 0)
        verdict_fire(V_DEREGISTER_BAD_HANDLE, "NmrDeregisterClient got %p, not a client handle", handle);
    nmr_client *c = &clients[ci];
    if (c->state != REG_ACTIVE)
        verdict_fire(V_DEREGISTER_TWICE, "NmrDeregisterClient called again for client registration %d", ci);
    c->state = REG_DEREGISTERING;
    for (unsigned i = 0; i < nbindings; i++)
        if (bindings[i].client == ci)
            detach_binding((int)i);
    /* Documented: STATUS_PENDING, completed by the wait. Hostile mode also answers as usersim's
     * NMR does when every binding detached at once: STATUS_SUCCESS, nothing left to wait for. */
    if (fault_plan_hostile() && client_bindings_cleaned(ci)) {
        c->state = REG_DEREGISTERED;
        c->waited = true;
        trace_return(T_NMR_DEREGISTER_CLIENT, (uint64_t)ci, 0, STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }
    trace_return(T_NMR_DEREGISTER_CLIENT, (uint64_t)ci, 0, STATUS_PENDING);
    return STATUS_PENDING;
}

static bool client_cleaned(void *ci)
{
    return client_bindings_cleaned((int)(intptr_t)ci);
}

NTSTATUS NmrWaitForClientDeregisterComplete(HANDLE handle)
{
    int ci = client_of(handle);
    trace_event(T_NMR_WAIT_CLIENT, (uint64_t)ci, 0, 0);
    irql_check(IRQL_NmrWaitForClientDeregisterComplete);
    if (ci < 0)
        verdict_fire(V_DEREGISTER_BAD_HANDLE, "NmrWaitForClientDeregisterComplete got %p, not a client handle",
                     handle);
    nmr_client *c = &clients[ci];
    if (c->state == REG_ACTIVE)
        verdict_fire(V_WAIT_BEFORE_DEREGISTER,
                     "NmrWaitForClientDeregisterComplete before NmrDeregisterClient (client registration %d)", ci);
    /* The client blocks: its other threads and the world run until its bindings are gone or
     * nothing is left to run (a thread inside a provider call may be what completes the detach). */
    sched_wait(client_cleaned, (void *)(intptr_t)ci, "NmrWaitForClientDeregisterComplete", NULL);
    if (!client_bindings_cleaned(ci)) {
        if (wait_stuck_hook)
            wait_stuck_hook(ci); /* the provider side may be waiting (for open sockets) */
        for (unsigned i = 0; i < nbindings; i++)
            if (bindings[i].client == ci && bindings[i].state == NMR_BINDING_DETACHING)
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

/* A driver registering a provider of its own is beyond the model: refused, not crashed on. */
NTSTATUS NmrRegisterProvider(PNPI_PROVIDER_CHARACTERISTICS chars, PVOID context, PHANDLE handle)
{
    (void)chars, (void)context, (void)handle;
    wskfuzz_not_modeled("NmrRegisterProvider");
    return STATUS_NOT_SUPPORTED;
}

int nmr_provider_register(const NPI_PROVIDER_CHARACTERISTICS *chars, void *context, HANDLE *handle)
{
    if (!chars || !handle || nproviders == STUB_MAX_PROVIDERS)
        return -1;
    int pi = (int)nproviders++;
    nmr_provider *p = &providers[pi];
    *p = (nmr_provider){REG_ACTIVE, chars, context};
    *handle = (HANDLE)p;
    for (unsigned c = 0; c < nclients; c++)
        if (clients[c].state == REG_ACTIVE && p->state == REG_ACTIVE &&
            same_npi(&clients[c].chars->ClientRegistrationInstance, &p->chars->ProviderRegistrationInstance))
            attach((int)c, pi);
    return pi;
}

bool nmr_provider_active(HANDLE provider)
{
    int pi = provider_of(provider);
    return pi >= 0 && providers[pi].state == REG_ACTIVE;
}

NTSTATUS NmrDeregisterProvider(HANDLE handle)
{
    int pi = provider_of(handle);
    if (pi < 0 || providers[pi].state != REG_ACTIVE)
        return STATUS_INVALID_PARAMETER;
    trace_event(T_PROVIDER_DEREGISTER, (uint64_t)pi, 0, 0);
    providers[pi].state = REG_DEREGISTERING;
    for (unsigned i = 0; i < nbindings; i++)
        if (bindings[i].provider == pi)
            detach_binding((int)i);
    return STATUS_PENDING;
}

NTSTATUS NmrWaitForProviderDeregisterComplete(HANDLE handle)
{
    int pi = provider_of(handle);
    if (pi < 0 || providers[pi].state == REG_ACTIVE)
        return STATUS_INVALID_PARAMETER;
    providers[pi].state = REG_DEREGISTERED;
    return STATUS_SUCCESS;
}

void NmrProviderDetachClientComplete(HANDLE binding_handle)
{
    int bi = binding_of(binding_handle);
    if (bi < 0)
        return;
    bindings[bi].provider_detached = true;
    binding_maybe_cleanup(bi);
}

bool nmr_has_active_clients(void)
{
    for (unsigned i = 0; i < nclients; i++)
        if (clients[i].state == REG_ACTIVE)
            return true;
    return false;
}

unsigned nmr_binding_count(void)
{
    return nbindings;
}

int nmr_binding_index(HANDLE binding)
{
    return binding_of(binding);
}

HANDLE nmr_binding_handle(int binding)
{
    return (HANDLE)&bindings[binding];
}

nmr_binding_state nmr_binding_state_of(int binding)
{
    return bindings[binding].state;
}

bool nmr_binding_client_detached(int binding)
{
    return bindings[binding].client_detached;
}

int nmr_binding_client(int binding)
{
    return bindings[binding].client;
}

/* Memory the NMR still reads: characteristics of live registrations, contexts of live bindings. */
static bool resident(const void *p, const char **what)
{
    for (unsigned i = 0; i < nclients; i++) {
        const nmr_client *c = &clients[i];
        if (c->state == REG_ACTIVE || c->state == REG_DEREGISTERING) {
            if (p == c->chars) {
                *what = "the NPI_CLIENT_CHARACTERISTICS of a live NMR registration";
                return true;
            }
        }
    }
    for (unsigned i = 0; i < nbindings; i++) {
        const nmr_binding *b = &bindings[i];
        if (b->state == NMR_BINDING_ATTACHED && p == b->client_context) {
            *what = "the binding context of an attached binding (free it in ClientCleanupBindingContext)";
            return true;
        }
        if (b->state == NMR_BINDING_ATTACHED && p == b->client_dispatch) {
            *what = "the client dispatch of an attached binding";
            return true;
        }
    }
    return false;
}

void nmr_start(void)
{
    pool_add_resident_check(resident);
    nmr_trace_words_start();
}

/* After DriverUnload (or a failed DriverEntry): every registration is gone and waited for. */
void nmr_unload_checks(void)
{
    for (unsigned i = 0; i < nclients; i++) {
        const nmr_client *c = &clients[i];
        if (c->state == REG_ACTIVE)
            verdict_fire(V_UNLOAD_WITHOUT_DEREGISTER, "%s with NMR client registration %u still registered",
                         phase_driver_loaded() ? "DriverUnload returned" : "DriverEntry failed", i);
        if (c->state == REG_DEREGISTERING && !c->waited)
            verdict_fire(V_UNLOAD_WITHOUT_WAIT,
                         "%s after NmrDeregisterClient returned STATUS_PENDING without "
                         "NmrWaitForClientDeregisterComplete (client registration %u)",
                         phase_driver_loaded() ? "DriverUnload returned" : "DriverEntry failed", i);
    }
}

void nmr_final_checks(void)
{
    for (unsigned i = 0; i < nbindings; i++)
        if (bindings[i].state == NMR_BINDING_DETACHING && bindings[i].client_pending)
            verdict_fire(V_DETACH_COMPLETE_NEVER,
                         "ClientDetachProvider returned STATUS_PENDING for binding %u and "
                         "NmrClientDetachProviderComplete never followed",
                         i);
}
