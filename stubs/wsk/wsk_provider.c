/* wsk_provider.c - the WSK subsystem as an NMR provider of NPI_WSK_INTERFACE_ID: it decides
 * attach by version (unless the fault plan says otherwise) and hands out a WSK_CLIENT and a
 * WSK_PROVIDER_DISPATCH whose entry points check that their caller may still call them. */
#include "kernel.h"
#include "wsk_calls.h"

/* {2227E803-8D8B-11D4-ABAD-009027719E09}: the WSK NPI; real drivers get it from netio.lib. */
const NPIID NPI_WSK_INTERFACE_ID = {0x2227E803, 0x8D8B, 0x11D4, {0xAB, 0xAD, 0x00, 0x90, 0x27, 0x71, 0x9E, 0x09}};

bool wsk_version_supported(const stub_provider_spec *spec, USHORT requested)
{
    return spec->characteristics.LowestVersion <= requested && requested <= spec->characteristics.HighestVersion;
}

NTSTATUS wsk_provider_attach_client(HANDLE binding_handle, PVOID provider_context,
                                    PNPI_REGISTRATION_INSTANCE client_instance, PVOID client_binding_context,
                                    const void *client_dispatch, PVOID *provider_binding_context,
                                    const void **provider_dispatch)
{
    (void)client_instance;
    (void)client_binding_context;
    const nmr_provider *p = provider_context;
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
    nmr_binding *b = (nmr_binding *)binding_handle;
    wsk_fill_dispatch(&b->dispatch, p->spec, cd->Version);
    *provider_binding_context = &b->wsk_client;
    *provider_dispatch = &b->dispatch;
    return STATUS_SUCCESS;
}

NTSTATUS wsk_provider_detach_client(PVOID provider_binding_context)
{
    /* The subsystem finishes detaching only once the binding's sockets are closed (wsk_sockets.c). */
    const struct _WSK_CLIENT *c = provider_binding_context;
    return wsk_sockets_provider_detaching(c->binding) ? STATUS_PENDING : STATUS_SUCCESS;
}

void wsk_provider_cleanup(PVOID provider_binding_context)
{
    (void)provider_binding_context;
}

/* ---- the dispatch entry points: check the caller first, then act ---- */

/* The WSK_CLIENT objects live in the state arrays: compare addresses, never dereference. */
static void check_client(PWSK_CLIENT client, const char *call)
{
    for (unsigned i = 0; i < k.nbindings; i++) {
        if (client != &k.bindings[i].wsk_client)
            continue;
        trace_event(T_WSK_CALL, i, 0, 0);
        bind_state s = k.bindings[i].state;
        if (s == BIND_DETACHING || s == BIND_CLEANED)
            verdict_fire(V_PROVIDER_CALL_AFTER_DETACH, "%s on binding %u after ClientDetachProvider was called",
                         call, i);
        if (s != BIND_ATTACHED)
            verdict_fire(V_PROVIDER_CALL_UNBOUND, "%s on binding %u, which never attached", call, i);
        return;
    }
    for (unsigned i = 0; i < k.nwsk_regs; i++) {
        if (client != &k.wsk_regs[i].wsk_client)
            continue;
        trace_event(T_WSK_CALL, 0x100 + i, 0, 0);
        if (k.wsk_regs[i].state != REG_ACTIVE)
            verdict_fire(V_WSK_CALL_AFTER_DEREGISTER, "%s after WskDeregister", call);
        if (k.wsk_regs[i].captures == 0)
            verdict_fire(V_WSK_CALL_AFTER_RELEASE, "%s after WskReleaseProviderNPI released the provider NPI", call);
        return;
    }
    trace_event(T_WSK_CALL, (uint64_t)-1, 0, 0);
    verdict_fire(V_PROVIDER_CALL_UNBOUND, "%s with %p, which is no WSK_CLIENT the provider handed out", call, client);
}

void wsk_client_check(PWSK_CLIENT client, const char *call)
{
    check_client(client, call);
}

static int binding_of_client(PWSK_CLIENT client)
{
    for (unsigned i = 0; i < k.nbindings; i++)
        if (client == &k.bindings[i].wsk_client)
            return (int)i;
    return -1;
}

static int reg_of_client(PWSK_CLIENT client)
{
    for (unsigned i = 0; i < k.nwsk_regs; i++)
        if (client == &k.wsk_regs[i].wsk_client)
            return (int)i;
    return -1;
}

/* One exit for calls with an IRP: complete it now, or hold it until the world completes it. */
static NTSTATUS finish(PWSK_CLIENT client, PIRP irp, NTSTATUS status, ULONG_PTR information)
{
    if (!irp)
        return status == STATUS_PENDING ? STATUS_SUCCESS : status;
    if (status == STATUS_PENDING &&
        io_pend_irp(irp, STATUS_SUCCESS, information, binding_of_client(client), reg_of_client(client)))
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
