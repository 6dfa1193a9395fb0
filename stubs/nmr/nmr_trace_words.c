/* nmr_trace_words.c - how the NMR's events read in a trace, in the words of the calls. */
#include <stdio.h>

#include "nmr.h"

static long long index_of(uint64_t a)
{
    return (long long)(int64_t)a; /* -1: a handle that is none of the NMR's */
}

static void format_nmr(char *out, size_t size, const trace_view *v, const trace_view *previous)
{
    (void)previous;
    long long i = index_of(v->a);
    const char *status = status_name(v->status);
    switch (v->ev) {
    case T_NMR_REGISTER_CLIENT:
        if (v->is_return)
            snprintf(out, size, "NmrRegisterClient -> %s (client registration %lld)", status, i);
        else
            snprintf(out, size, "NmrRegisterClient(ClientCharacteristics, ClientContext, &NmrClientHandle)");
        return;
    case T_NMR_DEREGISTER_CLIENT:
        snprintf(out, size, v->is_return ? "NmrDeregisterClient(client registration %lld) -> %s"
                                         : "NmrDeregisterClient(client registration %lld)", i, status);
        return;
    case T_NMR_WAIT_CLIENT:
        snprintf(out, size, v->is_return ? "NmrWaitForClientDeregisterComplete(client registration %lld) -> %s"
                                         : "NmrWaitForClientDeregisterComplete(client registration %lld)", i, status);
        return;
    case T_PROVIDER_DEREGISTER:
        snprintf(out, size, "provider %lld deregisters (NmrDeregisterProvider): its bindings detach", i);
        return;
    case T_CLIENT_ATTACH_PROVIDER:
        if (v->is_return)
            snprintf(out, size, "ClientAttachProvider(binding %lld) returns %s after %llu NmrClientAttachProvider "
                     "call(s)", i, status, (unsigned long long)v->b);
        else
            snprintf(out, size, "ClientAttachProvider(binding %lld, provider %llu)", i, (unsigned long long)v->b);
        return;
    case T_NMR_CLIENT_ATTACH_PROVIDER:
        if (v->is_return)
            snprintf(out, size, "NmrClientAttachProvider(binding %lld) -> %s (call %llu)", i, status,
                     (unsigned long long)v->b);
        else
            snprintf(out, size, "NmrClientAttachProvider(binding %lld)", i);
        return;
    case T_CLIENT_DETACH_PROVIDER:
        snprintf(out, size, v->is_return ? "ClientDetachProvider(binding %lld) returns %s"
                                         : "ClientDetachProvider(binding %lld)", i, status);
        return;
    case T_NMR_DETACH_COMPLETE:
        snprintf(out, size, "NmrClientDetachProviderComplete(binding %lld)", i);
        return;
    case T_CLIENT_CLEANUP:
        snprintf(out, size, "ClientCleanupBindingContext(binding %lld)", i);
        return;
    default:
        snprintf(out, size, "NMR event %d", (int)v->ev);
        return;
    }
}

void nmr_trace_words_start(void)
{
    static const trace_event_id events[] = {T_NMR_REGISTER_CLIENT, T_NMR_DEREGISTER_CLIENT, T_NMR_WAIT_CLIENT,
                                            T_PROVIDER_DEREGISTER, T_CLIENT_ATTACH_PROVIDER,
                                            T_NMR_CLIENT_ATTACH_PROVIDER, T_CLIENT_DETACH_PROVIDER,
                                            T_NMR_DETACH_COMPLETE, T_CLIENT_CLEANUP};
    for (unsigned i = 0; i < sizeof events / sizeof events[0]; i++)
        trace_set_formatter(events[i], format_nmr);
}
