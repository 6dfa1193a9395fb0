/* wsk_provider.c - the WSK subsystem as an NMR provider: it registers with the NMR for each
 * provider of the scenario, decides attach by version (unless the fault plan says otherwise) and
 * hands out a WSK_CLIENT and a WSK_PROVIDER_DISPATCH per binding, whose entry points check that
 * their caller may still call them. */
#include "asan_runtime.h"
#include "sched.h"
#include "wsk_calls.h"

/* {2227E803-8D8B-11D4-ABAD-009027719E09}: the WSK NPI; real drivers get it from netio.lib. */
const NPIID NPI_WSK_INTERFACE_ID = {0x2227E803, 0x8D8B, 0x11D4, {0xAB, 0xAD, 0x00, 0x90, 0x27, 0x71, 0x9E, 0x09}};
/* A second NPI, for providers the WSK client must not be attached to. */
static const NPIID other_npi = {0x2227E804, 0x8D8B, 0x11D4, {0xAB, 0xAD, 0x00, 0x90, 0x27, 0x71, 0x9E, 0x09}};

/* What a provider shows the client, each part followed by a poisoned fence: a read past the
 * NPI_REGISTRATION_INSTANCE (the last field of the characteristics) or past the 4-byte
 * WSK_PROVIDER_CHARACTERISTICS (say, as a larger struct) is an ASan report, as it would be a
 * read of someone else's memory on Windows. Set up once; no allocation per input. */
#define FENCE_BYTES 32
typedef struct {
    _Alignas(32) NPI_PROVIDER_CHARACTERISTICS chars;
    char fence1[FENCE_BYTES];
    _Alignas(32) NPI_MODULEID module_id;
    char fence2[FENCE_BYTES];
    _Alignas(32) WSK_PROVIDER_CHARACTERISTICS characteristics;
    char fence3[FENCE_BYTES];
} provider_view;

typedef struct {
    const stub_provider_spec *spec;  /* the scenario's: lives as long as the scenario */
    NPIID npi_id;
    HANDLE nmr_handle;
} wsk_provider;

/* The provider's side of each NMR binding, by NMR binding index. */
typedef struct {
    struct _WSK_CLIENT client;
    WSK_PROVIDER_DISPATCH dispatch;
    unsigned in_call;        /* the client's calls in progress inside the provider */
} wsk_binding;

static provider_view views[STUB_MAX_PROVIDERS];
static wsk_provider providers[STUB_MAX_PROVIDERS];
static unsigned nproviders;
static wsk_binding bindings[STUB_MAX_BINDINGS];

void wsk_provider_reset(void)
{
    nproviders = 0;
}

/* Poison from the end of one part of a view to the start of the next. */
static void fence_between(const asan_runtime *asan, const void *end, const void *next)
{
    asan->poison(end, (size_t)((const char *)next - (const char *)end));
}

static void fence_views(void)
{
    static bool fenced;
    const asan_runtime *asan = asan_runtime_get();
    if (fenced || !asan)
        return;
    for (unsigned i = 0; i < STUB_MAX_PROVIDERS; i++) {
        provider_view *v = &views[i];
        fence_between(asan, &v->chars + 1, &v->module_id);
        fence_between(asan, &v->module_id + 1, &v->characteristics);
        fence_between(asan, &v->characteristics + 1, v + 1);
    }
    fenced = true;
}

static NPI_PROVIDER_ATTACH_CLIENT_FN attach_client;
static NPI_PROVIDER_DETACH_CLIENT_FN detach_client;
static NPI_PROVIDER_CLEANUP_BINDING_CONTEXT_FN cleanup_binding;

int wsk_provider_register(const stub_provider_spec *spec)
{
    if (nproviders == STUB_MAX_PROVIDERS)
        return -1;
    fence_views();
    int pi = (int)nproviders++;
    provider_view *v = &views[pi];
    wsk_provider *p = &providers[pi];
    p->spec = spec;
    p->npi_id = spec->npi == NPI_KIND_WSK ? NPI_WSK_INTERFACE_ID : other_npi;
    v->module_id = spec->module_id;
    v->characteristics = spec->characteristics;
    v->chars = (NPI_PROVIDER_CHARACTERISTICS){0, sizeof v->chars, attach_client, detach_client, cleanup_binding,
                                              spec->instance};
    NPI_REGISTRATION_INSTANCE *instance = &v->chars.ProviderRegistrationInstance;
    instance->NpiId = &p->npi_id;
    instance->ModuleId = &v->module_id;
    instance->NpiSpecificCharacteristics = spec->has_characteristics ? &v->characteristics : NULL;
    trace_event(T_PROVIDER_REGISTER, (uint64_t)pi, spec->npi, 0);
    nmr_provider_register(&v->chars, p, &p->nmr_handle);
    return pi;
}

void wsk_provider_deregister(int provider)
{
    if (provider < 0 || (unsigned)provider >= nproviders || !nmr_provider_active(providers[provider].nmr_handle))
        return;
    NmrDeregisterProvider(providers[provider].nmr_handle);
}

const stub_provider_spec *wsk_first_provider(void)
{
    for (unsigned i = 0; i < nproviders; i++)
        if (nmr_provider_active(providers[i].nmr_handle) && providers[i].spec->npi == NPI_KIND_WSK)
            return providers[i].spec;
    return NULL;
}

bool wsk_version_supported(const stub_provider_spec *spec, USHORT requested)
{
    return spec->characteristics.LowestVersion <= requested && requested <= spec->characteristics.HighestVersion;
}

static NTSTATUS attach_client(HANDLE binding_handle, PVOID provider_context, PNPI_REGISTRATION_INSTANCE client_instance,
                              PVOID client_binding_context, const void *client_dispatch,
                              PVOID *provider_binding_context, const void **provider_dispatch)
{
    (void)client_instance;
    (void)client_binding_context;
    const wsk_provider *p = provider_context;
    const WSK_CLIENT_DISPATCH *cd = client_dispatch;
    if (!cd)
        verdict_fire(V_ATTACH_BAD_DISPATCH, "NmrClientAttachProvider got a NULL WSK_CLIENT_DISPATCH");
    if (cd->Reserved != 0)
        verdict_fire(V_ATTACH_BAD_DISPATCH, "WSK_CLIENT_DISPATCH.Reserved is %u, not 0", cd->Reserved);
    NTSTATUS fault = fault_status(FP_NMR_ATTACH);
    if (fault != STATUS_SUCCESS)
        return fault;
    if (!wsk_version_supported(p->spec, cd->Version))
        return STATUS_NOINTERFACE;
    int bi = nmr_binding_index(binding_handle);
    wsk_binding *b = &bindings[bi];
    b->client = (struct _WSK_CLIENT){WSKFUZZ_CLIENT_MAGIC, bi, -1};
    b->in_call = 0;
    wsk_fill_dispatch(&b->dispatch, p->spec, cd->Version);
    *provider_binding_context = &b->client;
    *provider_dispatch = &b->dispatch;
    return STATUS_SUCCESS;
}

static NTSTATUS detach_client(PVOID provider_binding_context)
{
    /* The subsystem finishes detaching only once the binding's sockets are closed (wsk_sockets.c). */
    const struct _WSK_CLIENT *c = provider_binding_context;
    const wsk_binding *b = &bindings[c->binding];
    if (b->in_call && nmr_binding_client_detached(c->binding)) {
        verdict_fire(V_DETACH_WHILE_CALL_IN_FLIGHT, "ClientDetachProvider returned STATUS_SUCCESS while %u call(s) "
                     "of the client into the provider on binding %d were still in progress (on another thread)",
                     b->in_call, c->binding);
    }
    return wsk_sockets_provider_detaching(c->binding) ? STATUS_PENDING : STATUS_SUCCESS;
}

static void cleanup_binding(PVOID provider_binding_context)
{
    (void)provider_binding_context;
}

const struct _WSK_CLIENT *wsk_client_object(int binding, int wsk_reg)
{
    if (binding >= 0 && binding < STUB_MAX_BINDINGS)
        return &bindings[binding].client;
    return wsk_reg >= 0 ? wsk_reg_client_object(wsk_reg) : NULL;
}

bool wsk_client_detaching(PWSK_CLIENT client)
{
    for (unsigned b = 0; b < nmr_binding_count(); b++)
        if (client == &bindings[b].client && nmr_binding_state_of((int)b) == NMR_BINDING_DETACHING)
            return true;
    return false;
}

/* ---- the dispatch entry points: check the caller first, then act ---- */

/* The WSK_CLIENT objects live in the state arrays: compare addresses, never dereference. */
static void check_client(PWSK_CLIENT client, const char *call)
{
    for (unsigned i = 0; i < nmr_binding_count(); i++) {
        if (client != &bindings[i].client)
            continue;
        trace_event(T_WSK_CALL, i, 0, 0);
        nmr_binding_state s = nmr_binding_state_of((int)i);
        if (s == NMR_BINDING_DETACHING || s == NMR_BINDING_CLEANED)
            verdict_fire(V_PROVIDER_CALL_AFTER_DETACH, "%s on binding %u after ClientDetachProvider was called",
                         call, i);
        if (s != NMR_BINDING_ATTACHED)
            verdict_fire(V_PROVIDER_CALL_UNBOUND, "%s on binding %u, which never attached", call, i);
        return;
    }
    if (wsk_reg_check_client(client, call))
        return;
    trace_event(T_WSK_CALL, (uint64_t)-1, 0, 0);
    verdict_fire(V_PROVIDER_CALL_UNBOUND, "%s with %p, which is no WSK_CLIENT the provider handed out", call, client);
}

void wsk_client_check(PWSK_CLIENT client, const char *call)
{
    check_client(client, call);
}

/* Every call into the provider (client-level and socket calls) is a preemption point, counted
 * as a kernel call of its thread: another thread, or the host's next step, may run while the
 * call is in flight, and a detach arriving then must see it. The count is kept only with threads
 * about (one thread: no call can overlap a detach; the one-thread path stays as it was). */
void wsk_call_point(int binding)
{
    wsk_binding *b = sched_active() && binding >= 0 && (unsigned)binding < nmr_binding_count() ? &bindings[binding]
                                                                                                 : NULL;
    if (b)
        b->in_call++;
    sched_call_point();
    if (b)
        b->in_call--;
}

/* One exit for calls with an IRP: complete it now, or hold it until the world completes it. */
static NTSTATUS finish(PWSK_CLIENT client, PIRP irp, NTSTATUS status, ULONG_PTR information)
{
    if (!irp)
        return status == STATUS_PENDING ? STATUS_SUCCESS : status;
    if (status == STATUS_PENDING &&
        io_pend_irp(irp, STATUS_SUCCESS, information, client))
        return STATUS_PENDING;
    if (status == STATUS_PENDING)
        status = STATUS_SUCCESS;
    io_complete(irp, status, information);
    return status;
}

static NTSTATUS WSKAPI control_client(PWSK_CLIENT client, ULONG code, SIZE_T in_size, PVOID in, SIZE_T out_size,
                                      PVOID out, SIZE_T *returned, PIRP irp)
{
    (void)code;
    (void)in_size;
    (void)in;
    check_client(client, "WskControlClient");
    wsk_irp_check(irp, "WskControlClient", false);
    wsk_call_point(((const struct _WSK_CLIENT *)client)->binding);
    NTSTATUS status = fault_status(FP_WSK_CONTROL);
    if (status == STATUS_SUCCESS && out && out_size)
        memset(out, 0, out_size); /* an empty answer: no transports, no mappings */
    if (returned && !irp)
        *returned = 0;
    return finish(client, irp, status, 0);
}

void wsk_fill_dispatch(WSK_PROVIDER_DISPATCH *d, const stub_provider_spec *spec, USHORT requested)
{
    USHORT version = requested;
    if (spec->dispatch_highest_minor) {
        /* a later minor version of the same major is a superset: the provider may answer with it */
        USHORT top = MAKE_WSK_VERSION(WSK_MAJOR_VERSION(requested), 0xff);
        version = spec->characteristics.HighestVersion < top ? spec->characteristics.HighestVersion : top;
        if (version < requested)
            version = requested;
    }
    /* The socket and name functions are modelled in wsk_sockets.c and wsk_addrinfo.c. */
    *d = (WSK_PROVIDER_DISPATCH){version,        0,
                                 wsk_socket,     wsk_socket_connect,
                                 control_client, wsk_get_address_info,
                                 wsk_free_address_info, wsk_get_name_info};
}
